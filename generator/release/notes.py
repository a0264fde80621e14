"""A release's changelog entry and version bump, from the API diff since the last
release (its newest api-version against the new newest, with Python names) and the
diff of the generated SDK's public surface (generator.diff.sdk).

Breaking changes bump the major version (the minor one below 1.0), additions the
minor one, anything else the patch. Surface changes the API diff already names
(`models.X.y` for `X.y`, a method's keyword for `client....(kw=...)`) are listed once;
the others come from sdkgen itself (a regenerated class renamed, say) and are listed as
changes of the generated code. Additions of the generated code follow from the API's
additions, so only its breaking changes and warnings are listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .history import HEADINGS

if TYPE_CHECKING:
    from ..diff.python import Report
    from ..diff.rules import Change

FEATURES, BREAKING, FIXES, OTHER = HEADINGS
# Changes that only reword the spec: counted, not listed.
_WORDING = {"description-changed", "summary-changed", "title-changed"}
# Twins of every resource class: their changes are the class's own.
_TWINS = ("WithRawResponse", "WithStreamingResponse")


@dataclass
class Notes:
    sections: dict[str, list[str]] = field(
        default_factory=lambda: {h: [] for h in HEADINGS}
    )
    level: str = "patch"  # major | minor | patch

    def add(self, heading: str, line: str) -> None:
        if line not in self.sections[heading]:
            self.sections[heading].append(line)
        if heading == BREAKING:
            self.level = "major"
        elif heading == FEATURES and self.level == "patch":
            self.level = "minor"

    def entry(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return tuple((h, tuple(lines)) for h, lines in self.sections.items() if lines)


def release_notes(
    report: Report | None,
    sdk_changes: list[Change],
    resource_calls: dict[str, str],
    added_versions: list[str],
    previous: str | None,
    newest: str,
    remarks: list[str],
) -> Notes:
    """`report`: the API diff since the previous release (None for a first release);
    `resource_calls`: resource class -> `client.x.y` of the new package."""
    notes = Notes()
    if report is not None:
        _api_changes(notes, report)
        _sdk_changes(notes, sdk_changes, report, resource_calls)
    versions = ", ".join(f"`{v}`" for v in added_versions)
    if added_versions:
        default = f"; `{newest}` is the default" if newest in added_versions else ""
        plural = "s" if len(added_versions) > 1 else ""
        line = f"Serves api-version{plural} {versions}{default}"
        if report is None:
            notes.add(FEATURES, f"First release. {line}.")
        elif not any(notes.sections[h] for h in (FEATURES, BREAKING)):
            changes = "no API changes" if not report.changes else "no API additions"
            notes.add(OTHER, f"{line}, with {changes} from `{previous}`.")
        else:
            notes.sections[FEATURES].insert(
                0, f"{line} (changes below from `{previous}`)."
            )
    for remark in remarks:
        notes.add(OTHER, remark)
    return notes


def _api_changes(notes: Notes, report: Report) -> None:
    reworded, models = 0, []
    for change in report.changes:
        if change.id in _WORDING:
            reworded += 1
        elif change.id == "schema-added":
            models.append(report.model(change.schema or "") or change.schema or "")
        elif change.id == "operation-added" and change.operation:
            call = report.call(change.operation) or change.operation
            notes.add(FEATURES, f"Added `{call}()` (`{change.operation}`).")
        elif change.severity == "breaking":
            notes.add(BREAKING, _line(change, report))
        elif change.severity == "info" and change.id.endswith("-added"):
            notes.add(FEATURES, _line(change, report))
        else:
            notes.add(OTHER, _line(change, report))
    # calls first, then their new arguments, then the rest
    notes.sections[FEATURES].sort(key=_feature_order)
    if models:
        names = ", ".join(f"`{m}`" for m in sorted(models))
        notes.add(FEATURES, f"Added models {names}.")
    if reworded:
        plural = "s" if reworded > 1 else ""
        notes.add(OTHER, f"{reworded} description{plural} in the spec reworded.")


def _feature_order(line: str) -> int:
    return (
        0
        if line.startswith("Added `client")
        else 1 if line.startswith("`client") else 2
    )


def _line(change: Change, report: Report) -> str:
    if change.id == "operation-removed" and change.operation:
        call = report.call(change.operation) or change.operation
        return f"`{call}()` (`{change.operation}`): operation removed."
    names = list(change.python[:1])
    if not names:
        names = [change.schema or change.operation or change.location]
    return f"`{names[0]}`: {change.message}."


def _sdk_changes(
    notes: Notes, changes: list[Change], report: Report, calls: dict[str, str]
) -> None:
    named = {n for c in report.changes for n in c.python}
    named |= {f"{call}()" for call in report.calls.values()}
    named |= set(report.models.values())
    owners = {n.split(".")[0].split("(")[0] for n in named}
    for change in changes:
        if change.severity == "info":
            continue
        for path in change.python or (change.location,):
            python = _python_name(path, calls)
            if python is None or python in named or python.split(".")[0] in owners:
                continue
            heading = BREAKING if change.severity == "breaking" else OTHER
            notes.add(heading, f"`{python}`: {change.message} (in the generated code).")


def _python_name(path: str, calls: dict[str, str]) -> str | None:
    """`models.X.y` -> `X.y`; `resources.chat.ChatCompletions.create(a=...)` ->
    `client.chat.completions.create(a=...)`; None for a twin's or async copy."""
    parts = path.split(".")
    if parts[-1] == "__version__":
        return None  # a release changes it
    if parts[0] == "models":
        return ".".join(parts[1:]) or path
    if parts[0] == "resources" and len(parts) >= 3:
        cls = parts[2].split("(")[0]
        if cls.startswith("Async") or cls.endswith(_TWINS):
            return None
        client = calls.get(cls)
        if client is not None:
            return ".".join([client, *parts[3:]])
    return path
