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
    added; the SDK diff sees the nested class renamed (an import of it breaks), and
    not the attribute typed by it, whose type is the same class."""
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
    renamed = changes["models.thing.Size"]
    assert (renamed["id"], renamed["severity"]) == ("sdk-class-renamed", "breaking")
    assert renamed["message"] == "renamed to `models.thing.ThingSize`"
    assert "models.Thing.size" not in changes
    assert "models.thing.ThingSize" not in changes
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


def write_package(folder: Path, modules: dict[str, str]) -> Path:
    """A package folder `pkg` under `folder` holding `modules` (relative path -> code)."""
    for name, code in {"__init__.py": "", **modules}.items():
        path = folder / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(code, encoding="utf-8")
    return folder / "pkg"


# one models module, its nested types spelled flat (old) or scoped to it (new)
THING_MODULE = """from typing import Literal

from pydantic import BaseModel

{status} = Literal["on", "off"]


class {choice}(BaseModel):
    index: int


class Thing(BaseModel):
    status: {status}
    choices: list[{choice}]
"""
OLD_MODELS = THING_MODULE.format(status="ThingStatus", choice="ThingChoicesItem")
NEW_THING = THING_MODULE.format(status="Status", choice="Choice")

REEXPORT = 'from .thing import Thing\n\n__all__ = ["Thing"]\n'


def test_a_class_moved_into_its_roots_module_is_one_change(
    tmp_path: Path, capsys
) -> None:
    """Moved by name (`ThingStatus` is spelled by `thing.Status`) and by an attribute
    that names it (`Thing.choices`): each move is reported once, breaking (the old
    import fails), and the annotations naming the moved types are not changes."""
    old = write_package(tmp_path / "a", {"models.py": OLD_MODELS})
    new = write_package(
        tmp_path / "b",
        {
            "models/__init__.py": REEXPORT,
            "models/thing.py": NEW_THING,
        },
    )
    code, changes = sdk_changes(old, new, capsys)
    assert code == 1
    moved = {k: c["message"] for k, c in changes.items() if c["id"] == "sdk-name-moved"}
    assert moved == {
        "models.ThingStatus": "moved to `models.thing.Status`",
        "models.ThingChoicesItem": "moved to `models.thing.Choice`",
    }
    assert {k for k, c in changes.items() if c["severity"] == "breaking"} == set(moved)
    assert "models.Thing.choices" not in changes
    assert "models.Thing.status" not in changes


def test_a_class_with_other_members_did_not_move(tmp_path: Path, capsys) -> None:
    old = write_package(tmp_path / "a", {"models.py": OLD_MODELS})
    new = write_package(
        tmp_path / "b",
        {
            "models/__init__.py": REEXPORT,
            "models/thing.py": NEW_THING.replace("    index: int", "    rank: int"),
        },
    )
    _, changes = sdk_changes(old, new, capsys)
    assert changes["models.ThingChoicesItem"]["id"] == "sdk-name-removed"
    assert changes["models.Thing.choices"]["id"] == "sdk-type-changed"
    assert changes["models.ThingStatus"]["id"] == "sdk-name-moved"


def test_a_list_parameter_taking_any_iterable_is_widened(
    tmp_path: Path, capsys
) -> None:
    signature = "def tag(names: {}) -> None: ...\n"
    old = write_package(
        tmp_path / "a",
        {"api.py": "from typing import List\n" + signature.format("List[str]")},
    )
    new = write_package(
        tmp_path / "b",
        {"api.py": "from typing import Iterable\n" + signature.format("Iterable[str]")},
    )
    code, changes = sdk_changes(old, new, capsys)
    assert code == 0
    assert changes["api.tag(names=...)"]["id"] == "sdk-parameter-type-widened"
