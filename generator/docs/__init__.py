"""The Markdown API reference, rendered from the IR through templates/docs."""

from __future__ import annotations

from ..ir import Api


def render_markdown(api: Api) -> str:
    """The reference for `api`, in the published layout; parsing it gives back the
    view (generator.docs.view) it was rendered from."""
    from .render import render_reference
    from .from_ir import reference_view

    return render_reference(reference_view(api))
