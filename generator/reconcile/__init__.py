"""Where a Markdown API reference and the OpenAPI spec it documents disagree."""

from __future__ import annotations

from ..docs.from_ir import reference_view
from ..ir import Api
from ..parse.markdown import MarkdownResult
from .compare import compare
from .findings import Counts, Finding, Report

__all__ = ["Finding", "Report", "reconcile"]


def reconcile(markdown: MarkdownResult, openapi: Api) -> Report:
    doc = reference_view(markdown.api, markdown.unstated_required)
    spec = reference_view(openapi)
    return Report(
        markdown_source=markdown.api.source,
        openapi_source=openapi.source,
        markdown=Counts(len(doc.operations), len(doc.schemas)),
        openapi=Counts(len(spec.operations), len(spec.schemas)),
        findings=tuple(compare(doc, spec)),
    )
