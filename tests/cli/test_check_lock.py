"""`sdkgen check --against LOCK`: generated files on disk are verified against the lock,
and one api-version is checked alone against a lock holding several."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import cli

VERSIONS = ("2024-10-21", "2024-12-01-preview")


@pytest.fixture(scope="module")
def locked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two api-versions generated with docs, and their lock beside them."""
    out = tmp_path_factory.mktemp("generated")
    lock = out / "sdkgen.lock"
    args = ["generate", *VERSIONS, "--out", str(out), "--lock", str(lock), "--docs"]
    assert cli.main(args) == 0
    return lock


def check(*args: str) -> int:
    return cli.main(["check", *args])


def test_lock_records_what_each_api_version_wrote(locked: Path) -> None:
    outputs = json.loads(locked.read_text(encoding="utf-8"))["outputs"]
    assert outputs == {
        "2024-10-21": ["azure_openai_2024_10_21/", "docs/2024-10-21.md"],
        "2024-12-01-preview": [
            "azure_openai_2024_12_01_preview/",
            "docs/2024-12-01-preview.md",
        ],
    }


def test_one_api_version_against_a_lock_of_several(locked: Path, capsys) -> None:
    assert check("2024-10-21", "--against", str(locked)) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"in sync with {locked}") and "removed" not in out
    assert "on disk verified" in out


def test_a_hand_edit_on_disk_is_drift(locked: Path, capsys) -> None:
    client = locked.parent / "azure_openai_2024_10_21" / "_client.py"
    original = client.read_text(encoding="utf-8")
    client.write_text(original.replace("class ", "class Edited", 1), encoding="utf-8")
    try:
        assert check("2024-10-21", "--against", str(locked)) == 1
        out = capsys.readouterr().out
        assert "  edited   azure_openai_2024_10_21/_client.py" in out
        assert "-class Edited" in out and "+class " in out
        assert "edited by hand" in out
        # the other api-version's files are not this check's business
        assert check("2024-12-01-preview", "--against", str(locked)) == 0
    finally:
        client.write_text(original, encoding="utf-8")


def test_files_not_on_disk_are_counted_or_required(locked: Path, capsys) -> None:
    """A clean clone has the lock but not the (git-ignored) generated files."""
    reference = locked.parent / "docs" / "2024-10-21.md"
    text = reference.read_text(encoding="utf-8")
    reference.unlink()
    try:
        assert check("2024-10-21", "--against", str(locked)) == 0
        assert "1 not generated here (not on disk)" in capsys.readouterr().out
        required = ["2024-10-21", "--against", str(locked), "--require-files"]
        assert check(*required) == 1
        assert "  missing  docs/2024-10-21.md" in capsys.readouterr().out
    finally:
        reference.write_text(text, encoding="utf-8")


def test_a_stale_lock_entry_is_still_drift_when_checking_one(
    locked: Path, tmp_path: Path, capsys
) -> None:
    document = json.loads(locked.read_text(encoding="utf-8"))
    document["files"]["azure_openai_2024_10_21/_client.py"] = "0" * 64
    stale = locked.parent / "stale.lock"
    stale.write_text(json.dumps(document), encoding="utf-8")
    try:
        assert check("2024-10-21", "--against", str(stale)) == 1
        out = capsys.readouterr().out
        assert "  changed  azure_openai_2024_10_21/_client.py" in out
        assert "edited" not in out  # the file on disk is what the generator writes
    finally:
        stale.unlink()
