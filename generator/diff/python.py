"""Changes in the caller's words: each change gets the Python names it touches (the
call and keyword argument, the model class and attribute, the enum member), read from
generator.codegen.names (or kept by generator.codegen.name_index), and the report
carries the call of every operation and the class of every schema. The planners run
only when a report is rendered, and only for the API (old or new) that some change
points into."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..conventions import AZURE_OPENAI, Conventions
from ..ir import Api
from .rules import Change

if TYPE_CHECKING:
    from ..codegen.name_index import NameIndex


@dataclass
class Report:
    """What the renderers print: the two labels, the changes (with Python names) and
    the revision's spec file (for annotations that point at lines)."""

    old: str
    new: str
    changes: list[Change]
    calls: dict[str, str] = field(default_factory=dict)  # operation key -> call
    models: dict[str, str] = field(default_factory=dict)  # schema -> class
    revision_file: Path | None = None

    def call(self, operation: str) -> str | None:
        return self.calls.get(operation)

    def model(self, schema: str) -> str | None:
        return self.models.get(schema)


class _Names:
    def __init__(self, old: Api, new: Api, conventions: Conventions) -> None:
        self.old_api, self.new_api = old, new
        self.conventions = conventions

    @cached_property
    def old(self) -> NameIndex:
        from ..codegen.name_index import python_names

        return python_names(self.old_api, self.conventions)

    @cached_property
    def new(self) -> NameIndex:
        from ..codegen.name_index import python_names

        return python_names(self.new_api, self.conventions)


def python_report(
    old_label: str,
    new_label: str,
    old: Api,
    new: Api,
    changes: list[Change],
    revision_file: Path | None = None,
    conventions: Conventions = AZURE_OPENAI,
) -> Report:
    report = Report(old_label, new_label, [], revision_file=revision_file)
    if not changes:
        return report
    names = _Names(old, new, conventions)
    for change in changes:
        index = names.old if change.in_base else names.new
        # The attribute or keyword holding a part says more than the part's own class.
        found = index.at(change.location)
        python = [n for n in found if "." in n or "(" in n] or list(found)
        if change.id.endswith("enum-value-added"):
            python += names.new.enum_members(change.location, change.new or [])
        elif change.id.endswith("enum-value-removed"):
            python += names.old.enum_members(change.location, change.old or [])
        report.changes.append(replace(change, python=tuple(python)))
        for op in change.operations:
            if op not in report.calls:
                call = names.new.calls.get(op) or names.old.calls.get(op)
                if call is not None:
                    report.calls[op] = call
        if change.schema is not None and change.schema not in report.models:
            side = names.old if change.in_base else names.new
            model = side.models.get(change.schema)
            if model is not None:
                report.models[change.schema] = model
    return report
