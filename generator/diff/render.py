"""Changes as a Markdown changelog, JSON, plain text or GitHub Actions annotations."""

from __future__ import annotations

import json
from collections.abc import Callable

from .rules import BREAKING, INFO, SEVERITIES, WARNING, Change

_ANNOTATION = {BREAKING: "error", WARNING: "warning", INFO: "notice"}


def render_json(old: str, new: str, changes: list[Change]) -> str:
    document = {"old": old, "new": new, "changes": [c.to_json() for c in changes]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def render_text(old: str, new: str, changes: list[Change]) -> str:
    lines = [f"{old} -> {new}: {summary(changes)}"]
    for change in by_severity(changes):
        lines.append(
            f"{change.severity.upper():8} {_where(change)}: {change.message}"
            f"  [{change.id} at {change.location}]"
        )
    return "\n".join(lines) + "\n"


def render_github(old: str, new: str, changes: list[Change]) -> str:
    """Workflow commands: each change becomes an ::error, ::warning or ::notice."""
    lines = []
    for change in by_severity(changes):
        title = _escape(f"{change.id} ({old} -> {new})", prop=True)
        text = _escape(f"{_where(change)}: {change.message}")
        lines.append(f"::{_ANNOTATION[change.severity]} title={title}::{text}")
    return "".join(line + "\n" for line in lines)


def render_markdown(old: str, new: str, changes: list[Change]) -> str:
    return f"# API changes: {old} → {new}\n\n" + markdown_body(changes, level=2)


def markdown_body(changes: list[Change], level: int) -> str:
    """Breaking changes first, then per operation, then per schema, for a release
    manager; `level` is the heading level of those three sections."""
    h = "#" * level
    if not changes:
        return "No API changes.\n"
    out = [f"{summary(changes)}.", ""]
    breaking = [c for c in changes if c.severity == BREAKING]
    if breaking:
        out += [f"{h} Breaking changes", ""]
        out += [
            f"- {_where(c, code=True)}: {c.message}{_reach(c)}" for c in breaking
        ] + [""]
    rest = [c for c in changes if c.severity != BREAKING]
    out += _operations(changes, rest, h)
    out += _schemas(rest, h)
    return "\n".join(out).rstrip("\n") + "\n"


def _operations(changes: list[Change], rest: list[Change], h: str) -> list[str]:
    added = [c.operation for c in rest if c.id == "operation-added"]
    direct: dict[str, list[Change]] = {}
    for change in rest:
        if change.operation is not None and change.id != "operation-added":
            direct.setdefault(change.operation, []).append(change)
    # Every existing operation a changed (not new) schema reaches, and those schemas.
    via: dict[str, list[str]] = {}
    for change in changes:
        if change.schema is None or change.id == "schema-added":
            continue
        for op in (op for op in change.operations if op not in added):
            names = via.setdefault(op, [])
            if change.schema not in names:
                names.append(str(change.schema))
    if not (added or direct or via):
        return []
    out = [f"{h} Operations", ""]
    if added:
        out += ["New: " + ", ".join(f"`{op}`" for op in added) + ".", ""]
    for op in [*direct, *(op for op in via if op not in direct)]:
        out += [f"{h}# `{op}`", ""]
        out += [f"- {_flag(c)}{c.message}" for c in direct.get(op, ())]
        if op in via:
            out.append(
                "- Changed through schemas: " + ", ".join(f"`{s}`" for s in via[op])
            )
        out.append("")
    return out


def _schemas(rest: list[Change], h: str) -> list[str]:
    added = [c.schema for c in rest if c.id == "schema-added"]
    grouped: dict[str, list[Change]] = {}
    for change in rest:
        if change.schema is not None and change.id != "schema-added":
            grouped.setdefault(change.schema, []).append(change)
    if not (added or grouped):
        return []
    out = [f"{h} Schemas", ""]
    if added:
        out += ["New: " + ", ".join(f"`{name}`" for name in added) + ".", ""]
    for name, items in grouped.items():
        out += [f"{h}# `{name}`", ""]
        users = items[0].operations
        out += [
            (
                f"Used by: {', '.join(f'`{op}`' for op in users)}."
                if users
                else "Not used by any operation."
            ),
            "",
        ]
        out += [f"- {_flag(c)}{c.message}" for c in items] + [""]
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


def _where(change: Change, code: bool = False) -> str:
    tick = "`" if code else ""
    if change.operation is not None:
        return f"{tick}{change.operation}{tick}"
    return f"schema {tick}{change.schema}{tick}"


def _reach(change: Change) -> str:
    if change.schema is None or not change.operations:
        return ""
    return " (affects " + ", ".join(f"`{op}`" for op in change.operations) + ")"


def _flag(change: Change) -> str:
    return "**Warning:** " if change.severity == WARNING else ""


def _escape(text: str, prop: bool = False) -> str:
    # GitHub workflow-command escaping; properties also escape ':' and ','.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


RENDERERS: dict[str, Callable[[str, str, list[Change]], str]] = {
    "markdown": render_markdown,
    "json": render_json,
    "text": render_text,
    "github": render_github,
}
