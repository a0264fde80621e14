"""Names for the inline members of a union, as a person would name them: from the
value of the property that tells the members apart (`event: thread.run.created` ->
RunStreamEventCreated, `type: function` -> ...Function), from the component an
`allOf` extends, else from the member's JSON type (`...String`, `...Object`).
A member with a `title` keeps the parser's name, made from the title."""

from __future__ import annotations

from typing import Callable

from ..ir import Api, Property, Schema
from ..naming import pascal

Flatten = Callable[[Schema, set[str]], tuple[list[Property], bool]]


def variant_name(api: Api, flatten: Flatten, parent: str, variant: Schema) -> str:
    if variant.title and variant.name:
        return pascal(variant.name)
    if variant.type == "object":
        props, _ = flatten(variant, set())
        for prop in props:
            value = _constant(api.resolve(prop.schema))
            if prop.required and isinstance(value, str) and pascal(value) != "Model":
                # dotted event names: their last part tells the members apart
                return parent + pascal(value.rsplit(".", 1)[-1])
        for part in variant.all_of:
            if part.type == "ref" and part.ref:
                return parent + pascal(part.ref)
    return parent + pascal(variant.type if variant.type != "any" else "value")


def _constant(schema: Schema) -> object:
    """The one value a schema allows (a const, or an enum of one), else None."""
    if schema.has_const:
        return schema.const
    if schema.enum is not None and len(schema.enum) == 1:
        return schema.enum[0]
    return None
