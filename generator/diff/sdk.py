"""What changed in the generated SDK itself: the public Python surface of two package
folders, compared with griffe (static analysis, nothing imported), each change judged
for Python callers.

griffe's breakage detection finds what it was made for (names removed, parameters
removed, moved, made required or re-kinded, defaults and return contracts changed);
one walk over griffe's objects adds what it leaves out: names added, classes renamed
(the same members under a new name, as when a regenerated inline class is renumbered),
and annotation changes judged by the direction of the data (a parameter may widen, an
attribute or return value may narrow). Works on any package folder, wherever it sits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UserError
from .rules import BREAKING, INFO, WARNING, Change
from .sdk_moves import canonical, find_moves, relative, union_members

# griffe's breakage kinds -> (id, severity, message over old, new and detail)
_BREAKAGES = {
    "OBJECT_REMOVED": ("sdk-name-removed", BREAKING, "removed"),
    "OBJECT_CHANGED_KIND": (
        "sdk-kind-changed",
        BREAKING,
        "changed from {old} to {new}",
    ),
    "PARAMETER_REMOVED": ("sdk-parameter-removed", BREAKING, "removed"),
    "PARAMETER_ADDED_REQUIRED": (
        "sdk-required-parameter-added",
        BREAKING,
        "added as required",
    ),
    "PARAMETER_CHANGED_REQUIRED": (
        "sdk-parameter-became-required",
        BREAKING,
        "became required",
    ),
    "PARAMETER_MOVED": ("sdk-parameter-moved", BREAKING, "moved: {detail}"),
    "PARAMETER_CHANGED_KIND": (
        "sdk-parameter-kind-changed",
        BREAKING,
        "changed from {old} to {new}",
    ),
    "PARAMETER_CHANGED_DEFAULT": (
        "sdk-parameter-default-changed",
        WARNING,
        "default changed from {old} to {new}",
    ),
    "RETURN_CHANGED_TYPE": (
        "sdk-return-type-changed",
        BREAKING,
        "returns {new}, was {old}",
    ),
    "ATTRIBUTE_CHANGED_TYPE": (
        "sdk-attribute-type-changed",
        BREAKING,
        "is now {new}, was {old}",
    ),
    "ATTRIBUTE_CHANGED_VALUE": (
        "sdk-attribute-value-changed",
        WARNING,
        "is now {new}, was {old}",
    ),
    "CLASS_REMOVED_BASE": (
        "sdk-base-class-removed",
        BREAKING,
        "lost a base class: {old} -> {new}",
    ),
}


@dataclass(frozen=True)
class _Surface:
    """A package's public objects by dotted path relative to the package."""

    name: str
    root: Any  # griffe Module
    objects: dict[str, Any]


def diff_packages(old_dir: Path, new_dir: Path) -> list[Change]:
    import griffe

    old, new = _load(old_dir), _load(new_dir)
    packages = (old.name, new.name)
    breakages = list(griffe.find_breaking_changes(old.root, new.root))
    moves = find_moves(
        old.objects.keys() - new.objects.keys(),
        new.objects.keys() - old.objects.keys(),
        old.objects,
        new.objects,
        packages,
    )

    def same(was: Any, now: Any) -> bool:
        """Whether two annotations name the same types, once moves are followed."""
        return canonical(was, packages, moves) == canonical(now, packages, {})

    changes: list[Change] = []
    removed: dict[str, Any] = {}
    for breakage in breakages:
        kind = breakage.kind.name
        path = relative(breakage.obj.path, packages)
        if kind == "OBJECT_REMOVED":
            removed[path] = old.objects.get(path, breakage.obj)
            continue
        if kind.endswith("CHANGED_TYPE") and same(
            breakage.old_value, breakage.new_value
        ):
            continue
        if kind.startswith("PARAMETER"):
            param = breakage.old_value or breakage.new_value
            path = f"{path}({param.name}=...)"
            old_value = _param_text(breakage.old_value)
            new_value = _param_text(breakage.new_value)
        else:
            old_value, new_value = breakage.old_value, breakage.new_value
        changes.append(_change(kind, path, old_value, new_value, breakage.details))
    changes += _moved(removed, moves, old)
    added = [
        p
        for p in new.objects
        if p not in old.objects
        and _top(p, new.objects, old)
        and not _inside(p, moves.values())
    ]
    changes += _renames_and_removals(removed, added, old, new)
    for path in old.objects.keys() & new.objects.keys():
        changes += _annotations(path, old.objects[path], new.objects[path], same)
    return changes


def _moved(
    removed: dict[str, Any], moves: dict[str, str], old: _Surface
) -> list[Change]:
    """Each move (see sdk_moves) is reported once, with where the name went: renamed
    in its own module, moved out of it. What moved with a class (its members) and
    what griffe saw removed there are not reported again."""
    out = []
    for path, target in sorted(moves.items()):
        if path.rpartition(".")[0] in moves:
            continue
        if _siblings(path, target):
            out.append(
                _made("sdk-class-renamed", BREAKING, f"renamed to `{target}`", path)
            )
        else:
            out.append(_made("sdk-name-moved", BREAKING, f"moved to `{target}`", path))
    for path in list(removed):
        if _inside(path, moves):
            del removed[path]
    return out


def _inside(path: str, paths: Iterable[str]) -> bool:
    return any(path == p or path.startswith(p + ".") for p in paths)


def _load(folder: Path) -> _Surface:
    import griffe

    if not (folder / "__init__.py").is_file():
        raise UserError(str(folder), "not a Python package folder (no __init__.py)")
    loader = griffe.GriffeLoader(search_paths=[str(folder.resolve().parent)])
    try:
        root = loader.load(folder.name)
    except (ImportError, SyntaxError, griffe.GriffeError) as exc:
        raise UserError(str(folder), f"cannot read the package: {exc}") from None
    loader.resolve_aliases(implicit=False, external=False)
    return _Surface(folder.name, root, dict(_public(root, "")))


def _public(
    obj: Any, prefix: str, seen: set[str] | None = None
) -> Iterator[tuple[str, Any]]:
    """(relative path, object) of every public object, re-exports at their public path."""
    seen = set() if seen is None else seen
    for name, member in obj.members.items():
        if name.startswith("__") or not member.is_public:
            continue
        try:
            target = member.final_target if member.is_alias else member
        except Exception:  # an alias to something outside the package: not ours
            continue
        path = f"{prefix}{name}"
        yield path, target
        if target.path not in seen and (target.is_class or target.is_module):
            seen.add(target.path)
            yield from _public(target, f"{path}.", seen)


def _top(path: str, objects: dict[str, Any], old: _Surface) -> bool:
    """Whether `path` is added in itself, not as a member of an added object."""
    parent = path.rsplit(".", 1)[0] if "." in path else ""
    return not parent or parent in old.objects


def _renames_and_removals(
    removed: dict[str, Any], added: list[str], old: _Surface, new: _Surface
) -> list[Change]:
    """An added class holding exactly the members a class lost (or had, if it is gone)
    is that class renamed: one breaking change instead of a removal and an addition."""
    out: list[Change] = []
    lost: dict[str, set[str]] = {}
    for path in removed:
        parent, _, member = path.rpartition(".")
        if parent in new.objects and old.objects.get(parent) is not None:
            lost.setdefault(parent, set()).add(member)
    shapes = {p: _members(new.objects[p]) for p in added if new.objects[p].is_class}
    renamed_from: set[str] = set()
    for path, members in list(lost.items()) + [
        (p, _members(o)) for p, o in removed.items() if o.is_class
    ]:
        shape = _members(old.objects[path]) if path in old.objects else members
        match = next(
            (p for p, s in shapes.items() if s == shape and s and _siblings(p, path)),
            None,
        )
        if match is None:
            continue
        shapes.pop(match)
        added.remove(match)
        renamed_from.add(path)
        also = " (the old name now holds another class)" if path in new.objects else ""
        out.append(
            _made(
                "sdk-class-renamed",
                BREAKING,
                f"renamed to `{match}`{also}",
                path,
            )
        )
    for path in removed:
        if path in renamed_from or path.rpartition(".")[0] in renamed_from:
            continue
        out.append(_change("OBJECT_REMOVED", path, None, None, ""))
    for path in added:
        out.append(_made("sdk-name-added", INFO, "added", path))
    return out


def _members(obj: Any) -> frozenset[str]:
    return frozenset(n for n, m in obj.members.items() if not n.startswith("_"))


def _siblings(a: str, b: str) -> bool:
    return a.rpartition(".")[0] == b.rpartition(".")[0]


def _annotations(
    path: str, old: Any, new: Any, same: Callable[[Any, Any], bool]
) -> list[Change]:
    """Annotation changes griffe leaves out, judged by the direction of the data;
    `same` says when two differently spelled annotations name the same types."""
    out = []
    if old.is_function and new.is_function:
        before = {p.name: p for p in old.parameters}
        for param in new.parameters:
            if param.name not in before:
                if not param.required:
                    at = f"{path}({param.name}=...)"
                    out.append(
                        _made(
                            "sdk-parameter-added", INFO, "optional parameter added", at
                        )
                    )
                continue
            previous = before[param.name]
            was, now = _union(previous.annotation), _union(param.annotation)
            # a parameter made required loses its NotGiven default: griffe says so
            if (
                was != now
                and previous.required == param.required
                and not same(previous.annotation, param.annotation)
            ):
                at = f"{path}({param.name}=...)"
                widened = _covers(now, was)
                kind = (
                    "sdk-parameter-type-widened"
                    if widened
                    else "sdk-parameter-type-changed"
                )
                message = f"takes {_show(now)}, took {_show(was)}"
                out.append(_made(kind, INFO if widened else BREAKING, message, at))
        pairs = [(old.returns, new.returns, "returns")]
    elif old.is_attribute and new.is_attribute:
        pairs = [(old.annotation, new.annotation, "is")]
    else:
        return out
    for before, after, verb in pairs:
        was, now = _union(before), _union(after)
        if was != now and was and now and not same(before, after):
            narrowed = _covers(was, now)
            kind = "sdk-type-narrowed" if narrowed else "sdk-type-changed"
            message = f"{verb} {_show(now)}, was {_show(was)}"
            out.append(_made(kind, INFO if narrowed else BREAKING, message, path))
    return out


def _union(annotation: Any) -> frozenset[str]:
    """The members of a union annotation (`A | B | None`, `Union[A, B]`), as written."""
    return frozenset(str(member) for member in union_members(annotation))


def _covers(wide: frozenset[str], narrow: frozenset[str]) -> bool:
    """Whether every type in `narrow` is accepted by `wide`."""
    return all(any(_accepts(w, t) for w in wide) for t in narrow)


# containers a value of the key type is also an instance of
_ALSO = {
    "List": ("Sequence", "Iterable"),
    "list": ("Sequence", "Iterable"),
    "Sequence": ("Iterable",),
}


def _accepts(wide: str, narrow: str) -> bool:
    """Whether `narrow` is a `wide`: an int is a float, a List[X] is an Iterable[X]."""
    if narrow == wide or (narrow == "int" and wide == "float"):
        return True
    head, bracket, args = narrow.partition("[")
    return bool(bracket) and any(
        wide == f"{also}[{args}" for also in _ALSO.get(head, ())
    )


def _show(members: frozenset[str]) -> str:
    return "`" + " | ".join(sorted(members)) + "`"


def _param_text(param: Any) -> str:
    if param is None:
        return "none"
    return f"{param.kind.value} `{param.name}`" + (
        f" = {param.default}" if param.default is not None else ""
    )


def _change(kind: str, path: str, old: Any, new: Any, detail: str) -> Change:
    rule_id, severity, message = _BREAKAGES[kind]
    text = message.format(old=_plain(old), new=_plain(new), detail=detail)
    return _made(rule_id, severity, text, path)


def _plain(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value) if value is not None else "none"


def _made(rule_id: str, severity: str, message: str, path: str) -> Change:
    return Change(
        id=rule_id,
        severity=severity,
        message=message,
        location=path,
        operation=None,
        schema=None,
        operations=(),
        python=(path,),
    )
