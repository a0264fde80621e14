"""Property tables compared row by row. A property whose parent one side lacks is
not reported again: the parent is."""

from __future__ import annotations

from typing import Iterable

from ..docs.view import PropertyView, label_text
from ..parse.markdown.context import pointer_line
from . import cells
from .findings import Finding
from .messages import REFERENCE, SPEC, one_side


def compare_properties(
    where: str,
    doc: tuple[PropertyView, ...],
    spec: tuple[PropertyView, ...],
    line: int | None,
) -> Iterable[Finding]:
    doc_props = {p.path: p for p in doc}
    spec_props = {p.path: p for p in spec}
    for path, prop in doc_props.items():
        name = ".".join(path)
        at = pointer_line(prop.pointer) or line
        place = f"{where}, property {name}"
        other = spec_props.get(path)
        if other is None:
            if not (path[:-1] and path[:-1] not in spec_props):
                yield one_side(
                    "property", REFERENCE, place, label_text(prop.type), at, name=name
                )
        else:
            yield from _property(place, name, prop, other, at)
    for path, prop in spec_props.items():
        if path in doc_props or (path[:-1] and path[:-1] not in doc_props):
            continue
        name = ".".join(path)
        yield one_side(
            "property",
            SPEC,
            f"{where}, property {name}",
            label_text(prop.type),
            _parent_line(doc_props, path) or line,
            name=name,
            required="required " if prop.required else "",
        )


def _property(
    where: str, name: str, doc: PropertyView, spec: PropertyView, line: int | None
) -> Iterable[Finding]:
    if cells.plain_versus_enum(doc.type, spec.type):
        yield cells.unlisted_values(where, name, doc, spec, line)
    else:
        yield from cells.types(where, doc.type, spec.type, line)
        if "enum" in doc.type or "enum" in spec.type:
            yield from cells.values(where, doc.values, spec.values, line)
    if None not in (doc.required, spec.required) and doc.required != spec.required:
        yield cells.required(where, name, bool(doc.required), bool(spec.required), line)
    yield from cells.default(where, name, doc.default, spec.default, line)


def _parent_line(
    doc_props: dict[tuple[str, ...], PropertyView], path: tuple[str, ...]
) -> int | None:
    parent = doc_props.get(path[:-1])
    return pointer_line(parent.pointer) if parent else None
