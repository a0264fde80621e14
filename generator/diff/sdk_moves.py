"""Where each name the old package lost went in the new one.

A regeneration often keeps a class but moves it, say into its root schema's module under
a scoped name (`models.CreateChatCompletionResponseChoicesItem` becomes
`models.create_chat_completion_response.Choice`). A caller importing the old path
breaks, but the type is the same. Reporting a removal, plus every annotation that names
the class as changed, would bury the one thing to fix: the import.

There are two kinds of evidence, gathered in one worklist:
- an annotation at a path both packages have, of the same shape, that names a lost
  object where the new one names a gained object;
- the gained path's segments, joined in CamelCase under the lost name's parent, spell
  the lost name (`models.content_filter_severity_result.Severity` for
  `models.ContentFilterSeverityResultSeverity`).

Either way the two objects must be of the same kind, and classes must have the same
public members. Members of a moved class are then paired by name, which finds what
moved with it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def find_moves(
    lost: set[str],
    gained: set[str],
    old: dict[str, Any],
    new: dict[str, Any],
    packages: tuple[str, str],
) -> dict[str, str]:
    """Lost path -> the gained path it moved to (paths relative to the packages)."""
    spelled: dict[tuple[str, str], str] = {}
    for path in sorted(gained):
        for parent, spelling in _spellings(path):
            spelled.setdefault((parent, spelling), path)
    moves: dict[str, str] = {}
    for path in sorted(lost):
        parent, _, name = path.rpartition(".")
        target = spelled.get((parent, name))
        if target is not None and _same_kind(old[path], new[target]):
            moves[path] = target
    pending = [(old[p], new[p]) for p in sorted(old.keys() & new.keys())]
    pending += [(old[a], new[b]) for a, b in moves.items()]
    while pending:
        before, after = pending.pop()
        for was, now in _named_pairs(before, after, packages):
            if was in lost and now in gained and was not in moves:
                if now not in moves.values() and _same_kind(old[was], new[now]):
                    moves[was] = now
                    pending.append((old[was], new[now]))
        if before.is_class and after.is_class and _is_moved(before, moves, packages):
            for name in before.members.keys() & after.members.keys():
                pending.append((before.members[name], after.members[name]))
    return moves


def canonical(
    annotation: Any, packages: tuple[str, str], moves: dict[str, str]
) -> frozenset[str]:
    """A union annotation's members with each name spelled by its path (relative to
    the packages), after `moves`: equal for two annotations naming the same types."""
    return frozenset(
        "".join(
            moves.get(text, text) if named else text
            for named, text in _parts(member, packages)
        )
        for member in union_members(annotation)
    )


def union_members(annotation: Any) -> list[Any]:
    """The members of a union annotation (`A | B | None`, `Union[A, B]`)."""
    if annotation is None:
        return []
    import griffe

    if isinstance(annotation, griffe.ExprBinOp) and annotation.operator == "|":
        return union_members(annotation.left) + union_members(annotation.right)
    if isinstance(annotation, griffe.ExprSubscript) and str(annotation.left) in (
        "Union",
        "typing.Union",
    ):
        items = annotation.slice
        elements = items.elements if isinstance(items, griffe.ExprTuple) else [items]
        return [m for element in elements for m in union_members(element)]
    return [annotation]


def _parts(annotation: Any, packages: tuple[str, str]) -> Iterator[tuple[bool, str]]:
    """(is a name, text) in order; a name is its path, however it is spelled
    (`Text`, `response_properties.Text`)."""
    import griffe

    if annotation is None or isinstance(annotation, str):
        yield False, str(annotation)
    elif isinstance(annotation, (griffe.ExprName, griffe.ExprAttribute)):
        yield True, relative(annotation.canonical_path, packages)
    else:
        for part in annotation.iterate(flat=False):
            yield from _parts(part, packages)


def _spellings(path: str) -> Iterator[tuple[str, str]]:
    """(parent, CamelCase of the rest) for every parent of a dotted path."""
    segments = path.split(".")
    for cut in range(len(segments) - 1):
        rest = segments[cut:]
        if len(rest) > 1:
            yield ".".join(segments[:cut]), "".join(_camel(s) for s in rest)


def _camel(segment: str) -> str:
    return "".join(word[:1].upper() + word[1:] for word in segment.split("_"))


def _same_kind(was: Any, now: Any) -> bool:
    """Whether `now` can be `was` moved: a class stays a class (with the same public
    members) in the same part of the package (a model does not become a params dict)."""
    if was.kind != now.kind or _section(was) != _section(now):
        return False
    if was.is_class:
        return _members(was) == _members(now)
    return True


def _section(obj: Any) -> str:
    """The package's top-level member holding `obj` (`models`, `params`, ...)."""
    parts = obj.path.split(".")
    return parts[1] if len(parts) > 1 else ""


def _members(obj: Any) -> frozenset[str]:
    return frozenset(n for n in obj.members if not n.startswith("_"))


def _is_moved(obj: Any, moves: dict[str, str], packages: tuple[str, str]) -> bool:
    return relative(obj.path, packages) in moves


def _named_pairs(
    before: Any, after: Any, packages: tuple[str, str]
) -> Iterator[tuple[str, str]]:
    """(old name, new name) at each position of same-shaped annotations of two objects:
    an attribute's type, a function's parameters and return type."""
    for was, now in _annotation_pairs(before, after):
        old_names = [text for named, text in _parts(was, packages) if named]
        new_names = [text for named, text in _parts(now, packages) if named]
        if len(old_names) == len(new_names):
            yield from (
                pair for pair in zip(old_names, new_names) if pair[0] != pair[1]
            )


def _annotation_pairs(before: Any, after: Any) -> Iterator[tuple[Any, Any]]:
    if before.is_attribute and after.is_attribute:
        yield before.annotation, after.annotation
    elif before.is_function and after.is_function:
        yield before.returns, after.returns
        params = {p.name: p for p in before.parameters}
        for param in after.parameters:
            if param.name in params:
                yield params[param.name].annotation, param.annotation


def relative(path: str, packages: tuple[str, str]) -> str:
    """A dotted path relative to whichever of the two packages holds it."""
    for package in packages:
        if path == package:
            return ""
        if path.startswith(package + "."):
            return path[len(package) + 1 :]
    return path
