"""`sdkgen diff --sdk OLD_DIR NEW_DIR`: the public Python surface of two generated
packages compared with griffe, each change judged for Python callers. The packages are
generated from specs here and sit in unrelated folders (the mode takes package folders,
wherever they are)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator import cli
from inline_spec import json_response, ref, spec

INT = {"type": "integer"}


def things_spec(
    components: dict[str, Any], limit: dict[str, Any], required: bool = False
) -> dict[str, Any]:
    """GET /things?limit= returns a Thing; Thing's `size` is an inline object."""
    size = {"type": "object", "properties": {"width": INT, "height": INT}}
    query = {"name": "limit", "in": "query", "required": required, "schema": limit}
    listing = {
        "operationId": "listThings",
        "parameters": [query],
        "responses": {"200": json_response("ok", ref("Thing"))},
    }
    thing = {"type": "object", "properties": {"size": size}}
    return spec({"/things": {"get": listing}}, {"Thing": thing, **components})


def generate(folder: Path, document: dict[str, Any]) -> tuple[str, Path]:
    folder.mkdir(parents=True)
    path = folder / "openapi.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    out = folder / "some" / "where"
    args = ["generate", str(path), "--out", str(out), "--package", "things"]
    assert cli.main(args) == 0
    return str(path), out / "things"


def sdk_changes(old: Path, new: Path, capsys) -> tuple[int, dict[str, Any]]:
    capsys.readouterr()
    args = ["diff", "--sdk", str(old), str(new), "--format", "json"]
    code = cli.main([*args, "--fail-on", "breaking"])
    changes = json.loads(capsys.readouterr().out)["changes"]
    return code, {c["location"]: c for c in changes}


def test_a_renamed_generated_class_is_breaking(tmp_path: Path, capsys) -> None:
    """Thing coming to refer to a new component `Size` renames its nested class of
    that name (a module cannot hold both): the spec diff sees a schema and a property
    added; the SDK diff sees the attribute's class change."""
    label = {"type": "object", "properties": {"label": {"type": "string"}}}
    old_spec, old = generate(tmp_path / "a", things_spec({}, INT))
    document = things_spec({"Size": label}, INT)
    thing = document["components"]["schemas"]["Thing"]
    thing["properties"]["label"] = {"$ref": "#/components/schemas/Size"}
    new_spec, new = generate(tmp_path / "b", document)
    assert cli.main(["diff", old_spec, new_spec, "--fail-on", "breaking"]) == 0
    spec_diff = capsys.readouterr().out
    assert "0 breaking" in spec_diff and "New: `Size`." in spec_diff
    code, changes = sdk_changes(old, new, capsys)
    assert code == 1
    changed = changes["models.Thing.size"]
    assert changed["severity"] == "breaking"
    assert "`None | ThingSize`, was `None | Size`" in changed["message"]
    assert changes["models.thing.ThingSize"]["id"] == "sdk-name-added"
    assert changes["models.Size"]["id"] == "sdk-name-added"


def test_parameters_judged_by_the_direction_of_the_data(tmp_path: Path, capsys) -> None:
    old_spec, old = generate(tmp_path / "a", things_spec({}, INT))
    _, wider = generate(tmp_path / "b", things_spec({}, {"type": "number"}))
    code, changes = sdk_changes(old, wider, capsys)
    create = "resources.things.Things.list(limit=...)"
    assert code == 0
    assert changes[create]["id"] == "sdk-parameter-type-widened"
    assert changes[create]["severity"] == "info"
    _, required = generate(tmp_path / "c", things_spec({}, INT, required=True))
    code, changes = sdk_changes(old, required, capsys)
    assert code == 1
    assert changes[create]["id"] == "sdk-parameter-became-required"
    _, strings = generate(tmp_path / "d", things_spec({}, {"type": "string"}))
    code, changes = sdk_changes(old, strings, capsys)
    assert (code, changes[create]["id"]) == (1, "sdk-parameter-type-changed")


def test_not_a_package_folder_is_a_one_line_error(tmp_path: Path, capsys) -> None:
    assert cli.main(["diff", "--sdk", str(tmp_path), str(tmp_path)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "not a Python package folder" in error
