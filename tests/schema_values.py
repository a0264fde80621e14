"""Request values built from a spec's schemas (the IR), as a caller would write them:
plain JSON values. `full=False` fills only what is required; `full=True` fills every
optional property too. readOnly properties are left out: a request never carries them.
"""

from __future__ import annotations

from typing import Any

from generator.ir import Api, Schema

# Values for string formats a validator checks.
FORMATS = {
    "date-time": "2024-01-01T00:00:00Z",
    "date": "2024-01-01",
    "time": "12:00:00",
    "uri": "https://example.com/a",
    "url": "https://example.com/a",
    "email": "a@example.com",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "byte": "AAAA",
    "binary": "data",
}
# Nested deeper than this, objects get only their required properties.
FULL_DEPTH = 3
MAX_DEPTH = 12


class ValueBuilder:
    def __init__(self, api: Api, full: bool) -> None:
        self.api = api
        self.full = full

    def value(self, schema: Schema, depth: int = 0) -> Any:
        schema = self.api.resolve(schema)
        if schema.has_const:
            return schema.const
        if schema.enum:
            return next((v for v in schema.enum if v is not None), None)
        if schema.all_of:
            return self.value(self.merged(schema), depth)
        if schema.type == "object" and schema.properties and schema.one_of:
            return self.one_of_constraints(schema, depth)
        if schema.type == "union" or (schema.one_of or schema.any_of):
            return self.union(schema, depth)
        builder = getattr(self, "_" + schema.type, None)
        if builder is None:
            return "sample"
        return builder(schema, depth)

    def merged(self, schema: Schema) -> Schema:
        """An allOf's parts as one object schema (properties and required lists)."""
        props: dict[str, Any] = {}
        required: set[str] = set(schema.required)
        parts = [schema] + [self.api.resolve(p) for p in schema.all_of]
        while parts:
            part = parts.pop(0)
            parts.extend(self.api.resolve(p) for p in part.all_of if p is not part)
            required.update(part.required)
            for prop in part.properties:
                props.setdefault(prop.name, prop)
                if prop.required:
                    required.add(prop.name)
        return Schema(
            type="object",
            pointer=schema.pointer,
            properties=tuple(props.values()),
            required=tuple(sorted(required)),
            discriminator=schema.discriminator,
        )

    def union(self, schema: Schema, depth: int) -> Any:
        branches = schema.one_of or schema.any_of
        if schema.discriminator and schema.discriminator.mapping:
            tag, component = schema.discriminator.mapping[0]
            value = self.value(self.api.schemas[component], depth)
            if isinstance(value, dict):
                value[schema.discriminator.property_name] = tag
            return value
        usable = [b for b in branches if self.api.resolve(b).type != "null"]
        return self.value((usable or list(branches))[0], depth)

    def one_of_constraints(self, schema: Schema, depth: int) -> Any:
        """An object whose oneOf branches only require one property or another: the
        first branch's properties are sent, the other branches' left out."""
        value = self._object(schema, depth)
        branches = [self.api.resolve(b) for b in schema.one_of]
        chosen = set(branches[0].required)
        for name in chosen - set(value):
            prop = schema.property(name)
            value[name] = self.value(prop.schema, depth + 1) if prop else "sample"
        for branch in branches[1:]:
            for name in set(branch.required) - chosen - set(schema.required):
                value.pop(name, None)
        return value

    def _object(self, schema: Schema, depth: int) -> Any:
        required = set(schema.required) | {
            p.name for p in schema.properties if p.required
        }
        fill_all = self.full and depth < FULL_DEPTH
        out: dict[str, Any] = {}
        for prop in schema.properties:
            target = self.api.resolve(prop.schema)
            if target.read_only or prop.schema.read_only:
                continue
            if prop.name in required or fill_all:
                out[prop.name] = self.value(prop.schema, depth + 1)
        extra = schema.additional_properties
        for name in sorted(required - set(out)):
            if extra is not False and not schema.property(name):
                out[name] = "sample"  # required, though the schema defines it nowhere
        if isinstance(extra, Schema) and (
            fill_all or (schema.min_properties or 0) > len(out)
        ):
            out["key"] = self.value(extra, depth + 1)
        return out

    def _array(self, schema: Schema, depth: int) -> Any:
        if schema.items is None:
            return ["sample"]
        count = max(schema.min_items or 0, 1)
        if depth >= MAX_DEPTH and not schema.min_items:
            return []
        return [self.value(schema.items, depth + 1) for _ in range(count)]

    def _string(self, schema: Schema, depth: int) -> Any:
        text = FORMATS.get(schema.format or "", "sample")
        if schema.min_length and len(text) < schema.min_length:
            text = text.ljust(schema.min_length, "x")
        if schema.max_length is not None:
            text = text[: schema.max_length]
        return text

    def _integer(self, schema: Schema, depth: int) -> Any:
        return int(self._bounded(schema, 1))

    def _number(self, schema: Schema, depth: int) -> Any:
        return self._bounded(schema, 1)

    def _bounded(self, schema: Schema, preferred: float) -> float:
        low = schema.minimum
        if schema.exclusive_minimum is not None:
            low = schema.exclusive_minimum + 1
        high = schema.maximum
        if schema.exclusive_maximum is not None:
            high = schema.exclusive_maximum - 1
        value = preferred
        if low is not None and value < low:
            value = low
        if high is not None and value > high:
            value = high
        return value

    def _boolean(self, schema: Schema, depth: int) -> Any:
        return False

    def _null(self, schema: Schema, depth: int) -> Any:
        return None

    def _any(self, schema: Schema, depth: int) -> Any:
        return "sample"
