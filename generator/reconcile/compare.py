"""Compares the view of a Markdown reference with the view of an OpenAPI spec.

Both sides are generator.docs.view views, so only what the Markdown format carries is
compared, and descriptions, titles and examples are left out: they differ in wording
far more often than in meaning. A missing parent hides its missing children, and
schemas of a different kind are reported once instead of member by member.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Mapping

from ..docs.view import (
    OperationView,
    ParameterView,
    PropertyView,
    ReferenceView,
    ResponseView,
    SchemaView,
    TypeLabel,
    label_text,
)
from ..parse.markdown.context import pointer_line
from .findings import Finding


def compare(markdown: ReferenceView, openapi: ReferenceView) -> list[Finding]:
    return [*_operations(markdown, openapi), *_schemas(markdown, openapi)]


def _operations(markdown: ReferenceView, openapi: ReferenceView) -> Iterable[Finding]:
    spec_ops = {op.key: op for op in openapi.operations}
    doc_ops = {op.key: op for op in markdown.operations}
    for key, op in doc_ops.items():
        if key not in spec_ops:
            yield Finding(
                "operation-missing",
                key,
                op.title,
                None,
                "The reference documents this operation; the spec has no such operation.",
                pointer_line(op.pointer),
            )
        else:
            yield from _operation(op, spec_ops[key])
    for key, op in spec_ops.items():
        if key not in doc_ops:
            yield Finding(
                "operation-missing",
                key,
                None,
                op.title,
                "The spec defines this operation; the reference does not document it.",
            )


def _schemas(markdown: ReferenceView, openapi: ReferenceView) -> Iterable[Finding]:
    spec_schemas = {s.name: s for s in openapi.schemas}
    doc_schemas = {s.name: s for s in markdown.schemas}
    for name, schema in doc_schemas.items():
        if name not in spec_schemas:
            yield Finding(
                "schema-missing",
                f"schema {name}",
                schema.kind,
                None,
                "The reference documents this component; the spec has no such schema.",
                pointer_line(schema.pointer),
            )
        else:
            yield from _schema(schema, spec_schemas[name])
    for name, schema in spec_schemas.items():
        if name not in doc_schemas:
            yield Finding(
                "schema-missing",
                f"schema {name}",
                None,
                schema.kind,
                "The spec defines this schema; the reference does not document it.",
            )


# -- operations ------------------------------------------------------------------------


def _operation(doc: OperationView, spec: OperationView) -> Iterable[Finding]:
    line = pointer_line(doc.pointer)
    yield from _parameters(doc, spec, line)
    doc_auth = {(s.type, s.header) for s in doc.security}
    spec_auth = {(s.type, s.header) for s in spec.security}
    for kind, header in sorted(doc_auth - spec_auth):
        yield Finding(
            "security-mismatch",
            f"{doc.key}, header {header}",
            kind,
            None,
            f"The reference lists the {header} header ({kind}); the spec does not accept it.",
            line,
        )
    for kind, header in sorted(spec_auth - doc_auth):
        yield Finding(
            "security-mismatch",
            f"{doc.key}, header {header}",
            None,
            kind,
            f"The spec also accepts the {header} header ({kind}); the reference does not list it.",
            line,
        )
    doc_bodies = {b.media_type: b for b in doc.bodies}
    spec_bodies = {b.media_type: b for b in spec.bodies}
    yield from _media_types(f"{doc.key}, request body", doc_bodies, spec_bodies, line)
    for media_type in [m for m in doc_bodies if m in spec_bodies]:
        body = doc_bodies[media_type]
        yield from _properties(
            f"{doc.key}, request body ({media_type})",
            body.properties,
            spec_bodies[media_type].properties,
            pointer_line(body.pointer) or line,
        )
    doc_responses = {r.status: r for r in doc.responses}
    spec_responses = {r.status: r for r in spec.responses}
    for status in [s for s in doc_responses if s not in spec_responses]:
        yield Finding(
            "status-mismatch",
            f"{doc.key}, response {status}",
            status,
            None,
            f"The reference documents a {status} response; the spec has none.",
            line,
        )
    for status in [s for s in spec_responses if s not in doc_responses]:
        yield Finding(
            "status-mismatch",
            f"{doc.key}, response {status}",
            None,
            status,
            f"The spec defines a {status} response; the reference does not document it.",
            line,
        )
    for status in [s for s in doc_responses if s in spec_responses]:
        yield from _response(
            doc.key, status, doc_responses[status], spec_responses[status], line
        )


def _parameters(
    doc: OperationView, spec: OperationView, line: int | None
) -> Iterable[Finding]:
    doc_params = {p.name: p for p in doc.parameters}
    spec_params = {p.name: p for p in spec.parameters}
    for name, param in doc_params.items():
        where = f"{doc.key}, parameter {name}"
        at = pointer_line(param.pointer) or line
        other = spec_params.get(name)
        if other is None:
            yield Finding(
                "parameter-missing",
                where,
                _parameter_text(param),
                None,
                f"The reference documents the {param.location} parameter `{name}`; the spec does not define it.",
                at,
            )
            continue
        if param.location != other.location:
            yield Finding(
                "location-mismatch",
                where,
                param.location,
                other.location,
                f"The reference puts `{name}` in the {param.location}; the spec in the {other.location}.",
                at,
            )
        if param.required != other.required:
            yield _required(where, name, param.required, other.required, at)
        yield from _types(where, param.type, other.type, at)
        yield from _values(where, param.values, other.values, at)
    for name, param in spec_params.items():
        if name not in doc_params:
            yield Finding(
                "parameter-missing",
                f"{doc.key}, parameter {name}",
                None,
                _parameter_text(param),
                f"The spec defines the {'required ' if param.required else ''}{param.location} "
                f"parameter `{name}`; the reference does not list it.",
                line,
            )


def _parameter_text(param: ParameterView) -> str:
    return f"{param.location} {label_text(param.type)}"


def _media_types(
    where: str, doc: Mapping[str, object], spec: Mapping[str, object], line: int | None
) -> Iterable[Finding]:
    for media_type in [m for m in doc if m not in spec]:
        yield Finding(
            "media-type-mismatch",
            where,
            media_type,
            None,
            f"The reference documents `{media_type}`; the spec does not accept it here.",
            line,
        )
    for media_type in [m for m in spec if m not in doc]:
        yield Finding(
            "media-type-mismatch",
            where,
            None,
            media_type,
            f"The spec defines `{media_type}` here; the reference does not document it.",
            line,
        )


def _response(
    key: str, status: str, doc: ResponseView, spec: ResponseView, line: int | None
) -> Iterable[Finding]:
    where = f"{key}, response {status}"
    doc_content = {c.media_type: c for c in doc.content}
    spec_content = {c.media_type: c for c in spec.content}
    yield from _media_types(where, doc_content, spec_content, line)
    for media_type in [m for m in doc_content if m in spec_content]:
        content = doc_content[media_type]
        yield from _types(
            f"{where} ({media_type})",
            content.type,
            spec_content[media_type].type,
            pointer_line(content.pointer) or line,
        )
    yield from _properties(where, doc.properties, spec.properties, line)


# -- schemas ---------------------------------------------------------------------------


def _schema(doc: SchemaView, spec: SchemaView) -> Iterable[Finding]:
    where = f"schema {doc.name}"
    line = pointer_line(doc.pointer)
    doc, spec = _as_union(doc, spec), _as_union(spec, doc)
    doc, spec = _as_object(doc, spec), _as_object(spec, doc)
    if doc.kind != spec.kind:
        yield Finding(
            "kind-mismatch",
            where,
            _kind_text(doc),
            _kind_text(spec),
            f"The reference shows {_kind_text(doc)}; the spec defines {_kind_text(spec)}.",
            line,
        )
        return
    if doc.enum is not None and spec.enum is not None:
        if doc.enum.type != spec.enum.type:
            yield Finding(
                "type-mismatch",
                where,
                doc.enum.type,
                spec.enum.type,
                f"The reference says the values are {doc.enum.type}s; the spec says {spec.enum.type}s.",
                line,
            )
        yield from _values(where, doc.enum.values, spec.enum.values, line)
        yield from _default(where, doc.name, doc.enum.default, spec.enum.default, line)
    yield from _properties(where, doc.properties, spec.properties, line)
    yield from _variants(where, doc, spec, line)
    if doc.discriminator != spec.discriminator:
        doc_text = _discriminator_text(doc)
        spec_text = _discriminator_text(spec)
        yield Finding(
            "discriminator-mismatch",
            where,
            doc_text or None,
            spec_text or None,
            f"The reference's discriminator is {doc_text or 'not shown'}; the spec's is {spec_text or 'absent'}.",
            line,
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
    for name in [v for v in doc.variants if v not in spec.variants]:
        yield Finding(
            "variant-mismatch",
            where,
            name,
            None,
            f"The reference lists `{name}` as a member; the spec does not.",
            line,
        )
    for name in [v for v in spec.variants if v not in doc.variants]:
        yield Finding(
            "variant-mismatch",
            where,
            None,
            name,
            f"The spec has member `{name}`; the reference does not list it.",
            line,
        )
    doc_inline = {v.title: v for v in doc.inline_variants}
    spec_inline = {v.title: v for v in spec.inline_variants}
    for title in [t for t in doc_inline if t not in spec_inline]:
        yield Finding(
            "variant-mismatch",
            where,
            title,
            None,
            f"The reference shows member `{title}`; the spec does not.",
            line,
        )
    for title in [t for t in spec_inline if t not in doc_inline]:
        yield Finding(
            "variant-mismatch",
            where,
            None,
            title,
            f"The spec has inline member `{title}`; the reference does not show it.",
            line,
        )
    for title in [t for t in doc_inline if t in spec_inline]:
        yield from _properties(
            f"{where}, member {title}",
            doc_inline[title].properties,
            spec_inline[title].properties,
            line,
        )


# -- properties ------------------------------------------------------------------------


def _properties(
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
            if path[:-1] and path[:-1] not in spec_props:
                continue  # the parent is reported missing
            yield Finding(
                "property-missing",
                place,
                label_text(prop.type),
                None,
                f"The reference documents `{name}` ({label_text(prop.type)}); the spec does not define it.",
                at,
            )
            continue
        if _plain_versus_enum(prop.type, other.type):
            yield _unlisted_values(place, name, prop, other, at)
        else:
            yield from _types(place, prop.type, other.type, at)
            if "enum" in prop.type or "enum" in other.type:
                yield from _values(place, prop.values, other.values, at)
        if (
            None not in (prop.required, other.required)
            and prop.required != other.required
        ):
            yield _required(place, name, bool(prop.required), bool(other.required), at)
        yield from _default(place, name, prop.default, other.default, at)
    for path, prop in spec_props.items():
        if path in doc_props or (path[:-1] and path[:-1] not in doc_props):
            continue
        name = ".".join(path)
        required = "required " if prop.required else ""
        yield Finding(
            "property-missing",
            f"{where}, property {name}",
            None,
            label_text(prop.type),
            f"The spec defines {required}`{name}` ({label_text(prop.type)}); the reference does not list it.",
            _parent_line(doc_props, path) or line,
        )


def _plain_versus_enum(doc: TypeLabel, spec: TypeLabel) -> bool:
    """One side lists values, the other only their type: one enum finding, not two."""
    return {doc, spec} in (
        {("enum",), ("string",)},
        {("enum",), ("integer",)},
        {("enum",), ("number",)},
    )


def _unlisted_values(
    where: str, name: str, doc: PropertyView, spec: PropertyView, line: int | None
) -> Finding:
    if "enum" in spec.type:
        values = ", ".join(f"`{v}`" for v in spec.values)
        message = f"The spec allows only {values} for `{name}`; the reference types it as a plain `{doc.type[0]}`."
    else:
        values = ", ".join(f"`{v}`" for v in doc.values)
        message = f"The reference lists {values} for `{name}`; the spec allows any `{spec.type[0]}`."
    return Finding(
        "enum-mismatch",
        where,
        ", ".join(doc.values) or None,
        ", ".join(spec.values) or None,
        message,
        line,
    )


def _parent_line(
    doc_props: dict[tuple[str, ...], PropertyView], path: tuple[str, ...]
) -> int | None:
    parent = doc_props.get(path[:-1])
    return pointer_line(parent.pointer) if parent else None


def _types(
    where: str, doc: TypeLabel, spec: TypeLabel, line: int | None
) -> Iterable[Finding]:
    if set(doc) != set(spec):
        yield Finding(
            "type-mismatch",
            where,
            label_text(doc),
            label_text(spec),
            f"The reference says `{label_text(doc)}`; the spec says `{label_text(spec)}`.",
            line,
        )


def _required(
    where: str, name: str, doc: bool, spec: bool, line: int | None
) -> Finding:
    if spec:
        message = f"The spec requires `{name}`; the reference marks it optional."
    else:
        message = f"The reference marks `{name}` required; the spec makes it optional."
    return Finding(
        "required-mismatch",
        where,
        "required" if doc else "optional",
        "required" if spec else "optional",
        message,
        line,
    )


def _default(
    where: str, name: str, doc: str, spec: str, line: int | None
) -> Iterable[Finding]:
    if doc == spec:
        return
    if not doc:
        message = (
            f"The spec's default for `{name}` is `{spec}`; the reference gives none."
        )
    elif not spec:
        message = f"The reference gives `{name}` the default `{doc}`; the spec has no default."
    else:
        message = f"The reference gives `{name}` the default `{doc}`; the spec's default is `{spec}`."
    yield Finding("default-mismatch", where, doc or None, spec or None, message, line)


def _values(
    where: str, doc: tuple[str, ...], spec: tuple[str, ...], line: int | None
) -> Iterable[Finding]:
    if set(doc) == set(spec):
        return
    only_doc = [v for v in doc if v not in spec]
    only_spec = [v for v in spec if v not in doc]
    parts = []
    if only_doc:
        parts.append(
            "only the reference lists " + ", ".join(f"`{v}`" for v in only_doc)
        )
    if only_spec:
        parts.append("only the spec allows " + ", ".join(f"`{v}`" for v in only_spec))
    yield Finding(
        "enum-mismatch",
        where,
        ", ".join(doc) or None,
        ", ".join(spec) or None,
        _sentence("; ".join(parts)),
        line,
    )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."
