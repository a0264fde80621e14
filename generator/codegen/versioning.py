"""Which pinned api-versions have each operation and each keyword argument, read off
the diffs between consecutive pins (generator.diff), and the changes one client
surface cannot serve.

The diff of api-version N-1 -> N says what N added and removed: operations
(`operation-added`/`-removed`), parameters and top-level request-body fields (the
changes whose Python names are keyword arguments, `client.x.create(store=...)`). An
operation is present where the first pin has it or an addition says so, until a
removal; an argument follows its own additions and removals, and before its first one
it is in the state that change left (added: absent before; removed: present before).
An argument without changes is present wherever its operation is.

Served as one surface, two kinds of change are refused (exit 2, both api-versions and
both JSON pointers named): an operationId whose method and path differ between pins
(one method cannot send both), and a parameter or top-level body field whose type
changed (one keyword argument cannot be typed as both).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..conventions import Conventions
from ..errors import SpecError
from ..ir import Api, Operation
from ..parse.pointers import unescape_pointer
from .names import keyword_argument

# Fact kinds (generator.diff.rules.RULES) that add or remove what a caller names.
_ADDED = {
    "operation-added",
    "parameter-added",
    "required-parameter-added",
    "property-added",
    "required-property-added",
    "required-property-with-default-added",
}
_REMOVED = {"operation-removed", "parameter-removed", "property-removed"}


@dataclass(frozen=True)
class Removed:
    """A parameter or body field the newest api-version dropped, as the last pin that
    had it wrote it: the union surface keeps it for that pin."""

    operation: str  # "POST /path"
    api_version: str
    keyword: str
    parameter: tuple[str, str] | None  # (location, name) for a parameter
    body_field: str | None  # wire name for a body field


@dataclass
class Availability:
    """Per operation key and per (operation key, keyword): the api-versions having it,
    for those that not every pin has."""

    api_versions: tuple[str, ...]  # every pin, oldest first
    operations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    arguments: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    removed_operations: dict[str, str] = field(default_factory=dict)  # key -> last pin
    removed_arguments: list[Removed] = field(default_factory=list)


def availability(apis: dict[str, Api], conventions: Conventions) -> Availability:
    """`apis`: every pinned api-version's IR, oldest first."""
    from ..diff import diff_apis
    from ..diff.python import python_report
    from ..diff.rules import RULES

    kinds = {rule.id: rule.kind for rule in RULES}
    versions = list(apis)
    first = apis[versions[0]]
    op_events: dict[str, list[tuple[int, bool]]] = {
        op.key: [(0, True)] for op in first.operations
    }
    arg_events: dict[tuple[str, str], list[tuple[int, bool]]] = {}
    removals: dict[tuple[str, str], Removed] = {}
    for index in range(1, len(versions)):
        before, after = versions[index - 1], versions[index]
        old, new = apis[before], apis[after]
        changes = diff_apis(old, new)
        report = python_report(
            before, after, old, new, changes, conventions=conventions
        )
        for change in report.changes:
            kind = kinds.get(change.id, "")
            if change.id == "request-path-parameter-renamed":
                raise _renamed_path(change.operation or "", old, new, before, after)
            if change.id == "request-type-changed":
                _refuse_type_change(change, old, new, before, after)
            if kind not in _ADDED and kind not in _REMOVED:
                continue
            present = kind in _ADDED
            if kind.startswith("operation-"):
                op_events.setdefault(change.operation or "", []).append(
                    (index, present)
                )
                continue
            for op, keyword in _arguments(change, report.calls):
                arg_events.setdefault((op, keyword), []).append((index, present))
                if not present:
                    removals[(op, keyword)] = _removed(
                        change.location, op, keyword, old, before
                    )
                else:
                    removals.pop((op, keyword), None)
    result = Availability(tuple(versions))
    everywhere = tuple(versions)
    for key, events in op_events.items():
        having = _present(events, versions, start=False)
        if having != everywhere:
            result.operations[key] = having
        if versions[-1] not in having and having:
            result.removed_operations[key] = having[-1]
    for (op, keyword), events in arg_events.items():
        op_having = set(result.operations.get(op, everywhere))
        start = not events[0][1]  # before its first change: the opposite state
        having = tuple(v for v in _present(events, versions, start) if v in op_having)
        if having != tuple(v for v in versions if v in op_having):
            result.arguments[(op, keyword)] = having
        if (op, keyword) in removals and versions[-1] not in having and having:
            result.removed_arguments.append(removals[(op, keyword)])
    _refuse_reused_operation_ids(apis)
    return result


def _present(
    events: list[tuple[int, bool]], versions: list[str], start: bool
) -> tuple[str, ...]:
    """The api-versions where the state the events set (from `start`) is present."""
    state, at = start, dict(events)
    out = []
    for index, version in enumerate(versions):
        state = at.get(index, state)
        if state:
            out.append(version)
    return tuple(out)


def _arguments(change, calls: dict[str, str]) -> list[tuple[str, str]]:
    """(operation key, keyword) of each keyword argument a change names."""
    by_call = {call: op for op, call in calls.items()}
    out = []
    for python in change.python:
        found = keyword_argument(python)
        if found is None:
            continue
        call, keyword = found
        op = by_call.get(call) or change.operation
        if op is not None and (op, keyword) not in out:
            out.append((op, keyword))
    return out


def _removed(
    location: str, op_key: str, keyword: str, old: Api, api_version: str
) -> Removed:
    op = _operation(old, op_key)
    for param in op.parameters if op else ():
        if param.pointer == location:
            return Removed(
                op_key, api_version, keyword, (param.location, param.name), None
            )
    wire = unescape_pointer(location.rsplit("/", 1)[-1])
    return Removed(op_key, api_version, keyword, None, wire)


def _operation(api: Api, key: str) -> Operation | None:
    return next((op for op in api.operations if op.key == key), None)


def _renamed_path(key: str, old: Api, new: Api, before: str, after: str) -> SpecError:
    now = _operation(new, key)
    was = next(
        (op for op in old.operations if now and op.operation_id == now.operation_id),
        None,
    )
    where = f"{was.key} ({old.source}#{was.pointer})" if was else "another path"
    return SpecError(
        new.source,
        f"operation {now.operation_id if now else key} is {key} in api-version "
        f"{after} and {where} in {before}: one client surface cannot serve both "
        "(its keyword arguments differ); pin them in separate projects",
        pointer=now.pointer if now else None,
    )


def _refuse_type_change(change, old: Api, new: Api, before: str, after: str) -> None:
    """A parameter's or top-level body field's type changed: refused."""
    arguments = [p for p in change.python if keyword_argument(p)]
    op = _operation(new, change.operation or "")
    param = next(
        (
            p
            for p in (op.parameters if op else ())
            if p.schema is not None and change.location.startswith(p.schema.pointer)
        ),
        None,
    )
    if not arguments and param is None:
        return  # a nested field: models follow the newest api-version
    old_location = change.location
    if param is not None:
        was = _operation(old, change.operation or "")
        previous = next(
            (
                p
                for p in (was.parameters if was else ())
                if (p.name, p.location) == (param.name, param.location) and p.schema
            ),
            None,
        )
        if previous is not None and previous.schema is not None:
            old_location = previous.schema.pointer
    named = arguments[0] if arguments else f"{param.location} parameter {param.name}"
    raise SpecError(
        new.source,
        f"{named}: type is {change.new!r} in api-version {after} but {change.old!r} "
        f"in {before} ({old.source}#{old_location}): one keyword argument cannot "
        "serve both; pin them in separate projects",
        pointer=change.location,
    )


def _refuse_reused_operation_ids(apis: dict[str, Api]) -> None:
    """One operationId naming different operations in two pins."""
    seen: dict[str, tuple[str, str, Operation]] = {}
    for version, api in apis.items():
        for op in api.operations:
            if not op.operation_id:
                continue
            earlier = seen.get(op.operation_id)
            if earlier is not None and earlier[2].key != op.key:
                first_version, source, first = earlier
                raise SpecError(
                    api.source,
                    f"operationId {op.operation_id} is {op.key} in api-version "
                    f"{version} but {first.key} in {first_version} "
                    f"({source}#{first.pointer}): one client method cannot send "
                    "both; pin them in separate projects",
                    pointer=op.pointer,
                )
            seen[op.operation_id] = (version, api.source, op)
