"""One walk over two IRs that records every difference as a neutral Fact.

A fact says what changed and where, never how bad it is: rules.py judges that. Inline
schemas are walked where they sit; a `$ref` to a component is compared by name only, and
every component schema is walked once, on its own (usage.py finds who reaches it).
Examples and the api-version string itself are never compared.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..ir import JSON, Api, MediaType, Operation, Parameter, Property, Schema
from ..parse.pointers import escape_pointer

# Stands in for a missing schema (a parameter without one, an array without items).
_ANY = Schema(type="any", pointer="")


@dataclass(frozen=True)
class Fact:
    kind: str
    # what changed, readable: "`messages[].content`", "query parameter `x`"
    subject: str
    location: str  # JSON pointer: in the new spec, or in the old one for removals
    operation: str | None = None  # "POST /path" for facts inside an operation
    schema: str | None = None  # component name for facts inside a component schema
    side: str | None = None  # "request"/"response" inside an operation; None elsewhere
    old: JSON = None
    new: JSON = None
    detail: str = ""


@dataclass(frozen=True)
class _Where:
    """Whom a fact belongs to and how to name the spot inside it."""

    operation: str | None = None
    schema: str | None = None
    side: str | None = None
    root: str = ""  # "request body", "response 200", "query parameter `x`"
    path: str = ""  # "a.b[]"

    def child(self, segment: str) -> _Where:
        joined = not self.path or segment.startswith(("[", "/"))
        path = self.path + segment if joined else f"{self.path}.{segment}"
        return _Where(self.operation, self.schema, self.side, self.root, path)

    @property
    def subject(self) -> str:
        if self.path:
            return f"`{self.path}`" + (f" ({self.root})" if self.root else "")
        if self.root:
            return self.root
        return f"schema `{self.schema}`" if self.schema else "operation"


def collect_facts(old: Api, new: Api) -> list[Fact]:
    return _Walk(old, new).run()


class _Walk:
    def __init__(self, old: Api, new: Api) -> None:
        self.old, self.new = old, new
        self.facts: list[Fact] = []

    def run(self) -> list[Fact]:
        self.operations()
        self.components()
        return self.facts

    def add(
        self,
        kind: str,
        where: _Where,
        location: str,
        old: JSON = None,
        new: JSON = None,
        detail: str = "",
    ) -> None:
        self.facts.append(
            Fact(
                kind=kind,
                subject=where.subject,
                location=location,
                operation=where.operation,
                schema=where.schema,
                side=where.side,
                old=old,
                new=new,
                detail=detail,
            )
        )

    def same_value(self, a: JSON, b: JSON) -> bool:
        """Equal once the old api-version string is read as the new one."""
        old_v, new_v = self.old.version, self.new.version
        if a == old_v and b == new_v and old_v:
            return True
        return bool(a == b)

    # -- operations -----------------------------------------------------------------

    def operations(self) -> None:
        old_ops = {op.key: op for op in self.old.operations}
        new_ops = {op.key: op for op in self.new.operations}
        for key, op in new_ops.items():
            if key in old_ops:
                self.operation(old_ops[key], op)
            else:
                self.add("operation-added", _Where(operation=key), op.pointer)
        for key, op in old_ops.items():
            if key not in new_ops:
                self.add("operation-removed", _Where(operation=key), op.pointer)

    def operation(self, a: Operation, b: Operation) -> None:
        where = _Where(operation=b.key)
        if a.operation_id != b.operation_id:
            self.add(
                "operation-id-changed", where, b.pointer, a.operation_id, b.operation_id
            )
        if a.summary != b.summary:
            self.add("summary-changed", where, b.pointer)
        if a.description != b.description:
            self.add("description-changed", where, b.pointer)
        self.deprecation(
            a.deprecated, b.deprecated, "operation-deprecated", where, b.pointer
        )
        self.parameters(a, b)
        self.request_body(a, b, replace(where, side="request", root="request body"))
        self.responses(a, b, replace(where, side="response"))

    def request_body(self, a: Operation, b: Operation, where: _Where) -> None:
        location = b.pointer + "/requestBody"
        old, new = a.request_body, b.request_body
        if old is None or new is None:
            if new is not None:
                required = "required-" if new.required else ""
                self.add(f"{required}request-body-added", where, location)
            elif old is not None:
                self.add("request-body-removed", where, a.pointer + "/requestBody")
            return
        if old.required != new.required:
            became = "required" if new.required else "optional"
            self.add(f"request-body-became-{became}", where, location)
        if old.description != new.description:
            self.add("description-changed", where, location)
        self.content(old.content, new.content, where, location + "/content")

    def deprecation(
        self, a: bool, b: bool, kind: str, where: _Where, location: str
    ) -> None:
        if b and not a:
            self.add(kind, where, location)
        elif a and not b:
            self.add("deprecation-removed", where, location)

    def parameters(self, a: Operation, b: Operation) -> None:
        old = {(p.name, p.location): p for p in a.parameters}
        new = {(p.name, p.location): p for p in b.parameters}
        for key, param in new.items():
            where = _Where(operation=b.key, side="request", root=_param_root(param))
            if key in old:
                self.parameter(old[key], param, where)
            else:
                kind = (
                    "required-parameter-added" if param.required else "parameter-added"
                )
                self.add(kind, where, param.pointer)
        for key, param in old.items():
            if key not in new:
                where = _Where(operation=b.key, side="request", root=_param_root(param))
                self.add("parameter-removed", where, param.pointer)

    def parameter(self, a: Parameter, b: Parameter, where: _Where) -> None:
        if a.required != b.required:
            kind = (
                "parameter-became-required"
                if b.required
                else "parameter-became-optional"
            )
            self.add(kind, where, b.pointer)
        self.deprecation(
            a.deprecated, b.deprecated, "parameter-deprecated", where, b.pointer
        )
        if a.description != b.description:
            self.add("description-changed", where, b.pointer)
        self.schema(a.schema or _ANY, b.schema or _ANY, where)

    def content(
        self,
        a: tuple[MediaType, ...],
        b: tuple[MediaType, ...],
        where: _Where,
        location: str,
    ) -> None:
        old = {m.media_type: m for m in a}
        new = {m.media_type: m for m in b}
        several = len(old.keys() | new.keys()) > 1
        for name, media in new.items():
            at = f"{location}/{escape_pointer(name)}"
            if name in old:
                inner = (
                    replace(where, root=f"{where.root} {name}") if several else where
                )
                self.schema(old[name].schema or _ANY, media.schema or _ANY, inner)
            else:
                self.add("media-type-added", where, at, new=name)
        for name in old:
            if name not in new:
                self.add(
                    "media-type-removed",
                    where,
                    f"{location}/{escape_pointer(name)}",
                    old=name,
                )

    def responses(self, a: Operation, b: Operation, where: _Where) -> None:
        old = {r.status: r for r in a.responses}
        new = {r.status: r for r in b.responses}
        for status, response in new.items():
            location = f"{b.pointer}/responses/{status}"
            here = replace(where, root=f"response {status}")
            if status not in old:
                self.add(_status_kind(status, "added"), here, location, new=status)
                continue
            before = old[status]
            if before.description != response.description:
                self.add("description-changed", here, location)
            self.content(before.content, response.content, here, location + "/content")
            headers = {h.name.lower(): h for h in before.headers}
            for header in response.headers:
                at = replace(where, root=f"response {status} header `{header.name}`")
                if header.name.lower() in headers:
                    previous = headers.pop(header.name.lower())
                    self.schema(previous.schema, header.schema, at)
                else:
                    self.add("header-added", at, header.schema.pointer)
            for header in headers.values():
                at = replace(where, root=f"response {status} header `{header.name}`")
                self.add("header-removed", at, header.schema.pointer)
        for status in old:
            if status in new:
                continue
            here = replace(where, root=f"response {status}")
            location = f"{a.pointer}/responses/{status}"
            self.add(_status_kind(status, "removed"), here, location, old=status)

    # -- schemas --------------------------------------------------------------------

    def components(self) -> None:
        old, new = self.old.schemas, self.new.schemas
        for name in sorted(old.keys() | new.keys()):
            where = _Where(schema=name)
            if name not in old:
                self.add("schema-added", where, new[name].pointer)
            elif name not in new:
                self.add("schema-removed", where, old[name].pointer)
            else:
                self.schema(old[name], new[name], where)

    def schema(self, a: Schema, b: Schema, where: _Where) -> None:
        if a == b:  # most of a spec is unchanged; equal IR nodes hold no facts
            return
        if a.type == "ref" and b.type == "ref":
            self.annotations(a, b, where)
            if a.ref != b.ref:
                self.add("type-changed", where, b.pointer, a.ref, b.ref)
            return
        # A $ref replaced by an inline schema (or back) is compared by content.
        a, b = _inline(a, b, self.old), _inline(b, a, self.new)
        self.annotations(a, b, where)
        if a.type != b.type:
            self.add("type-changed", where, b.pointer, _label(a), _label(b))
            return
        at = b.pointer
        if a.format != b.format:
            self.add("format-changed", where, at, a.format, b.format)
        self.enum(_enum(a), _enum(b), where, at)
        self.constraints(a, b, where, at)
        self.properties(a, b, where)
        if a.items is not None or b.items is not None:
            self.schema(a.items or _ANY, b.items or _ANY, where.child("[]"))
        self.additional(a.additional_properties, b.additional_properties, where, at)
        self.variants("oneOf", a.one_of, b.one_of, where, at)
        self.variants("anyOf", a.any_of, b.any_of, where, at)
        self.all_of(a, b, where, at)
        self.discriminator(a, b, where, at)

    def annotations(self, a: Schema, b: Schema, where: _Where) -> None:
        at = b.pointer
        if a.description != b.description:
            self.add("description-changed", where, at)
        if a.title != b.title:
            self.add("title-changed", where, at, a.title, b.title)
        self.deprecation(a.deprecated, b.deprecated, "deprecated", where, at)
        for flag, name in (("read_only", "read-only"), ("write_only", "write-only")):
            was, now = getattr(a, flag), getattr(b, flag)
            if was != now:
                self.add(f"{name}-{'added' if now else 'removed'}", where, at)
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
    ) -> None:
        if a is None and b is None:
            return
        if a is None:
            self.add("enum-added", where, at, new=list(b or ()))
        elif b is None:
            self.add("enum-removed", where, at, old=list(a))
        else:
            added = [v for v in b if not any(self.same_value(u, v) for u in a)]
            removed = [u for u in a if not any(self.same_value(u, v) for v in b)]
            if added:
                self.add("enum-value-added", where, at, new=added)
            if removed:
                self.add("enum-value-removed", where, at, old=removed)

    def constraints(self, a: Schema, b: Schema, where: _Where, at: str) -> None:
        for keyword, old, new, direction in _constraint_changes(a, b):
            self.add(f"constraint-{direction}", where, at, old, new, detail=keyword)

    def properties(self, a: Schema, b: Schema, where: _Where) -> None:
        old, new = _properties(a), _properties(b)
        for name, prop in new.items():
            child = where.child(name)
            before = old.get(name)
            if before is None:
                kind = "required-property-added" if prop.required else "property-added"
                self.add(kind, child, prop.schema.pointer)
                continue
            if before.required != prop.required:
                kind = (
                    "property-became-required"
                    if prop.required
                    else "property-became-optional"
                )
                self.add(kind, child, prop.schema.pointer)
            self.schema(before.schema, prop.schema, child)
        for name, prop in old.items():
            if name not in new:
                self.add("property-removed", where.child(name), prop.schema.pointer)

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
        old, new = _openness(a), _openness(b)
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
        old, new = _keyed(a), _keyed(b)
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
        old, new = _all_of_refs(a), _all_of_refs(b)
        for name in new:
            if name not in old:
                self.add("all-of-added", where, at, new=name)
        for name in old:
            if name not in new:
                self.add("all-of-removed", where, at, old=name)

    def discriminator(self, a: Schema, b: Schema, where: _Where, at: str) -> None:
        da, db = a.discriminator, b.discriminator
        old_name = da.property_name if da else None
        new_name = db.property_name if db else None
        if old_name != new_name:
            self.add("discriminator-changed", where, at, old_name, new_name)
            return
        if da is None or db is None:
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


def _param_root(param: Parameter) -> str:
    return f"{param.location} parameter `{param.name}`"


def _status_kind(status: str, change: str) -> str:
    family = "success" if status.startswith("2") else "error"
    return f"{family}-status-{change}"


_WRAPPER_TEXT = ("title", "description")
_WRAPPER_FLAGS = ("nullable", "read_only", "write_only", "deprecated")


def _inline(schema: Schema, other: Schema, api: Api) -> Schema:
    """A $ref as an inline schema, to compare with the inline `other`: as a one-member
    allOf/oneOf/anyOf when `other` composes it that way (X became X + Y), else as the
    schema it names, with the annotations written beside the $ref."""
    if schema.type != "ref":
        return schema
    alone = (Schema(type="ref", pointer=schema.pointer, ref=schema.ref),)
    if schema.ref in _all_of_refs(other):
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


def _label(schema: Schema) -> str:
    if schema.type == "ref":
        return str(schema.ref)
    if schema.type == "array" and schema.items is not None:
        return f"array of {_label(schema.items)}"
    if schema.format:
        return f"{schema.type} ({schema.format})"
    return schema.type


def _enum(schema: Schema) -> tuple[JSON, ...] | None:
    # 3.1 `const: x` says what 3.0 says with `enum: [x]`.
    return (schema.const,) if schema.has_const else schema.enum


def _properties(schema: Schema) -> dict[str, Property]:
    """Own properties plus those of inline allOf members: where a property is written
    inside one schema is representation, not API."""
    props = {p.name: p for p in schema.properties}
    for member in schema.all_of:
        if member.type != "ref":
            props.update(_properties(member))
    return props


def _all_of_refs(schema: Schema) -> list[str]:
    refs: list[str] = []
    for member in schema.all_of:
        if member.type == "ref":
            refs.append(str(member.ref))
        else:
            refs.extend(_all_of_refs(member))
    return refs


def _keyed(variants: tuple[Schema, ...]) -> dict[str, Schema]:
    """oneOf/anyOf members by identity: a $ref by its name, an inline one by its title
    or type, so inserting a variant does not shift the others."""
    out: dict[str, Schema] = {}
    for variant in variants:
        key = (
            str(variant.ref)
            if variant.type == "ref"
            else (variant.title or _label(variant))
        )
        base, n = key, 1
        while key in out:
            n += 1
            key = f"{base} #{n}"
        out[key] = variant
    return out


def _openness(value: Schema | bool | None) -> int:
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


def _constraint_changes(a: Schema, b: Schema) -> list[tuple[str, JSON, JSON, str]]:
    """(keyword, old, new, "tightened" | "loosened") for each validation keyword that
    changed; a changed pattern counts as tightened, since it may reject old values."""
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
        out.append(
            (
                "pattern",
                a.pattern,
                b.pattern,
                "loosened" if b.pattern is None else "tightened",
            )
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
