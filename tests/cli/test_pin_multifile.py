"""`sdkgen pin` of a spec spread over files: a pin copies one file, so a spec whose
$refs need the files beside it is refused from outside the mirror (one line, exit 2,
nothing written) and pins where it sits inside it; example files a spec can do
without do not stop a pin."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from real_specs import spec_path
from test_pin_cli import SPEC, project, run  # noqa: F401 (a fixture)
from test_project_config import tree


def _two_files(folder: Path) -> Path:
    """The pets spec with its Pet schema in a file beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    document = json.loads(json.dumps(SPEC))
    document["components"]["schemas"]["Pet"] = {"$ref": "schemas.json#/Pet"}
    (folder / "schemas.json").write_text(json.dumps({"Pet": {"type": "object"}}))
    root = folder / "pets.json"
    root.write_text(json.dumps(document))
    return root


def test_a_spec_needing_the_files_beside_it_is_refused_outside_the_mirror(
    project: Path,
) -> None:
    root = _two_files(project.parent / "api")
    before = tree(project)
    result = run(project, "pin", str(root))
    assert result.returncode == 2
    assert result.stderr == (
        f"sdkgen: error: {root}: its copy in the mirror does not parse without the "
        "files beside it ($ref to a missing file: schemas.json#/Pet): put the spec's "
        "files in the mirror folder and pin it from there\n"
    )
    assert tree(project) == before
    assert not (project / "specs" / "mirror").exists()  # no folder left either


def test_the_same_spec_pins_inside_the_mirror_and_generates(project: Path) -> None:
    root = _two_files(project / "specs" / "mirror" / "pets")
    result = run(project, "pin", str(root))
    assert result.returncode == 0, result.stderr
    assert "(already there)" in result.stdout
    generated = run(project, "generate")
    assert generated.returncode == 0, generated.stderr


def test_examples_beside_a_real_spec_do_not_stop_its_pin(project: Path) -> None:
    """2025-01-01-preview's x-ms-examples point at files beside it; its copy parses
    without them, so it pins from outside the mirror."""
    folder = project.parent / "azure"
    source = spec_path("2025-01-01-preview")
    shutil.copytree(source.parent, folder)
    result = run(project, "pin", str(folder / source.name))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("pinned 2025-01-01-preview spec: 42 operations")
