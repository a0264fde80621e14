"""Pure comparisons of two schema values, used by the facts walk: how to key union
variants, how open a map is, which validation keywords tightened or loosened."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..ir import JSON, Api, Property, Schema

_WRAPPER_TEXT = ("title", "description")
_WRAPPER_FLAGS = ("nullable", "read_only", "write_only", "deprecated")


def inline(schema: Schema, other: Schema, api: Api) -> Schema:
    """A $ref as an inline schema, to compare with the inline `other`: as a one-member
    allOf/oneOf/anyOf when `other` composes it that way (X became X + Y), else as the
    schema it names, with the annotations written beside the $ref."""
    if schema.type != "ref":
        return schema
    alone = (Schema(type="ref", pointer=schema.pointer, ref=schema.ref),)
    if schema.ref in all_of_refs(other):
        return replace(schema, type=other.type, ref=None, all_of=alone)
    if schema.ref in [v.ref for v in other.one_of]:
        return replace(schema, type=other.type, ref=None, one_of=alone)
    if schema.ref in [v.ref for v in other.any_of]:
        return replace(schema, type=other.type, ref=None, any_of=alone)
    target = api.resolve(schema)
    changes: dict[str, Any] = {"pointer": schema.pointer}
    for attr in _WRAPPER_TEXT:
        if getattr(schema, attr) is not None:
            changes[attr] = getattr(schema, attr)
    for attr in _WRAPPER_FLAGS:
        if getattr(schema, attr):
            changes[attr] = True
    if schema.has_default:
        changes.update(has_default=True, default=schema.default)
    return replace(target, **changes)


def label(schema: Schema) -> str:
    if schema.type == "ref":
        return str(schema.ref)
    if schema.type == "array" and schema.items is not None:
        return f"array of {label(schema.items)}"
    if schema.format:
        return f"{schema.type} ({schema.format})"
    return schema.type


def enum_values(schema: Schema) -> tuple[JSON, ...] | None:
    # 3.1 `const: x` says what 3.0 says with `enum: [x]`.
    return (schema.const,) if schema.has_const else schema.enum


def properties_of(schema: Schema) -> dict[str, Property]:
    """Own properties plus those of inline allOf members: where a property is written
    inside one schema is representation, not API."""
    props = {p.name: p for p in schema.properties}
    for member in schema.all_of:
        if member.type != "ref":
            props.update(properties_of(member))
    return props


def all_of_refs(schema: Schema) -> list[str]:
    refs: list[str] = []
    for member in schema.all_of:
        if member.type == "ref":
            refs.append(str(member.ref))
        else:
            refs.extend(all_of_refs(member))
    return refs


def keyed(variants: tuple[Schema, ...]) -> dict[str, Schema]:
    """oneOf/anyOf members by identity: a $ref by its name, an inline one by its title
    or type, so inserting a variant does not shift the others."""
    out: dict[str, Schema] = {}
    for variant in variants:
        key = (
            str(variant.ref)
            if variant.type == "ref"
            else (variant.title or label(variant))
        )
        base, n = key, 1
        while key in out:
            n += 1
            key = f"{base} #{n}"
        out[key] = variant
    return out


def openness(value: Schema | bool | None) -> int:
    """additionalProperties from narrowest to widest: closed, typed map, anything."""
    if value is False:
        return 0
    if isinstance(value, Schema) and value.type != "any":
        return 1
    return 2


# (keyword, attribute getter) per bound; `lower` bounds tighten upward.
_LOWER = (
    ("minLength", "min_length"),
    ("minItems", "min_items"),
    ("minProperties", "min_properties"),
)
_UPPER = (
    ("maxLength", "max_length"),
    ("maxItems", "max_items"),
    ("maxProperties", "max_properties"),
)


def constraint_changes(a: Schema, b: Schema) -> list[tuple[str, JSON, JSON, str]]:
    """(keyword, old, new, "tightened" | "loosened") for each validation keyword that
    changed."""
    out: list[tuple[str, JSON, JSON, str]] = []
    for keyword, attr in _LOWER:
        _bound(out, keyword, getattr(a, attr), getattr(b, attr), higher_is_tighter=True)
    for keyword, attr in _UPPER:
        _bound(
            out, keyword, getattr(a, attr), getattr(b, attr), higher_is_tighter=False
        )
    lower_a, lower_b = _lower(a), _lower(b)
    if lower_a != lower_b:
        tighter = lower_a is None or (lower_b is not None and lower_b > lower_a)
        out.append(_numeric("minimum", lower_a, lower_b, tighter))
    upper_a, upper_b = _upper(a), _upper(b)
    if upper_a != upper_b:
        tighter = upper_a is None or (upper_b is not None and upper_b < upper_a)
        out.append(_numeric("maximum", upper_a, upper_b, tighter))
    if a.multiple_of != b.multiple_of:
        looser = b.multiple_of is None or (
            a.multiple_of is not None and a.multiple_of % b.multiple_of == 0
        )
        out.append(
            (
                "multipleOf",
                a.multiple_of,
                b.multiple_of,
                "loosened" if looser else "tightened",
            )
        )
    if a.pattern != b.pattern:
        # Any other new pattern may reject values the old one took: judged tightened.
        looser = b.pattern is None or _matches_everything(b.pattern)
        out.append(
            ("pattern", a.pattern, b.pattern, "loosened" if looser else "tightened")
        )
    if a.unique_items != b.unique_items:
        out.append(
            (
                "uniqueItems",
                a.unique_items,
                b.unique_items,
                "tightened" if b.unique_items else "loosened",
            )
        )
    return out


def _bound(
    out: list[tuple[str, JSON, JSON, str]],
    keyword: str,
    old: float | None,
    new: float | None,
    higher_is_tighter: bool,
) -> None:
    if old == new:
        return
    if old is None or new is None:
        tighter = old is None
    else:
        tighter = (new > old) == higher_is_tighter
    out.append((keyword, old, new, "tightened" if tighter else "loosened"))


# Numeric bounds as (value, rank): at the same value an exclusive bound is the tighter.
def _lower(s: Schema) -> tuple[float, int] | None:
    bounds = [(s.minimum, 0)] if s.minimum is not None else []
    if s.exclusive_minimum is not None:
        bounds.append((s.exclusive_minimum, 1))
    return max(bounds) if bounds else None


def _upper(s: Schema) -> tuple[float, int] | None:
    bounds = [(s.maximum, 1)] if s.maximum is not None else []
    if s.exclusive_maximum is not None:
        bounds.append((s.exclusive_maximum, 0))
    return min(bounds) if bounds else None


def _numeric(
    keyword: str,
    old: tuple[float, int] | None,
    new: tuple[float, int] | None,
    tighter: bool,
) -> tuple[str, JSON, JSON, str]:
    exclusive = 1 if keyword == "minimum" else 0

    def show(bound: tuple[float, int] | None) -> JSON:
        if bound is None:
            return None
        return f"{bound[0]} (exclusive)" if bound[1] == exclusive else bound[0]

    return keyword, show(old), show(new), "tightened" if tighter else "loosened"


# `.*`, `^.*$`, `^(.*)$`, `[\s\S]*` ...: a pattern that every string matches.
_EVERYTHING = re.compile(r"\^?\(?(\.\*|\[\\s\\S\]\*|\[\\S\\s\]\*)\)?\$?")


def _matches_everything(pattern: str) -> bool:
    return pattern == "" or _EVERYTHING.fullmatch(pattern) is not None


NUMERIC = ("integer", "number")


def numeric_change(old: str, new: str) -> str | None:
    """ "widened" for integer -> number, "narrowed" for number -> integer: an int is
    still a valid number, so either is harmless in one direction of the data."""
    if (old, new) == NUMERIC:
        return "widened"
    if (new, old) == NUMERIC:
        return "narrowed"
    return None
