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
from inline_spec import SCHEMAS as REF
from inline_spec import ref
from robust_support import SETTINGS, call, canonical, generated, model, openapi
from spec_strategies import Payloads, specs


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
