"""A reconcile report as JSON, or as text a doc writer can act on."""

from __future__ import annotations

import json
from pathlib import Path

from .findings import KINDS, Report


def report_json(report: Report) -> str:
    data = {
        "markdown": {
            "operations": report.markdown.operations,
            "schemas": report.markdown.schemas,
        },
        "openapi": {
            "operations": report.openapi.operations,
            "schemas": report.openapi.schemas,
        },
        "findings": [
            {
                "kind": f.kind,
                "where": f.where,
                "markdown": f.markdown,
                "openapi": f.openapi,
                "message": f.message,
                "line": f.line,
            }
            for f in report.findings
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def report_text(report: Report) -> str:
    doc = Path(report.markdown_source).name
    lines = [
        f"Reference {report.markdown_source}",
        f"  documents {report.markdown.operations} operations and {report.markdown.schemas} schemas;",
        f"spec {report.openapi_source}",
        f"  defines {report.openapi.operations} operations and {report.openapi.schemas} schemas.",
    ]
    if not report.findings:
        lines.append("They agree on everything the reference format carries.")
        return "\n".join(lines) + "\n"
    lines.append(f"{len(report.findings)} findings.")
    for kind, title in KINDS.items():
        found = [f for f in report.findings if f.kind == kind]
        if not found:
            continue
        lines += ["", f"{title} ({kind}, {len(found)}):"]
        for finding in found:
            place = f"{doc}:{finding.line}" if finding.line else doc
            lines.append(f"- {place}: {finding.where}")
            lines.append(f"  {finding.message}")
    return "\n".join(lines) + "\n"
