"""The single keywords of a schema (type, enum, bounds, counts, discriminator), each
read and checked on its own, and the shape facts the schema reader decides by."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from ..ir import Discriminator, Schema
from ..naming import pascal
from .nodes import NodeReader
from .pointers import unescape_pointer

PRIMITIVES = {"string", "integer", "number", "boolean", "object", "array", "null"}
# Keywords that give a schema a shape of its own, beyond its compositions.
_SHAPE_KEYWORDS = (
    "properties",
    "items",
    "additionalProperties",
    "enum",
    "const",
    "discriminator",
    "not",
    "format",
    "required",
)


# Keywords that say something about a value without constraining its shape.
ANNOTATIONS = {
    "title",
    "description",
    "nullable",
    "readOnly",
    "writeOnly",
    "deprecated",
    "default",
    "example",
    "examples",
}


class SchemaKeywords(NodeReader):
    # Swagger 2.0's dialect: `type: file`, `x-nullable`, a discriminator by name
    swagger2 = False

    def metadata(self, node: dict[str, Any], pointer: str) -> dict[str, Any]:
        """The annotation keywords a schema (or a $ref with siblings) may carry."""
        meta: dict[str, Any] = {}
        for key in ("title", "description"):
            if key in node:
                meta[key] = self.referable_text(node[key], f"{pointer}/{key}")
        if node.get("nullable") is True or (
            self.swagger2 and node.get("x-nullable") is True
        ):
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

    def types(self, node: dict[str, Any], pointer: str) -> list[str]:
        """`type` as a list: [] when absent, several for the 3.1 form."""
        raw_type = node.get("type")
        types: list[str]
        if raw_type is None:
            types = []
        elif isinstance(raw_type, str):
            types = [raw_type]
        elif isinstance(raw_type, list) and all(isinstance(t, str) for t in raw_type):
            types = list(raw_type)
        elif isinstance(raw_type, list) and all(
            isinstance(t, str) or t is None for t in raw_type
        ):
            # `type: [string, null]` in YAML: null unquoted is no type name
            self.warn(
                pointer + "/type", '\'type\' lists null, not "null"; read as "null"'
            )
            types = ["null" if t is None else t for t in raw_type]
        else:
            raise self.fail(
                pointer + "/type",
                f"'type' must be a string or a list of strings, got {json.dumps(raw_type)[:60]}",
            )
        for t in types:
            if t not in PRIMITIVES:
                raise self.fail(pointer + "/type", f"unknown type {t!r}")
        return types

    def required_names(self, node: dict[str, Any], pointer: str) -> list[Any]:
        required = node.get("required") or []
        if not isinstance(required, list):
            raise self.fail(
                pointer + "/required", "'required' must be a list of property names"
            )
        return required

    def enum(self, node: dict[str, Any], pointer: str) -> list[Any] | None:
        enum = node.get("enum")
        if enum is not None and not isinstance(enum, list):
            raise self.fail(pointer + "/enum", "'enum' must be a list")
        return enum

    def discriminator(self, node: dict[str, Any], pointer: str) -> Discriminator | None:
        raw = node.get("discriminator")
        if self.swagger2 and isinstance(raw, str):
            return Discriminator(property_name=raw)
        if not isinstance(raw, dict):
            return None
        d_pointer = pointer + "/discriminator"
        if "defaultMapping" in raw:
            raise self.fail(
                d_pointer + "/defaultMapping",
                "discriminator defaultMapping (OpenAPI 3.2) is not supported",
            )
        raw_mapping = self.obj(
            raw.get("mapping") or {}, d_pointer + "/mapping", "mapping"
        )
        mapping = tuple(
            (
                str(value),
                unescape_pointer(
                    (
                        self.string(raw_mapping, value, d_pointer + "/mapping") or ""
                    ).rpartition("/")[2]
                ),
            )
            for value in raw_mapping
        )
        return Discriminator(
            property_name=str(raw.get("propertyName", "")), mapping=mapping
        )

    def multiple_of(self, node: dict[str, Any], pointer: str) -> Any:
        multiple_of = node.get("multipleOf")
        if multiple_of is not None and (
            not isinstance(multiple_of, (int, float))
            or isinstance(multiple_of, bool)
            or not multiple_of > 0
        ):
            raise self.fail(pointer + "/multipleOf", "multipleOf must be a number > 0")
        return multiple_of

    def count(self, node: dict[str, Any], key: str, pointer: str) -> int | None:
        """A non-negative integer keyword (minLength, maxItems, ...)."""
        value = node.get(key)
        if value is None:
            return None
        whole = isinstance(value, int) or (
            isinstance(value, float) and value.is_integer()
        )
        if isinstance(value, bool) or not whole or value < 0:
            raise self.fail(f"{pointer}/{key}", f"{key} must be a non-negative integer")
        return int(value)

    def limits(self, node: dict[str, Any], pointer: str) -> dict[str, Any]:
        """The size keywords and `pattern`, checked in the order they are declared."""
        return {
            "min_length": self.count(node, "minLength", pointer),
            "max_length": self.count(node, "maxLength", pointer),
            "pattern": self.string(node, "pattern", pointer),
            "min_items": self.count(node, "minItems", pointer),
            "max_items": self.count(node, "maxItems", pointer),
            "min_properties": self.count(node, "minProperties", pointer),
            "max_properties": self.count(node, "maxProperties", pointer),
        }

    def bounds(self, node: dict[str, Any], pointer: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "minimum": node.get("minimum"),
            "maximum": node.get("maximum"),
        }
        for key, attr, plain in (
            ("exclusiveMinimum", "exclusive_minimum", "minimum"),
            ("exclusiveMaximum", "exclusive_maximum", "maximum"),
        ):
            value = node.get(key)
            if value is True:  # 3.0 form: the bound itself is in minimum/maximum
                out[attr] = out[plain]
                out[plain] = None
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                out[attr] = value
        for key in ("minimum", "maximum", "exclusive_minimum", "exclusive_maximum"):
            value = out.get(key)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, (int, float))
            ):
                raise self.fail(pointer, f"{key} must be a number")
        return out


def variant_hint(item: Any, index: int) -> str:
    if isinstance(item, dict) and isinstance(item.get("title"), str):
        return pascal(item["title"])
    return f"Variant{index + 1}"


def is_null(schema: Schema) -> bool:
    return schema.type == "null"


def has_composition(node: dict[str, Any]) -> bool:
    return any(k in node for k in ("oneOf", "anyOf", "allOf"))


def has_own_shape(node: dict[str, Any]) -> bool:
    return any(k in node for k in _SHAPE_KEYWORDS)


def infer_type(
    node: dict[str, Any], one_of: tuple, any_of: tuple, all_of: tuple
) -> str:
    if "properties" in node or "additionalProperties" in node or all_of:
        return "object"
    if "items" in node:
        return "array"
    if one_of or any_of:
        return "union"
    enum = node.get("enum") or ([node["const"]] if "const" in node else None)
    if enum:
        kinds = {type(v) for v in enum if v is not None}
        if kinds <= {str}:
            return "string"
        if kinds <= {int}:
            return "integer"
        if kinds <= {int, float}:
            return "number"
        if kinds <= {bool}:
            return "boolean"
    return "any"


def merge_meta(
    schema: Schema, meta: dict[str, Any], pointer: str, component: str | None
) -> Schema:
    """The wrapped schema, carrying the wrapper's annotations, pointer and name."""
    changes: dict[str, Any] = dict(meta)
    if schema.nullable:
        changes["nullable"] = True
    changes["pointer"] = pointer
    if schema.type == "ref":
        changes["name"] = component
    elif component:
        changes["name"] = component
    return replace(schema, **changes)
