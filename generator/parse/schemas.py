"""Schema objects -> `ir.Schema`, with 3.0 and 3.1 forms normalized to one.

`nullable: true`, a `"null"` member of `type` and a `{type: null}` branch of
oneOf/anyOf all become `Schema.nullable`; `example` and `examples` become
`Schema.examples`; a boolean `exclusiveMinimum` becomes a numeric bound.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from ..ir import Property, Schema
from ..naming import pascal
from .nodes import extensions
from .pointers import escape_pointer, unescape_pointer
from .refs import Documents
from .schema_names import SchemaNames
from .schema_keywords import (
    SchemaKeywords,
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


class SchemaReader(SchemaKeywords):
    def __init__(
        self, docs: Documents, component_pointer: str, components: dict[str, Any]
    ) -> None:
        """`components`: the root's named schemas, found at `component_pointer`
        ("/components/schemas/", or "/definitions/" in Swagger 2.0)."""
        super().__init__(docs)
        self.names = SchemaNames(component_pointer, components)
        self.component_ref = "#" + component_pointer
        self.external: dict[str, Schema] = {}  # schemas of other documents, by name
        self.defining: set[str] = set()
        self.resolving: list[str] = []
        self.depth = 0

    def components(self) -> dict[str, Schema]:
        """The root's named schemas, each read with its name. One that is only a
        `$ref` to another document's schema gives that schema its name."""
        pointer = self.names.component_pointer.rstrip("/")
        for name, node in self.names.components.items():
            ref = (
                node.get("$ref") if isinstance(node, dict) and len(node) == 1 else None
            )
            if isinstance(ref, str) and not ref.startswith("#"):
                at = f"{pointer}/{escape_pointer(name)}/$ref"
                where = self.final_target(*self.docs.lookup(ref, at))[1]
                if not self.docs.is_root(where):
                    self.names.claim(where, name)
        return {
            name: self.schema(node, f"{pointer}/{escape_pointer(name)}", name, name)
            for name, node in self.names.components.items()
        }

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

    def reference(
        self, node: dict[str, Any], pointer: str, hint: str, component: str | None
    ) -> Schema:
        ref = node["$ref"]
        prefix = self.component_ref
        if (
            isinstance(ref, str)
            and ref.startswith(prefix)
            and "/" not in ref[len(prefix) :]
        ):
            name = unescape_pointer(ref[len(prefix) :])
            if name not in self.names.components:  # a URI fragment: with%20space
                name = unescape_pointer(unquote(ref[len(prefix) :]))
            if name not in self.names.components:
                raise self.fail(pointer + "/$ref", f"dangling $ref: {ref}")
            meta = self.metadata(node, pointer)
            return Schema(type="ref", pointer=pointer, ref=name, name=component, **meta)
        target, where = self.docs.lookup(ref, pointer + "/$ref")
        if not self.docs.is_root(where):
            target, where = self.final_target(target, where)
        name = self.names.root_component(where) if self.docs.is_root(where) else None
        if name is None and self.docs.is_root(where):
            # A nested location of the root document is inlined where it is used.
            return self.inlined(ref, target, where, pointer, hint, component)
        if name is None:
            name = self.names.name(where)
            if name == component:  # components/schemas/NAME: {$ref: file}: NAME itself
                return self.schema(target, where, name, name)
            self.define(name, target, where)
        meta = self.metadata(node, pointer)
        return Schema(type="ref", pointer=pointer, ref=name, name=component, **meta)

    def inlined(
        self,
        ref: str,
        target: Any,
        where: str,
        pointer: str,
        hint: str,
        component: str | None,
    ) -> Schema:
        if where in self.resolving:
            return Schema(
                type="any",
                pointer=pointer,
                name=component or hint,
                description=f"recursive $ref {ref}",
            )
        self.resolving.append(where)
        try:
            return self.schema(target, pointer, hint, component)
        finally:
            self.resolving.pop()

    def final_target(self, target: Any, where: str) -> tuple[Any, str]:
        """Through `{$ref: ...}` alone to the schema it stands for (a root component
        is a schema of its own, so the chain stops there)."""
        seen = {where}
        while (
            isinstance(target, dict)
            and len(target) == 1
            and "$ref" in target
            and not (self.docs.is_root(where) and self.names.root_component(where))
        ):
            target, where = self.docs.lookup(target["$ref"], where + "/$ref")
            if where in seen:
                raise self.fail(where, "$ref cycle")
            seen.add(where)
        return target, where

    def define(self, name: str, target: Any, where: str) -> None:
        """The schema of another document, read once into `external` (a root
        component that holds it reads it itself)."""
        if name in self.names.claimed or name in self.external or name in self.defining:
            return
        self.defining.add(name)
        depth, self.depth = self.depth, 0  # its depth is its own, not its user's
        try:
            self.external[name] = self.schema(target, where, name, name)
        finally:
            self.depth = depth
            self.defining.discard(name)

    def metadata(self, node: dict[str, Any], pointer: str) -> dict[str, Any]:
        """The annotation keywords a schema (or a $ref with siblings) may carry."""
        meta: dict[str, Any] = {}
        for key in ("title", "description"):
            if key in node:
                meta[key] = self.referable_text(node[key], f"{pointer}/{key}")
        if node.get("nullable") is True:
            meta["nullable"] = True
        for key, attr in (
            ("readOnly", "read_only"),
            ("writeOnly", "write_only"),
            ("deprecated", "deprecated"),
        ):
            if node.get(key) is True:
                meta[attr] = True
        if "default" in node:
            meta["has_default"] = True
            meta["default"] = node["default"]
        examples: list[Any] = []
        if "example" in node:
            examples.append(node["example"])
        if isinstance(node.get("examples"), list):
            examples.extend(node["examples"])
        if examples:
            meta["examples"] = tuple(examples)
        return meta

    def schema_body(
        self, node: dict[str, Any], pointer: str, hint: str, component: str | None
    ) -> Schema:
        """A schema without `$ref`: its annotations, its type(s), its compositions
        (of which a lone one may only wrap another schema), then its own shape."""
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
        one_of = self.variants(node, "oneOf", pointer, name)
        any_of = self.variants(node, "anyOf", pointer, name)
        all_of = self.variants(node, "allOf", pointer, name)
        unions = []
        for variants in (one_of, any_of):
            kept = tuple(v for v in variants if not is_null(v))
            if len(kept) != len(variants):
                meta["nullable"] = True
            unions.append(kept)
        return unions[0], unions[1], all_of

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
        """The schema with its own keywords: properties, items, enum, bounds, ..."""
        required = self.required_names(node, pointer)
        properties = self.properties(node, pointer, name, required)
        additional = self.additional_properties(node, pointer, name)
        items = None
        if "items" in node:
            items = self.schema(node["items"], pointer + "/items", name + "Item")
        discriminator = self.discriminator(node, pointer)
        enum = self.enum(node, pointer)
        if enum is not None and None in enum:
            meta["nullable"] = True
            enum = [v for v in enum if v is not None]
        bounds = self.bounds(node, pointer)
        multiple_of = self.multiple_of(node, pointer)
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
            **self.limits(node, pointer),
            not_=(
                self.schema(node["not"], pointer + "/not", name + "Not")
                if "not" in node
                else None
            ),
            discriminator=discriminator,
            extensions=extensions(node),
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

    def additional_properties(
        self, node: dict[str, Any], pointer: str, name: str
    ) -> Schema | bool | None:
        if "additionalProperties" not in node:
            return None
        raw = node["additionalProperties"]
        if isinstance(raw, bool):
            return raw
        return self.schema(raw, pointer + "/additionalProperties", name + "Value")


def _wrapped(one_of: _Variants, any_of: _Variants, all_of: _Variants) -> Schema | None:
    """The one schema a shapeless wrapper stands for: `oneOf [X, null]` (the 3.1 form
    of a nullable X), or `allOf [X]` beside annotations (the 3.0 way to annotate a
    $ref)."""
    if len(one_of) + len(any_of) == 1 and not all_of:
        return (one_of or any_of)[0]
    if len(all_of) == 1 and not one_of and not any_of:
        return all_of[0]
    return None
