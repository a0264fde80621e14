"""A report as a Markdown changelog, JSON, plain text, GitHub Actions annotations or
one HTML page (html.py).

Each change is named the way a Python caller meets it (the call and keyword argument,
the model class and attribute, the enum member) beside its HTTP operation and JSON
pointer; description changes show a shortened word diff of the old and new text.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from .python import Report
from .rules import BREAKING, INFO, SEVERITIES, WARNING, Change
from .wording import plain, word_diff

_ANNOTATION = {BREAKING: "error", WARNING: "warning", INFO: "notice"}


def render_json(report: Report) -> str:
    document = {
        "old": report.old,
        "new": report.new,
        "changes": [c.to_json() for c in report.changes],
    }
    return json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n"


def render_text(report: Report) -> str:
    lines = [f"{report.old} -> {report.new}: {summary(report.changes)}"]
    for change in by_severity(report.changes):
        lines.append(
            f"{change.severity.upper():8} {headline(change, report)}: {change.message}"
            f"{wording(change, '[-{}-]', '{{+{}+}}', ' — ')}"
            f"  [{change.id} at {_http(change)}{change.location}]"
        )
    return "\n".join(lines) + "\n"


def render_github(report: Report) -> str:
    """Workflow commands: each change becomes an ::error, ::warning or ::notice on the
    line of the revision spec where it is (or where the removed part was held)."""
    lines_of: dict[str, int] = {}
    file = ""
    if report.revision_file is not None:
        from .locate import locate

        lines_of = locate(report.revision_file, (c.location for c in report.changes))
        file = _relative(report.revision_file)
    out = []
    for change in by_severity(report.changes):
        props = []
        if file:
            props += [f"file={_escape(file, prop=True)}"]
            props += [f"line={lines_of.get(change.location, 1)}"]
        title = f"{change.id} ({report.old} -> {report.new})"
        props.append(f"title={_escape(title, prop=True)}")
        text = f"{headline(change, report)}: {change.message}"
        text += wording(change, "[-{}-]", "{{+{}+}}", " — ")
        text += f" ({_http(change)}{change.location})"
        out.append(
            f"::{_ANNOTATION[change.severity]} {','.join(props)}::{_escape(text)}"
        )
    return "".join(line + "\n" for line in out)


def render_markdown(report: Report) -> str:
    return f"# API changes: {report.old} → {report.new}\n\n" + markdown_body(
        report, level=2
    )


def markdown_body(report: Report, level: int) -> str:
    """Breaking changes first, then per Python call (operation), then per model class
    (schema), for a release manager; `level` is the heading level of those sections."""
    h = "#" * level
    changes = report.changes
    if not changes:
        return "No API changes.\n"
    out = [f"{summary(changes)}.", ""]
    breaking = [c for c in changes if c.severity == BREAKING]
    if breaking:
        out += [f"{h} Breaking changes", ""]
        out += [_bullet(c, report, reach=True) for c in breaking] + [""]
    rest = [c for c in changes if c.severity != BREAKING]
    out += _operations(report, rest, h)
    out += _schemas(report, rest, h)
    # servers, security schemes, the generated SDK's own surface
    other = [c for c in rest if c.operation is None and c.schema is None]
    if other:
        out += [f"{h} Other changes", ""]
        out += [_bullet(c, report) for c in other] + [""]
    return "\n".join(out).rstrip("\n") + "\n"


def _bullet(change: Change, report: Report, reach: bool = False) -> str:
    flag = "**Warning:** " if change.severity == WARNING else ""
    names = _code(change.python) or _code([_where(change)])
    text = f"- {flag}{names}: {change.message}"
    text += wording(change, "~~{}~~", "**{}**", ": ")
    pointer = change.location.startswith("/")
    where = [_http(change).strip() or None, f"#{change.location}" if pointer else None]
    if any(where):
        text += " (" + ", ".join(f"`{w}`" for w in where if w) + ")"
    if reach and change.schema is not None and change.operations:
        text += "; affects " + _code(_calls(report, change.operations))
    return text


def _operations(report: Report, rest: list[Change], h: str) -> list[str]:
    added = [c.operation for c in rest if c.id == "operation-added" and c.operation]
    direct: dict[str, list[Change]] = {}
    for change in rest:
        if change.operation is not None and change.id != "operation-added":
            direct.setdefault(change.operation, []).append(change)
    # Every existing operation a changed (not new) schema reaches, and those schemas.
    via: dict[str, list[str]] = {}
    for change in report.changes:
        if change.schema is None or change.id == "schema-added":
            continue
        for op in (op for op in change.operations if op not in added):
            names = via.setdefault(op, [])
            if change.schema not in names:
                names.append(change.schema)
    if not (added or direct or via):
        return []
    out = [f"{h} Operations", ""]
    if added:
        out += ["New: " + ", ".join(_operation(report, op) for op in added) + ".", ""]
    for op in [*direct, *(op for op in via if op not in direct)]:
        out += [f"{h}# {_operation(report, op)}", ""]
        out += [_bullet(c, report) for c in direct.get(op, ())]
        if op in via:
            models = [report.model(s) or s for s in via[op]]
            out.append("- Changed through models: " + _code(models))
        out.append("")
    return out


def _schemas(report: Report, rest: list[Change], h: str) -> list[str]:
    added = [c.schema for c in rest if c.id == "schema-added" and c.schema]
    grouped: dict[str, list[Change]] = {}
    for change in rest:
        if change.schema is not None and change.id != "schema-added":
            grouped.setdefault(change.schema, []).append(change)
    if not (added or grouped):
        return []
    out = [f"{h} Models", ""]
    if added:
        out += ["New: " + ", ".join(_model(report, name) for name in added) + ".", ""]
    for name, items in grouped.items():
        out += [f"{h}# {_model(report, name)}", ""]
        users = items[0].operations
        out += [
            (
                f"Used by: {_code(_calls(report, users))}."
                if users
                else "Not used by any operation."
            ),
            "",
        ]
        out += [_bullet(c, report) for c in items] + [""]
    return out


def summary(changes: list[Change]) -> str:
    counts = {severity: 0 for severity in SEVERITIES}
    for change in changes:
        counts[change.severity] += 1
    plural = "" if len(changes) == 1 else "s"
    return (
        f"{len(changes)} change{plural}: {counts[BREAKING]} breaking, "
        f"{counts[WARNING]} warning{'' if counts[WARNING] == 1 else 's'}, {counts[INFO]} info"
    )


def by_severity(changes: list[Change]) -> list[Change]:
    return sorted(changes, key=lambda c: SEVERITIES.index(c.severity))


def headline(change: Change, report: Report) -> str:
    """What the caller touches: the Python names, else the operation's call or the
    schema's model, else the HTTP operation or schema."""
    if change.python:
        return ", ".join(change.python)
    if change.operation is not None:
        return report.call(change.operation) or change.operation
    if change.schema is not None:
        return report.model(change.schema) or f"schema {change.schema}"
    return "API"


def wording(change: Change, removed: str, added: str, lead: str) -> str:
    """The word diff of a changed description (or summary), after `lead`."""
    if change.id not in ("description-changed", "summary-changed"):
        return ""
    return lead + plain(word_diff(change.old, change.new), removed, added)


def _where(change: Change) -> str:
    if change.operation is not None:
        return change.operation
    return f"schema {change.schema}" if change.schema else "API"


def _http(change: Change) -> str:
    return f"{change.operation} " if change.operation else ""


def _calls(report: Report, operations: tuple[str, ...]) -> list[str]:
    return [f"{report.call(op)}()" if report.call(op) else op for op in operations]


def _operation(report: Report, op: str) -> str:
    call = report.call(op)
    return f"`{call}()` (`{op}`)" if call else f"`{op}`"


def _model(report: Report, schema: str) -> str:
    model = report.model(schema)
    return (
        f"`{model}` (schema `{schema}`)" if model and model != schema else f"`{schema}`"
    )


def _code(names: list[str] | tuple[str, ...]) -> str:
    return ", ".join(f"`{name}`" for name in names)


def _relative(path: Path) -> str:
    """A path as GitHub expects it: relative to the workspace (the working folder)."""
    try:
        return Path(os.path.relpath(path.resolve())).as_posix()
    except ValueError:  # another drive
        return path.as_posix()


def _escape(text: str, prop: bool = False) -> str:
    # GitHub workflow-command escaping; properties also escape ':' and ','.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def render_html(report: Report) -> str:
    from .html import render_html as page

    return page(report)


RENDERERS: dict[str, Callable[[Report], str]] = {
    "markdown": render_markdown,
    "json": render_json,
    "text": render_text,
    "github": render_github,
    "html": render_html,
}
