"""Error and the types nested in it. Azure OpenAI Service API 2024-10-21. Generated
by sdkgen; do not edit.
"""

from __future__ import annotations

from .._types import BaseModel
from .inner_error import InnerError

__all__ = [
    "Error",
]


class Error(BaseModel):
    code: str | None = None

    message: str | None = None

    param: str | None = None

    type: str | None = None

    inner_error: InnerError | None = None
    """Inner error with additional details."""
