"""One valid spec with every nasty name and shape at once: keywords, builtins, digits,
dashes, spaces, @, $, non-ASCII, names colliding after conversion, duplicate
operationIds, pydantic internals, awkward enums, recursion and deep nesting. The package
must be black-clean and mypy-clean as emitted, and every wire name must survive."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import unquote

import pydantic
import pytest

from generator.codegen.generate import render_all
from generator.parse.openapi import MAX_SCHEMA_DEPTH
from loopback import Loopback
from inline_spec import SCHEMAS as REF
from nasty_spec import (
    DEPTH,
    INTERNALS,
    NASTY,
    SCHEMAS,
    deep_payload,
    deep_schema,
    strings,
)
from robust_support import call, canonical, generated, model, openapi


@pytest.fixture(scope="module")
def nasty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, dict]]:
    with generated(NASTY, tmp_path_factory.mktemp("nasty")) as generation:
        yield generation


def test_black_and_mypy_pass_on_the_package(
    tmp_path_factory: pytest.TempPathFactory, nasty: tuple[Any, dict]
) -> None:
    package, _ = nasty
    root = Path(package.__file__).parent
    black = subprocess.run(
        [sys.executable, "-m", "black", "--check", "--quiet", str(root)],
        capture_output=True,
        text=True,
    )
    assert black.returncode == 0, black.stderr
    mypy = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--no-incremental",
            "--cache-dir",
            str(tmp_path_factory.mktemp("mypy-cache")),
            root.name,
        ],
        capture_output=True,
        text=True,
        cwd=root.parent,
    )
    assert mypy.returncode == 0, mypy.stdout[-3000:]


def test_names_are_deterministic(tmp_path: Path) -> None:
    spec_file = tmp_path / "nasty.json"
    spec_file.write_text(json.dumps(NASTY), encoding="utf-8")
    first = render_all([str(spec_file)], tmp_path, package="p").files
    second = render_all([str(spec_file)], tmp_path, package="p").files
    assert first == second


def test_component_names_are_unique_and_exported(nasty: tuple[Any, dict]) -> None:
    package, report = nasty
    classes = [m["class"].partition(":")[2] for m in report["models"]]
    assert sorted(m["schema"] for m in report["models"]) == sorted(SCHEMAS)
    assert len(set(classes)) == len(classes)
    assert all(name.isidentifier() for name in classes)
    assert set(classes) <= set(package.models.__all__)
    # what a module defines for itself is not shadowed by a model of that name
    assert model(package, report, "Any").__name__ != "Any"  # typing's, in modules
    assert package.Client is not model(package, report, "Client")


@pytest.mark.parametrize(
    ("schema", "payload"),
    [
        ("class", {"import": "i", "def": "d", "None": "n", "from": "f"}),
        ("list", {"str": "s", "int": "i", "list": "l", "type": "t", "bytes": "b"}),
        ("2fa", {"1st": "a", "2nd": "b"}),
        ("foo-bar", {"a-b": "1", "a_b": "2", "a b": "3", "A_B": "4"}),
        ("foo-bar", {"a_b": "only the field of this wire name"}),
        ("pet", {"Name": "upper", "name": "lower"}),
        ("at@sign$", {"@type": "t", "$ref": "r", "@id": "i"}),
        ("Ünïcödé", {"naïve": "n", "日本語": "j", "ß": "s", "ǆ": "d"}),
        ("Internals", {name: name for name in INTERNALS}),
        ("Any", {"Any": "a"}),
        ("Enums", {"words": "", "unicode": "ǆ", "ints": -1, "bools": True}),
        ("Enums", {"words": "class", "floats": 1.5, "mixed": True, "bool_and_int": 1}),
        ("Enums", {"mixed": None, "bool_and_int": True, "objects": {"a": 1}}),
        ("Enums", {"objects": [1, 2], "empty_only": "", "const_object": {"k": "v"}}),
        ("Node", {"next": {"next": {"kids": [{}]}}, "kids": [{"next": {}}]}),
        ("A", {"b": {"a": {"b": {}}, "many": [{"b": {"many": []}}]}, "spaced": "s"}),
        ("A", {"slashed": 7}),
        ("SelfUnion", "text"),
        ("Ping", 3),
        ("Pong", False),
        ("Tree", {"a": {"b": {}, "c": {"d": {}}}}),
        ("Deep", deep_payload(DEPTH)),
        ("Pattern", {"letters": "ünï", "digits": "42"}),
    ],
)
def test_payloads_round_trip_with_exact_wire_names(
    nasty: tuple[Any, dict], schema: str, payload: Any
) -> None:
    package, report = nasty
    adapter = pydantic.TypeAdapter(model(package, report, schema))
    value = adapter.validate_python(payload)
    dumped = adapter.dump_python(value, mode="json", by_alias=True, exclude_unset=True)
    assert canonical(dumped) == canonical(payload)


def test_field_names_are_valid_unique_and_alias_their_wire_names(
    nasty: tuple[Any, dict],
) -> None:
    package, report = nasty
    for entry in report["models"]:
        definition = model(package, report, entry["schema"])
        if isinstance(definition, type) and issubclass(definition, pydantic.BaseModel):
            fields = definition.model_fields
            assert all(name.isidentifier() for name in fields)
            wires = [info.alias or name for name, info in fields.items()]
            assert wires == list(SCHEMAS[entry["schema"]].get("properties", {}))


def test_pattern_python_cannot_compile_is_not_enforced(nasty: tuple[Any, dict]) -> None:
    package, report = nasty
    pattern = model(package, report, "Pattern")
    assert pattern.model_validate({"letters": "12"}).letters == "12"
    with pytest.raises(ValueError):
        pattern.model_validate({"digits": "no digits"})


def test_bools_stay_bools_and_enums_stay_open(nasty: tuple[Any, dict]) -> None:
    package, report = nasty
    enums = model(package, report, "Enums")
    mixed = enums.model_validate({"bools": True, "bool_and_int": True, "ints": 1})
    assert mixed.model_dump(mode="json", exclude_unset=True) == {
        "bools": True,
        "bool_and_int": True,
        "ints": 1,
    }
    assert mixed.bools is True and mixed.bool_and_int is True
    # an enum class accepts a value the server adds later
    assert enums.model_validate({"words": "new"}).words == "new"


def test_wire_names_survive_a_request(
    nasty: tuple[Any, dict], server: Loopback
) -> None:
    package, report = nasty
    client = package.Client(endpoint=server.url, api_key="k")
    create = call(client, report, "POST", "/things/{class}/{foo-bar}")
    server.reply(200, {"def": "d", "@type": "t", "None": "n", "unknown": 1})
    with client:
        thing = create(
            class_="c 1",
            foo_bar="f/2",
            import_="i",
            list="l",
            field_1st="first",
            filter="$f",
            na_ïve="n",
            日本="j",
            a_b="ab",
            at="at",
            x_ms_client_request_id="rid",
            def_="d",
            model_config_="m",
            json_=True,
            type="t",
            none="n",
            foo_bar2="fb",
            na_ïve2="body n",
        )
    request = server.last()
    assert (request.method, request.path) == ("POST", "/api/things/c%201/f%2F2")
    assert request.query == {
        "import": ["i"],
        "list": ["l"],
        "1st": ["first"],
        "$filter": ["$f"],
        "naïve": ["n"],
        "日本": ["j"],
        "a b": ["ab"],
        "@at": ["at"],
    }
    assert request.headers["x-ms-client-request-id"] == "rid"
    assert request.json() == {
        "def": "d",
        "model_config": "m",
        "json": True,
        "@type": "t",
        "None": "n",
        "foo-bar": "fb",
        "naïve": "body n",
    }
    assert (thing.def_, thing.type, thing.none) == ("d", "t", "n")
    assert thing.model_extra == {"unknown": 1}


def test_colliding_wire_names_each_reach_the_wire_once(
    nasty: tuple[Any, dict], server: Loopback
) -> None:
    """self, foo-bar / foo_bar / Foo Bar, timeout and extra_headers twice over: each
    argument gets a name of its own and goes to exactly its own wire name."""
    package, report = nasty
    client = package.Client(endpoint=server.url)
    put = call(client, report, "PUT", "/collide/{self}")
    common = {"extra_headers", "extra_query", "extra_body", "timeout", "max_retries"}
    names = [n for n in inspect.signature(put).parameters if n not in common]
    assert len(names) == 9
    server.reply(204, None)
    with client:
        put(**{name: f"<{name}>" for name in names})
    request = server.last()
    body = request.json()
    assert sorted(request.query) == sorted(
        ["foo-bar", "foo_bar", "Foo Bar", "timeout", "extra_headers"]
    )
    assert sorted(body) == ["body", "foo-bar", "self"]
    received = (
        [unquote(request.path.rpartition("/")[2])]
        + [value for values in request.query.values() for value in values]
        + list(body.values())
    )
    assert sorted(received) == sorted(f"<{name}>" for name in names)


def test_duplicate_operation_ids_each_get_a_method(nasty: tuple[Any, dict]) -> None:
    package, report = nasty
    client = package.Client(endpoint="http://x")
    calls = {op["call"] for op in report["operations"] if op["operation_id"] == "class"}
    assert len(calls) == 3
    for method in ("POST", "GET", "DELETE"):
        assert callable(call(client, report, method, "/things/{class}/{foo-bar}"))


def test_spec_without_paths_generates_a_working_package(tmp_path: Path) -> None:
    spec = openapi(schemas={"Only": {"type": "object", "properties": strings("x")}})
    del spec["paths"]
    with generated(spec, tmp_path) as (package, report):
        assert report["operations"] == []
        assert package.Client(endpoint="http://x") is not None
        assert model(package, report, "Only").model_validate({"x": "1"}).x == "1"


def test_the_deepest_nesting_accepted_imports(tmp_path: Path) -> None:
    """MAX_SCHEMA_DEPTH levels of inline objects: one deeper is a SpecError (corpus)."""
    spec = openapi(schemas={"Deep": deep_schema(MAX_SCHEMA_DEPTH - 1)})
    with generated(spec, tmp_path) as (package, report):
        payload = deep_payload(MAX_SCHEMA_DEPTH - 1)
        deep = model(package, report, "Deep").model_validate(payload)
        assert deep.model_dump(exclude_unset=True) == payload


def test_long_chains_of_components_generate_without_recursing_and_import(
    tmp_path: Path,
) -> None:
    """Chains of $ref aliases, allOf parts and fields, each longer than the stack the
    generator gets here: planning them must not recurse once per link, and pydantic
    must not either when it builds the classes."""
    n = 300
    schemas: dict[str, Any] = {f"A{n}": {"type": "string"}, f"C{n}": {"type": "object"}}
    schemas[f"B{n}"] = {"type": "object", "properties": strings("x")}
    for i in range(n):
        schemas[f"A{i}"] = {"$ref": f"{REF}A{i + 1}"}
        schemas[f"B{i}"] = {"allOf": [{"$ref": f"{REF}B{i + 1}"}, {}]}
        schemas[f"C{i}"] = {
            "type": "object",
            "properties": {"next": {"$ref": f"{REF}C{i + 1}"}},
        }
    spec_file = tmp_path / "chains.json"
    spec_file.write_text(json.dumps(openapi(schemas=schemas)), encoding="utf-8")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 150)
    try:
        render_all([str(spec_file)], tmp_path, package="chains")
    finally:
        sys.setrecursionlimit(limit)
    with generated(openapi(schemas=schemas), tmp_path) as (package, report):
        assert model(package, report, "A0") is str
        assert model(package, report, "B0").model_validate({"x": "1"}).x == "1"
        chained = model(package, report, "C0").model_validate({"next": {"next": {}}})
        assert chained.next.next.next is None
