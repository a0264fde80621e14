"""Multi-file specs: `$ref`s to other files resolved against the file that holds them,
schemas of other files named once, refs leaving the spec's folder refused unless
allowed (remote refs: test_parse_remote_refs.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.codegen.generate import generate_all
from generator.parse.openapi import parse_openapi
from generator.parse.refs import RefPolicy
from generated_packages import import_generated
from multi_file import error_of, get_returning, root_spec, write_tree
from robustness.robust_support import refused, sdkgen


def response_schema(api: Any, path: str) -> Any:
    op = api.operation("get", path)
    return op.responses[0].content[0].schema


# The layout of the issue: openapi.yaml -> ./schemas/pet.yaml -> ./animal.yaml, where
# the second ref is relative to schemas/, not to the root's folder.
NESTED = {
    "openapi.yaml": root_spec({"/pets": get_returning({"$ref": "./schemas/pet.yaml"})}),
    "schemas/pet.yaml": {
        "allOf": [{"$ref": "./animal.yaml"}],
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "status": {"$ref": "#/definitions/Status"},
            "owner": {"$ref": "owners.json#/Owner"},
        },
        "definitions": {"Status": {"type": "string", "enum": ["available", "sold"]}},
    },
    "schemas/animal.yaml": {
        "type": "object",
        "properties": {"legs": {"type": "integer"}},
    },
    "schemas/owners.json": {
        "Owner": {
            "type": "object",
            "properties": {"pets": {"type": "array", "items": {"$ref": "pet.yaml"}}},
        }
    },
}


def test_relative_refs_resolve_against_the_file_that_holds_them(
    tmp_path: Path,
) -> None:
    api = parse_openapi(write_tree(tmp_path, NESTED))
    assert response_schema(api, "/pets").ref == "pet"
    pet = api.schemas["pet"]
    assert pet.all_of[0].ref == "animal"
    assert api.schemas["animal"].property("legs").schema.type == "integer"
    # a local ref inside pet.yaml is looked up in pet.yaml, not in the root
    assert pet.property("status").schema.ref == "Status"
    assert api.schemas["Status"].enum == ("available", "sold")
    # JSON with a fragment, and back to pet.yaml: a cycle across files
    owner = api.schemas["Owner"]
    assert owner.property("pets").schema.items.ref == "pet"
    assert list(api.schemas) == ["pet", "animal", "Status", "Owner"]


def test_errors_in_another_file_name_that_file_and_pointer(tmp_path: Path) -> None:
    files = dict(NESTED)
    files["schemas/animal.yaml"] = {
        "type": "object",
        "properties": {"legs": {"$ref": "./numbers.yaml#/Legs"}},
    }
    root = write_tree(tmp_path, files)
    assert error_of(root) == (
        f"{tmp_path}/schemas/animal.yaml#/properties/legs/$ref: $ref to a missing "
        "file: ./numbers.yaml#/Legs"
    )
    (tmp_path / "schemas/numbers.yaml").write_text("Limbs: {type: integer}\n")
    assert error_of(root) == (
        f"{tmp_path}/schemas/animal.yaml#/properties/legs/$ref: dangling $ref: "
        "./numbers.yaml#/Legs (no 'Legs' there)"
    )


def test_one_external_schema_is_one_model_however_it_is_reached(
    tmp_path: Path,
) -> None:
    files = {
        "openapi.yaml": root_spec(
            {
                "/pets": get_returning({"$ref": "schemas/pet.yaml"}, "listPets"),
                "/pets/{id}": get_returning(
                    {"$ref": "./schemas/../schemas/pet.yaml"}, "getPet"
                ),
                "/others": {"$ref": "paths/others.yaml"},
            },
            {"Pet": {"$ref": "./schemas/pet.yaml"}},
        ),
        "paths/others.yaml": get_returning({"$ref": "../schemas/pet.yaml"}, "others"),
        "schemas/pet.yaml": {
            "type": "object",
            "properties": {"id": {"type": "string"}},
        },
    }
    root = write_tree(tmp_path, files)
    api = parse_openapi(root)
    # the root component that is only a $ref gives the file its name
    assert list(api.schemas) == ["Pet"] and api.schemas["Pet"].type == "object"
    assert {
        response_schema(api, p).ref for p in ("/pets", "/pets/{id}", "/others")
    } == {"Pet"}
    out = tmp_path / "out"
    (result,) = generate_all([str(root)], out, package="one_pet")
    assert [m["class"] for m in result.report["models"]] == ["one_pet.models:Pet"]
    assert parse_openapi(root) == api  # deterministic


def test_names_taken_are_qualified_by_the_folders(tmp_path: Path) -> None:
    files = {
        "openapi.yaml": root_spec(
            {
                "/a": get_returning({"$ref": "droplets/models/size.yml"}, "a"),
                "/b": get_returning({"$ref": "volumes/models/size.yml"}, "b"),
                "/c": get_returning({"$ref": "common.yaml#/Size"}, "c"),
            }
        ),
        "droplets/models/size.yml": {"type": "object", "properties": {"vcpus": {}}},
        "volumes/models/size.yml": {"type": "object", "properties": {"gb": {}}},
        "common.yaml": {"Size": {"type": "string"}},
    }
    api = parse_openapi(write_tree(tmp_path, files))
    assert [response_schema(api, p).ref for p in ("/a", "/b", "/c")] == [
        "size",
        "volumes_size",
        "common_Size",
    ]


def test_operation_and_path_item_refs_are_followed(tmp_path: Path) -> None:
    operation = {
        "operationId": "droplets_list",
        "parameters": [{"$ref": "../shared/parameters.yml#/per_page"}],
        "responses": {"200": {"$ref": "responses/all.yml"}},
    }
    files = {
        "openapi.yaml": root_spec(
            {
                "/v2/droplets": {"get": {"$ref": "resources/droplets_list.yml"}},
                "/v2/sizes": {"$ref": "paths/sizes.yml", "summary": "beside the ref"},
            }
        ),
        "resources/droplets_list.yml": operation,
        "resources/responses/all.yml": {
            "description": "the droplets",
            "content": {"application/json": {"schema": {"type": "array"}}},
        },
        "shared/parameters.yml": {
            "per_page": {
                "name": "per_page",
                "in": "query",
                "schema": {"type": "integer"},
            }
        },
        "paths/sizes.yml": {"get": {"operationId": "sizes_list", "responses": {}}},
    }
    api = parse_openapi(write_tree(tmp_path, files))
    droplets = api.operation("get", "/v2/droplets")
    assert droplets.operation_id == "droplets_list"
    assert [(p.name, p.location) for p in droplets.parameters] == [
        ("per_page", "query")
    ]
    assert droplets.responses[0].content[0].schema.type == "array"
    assert droplets.pointer == "resources/droplets_list.yml#"
    assert api.operation("get", "/v2/sizes").operation_id == "sizes_list"


def test_an_empty_operation_is_refused(tmp_path: Path) -> None:
    files = {
        "openapi.yaml": root_spec({"/x": {"get": {"$ref": "op.yaml"}}}),
        "op.yaml": {},
    }
    assert error_of(write_tree(tmp_path, files)) == (
        f"{tmp_path}/op.yaml#/: empty operation object"
    )


def test_cycles_across_files_generate_models_that_validate(tmp_path: Path) -> None:
    files = {
        "openapi.yaml": root_spec({"/pets": get_returning({"$ref": "pet.yaml"})}),
        "pet.yaml": {
            "type": "object",
            "properties": {"name": {"type": "string"}, "owner": {"$ref": "owner.yaml"}},
        },
        "owner.yaml": {
            "type": "object",
            "properties": {"pets": {"type": "array", "items": {"$ref": "pet.yaml"}}},
        },
    }
    root = write_tree(tmp_path, files)
    models = import_generated(root, tmp_path / "out", "cyclic_pets").models
    pet = models.Pet.model_validate(
        {"name": "a", "owner": {"pets": [{"name": "b", "owner": {"pets": []}}]}}
    )
    assert isinstance(pet.owner.pets[0].owner, models.Owner)


# -- refs leaving the spec's folder --------------------------------------------------

ESCAPING = {
    "spec/openapi.yaml": root_spec(schemas={"Pet": {"$ref": "../shared/pet.yaml"}}),
    "shared/pet.yaml": {"type": "object", "properties": {"id": {"type": "string"}}},
}


def test_a_ref_leaving_the_folder_is_refused_unless_allowed(tmp_path: Path) -> None:
    root = write_tree(tmp_path, ESCAPING)
    assert error_of(root) == (
        f"{root}#/components/schemas/Pet/$ref: $ref ../shared/pet.yaml leaves the "
        "spec's folder; pass --allow-outside-refs to follow it"
    )
    api = parse_openapi(root, RefPolicy(outside_folder=True))
    assert api.schemas["Pet"].property("id") is not None


@pytest.mark.parametrize(
    "command",
    [
        ["generate", "{spec}", "--out", "{out}"],
        ["check", "{spec}", "--against", "{out}"],
        ["diff", "{spec}", "{spec}"],
        ["docs", "{spec}"],
        ["reconcile", "{markdown}", "{spec}"],
    ],
    ids=lambda command: command[0],
)
def test_every_command_reading_a_spec_takes_the_ref_options(
    command: list[str], tmp_path: Path
) -> None:
    root = write_tree(tmp_path, ESCAPING)
    markdown = tmp_path / "reference.md"
    rendered = sdkgen(
        "docs", str(root), "--out", str(markdown), "--allow-outside-refs", cwd=tmp_path
    )
    assert rendered.returncode == 0, rendered.stderr
    out = tmp_path / "out"
    out.mkdir()  # `check` compares with a folder
    args = [a.format(spec=root, out=out, markdown=markdown) for a in command]
    refused = sdkgen(*args, cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stderr.endswith(
        "leaves the spec's folder; pass --allow-outside-refs to follow it\n"
    )
    allowed = sdkgen(*args, "--allow-outside-refs", cwd=tmp_path)
    assert allowed.returncode in (0, 1), allowed.stderr  # 1: check drift, findings
    assert "error" not in allowed.stderr


# -- lenient reading -----------------------------------------------------------------


def test_invalid_common_constructs_are_read_with_a_warning(tmp_path: Path) -> None:
    spec = tmp_path / "lenient.yaml"
    spec.write_text(
        "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n"
        "  schemas:\n    Reading:\n      type: object\n      properties:\n"
        "        point:\n          type: array\n          items: [{type: number}, "
        "{type: string}]\n        note: {type: [string, null]}\n",
        encoding="utf-8",
    )
    warnings: list[str] = []
    api = parse_openapi(spec, warn=warnings.append)
    reading = api.schemas["Reading"]
    point = reading.property("point").schema.items
    assert point.type == "union" and [v.type for v in point.any_of] == [
        "number",
        "string",
    ]
    note = reading.property("note").schema
    assert note.type == "string" and note.nullable
    assert warnings == [
        f"{spec}#/components/schemas/Reading/properties/point/items: tuple-style "
        "'items' (a list of schemas) is not OpenAPI; read as items of any of those "
        "schemas",
        f"{spec}#/components/schemas/Reading/properties/note/type: 'type' lists "
        'null, not "null"; read as "null"',
    ]
