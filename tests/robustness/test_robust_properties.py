"""Property-based robustness (hypothesis).

Random valid specs built from nasty names and shapes (keywords, builtins, digits,
dashes, spaces, @, $, non-ASCII, collisions after conversion, pydantic internals,
awkward enums, recursion, allOf, unions, maps, 3.0 and 3.1 nullability, duplicate
operationIds, any text in titles, descriptions and summaries) always give a package
that imports, whose models module is exactly as black writes it, and whose models
round-trip payloads. Random corruptions of a valid spec give a package that compiles
or a one-line SpecError, never another exception.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import black
import httpx
import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.codegen.generate import render_all
from generator.errors import SpecError
from generator.parse.openapi import escape_pointer
from robust_support import SETTINGS, call, canonical, generated, model, openapi

REF = "#/components/schemas/"
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


def ref(name: str) -> dict[str, str]:
    return {"$ref": REF + escape_pointer(name)}


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
    return schema["$ref"][len(REF) :].replace("~1", "/").replace("~0", "~")


# -- tests ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


@pytest.fixture(scope="module")
def http() -> Iterator[httpx.Client]:
    """One connection pool for every client: creating one loads the CA bundle."""
    with httpx.Client() as client:
        yield client


@settings(SETTINGS, max_examples=500)
@given(spec=specs(), data=st.data())
def test_random_valid_specs_import_and_round_trip_payloads(
    workdir: Path, http: httpx.Client, spec: dict[str, Any], data: st.DataObject
) -> None:
    components = spec["components"]["schemas"]
    with generated(spec, workdir) as (package, report):
        for module in Path(package.__file__).with_name("models").glob("*.py"):
            models = module.read_text("utf-8")
            assert black.format_str(models, mode=black.Mode()) == models
        client = package.Client(endpoint="http://localhost", http_client=http)
        for op in report["operations"]:
            assert callable(call(client, report, op["method"], op["path"]))
        payloads = Payloads(data.draw, components)
        for name, schema in components.items():
            adapter = pydantic.TypeAdapter(model(package, report, name))
            payload = payloads.of(schema, hops=(name,))
            value = adapter.validate_python(payload)
            dumped = adapter.dump_python(
                value, mode="json", by_alias=True, exclude_unset=True
            )
            assert canonical(dumped) == canonical(payload), name


# A compact spec with one of each kind of node, to corrupt one node at a time.
BASE = openapi(
    {
        "/pets/{pet-id}": {
            "parameters": [
                {"name": "pet-id", "in": "path", "required": True, "schema": {}}
            ],
            "post": {
                "operationId": "create",
                "summary": "s",
                "tags": ["t"],
                "security": [{"key": []}],
                "parameters": [
                    {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                    {"$ref": "#/components/parameters/Trace"},
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": ref("Pet")},
                        "multipart/form-data": {
                            "schema": ref("Pet"),
                            "encoding": {"name": {"contentType": "text/plain"}},
                        },
                    },
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        "headers": {"x-id": {"schema": {"type": "string"}}},
                        "content": {"application/json": {"schema": ref("Pet")}},
                    },
                    "default": {"$ref": "#/components/responses/Error"},
                },
            },
        }
    },
    {
        "Pet": {
            "type": "object",
            "required": ["name"],
            "discriminator": {"propertyName": "kind", "mapping": {"cat": REF + "Pet"}},
            "properties": {
                "name": {"type": "string", "minLength": 1, "pattern": "^[a-z]+$"},
                "kind": {"type": "string", "enum": ["cat", "dog"]},
                "age": {"type": "integer", "minimum": 0, "exclusiveMaximum": 99},
                "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 3},
                "owner": {"oneOf": [ref("Pet"), {"type": "null"}]},
                "extra": {"type": "object", "additionalProperties": {"type": "number"}},
                "base": {"allOf": [ref("Pet")], "description": "d"},
            },
        }
    },
    servers=[
        {
            "url": "https://{host}/api",
            "variables": {"host": {"default": "x", "enum": ["x"]}},
        }
    ],
)
BASE["components"].update(
    {
        "parameters": {"Trace": {"name": "x-trace", "in": "header", "schema": {}}},
        "responses": {"Error": {"description": "e", "content": {}}},
        "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "k"}},
    }
)


def _locations(node: Any, at: tuple = ()) -> Iterator[tuple]:
    yield at
    if isinstance(node, (dict, list)):
        for key, child in node.items() if isinstance(node, dict) else enumerate(node):
            yield from _locations(child, at + (key,))


LOCATIONS = [at for at in _locations(BASE) if at]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=4),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=5,
)


@settings(SETTINGS, max_examples=300)
@given(where=st.sampled_from(LOCATIONS), value=st.none() | json_values)
def test_corrupted_specs_give_a_package_or_a_one_line_spec_error(
    workdir: Path, where: tuple, value: Any
) -> None:
    spec = json.loads(json.dumps(BASE))
    parent = spec
    for key in where[:-1]:
        parent = parent[key]
    if value is None and isinstance(parent, dict):
        del parent[where[-1]]  # corrupted by omission
    else:
        parent[where[-1]] = value
    spec_file = workdir / "corrupted.json"
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    try:
        files = render_all([str(spec_file)], workdir, package="corrupted").files
    except SpecError as error:
        message = str(error)
        assert message.startswith(str(spec_file)) and "\n" not in message
        return
    for name, source in files.items():
        if name.endswith(".py"):
            compile(source, name, "exec")
