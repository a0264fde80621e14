"""The IR seen without what locates it in its input file, for comparing the IR of two
renderings of one API (Swagger 2.0 and OpenAPI 3.0, OpenAPI 3.2 and 3.1)."""

from __future__ import annotations

import dataclasses
from typing import Any

LOCATING = ("pointer", "source", "openapi", "files_read")


def without_locations(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {
            f.name: without_locations(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in LOCATING
        }
    if isinstance(value, (list, tuple)):
        return [without_locations(v) for v in value]
    if isinstance(value, dict):
        return {k: without_locations(v) for k, v in sorted(value.items())}
    return value
