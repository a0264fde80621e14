"""What a schema is in Python terms: a model, a union, an enum's values, a Literal, its
docstring and its pydantic constraints; and the depth-first order definitions are
emitted in. Shared by the model and params planners."""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable

from ..ir import Api, Property, Schema
from .pysource import clean_lines, py_value
from .pytypes import Literal


def depth_first(
    names: Iterable[str],
    deps: Callable[[str], list[str]],
    back_edge: Callable[[str, str], None] | None = None,
    done: set[str] | None = None,
) -> list[str]:
    """`names` not yet `done`, each after its deps. Iterative, so a chain of thousands
    of aliases cannot exhaust the stack; `back_edge(name, dep)` hears of each cycle."""
    done = set() if done is None else done
    order: list[str] = []
    for root in list(names):
        if root in done:
            continue
        stack, active = [(root, iter(deps(root)))], {root}
        while stack:
            name, pending = stack[-1]
            for dep in pending:
                if dep in active:
                    if back_edge is not None:
                        back_edge(name, dep)
                elif dep not in done:
                    stack.append((dep, iter(deps(dep))))
                    active.add(dep)
                    break
            else:
                stack.pop()
                active.discard(name)
                done.add(name)
                order.append(name)
    return order


def is_union(schema: Schema) -> bool:
    """oneOf/anyOf alone make a union, also under `type: object`."""
    return (
        bool(schema.one_of or schema.any_of)
        and not schema.properties
        and not schema.all_of
    )


def is_model(api: Api, schema: Schema) -> bool:
    if schema.type != "object" or schema.has_const or is_union(schema):
        return False
    if schema.properties or schema.all_of:
        return True
    # A bare object with no value schema: an open model rather than an untyped dict.
    return not isinstance(schema.additional_properties, Schema)


ENUM_TYPES = ("string", "integer", "number", "boolean", "any")


def enum_values(schema: Schema) -> list | None:
    """The values of an enum that becomes an enum class: all strings, or all integers
    (not bools: an int enum would send True as 1)."""
    if not schema.enum or schema.type not in ENUM_TYPES:
        return None
    values = list(schema.enum)
    if all(isinstance(v, str) for v in values) or all(type(v) is int for v in values):
        return values
    return None


def contains(values: list[Any], value: Any) -> bool:
    """`value in values`, telling True from 1 and False from 0."""
    return any(type(v) is type(value) and v == value for v in values)


def literal(values: Iterable[object]) -> Literal | None:
    """`Literal[...]` of JSON values, when typing allows them all (not floats,
    objects or arrays: those fall back to the schema's plain type)."""
    values = list(values)
    if not all(v is None or isinstance(v, (str, int)) for v in values):
        return None
    return Literal(tuple(values))


def member_name(name: str) -> str:
    if name.startswith("_"):
        name = "V" + name
    return name


def schema_doc(schema: Schema | None, api: Api | None = None) -> list[str]:
    """A schema's description (else title) as lines; for a bare $ref, the target's."""
    if schema is None:
        return []
    lines = clean_lines(schema.description or schema.title)
    if api is not None and not lines and schema.type == "ref":
        target = api.resolve(schema)
        lines = clean_lines(target.description or target.title)
    return lines


def constraints(schema: Schema) -> list[tuple[str, str]]:
    """pydantic Field keywords for the schema's value constraints."""
    out: list[tuple[str, str]] = []
    if schema.enum is not None or schema.has_const:
        return out
    numeric = schema.type in ("integer", "number")
    sized = schema.type in ("string", "array")
    if numeric:
        for key, value in (
            ("ge", schema.minimum),
            ("le", schema.maximum),
            ("gt", schema.exclusive_minimum),
            ("lt", schema.exclusive_maximum),
            ("multiple_of", schema.multiple_of),
        ):
            if value is not None:
                out.append((key, py_value(value)))
    if sized:
        low = schema.min_length if schema.type == "string" else schema.min_items
        high = schema.max_length if schema.type == "string" else schema.max_items
        if low is not None:
            out.append(("min_length", py_value(low)))
        if high is not None:
            out.append(("max_length", py_value(high)))
    if schema.type == "string" and python_regex(schema.pattern):
        out.append(("pattern", py_value(schema.pattern)))
    return out


def python_regex(pattern: str | None) -> bool:
    """Whether pydantic can compile the pattern: ECMA-262 syntax such as \\p{L}
    is no Python regex, and the model would fail to import."""
    if pattern is None:
        return False
    try:
        re.compile(pattern)
    except (re.error, OverflowError, RecursionError):
        return False
    return True


class _Merged:
    """A schema's properties while flatten merges its allOf parts in."""

    def __init__(self, schema: Schema, seen: set[str]) -> None:
        self.schema = schema
        self.seen = seen
        self.parts = iter(schema.all_of)
        self.props: dict[str, Property] = {}
        self.required = set(schema.required)

    def add(self, prop: Property) -> None:
        self.props[prop.name] = prop
        if prop.required:
            self.required.add(prop.name)

    def result(self) -> list[Property]:
        for prop in self.schema.properties:
            self.add(prop)
        return [
            Property(p.name, p.schema, p.name in self.required)
            for p in self.props.values()
        ]


def flatten(api: Api, schema: Schema, seen: set[str]) -> tuple[list[Property], bool]:
    """Properties of an object, allOf parts merged in order; whether it is closed.
    A name is required when any part lists it in `required`. Iterative, so that an
    allOf chain of thousands of components cannot exhaust the stack."""
    stack = [_Merged(schema, seen)]
    while True:
        top = stack[-1]
        part = next(top.parts, None)
        if part is None:
            props = top.result()
            stack.pop()
            if not stack:
                return props, schema.additional_properties is False
            for prop in props:
                stack[-1].add(prop)
            continue
        target = part
        if part.type == "ref" and part.ref:
            if part.ref in top.seen:
                continue
            top.seen = top.seen | {part.ref}
            target = api.resolve(part)
        if target.type in ("object", "any"):
            top.required.update(target.required)
            stack.append(_Merged(target, top.seen))
