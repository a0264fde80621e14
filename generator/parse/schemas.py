"""Schema objects -> `ir.Schema`, with 3.0 and 3.1 forms normalized to one.

`nullable: true`, a `"null"` member of `type` and a `{type: null}` branch of
oneOf/anyOf all become `Schema.nullable`; `example` and `examples` become
`Schema.examples`; a boolean `exclusiveMinimum` becomes a numeric bound.
"""

from __future__ import annotations

from typing import Any

from ..ir import Property, Schema
from ..naming import pascal
from .nodes import extensions
from .pointers import escape_pointer
from .schema_refs import SchemaRefs
from .schema_keywords import (
    ANNOTATIONS,
    has_composition,
    has_own_shape,
    infer_type,
    is_null,
    merge_meta,
    variant_hint,
)

# Deeper schemas are refused: generating code for them recurses once per level, and
# no real spec comes close (the Azure OpenAI ones nest under 20 levels).
MAX_SCHEMA_DEPTH = 100

_Variants = tuple[Schema, ...]
_BOUNDS = frozenset(("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"))
_LIMITS = frozenset(
    (
        "minLength",
        "maxLength",
        "pattern",
        "minItems",
        "maxItems",
        "minProperties",
        "maxProperties",
    )
)


class SchemaReader(SchemaRefs):
    def schema(
        self, node: Any, pointer: str, hint: str, component: str | None = None
    ) -> Schema:
        """`hint` names an inline schema after where it sits; `component` is the
        name of a component schema."""
        if self.depth >= MAX_SCHEMA_DEPTH:
            raise self.fail(
                pointer, f"schema nested deeper than {MAX_SCHEMA_DEPTH} levels"
            )
        self.depth += 1
        try:
            return self.schema_node(node, pointer, hint, component)
        finally:
            self.depth -= 1

    def schema_node(
        self, node: Any, pointer: str, hint: str, component: str | None
    ) -> Schema:
        if node is True or node == {}:
            return Schema(type="any", pointer=pointer, name=component or hint)
        if node is False:
            return Schema(
                type="any",
                pointer=pointer,
                name=component or hint,
                not_=Schema(type="any", pointer=pointer),
            )
        node = self.obj(node, pointer, "schema")
        if "$ref" in node:
            return self.reference(node, pointer, hint, component)
        return self.schema_body(node, pointer, hint, component)

    def schema_body(
        self, node: dict[str, Any], pointer: str, hint: str, component: str | None
    ) -> Schema:
        """A schema without `$ref`: its annotations, its type(s), its compositions
        (of which a lone one may only wrap another schema), then its own shape."""
        if self.swagger2 and node.get("type") == "file":
            node = {**node, "type": "string", "format": "binary"}
        meta = self.metadata(node, pointer)
        name = component or hint
        types = self.types(node, pointer)
        if "null" in types:
            meta["nullable"] = True
            types = [t for t in types if t != "null"]
            if not types and not has_composition(node):
                types = ["null"]
        one_of, any_of, all_of = self.compositions(node, pointer, name, meta)
        if not types and not has_own_shape(node):
            wrapped = _wrapped(one_of, any_of, all_of)
            if wrapped is not None:
                return merge_meta(wrapped, meta, pointer, component)
        if len(types) > 1:
            # type: [string, integer] is a union of one schema per type.
            any_of = (
                tuple(
                    self.schema_body({"type": t}, pointer, f"{name}{pascal(t)}", None)
                    for t in types
                )
                + any_of
            )
            types = []
        schema_type = types[0] if types else infer_type(node, one_of, any_of, all_of)
        return self.shaped(
            node, pointer, name, schema_type, (one_of, any_of, all_of), meta
        )

    def compositions(
        self, node: dict[str, Any], pointer: str, name: str, meta: dict[str, Any]
    ) -> tuple[_Variants, _Variants, _Variants]:
        """oneOf, anyOf and allOf; a {type: null} branch of a union is nullability
        (recorded in `meta`), not a variant."""
        if "oneOf" not in node and "anyOf" not in node and "allOf" not in node:
            return (), (), ()
        one_of = self.variants(node, "oneOf", pointer, name)
        any_of = self.variants(node, "anyOf", pointer, name)
        all_of = self.variants(node, "allOf", pointer, name)
        if len(all_of) > 1:
            all_of = self.annotation_parts_merged(node["allOf"], all_of, pointer, meta)
        unions = []
        for variants in (one_of, any_of):
            kept = tuple(v for v in variants if not is_null(v))
            if len(kept) != len(variants):
                meta["nullable"] = True
            unions.append(kept)
        return unions[0], unions[1], all_of

    def annotation_parts_merged(
        self, raw: list[Any], parts: _Variants, pointer: str, meta: dict[str, Any]
    ) -> _Variants:
        """`allOf [{$ref: X}, {nullable: true}]`: a part that only annotates is no
        part; its annotations go to the whole (what the whole says first)."""
        kept = []
        for i, (node, part) in enumerate(zip(raw, parts)):
            if isinstance(node, dict) and _only_annotates(node):
                for key, value in self.metadata(node, f"{pointer}/allOf/{i}").items():
                    meta.setdefault(key, value)
            else:
                kept.append(part)
        return tuple(kept) if kept else parts

    def variants(
        self, node: dict[str, Any], key: str, pointer: str, name: str
    ) -> _Variants:
        raw = node.get(key)
        if raw is None:
            return ()
        if not isinstance(raw, list):
            raise self.fail(f"{pointer}/{key}", f"'{key}' must be a list of schemas")
        # allOf parts merge into their parent, so they share its name.
        return tuple(
            self.schema(
                item,
                f"{pointer}/{key}/{i}",
                name if key == "allOf" else f"{name}{variant_hint(item, i)}",
            )
            for i, item in enumerate(raw)
        )

    def shaped(
        self,
        node: dict[str, Any],
        pointer: str,
        name: str,
        schema_type: str,
        compositions: tuple[_Variants, _Variants, _Variants],
        meta: dict[str, Any],
    ) -> Schema:
        """The schema with its own keywords: properties, items, enum, bounds, ...
        (Each step is skipped where its keyword is absent, as it mostly is: a real
        spec has thousands of schemas.)"""
        required = self.required_names(node, pointer) if "required" in node else []
        properties = (
            self.properties(node, pointer, name, required)
            if "properties" in node
            else ()
        )
        additional = (
            self.additional_properties(node, pointer, name)
            if "additionalProperties" in node
            else None
        )
        items = self.items(node, pointer, name) if "items" in node else None
        discriminator = (
            self.discriminator(node, pointer) if "discriminator" in node else None
        )
        enum = self.enum(node, pointer) if "enum" in node else None
        if enum is not None and None in enum:
            meta["nullable"] = True
            enum = [v for v in enum if v is not None]
        bounds = self.bounds(node, pointer) if _BOUNDS.intersection(node) else {}
        multiple_of = self.multiple_of(node, pointer) if "multipleOf" in node else None
        limits = self.limits(node, pointer) if _LIMITS.intersection(node) else {}
        one_of, any_of, all_of = compositions
        return Schema(
            type=schema_type,
            pointer=pointer,
            name=name,
            format=node.get("format") if isinstance(node.get("format"), str) else None,
            enum=tuple(enum) if enum is not None else None,
            has_const="const" in node,
            const=node.get("const"),
            multiple_of=multiple_of,
            unique_items=bool(node.get("uniqueItems", False)),
            items=items,
            properties=properties,
            required=tuple(str(r) for r in required),
            additional_properties=additional,
            one_of=one_of,
            any_of=any_of,
            all_of=all_of,
            **limits,
            not_=(
                self.schema(node["not"], pointer + "/not", name + "Not")
                if "not" in node
                else None
            ),
            discriminator=discriminator,
            extensions=extensions(node, skip=("x-nullable",) if self.swagger2 else ()),
            **bounds,
            **meta,
        )

    def properties(
        self, node: dict[str, Any], pointer: str, name: str, required: list[Any]
    ) -> tuple[Property, ...]:
        raw_props = node.get("properties") or {}
        self.obj(raw_props, pointer + "/properties", "properties")
        return tuple(
            Property(
                name=prop_name,
                schema=self.schema(
                    prop,
                    f"{pointer}/properties/{escape_pointer(prop_name)}",
                    name + pascal(prop_name),
                ),
                required=prop_name in required,
            )
            for prop_name, prop in raw_props.items()
        )

    def items(self, node: dict[str, Any], pointer: str, name: str) -> Schema | None:
        if "items" not in node:
            return None
        raw = node["items"]
        if not isinstance(raw, list):
            return self.schema(raw, pointer + "/items", name + "Item")
        # Tuple-style `items: [A, B]` (JSON Schema draft 4; not OpenAPI): an array
        # whose items are any of them.
        self.warn(
            pointer + "/items",
            "tuple-style 'items' (a list of schemas) is not OpenAPI; read as items "
            "of any of those schemas",
        )
        variants = tuple(
            self.schema(
                item, f"{pointer}/items/{i}", f"{name}Item{variant_hint(item, i)}"
            )
            for i, item in enumerate(raw)
        )
        if len(variants) == 1:
            return variants[0]
        kind = "union" if variants else "any"
        return Schema(
            type=kind, pointer=pointer + "/items", name=name + "Item", any_of=variants
        )

    def additional_properties(
        self, node: dict[str, Any], pointer: str, name: str
    ) -> Schema | bool | None:
        if "additionalProperties" not in node:
            return None
        raw = node["additionalProperties"]
        if isinstance(raw, bool):
            return raw
        return self.schema(raw, pointer + "/additionalProperties", name + "Value")


def _only_annotates(node: dict[str, Any]) -> bool:
    return all(key in ANNOTATIONS or key.startswith("x-") for key in node)


def _wrapped(one_of: _Variants, any_of: _Variants, all_of: _Variants) -> Schema | None:
    """The one schema a shapeless wrapper stands for: `oneOf [X, null]` (the 3.1 form
    of a nullable X), or `allOf [X]` beside annotations (the 3.0 way to annotate a
    $ref)."""
    if len(one_of) + len(any_of) == 1 and not all_of:
        return (one_of or any_of)[0]
    if len(all_of) == 1 and not one_of and not any_of:
        return all_of[0]
    return None
