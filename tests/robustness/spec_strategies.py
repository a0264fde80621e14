"""Hypothesis strategies of the property-based robustness tests: random valid specs
built from nasty names and shapes in OpenAPI 3.0 and 3.1, and payloads each model of
such a spec must accept."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from generator.parse.pointers import unescape_pointer
from inline_spec import SCHEMAS as REF
from inline_spec import ref
from robust_support import openapi

MAX_COMPONENTS = 5

NASTY = [
    "class", "import", "None", "True", "def", "lambda", "match", "type", "list",
    "str", "dict", "id", "print", "self", "2fa", "1st", "foo-bar", "foo_bar",
    "Foo Bar", "a b", "@type", "$ref", "$schema", "naïve", "Ünï", "ǆ", "ß", "日本",
    "Pet", "pet", "PET", "model_config", "model_dump", "model_x", "json", "copy",
    "schema", "fields", "_private", "__init__", "Any", "BaseModel", "Field",
    "Literal", "Union", "TypeAlias", "Client", "models", "value", "name", "mro",
    "-", "_", "",
]  # fmt: skip
ENUM_STRINGS = ["", "class", "None", "a b", "a-b", "A B", "_", "1", "name", "ǆ", '"']

text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=6)
# Descriptions: any text, quotes, backslashes and control characters included.
prose = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
names = st.one_of(st.sampled_from(NASTY), text)
# Path segments and path parameter names: no URL syntax, no control characters.
segments = st.sampled_from([n for n in NASTY if n and n.isprintable() and n != "-"])


# -- schemas ----------------------------------------------------------------------------


def primitives(version: str) -> st.SearchStrategy[dict[str, Any]]:
    def make(kind: str, nullable: bool) -> dict[str, Any]:
        if not nullable:
            return {"type": kind}
        if version.startswith("3.1"):
            return {"type": [kind, "null"]}
        return {"type": kind, "nullable": True}

    kinds = st.sampled_from(["string", "integer", "number", "boolean"])
    return st.builds(make, kinds, st.booleans())


enums = st.one_of(
    st.lists(st.sampled_from(ENUM_STRINGS), min_size=1, max_size=4, unique=True).map(
        lambda values: {"type": "string", "enum": values}
    ),
    st.lists(st.integers(-3, 3), min_size=1, max_size=3, unique=True).map(
        lambda values: {"type": "integer", "enum": values}
    ),
    st.just({"type": "boolean", "enum": [True, False]}),
    st.just({"enum": ["a", 1, True, 2.5, None]}),
    st.just({"type": "number", "enum": [1.5, -2.5]}),
    st.sampled_from(["x", 0, False, {"k": [1]}]).map(lambda value: {"const": value}),
)


def schemas(version: str) -> st.SearchStrategy[dict[str, Any]]:
    """Any schema; a $ref only where a payload can avoid following it forever (never
    in `required`), and at most one per union (so no payload fits two models).
    A $ref holds a component's index until the components are named (_named)."""
    simple = st.one_of(primitives(version), enums, st.just({}))
    refs = st.integers(0, MAX_COMPONENTS - 1).map(lambda index: {"$ref": index})
    leaves = st.one_of(simple, refs)

    def compound(inner: st.SearchStrategy) -> st.SearchStrategy:
        unions = st.builds(
            lambda key, first, rest, model: {key: [first, *rest, *model]},
            st.sampled_from(["oneOf", "anyOf"]),
            simple,
            st.lists(simple, max_size=2),
            st.lists(refs, max_size=1),
        )
        return st.one_of(
            inner.map(lambda items: {"type": "array", "items": items}),
            inner.map(lambda value: {"type": "object", "additionalProperties": value}),
            objects(inner),
            unions,
        )

    return st.recursive(leaves, compound, max_leaves=6)


@st.composite
def objects(draw: st.DrawFn, inner: st.SearchStrategy) -> dict[str, Any]:
    properties = draw(st.dictionaries(names, inner, max_size=5))
    finite = [n for n, schema in properties.items() if _finite(schema)]
    required = draw(st.lists(st.sampled_from(finite), unique=True)) if finite else []
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    if draw(st.booleans()):
        schema["additionalProperties"] = False
    for key in ("title", "description"):
        if draw(st.booleans()):
            schema[key] = draw(prose)
    return schema


def _finite(schema: dict[str, Any]) -> bool:
    """Whether a payload of the schema exists that follows no $ref."""
    if "$ref" in schema:
        return False
    properties = schema.get("properties", {})
    return all(_finite(properties[name]) for name in schema.get("required", []))


def _named(schema: Any, components: list[str]) -> Any:
    """`schema` with each {"$ref": index} pointing at that component."""
    if isinstance(schema, list):
        return [_named(item, components) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if isinstance(schema.get("$ref"), int):
        return ref(components[schema["$ref"] % len(components)])
    return {key: _named(value, components) for key, value in schema.items()}


# Built once: constructing recursive strategies costs more than drawing from them.
SCHEMAS = {version: schemas(version) for version in ("3.0.3", "3.1.0")}
OBJECTS = {version: objects(strategy) for version, strategy in SCHEMAS.items()}


# -- specs ------------------------------------------------------------------------------


@st.composite
def specs(draw: st.DrawFn) -> dict[str, Any]:
    version = draw(st.sampled_from(sorted(SCHEMAS)))
    components = draw(
        st.lists(names, min_size=1, max_size=MAX_COMPONENTS - 1, unique=True)
    )

    def schema(strategies: dict[str, st.SearchStrategy]) -> dict[str, Any]:
        return _named(draw(strategies[version]), components)

    found = {name: schema(SCHEMAS) for name in components}
    plain = [n for n, s in found.items() if "properties" in s]
    if plain:  # an allOf of object components and its own properties
        name = draw(names.filter(lambda n: n not in found))
        parts = draw(st.lists(st.sampled_from(plain), min_size=1, unique=True))
        found[name] = {"allOf": [ref(part) for part in parts] + [schema(OBJECTS)]}
    paths: dict[str, Any] = {}
    for _ in range(draw(st.integers(0, 3))):
        literal, param = draw(segments), draw(segments)
        method = draw(st.sampled_from(["get", "post", "put", "delete"]))
        others = draw(
            st.lists(
                st.tuples(segments, st.sampled_from(["query", "header"])),
                max_size=3,
                unique=True,
            )
        )
        operation: dict[str, Any] = {
            # from a small pool, so that operationIds repeat
            "operationId": draw(st.sampled_from(["class", "list", "2fa", "日本"])),
            "summary": draw(prose),
            "parameters": [
                {"name": param, "in": "path", "required": True, "schema": {}}
            ]
            + [
                {"name": name, "in": where, "schema": schema(SCHEMAS)}
                for name, where in others
                if name != param
            ],
            "responses": {
                "200": {
                    "description": "ok",
                    "content": {"application/json": {"schema": ref(components[0])}},
                }
            },
        }
        if method != "get" and draw(st.booleans()):
            operation["requestBody"] = {
                "content": {"application/json": {"schema": schema(OBJECTS)}}
            }
        paths.setdefault(f"/{literal}/{{{param}}}", {})[method] = operation
    return openapi(paths, found, version)


# -- payloads ---------------------------------------------------------------------------


class Payloads:
    """Valid JSON payloads of the spec's schemas, drawn; past DEPTH only what is needed
    (required properties, empty arrays and maps, the first union variant)."""

    DEPTH = 3

    def __init__(self, draw: st.DrawFn, schemas: dict[str, Any]) -> None:
        self.draw = draw
        self.schemas = schemas

    def of(self, schema: dict[str, Any], depth: int = 0, hops: tuple = ()) -> Any:
        draw, deep = self.draw, depth >= self.DEPTH
        if "$ref" in schema:
            name = unref(schema)
            if name in hops:  # only $refs all the way round: generated as Any
                return "anything"
            return self.of(self.schemas[name], depth + 1, hops + (name,))
        kinds = schema.get("type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        nullable = schema.get("nullable") or "null" in kinds
        if nullable and draw(st.booleans()):
            return None
        if "const" in schema:
            return schema["const"]
        if "enum" in schema:
            return draw(st.sampled_from([v for v in schema["enum"] if v is not None]))
        variants = schema.get("oneOf") or schema.get("anyOf")
        if variants:
            chosen = variants[0] if deep else draw(st.sampled_from(variants))
            return self.of(chosen, depth + 1)
        if "properties" in schema or "allOf" in schema:
            properties, present = self.merged(schema)
            optional = [n for n in properties if n not in present]
            if optional and not deep:
                present |= set(draw(st.lists(st.sampled_from(optional), unique=True)))
            return {
                name: self.of(properties[name], depth + 1)
                for name in properties
                if name in present
            }
        if "additionalProperties" in schema:
            keys = [] if deep else draw(st.lists(text, max_size=2, unique=True))
            return {k: self.of(schema["additionalProperties"], depth + 1) for k in keys}
        if "items" in schema:
            size = 0 if deep else draw(st.integers(0, 2))
            return [self.of(schema["items"], depth + 1) for _ in range(size)]
        kind = kinds[0]
        if kind == "string":
            return draw(text)
        if kind == "integer":
            return draw(st.integers(-(2**53), 2**53))
        if kind == "number":
            return draw(st.floats(allow_nan=False, allow_infinity=False))
        if kind == "boolean":
            return draw(st.booleans())
        return draw(st.one_of(st.none(), st.booleans(), st.integers(-9, 9), text))

    def merged(self, schema: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
        """Properties and required names the way the generator merges allOf parts:
        parts in order, the schema's own properties last."""
        properties: dict[str, Any] = {}
        required: set[str] = set()
        for part in schema.get("allOf", []) + [schema]:
            if "$ref" in part:
                part = self.schemas[unref(part)]
            properties.update(part.get("properties", {}))
            required |= set(part.get("required", []))
        return properties, required


def unref(schema: dict[str, Any]) -> str:
    return unescape_pointer(schema["$ref"][len(REF) :])
