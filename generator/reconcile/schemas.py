"""One component both sides have, compared. Schemas of a different kind are reported
once instead of member by member; shapes the two layouts write differently but that say
the same (an alias shown as a one-member union, a one-member union of an inline object
shown as that object) are brought to one form first."""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from ..docs.view import SchemaView
from ..parse.markdown.context import pointer_line
from . import cells
from .findings import Finding
from .messages import differ, one_side, one_sided
from .properties import compare_properties


def compare_schema(doc: SchemaView, spec: SchemaView) -> Iterable[Finding]:
    where = f"schema {doc.name}"
    line = pointer_line(doc.pointer)
    doc, spec = _as_union(doc, spec), _as_union(spec, doc)
    doc, spec = _as_object(doc, spec), _as_object(spec, doc)
    if doc.kind != spec.kind:
        yield differ("kind", where, _kind_text(doc), _kind_text(spec), line)
        return
    if doc.enum is not None and spec.enum is not None:
        if doc.enum.type != spec.enum.type:
            yield differ("enum type", where, doc.enum.type, spec.enum.type, line)
        yield from cells.values(where, doc.enum.values, spec.enum.values, line)
        yield from cells.default(
            where, doc.name, doc.enum.default, spec.enum.default, line
        )
    yield from compare_properties(where, doc.properties, spec.properties, line)
    yield from _variants(where, doc, spec, line)
    if doc.discriminator != spec.discriminator:
        doc_text = _discriminator_text(doc)
        spec_text = _discriminator_text(spec)
        yield differ(
            "discriminator",
            where,
            doc_text or None,
            spec_text or None,
            line,
            reference=doc_text or "not shown",
            spec=spec_text or "absent",
        )


def _as_union(alias: SchemaView, other: SchemaView) -> SchemaView:
    """A component naming one other is shown either as that one's content or as a
    union of that single member; both say the same. Against a union, compare it as
    the union of its one member."""
    if alias.alias_of and other.kind == "union" and alias.kind != "union":
        return replace(
            alias, properties=(), enum=None, union=True, variants=(alias.alias_of,)
        )
    return alias


def _as_object(union: SchemaView, other: SchemaView) -> SchemaView:
    """A union of one inline object is that object (the IR already folds oneOf of one
    member into it; the newer layout shows it as a one-member union)."""
    if (
        union.kind == "union"
        and other.kind == "object"
        and not union.variants
        and len(union.inline_variants) == 1
    ):
        return replace(
            union,
            properties=union.inline_variants[0].properties,
            union=False,
            inline_variants=(),
        )
    return union


def _kind_text(schema: SchemaView) -> str:
    if schema.kind == "object":
        return f"an object with {len([p for p in schema.properties if len(p.path) == 1])} properties"
    if schema.kind == "enum":
        return f"an enum of {len(schema.enum.values) if schema.enum else 0} values"
    if schema.kind == "union":
        return (
            f"a union of {len(schema.variants) + len(schema.inline_variants)} members"
        )
    return "no properties, enum or union"


def _discriminator_text(schema: SchemaView) -> str:
    found = schema.discriminator
    if found is None:
        return ""
    mapping = ", ".join(f"{value}={target}" for value, target in found.mapping)
    return f"`{found.property}`" + (f" ({mapping})" if mapping else "")


def _variants(
    where: str, doc: SchemaView, spec: SchemaView, line: int | None
) -> Iterable[Finding]:
    for name, side in one_sided(doc.variants, spec.variants):
        yield one_side("member", side, where, name, line)
    doc_inline = {v.title: v for v in doc.inline_variants}
    spec_inline = {v.title: v for v in spec.inline_variants}
    for title, side in one_sided(doc_inline, spec_inline):
        yield one_side("inline member", side, where, title, line)
    for title in [t for t in doc_inline if t in spec_inline]:
        yield from compare_properties(
            f"{where}, member {title}",
            doc_inline[title].properties,
            spec_inline[title].properties,
            line,
        )
