"""The schema part of the facts walk (facts.py): two schemas compared node by node,
recording a neutral fact for each difference, with where the data flows (a readOnly
property is only read, a writeOnly one only sent)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from ..ir import JSON, Api, Schema
from .compare import (
    all_of_refs,
    constraint_changes,
    enum_values,
    inline,
    keyed,
    label,
    numeric_change,
    openness,
    properties_of,
)

if TYPE_CHECKING:
    from .facts import _Where

# Stands in for a missing schema (a parameter without one, an array without items).
ANY = Schema(type="any", pointer="")


class SchemaWalk:
    """Mixed into the walk, which sets `old` and `new` and records facts with `add`."""

    old: Api
    new: Api

    add: Callable[..., None]  # (kind, where, location, old, new, detail, in_base)

    def same_value(self, a: JSON, b: JSON) -> bool:
        """Equal once the old api-version string is read as the new one."""
        old_v, new_v = self.old.version, self.new.version
        if a == old_v and b == new_v and old_v:
            return True
        return bool(a == b)

    # -- the API as a whole ---------------------------------------------------------

    def deprecation(
        self, a: bool, b: bool, kind: str, where: _Where, location: str
    ) -> None:
        if b and not a:
            self.add(kind, where, location)
        elif a and not b:
            self.add("deprecation-removed", where, location)

    def schema(self, a: Schema, b: Schema, where: _Where) -> None:
        if a == b:  # most of a spec is unchanged; equal IR nodes hold no facts
            return
        if a.type == "ref" and b.type == "ref":
            self.annotations(a, b, where)
            if a.ref != b.ref:
                self.add("type-changed", where, b.pointer, a.ref, b.ref)
            return
        # A $ref replaced by an inline schema (or back) is compared by content.
        a, b = inline(a, b, self.old), inline(b, a, self.new)
        self.annotations(a, b, where)
        if a.type != b.type:
            numeric = numeric_change(a.type, b.type)
            kind = f"type-{numeric}" if numeric else "type-changed"
            self.add(kind, where, b.pointer, label(a), label(b))
            return
        at = b.pointer
        if a.format != b.format:
            self.add("format-changed", where, at, a.format, b.format)
        self.enum(enum_values(a), enum_values(b), where, at, "enum")
        self.enum(
            _extensible(a), _extensible(b), where, at, "extensible-enum", optional=True
        )
        for keyword, old, new, direction in constraint_changes(a, b):
            self.add(f"constraint-{direction}", where, at, old, new, detail=keyword)
        self.properties(a, b, where)
        if a.items is not None or b.items is not None:
            self.schema(a.items or ANY, b.items or ANY, where.child("[]"))
        self.additional(a.additional_properties, b.additional_properties, where, at)
        self.variants("oneOf", a.one_of, b.one_of, where, at)
        self.variants("anyOf", a.any_of, b.any_of, where, at)
        self.all_of(a, b, where, at)
        self.discriminator(a, b, where, at)

    def annotations(self, a: Schema, b: Schema, where: _Where) -> None:
        at = b.pointer
        if a.description != b.description:
            self.add("description-changed", where, at, a.description, b.description)
        if a.title != b.title:
            self.add("title-changed", where, at, a.title, b.title)
        self.deprecation(a.deprecated, b.deprecated, "deprecated", where, at)
        # Visibility changes are met on both sides, whatever the property's direction.
        both = replace(where, only=None)
        for flag, name in (("read_only", "read-only"), ("write_only", "write-only")):
            was, now = getattr(a, flag), getattr(b, flag)
            if was != now:
                self.add(f"{name}-{'added' if now else 'removed'}", both, at)
        if a.nullable != b.nullable:
            self.add(
                "became-nullable" if b.nullable else "became-non-nullable", where, at
            )
        if a.has_default != b.has_default or not self.same_value(a.default, b.default):
            old = a.default if a.has_default else None
            new = b.default if b.has_default else None
            self.add("default-changed", where, at, old, new)

    def enum(
        self,
        a: tuple[JSON, ...] | None,
        b: tuple[JSON, ...] | None,
        where: _Where,
        at: str,
        kind: str,
        optional: bool = False,
    ) -> None:
        """Values added and removed; `optional` lists (x-extensible-enum) name values
        without restricting others, so only their members are compared."""
        if a is None and b is None:
            return
        if not optional and a is None:
            self.add(f"{kind}-added", where, at, new=list(b or ()))
        elif not optional and b is None:
            self.add(f"{kind}-removed", where, at, old=list(a or ()))
        else:
            a, b = a or (), b or ()
            added = [v for v in b if not any(self.same_value(u, v) for u in a)]
            removed = [u for u in a if not any(self.same_value(u, v) for v in b)]
            if added:
                self.add(f"{kind}-value-added", where, at, new=added)
            if removed:
                self.add(f"{kind}-value-removed", where, at, old=removed)

    def properties(self, a: Schema, b: Schema, where: _Where) -> None:
        old, new = properties_of(a), properties_of(b)
        for name, prop in new.items():
            child = self.direction(where.child(name), prop.schema, self.new)
            before = old.get(name)
            defaulted = (
                self.new.resolve(prop.schema).has_default or prop.schema.has_default
            )
            with_default = "-with-default" if defaulted else ""
            if before is None:
                kind = (
                    f"required-property{with_default}-added"
                    if prop.required
                    else "property-added"
                )
                self.add(kind, child, prop.schema.pointer)
                continue
            if before.required != prop.required:
                kind = (
                    f"property-became-required{with_default}"
                    if prop.required
                    else "property-became-optional"
                )
                self.add(kind, child, prop.schema.pointer)
            self.schema(before.schema, prop.schema, child)
        for name, prop in old.items():
            if name not in new:
                child = self.direction(where.child(name), prop.schema, self.old)
                self.add("property-removed", child, prop.schema.pointer, in_base=True)

    def direction(self, where: _Where, schema: Schema, api: Api) -> _Where:
        """A readOnly property is only read, a writeOnly one only sent."""
        if where.only is not None:
            return where
        target = api.resolve(schema)
        if schema.read_only or target.read_only:
            return replace(where, only="response")
        if schema.write_only or target.write_only:
            return replace(where, only="request")
        return where

    def additional(
        self,
        a: Schema | bool | None,
        b: Schema | bool | None,
        where: _Where,
        at: str,
    ) -> None:
        if isinstance(a, Schema) and isinstance(b, Schema):
            self.schema(a, b, where.child("{}"))
            return
        old, new = openness(a), openness(b)
        if new < old:
            self.add("additional-properties-restricted", where, at)
        elif new > old:
            self.add("additional-properties-allowed", where, at)

    def variants(
        self,
        keyword: str,
        a: tuple[Schema, ...],
        b: tuple[Schema, ...],
        where: _Where,
        at: str,
    ) -> None:
        old, new = keyed(a), keyed(b)
        # `type: [integer, string]` -> `[number, string]`: the integer variant widened.
        gone = [k for k in old if k not in new]
        came = [k for k in new if k not in old]
        for was in gone:
            now = next(
                (k for k in came if numeric_change(old[was].type, new[k].type)), None
            )
            if now is not None:
                came.remove(now)
                new[was] = new.pop(now)
        for key, variant in new.items():
            if key in old:
                self.schema(old[key], variant, where.child(f"/{keyword}/{key}"))
            else:
                self.add(
                    "variant-added", where, variant.pointer, new=key, detail=keyword
                )
        for key in old:
            if key not in new:
                self.add("variant-removed", where, at, old=key, detail=keyword)

    def all_of(self, a: Schema, b: Schema, where: _Where, at: str) -> None:
        old, new = all_of_refs(a), all_of_refs(b)
        for name in new:
            if name not in old:
                self.add("all-of-added", where, at, new=name)
        for name in old:
            if name not in new:
                self.add("all-of-removed", where, at, old=name)

    def discriminator(self, a: Schema, b: Schema, where: _Where, at: str) -> None:
        da, db = a.discriminator, b.discriminator
        if da is None or db is None:
            # Payloads are the same with or without one; only the model's lookup differs.
            if da is not None or db is not None:
                kind = "discriminator-added" if da is None else "discriminator-removed"
                name = (db or da).property_name  # type: ignore[union-attr]
                self.add(kind, where, at, detail=name)
            return
        if da.property_name != db.property_name:
            self.add(
                "discriminator-changed", where, at, da.property_name, db.property_name
            )
            return
        old, new = dict(da.mapping), dict(db.mapping)
        added = [value for value in new if value not in old]
        removed = [value for value in old if value not in new]
        if added:
            self.add("discriminator-value-added", where, at, new=added)
        if removed:
            self.add("discriminator-value-removed", where, at, old=removed)
        for value, target in new.items():
            if value in old and old[value] != target:
                self.add(
                    "discriminator-mapping-changed",
                    where,
                    at,
                    old[value],
                    target,
                    value,
                )


def _extensible(schema: Schema) -> tuple[JSON, ...] | None:
    values = schema.extension("x-extensible-enum")
    return tuple(values) if isinstance(values, list) else None
