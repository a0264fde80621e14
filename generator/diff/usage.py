"""Which operations reach each component schema, and on which side.

A change inside a shared component is judged by how callers meet it: in what they send
(request), in what they get back (response), or both. Reachability follows `$ref`s
through properties, items, maps, variants and discriminator mappings.
"""

from __future__ import annotations

from ..ir import Api, Operation, Schema

# component name -> operation key -> sides ("request", "response")
Usage = dict[str, dict[str, set[str]]]


def schema_usage(*apis: Api) -> Usage:
    """Usage merged over every given API (a diff passes the old and the new one)."""
    usage: Usage = {}
    for api in apis:
        direct = {name: set(_refs(schema)) for name, schema in api.schemas.items()}
        for op in api.operations:
            for side, roots in (("request", _request(op)), ("response", _response(op))):
                for name in _reachable(roots, direct):
                    usage.setdefault(name, {}).setdefault(op.key, set()).add(side)
    return usage


def _request(op: Operation) -> list[Schema]:
    roots = [p.schema for p in op.parameters if p.schema is not None]
    if op.request_body is not None:
        roots += [m.schema for m in op.request_body.content if m.schema is not None]
    return roots


def _response(op: Operation) -> list[Schema]:
    roots: list[Schema] = []
    for response in op.responses:
        roots += [m.schema for m in response.content if m.schema is not None]
        roots += [h.schema for h in response.headers]
    return roots


def _reachable(roots: list[Schema], direct: dict[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    stack = [name for root in roots for name in _refs(root)]
    while stack:
        name = stack.pop()
        if name in seen or name not in direct:
            continue
        seen.add(name)
        stack.extend(direct[name])
    return seen


def _refs(schema: Schema) -> list[str]:
    """Component names one schema refers to, without following them."""
    out: list[str] = []
    stack = [schema]
    while stack:
        node = stack.pop()
        if node.ref is not None:
            out.append(node.ref)
        if node.discriminator is not None:
            out.extend(target for _, target in node.discriminator.mapping)
        stack.extend(p.schema for p in node.properties)
        stack.extend(node.one_of)
        stack.extend(node.any_of)
        stack.extend(node.all_of)
        for child in (node.items, node.additional_properties, node.not_):
            if isinstance(child, Schema):
                stack.append(child)
    return out
