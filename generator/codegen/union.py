"""The one API a multi-version client is generated from: the newest pinned
api-version, plus what older pins had and the newest dropped.

- An operation the newest pin removed is added back as the last pin that had it
  wrote it, with the component schemas it names that the newest pin lacks.
- A parameter or top-level body field the newest pin removed is added back to its
  operation (to the body schema, or the component holding it), optional.
- A parameter or body field that some api-version serving its operation lacks is
  optional in the signature even where the newest pin requires it: a caller of the
  older api-version cannot pass it (the service says what it requires).
- Every other schema is the newest pin's (the shape rule README states): a model
  whose shape changed is generated as the newest api-version has it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from ..ir import Api, MediaType, Operation, Property, Schema
from ..naming import field_name
from .versioning import Availability, Removed


def union_api(apis: dict[str, Api], available: Availability) -> Api:
    newest = apis[available.api_versions[-1]]
    schemas = dict(newest.schemas)
    operations = list(newest.operations)
    for key, version in available.removed_operations.items():
        source = apis[version]
        op = next(o for o in source.operations if o.key == key)
        operations.append(op)
        for name in _component_refs(source, op):
            schemas.setdefault(name, source.schemas[name])
    union = replace(newest, operations=tuple(operations), schemas=schemas)
    for removed in available.removed_arguments:
        union = _add_back(union, apis[removed.api_version], removed)
    for (key, keyword), having in available.arguments.items():
        op_having = available.operations.get(key, available.api_versions)
        if set(op_having) - set(having):
            union = _optional(union, key, keyword)
    return union


def _component_refs(api: Api, op: Operation) -> list[str]:
    """Every component schema an operation reaches, through other components too."""
    stack = [p.schema for p in op.parameters if p.schema is not None]
    for media in (op.request_body.content if op.request_body else ()) + tuple(
        m for r in op.responses for m in r.content
    ):
        if media.schema is not None:
            stack.append(media.schema)
    stack += [h.schema for r in op.responses for h in r.headers]
    found: list[str] = []
    while stack:
        node = stack.pop()
        if node.type == "ref" and node.ref and node.ref not in found:
            if node.ref in api.schemas:
                found.append(node.ref)
                stack.append(api.schemas[node.ref])
            continue
        stack += node.subschemas()
    return found


def _add_back(union: Api, source: Api, removed: Removed) -> Api:
    """`removed` (a parameter or body field of `source`) on the union's operation."""
    was = next(o for o in source.operations if o.key == removed.operation)
    if removed.parameter is not None:
        location, name = removed.parameter
        param = next(
            p for p in was.parameters if (p.location, p.name) == (location, name)
        )
        return _edit_operation(
            union,
            removed.operation,
            lambda op: replace(
                op, parameters=op.parameters + (replace(param, required=False),)
            ),
        )
    prop = _body_property(source, was, removed.body_field or "")
    if prop is None:
        return union
    optional = replace(prop, required=False)
    return _edit_body(union, removed.operation, lambda s: _with_property(s, optional))


def _optional(union: Api, key: str, keyword: str) -> Api:
    """The argument `keyword` of the operation made optional in the union."""

    def parameters(op: Operation) -> Operation:
        return replace(
            op,
            parameters=tuple(
                replace(p, required=False) if _named(p.name, keyword) else p
                for p in op.parameters
            ),
        )

    union = _edit_operation(union, key, parameters)
    return _edit_body(union, key, lambda s: _without_required(union, s, keyword))


def _named(wire: str, keyword: str) -> bool:
    """Whether a wire name is the one a method's keyword was made from (`timeout_`
    where the method has a `timeout` of its own)."""
    return field_name(wire) in (keyword, keyword.rstrip("_"))


def _edit_operation(
    union: Api, key: str, edit: Callable[[Operation], Operation]
) -> Api:
    return replace(
        union,
        operations=tuple(edit(op) if op.key == key else op for op in union.operations),
    )


def _edit_body(union: Api, key: str, edit: Callable[[Schema], Schema]) -> Api:
    """`edit` applied to the operation's JSON/form body schema: the component it names
    (shared by every operation sending it), or the inline schema."""
    op = next(o for o in union.operations if o.key == key)
    if op.request_body is None or not op.request_body.content:
        return union
    media = op.request_body.content[0]
    if media.schema is None:
        return union
    if media.schema.type == "ref" and media.schema.ref in union.schemas:
        name = media.schema.ref
        schemas = dict(union.schemas)
        schemas[name] = edit(union.schemas[name])
        return replace(union, schemas=schemas)

    def inline(op: Operation) -> Operation:
        assert op.request_body is not None and media.schema is not None
        content = (MediaType(media.media_type, edit(media.schema), media.encoding),)
        body = replace(op.request_body, content=content + op.request_body.content[1:])
        return replace(op, request_body=body)

    return _edit_operation(union, key, inline)


def _body_property(api: Api, op: Operation, wire: str) -> Property | None:
    """The top-level body field `wire` of an operation, through allOf parts."""
    if op.request_body is None or not op.request_body.content:
        return None
    schema = op.request_body.content[0].schema
    stack = [api.resolve(schema)] if schema is not None else []
    while stack:
        node = stack.pop()
        found = node.property(wire)
        if found is not None:
            return found
        stack += [api.resolve(part) for part in node.all_of]
    return None


def _with_property(schema: Schema, prop: Property) -> Schema:
    if schema.property(prop.name) is not None:
        return schema
    return replace(schema, properties=schema.properties + (prop,))


def _without_required(api: Api, schema: Schema, keyword: str) -> Schema:
    """The schema with the field `keyword` names no longer required, also where an
    inline allOf part requires it (a component part is left as it is: shared)."""
    names = [p.name for p in schema.properties if _named(p.name, keyword)]
    names += [n for n in schema.required if _named(n, keyword)]
    if not names:
        parts = tuple(
            _without_required(api, part, keyword) if part.type != "ref" else part
            for part in schema.all_of
        )
        return replace(schema, all_of=parts)
    return replace(
        schema,
        properties=tuple(
            replace(p, required=False) if p.name in names else p
            for p in schema.properties
        ),
        required=tuple(n for n in schema.required if n not in names),
    )
