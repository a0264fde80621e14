"""generator/codegen/lock.py, what `sdkgen check` stands on: a lock written for a
rendering finds no drift in it, and names each kind of drift there is -- a file changed,
added or gone, a spec changed, a locked file edited on disk -- with a diff to read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.codegen.generate import render_all
from generator.codegen.lock import (
    against_lock,
    against_tree,
    lock_document,
    lock_outputs,
)
from generator.codegen.writer import write_files
from generator.config import Project
from generator.errors import UserError

SMALL = Path(__file__).resolve().parents[1] / "golden" / "small.yaml"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory):
    return render_all([str(SMALL)], tmp_path_factory.mktemp("out"), project=Project())


def _locked(folder: Path, rendered) -> Path:
    lock = folder / "sdkgen.lock"
    outputs = lock_outputs(rendered)
    lock.write_text(
        lock_document(rendered.files, rendered.spec_digests, outputs), encoding="utf-8"
    )
    return lock


def test_the_rendering_it_was_written_for_has_no_drift(
    rendered, tmp_path: Path
) -> None:
    lock = _locked(tmp_path, rendered)
    (package,) = {name.split("/")[0] for name in rendered.files}
    assert json.loads(lock.read_text())["outputs"] == {"2025-01-01": [f"{package}/"]}
    check = against_lock(lock, rendered.files, rendered.spec_digests, None)
    assert check.drift == [] and check.not_on_disk == len(rendered.files)


def test_each_kind_of_drift_is_named(rendered, tmp_path: Path) -> None:
    lock = _locked(tmp_path, rendered)
    files = dict(rendered.files)
    models = next(name for name in files if name.endswith("/models/note.py"))
    retries = next(name for name in files if name.endswith("/_retries.py"))
    files[models] += "# changed\n"
    del files[retries]
    files["extra/new.py"] = "x = 1\n"
    specs = {"2025-01-01": "0" * 64}
    drift = against_lock(lock, files, specs, None).drift
    kinds = {(d.path, d.kind) for d in drift}
    assert kinds == {
        ("2025-01-01", "spec"),
        (models, "changed"),
        (retries, "removed"),
        ("extra/new.py", "added"),
    }
    (spec,) = [d for d in drift if d.kind == "spec"]
    assert spec.diff == f"locked {rendered.spec_digests['2025-01-01']}, now {'0' * 64}"


def test_a_locked_file_edited_on_disk_is_drift_with_its_diff(
    rendered, tmp_path: Path
) -> None:
    write_files(tmp_path, rendered.files)
    lock = _locked(tmp_path, rendered)
    models = next(name for name in rendered.files if name.endswith("/models/note.py"))
    path = tmp_path / models
    path.write_text(path.read_text().replace('"""A note."""', '"""Edited."""'))
    check = against_lock(lock, rendered.files, rendered.spec_digests, None)
    (edited,) = check.drift
    assert (edited.path, edited.kind) == (models, "edited")
    assert f"--- {path}" in edited.diff and f"+++ regenerated/{models}" in edited.diff
    assert '-    """Edited."""' in edited.diff and '+    """A note."""' in edited.diff
    assert check.checked_on_disk == len(rendered.files)


def test_a_generated_tree_is_compared_without_its_bookkeeping(
    rendered, tmp_path: Path
) -> None:
    write_files(tmp_path, rendered.files)
    (package,) = {name.split("/")[0] for name in rendered.files}
    (tmp_path / package / "__pycache__").mkdir()
    (tmp_path / package / "__pycache__" / "models.cpython-311.pyc").write_bytes(b"\0")
    assert (tmp_path / ".sdkgen-manifest.json").is_file()
    assert against_tree(tmp_path, rendered.files) == []
    (tmp_path / package / "stray.py").write_text("x = 1\n")
    (drift,) = against_tree(tmp_path, rendered.files)
    assert (drift.path, drift.kind) == (f"{package}/stray.py", "removed")


def test_an_unreadable_lock_is_a_user_error_naming_it(tmp_path: Path) -> None:
    lock = tmp_path / "sdkgen.lock"
    lock.write_text('{"files": {}}', encoding="utf-8")
    with pytest.raises(UserError) as info:
        against_lock(lock, {}, {}, None)
    assert str(info.value).startswith(f"{lock}: not a readable sdkgen lock file")
