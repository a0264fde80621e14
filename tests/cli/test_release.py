"""`sdkgen release` in a small project, one pin at a time: an additive api-version
bumps the minor version, a breaking one the major (the minor below 1.0), an identical
spec the patch ("no API changes"); the entries name Python calls and arguments in the
Azure SDK layout, the history lives in the lock, and regenerating reproduces the
package byte for byte; code that is not the last release's is a .dev0 version."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator import cli
from generator.release.history import bump
from project_specs import make_project, operation, pin, spec

LIMIT = {"name": "limit", "in": "query", "schema": {"type": "integer"}}
BASE = {"/things": {"get": operation("listThings", parameters=[LIMIT])}}
ADDED = {
    "/things": {
        **BASE["/things"],
        "post": operation(
            "createThing",
            body={"type": "object", "properties": {"size": {"type": "integer"}}},
        ),
    }
}
BROKEN = {"/things": {"get": operation("listThings"), "post": ADDED["/things"]["post"]}}


def release(root: Path, *args: str) -> int:
    return cli.main(["release", "--config", str(root / "sdkgen.toml"), *args])


def changelog(root: Path) -> str:
    return (root / "generated/things-sdk/CHANGELOG.md").read_text(encoding="utf-8")


def files(root: Path) -> dict[str, str]:
    folder = root / "generated" / "things-sdk"
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four releases: first, additive, breaking, and an identical spec."""
    root = make_project(
        tmp_path_factory.mktemp("release"), {"2024-01-01": spec("2024-01-01", BASE)}
    )
    assert release(root, "--version", "1.0.0", "--date", "2024-01-15") == 0
    pin(root, "2024-03-01", spec("2024-03-01", ADDED))
    assert release(root, "--date", "2024-03-15") == 0
    pin(root, "2024-06-01", spec("2024-06-01", BROKEN))
    assert release(root, "--date", "2024-06-15") == 0
    pin(root, "2024-09-01", spec("2024-06-01", BROKEN))  # the same document
    assert release(root, "--date", "2024-09-15") == 0
    return root


def test_versions_follow_the_kind_of_change(released: Path) -> None:
    lock = json.loads((released / "generated/sdkgen.lock").read_text())
    assert [(r["version"], r["date"]) for r in lock["releases"]] == [
        ("1.0.0", "2024-01-15"),
        ("1.1.0", "2024-03-15"),
        ("2.0.0", "2024-06-15"),
        ("2.0.1", "2024-09-15"),
    ]
    assert lock["releases"][-1]["api_versions"] == [
        "2024-01-01",
        "2024-03-01",
        "2024-06-01",
        "2024-09-01",
    ]
    pyproject = (released / "generated/things-sdk/pyproject.toml").read_text()
    assert 'version = "2.0.1"' in pyproject
    assert bump("0.3.0", "major") == "0.4.0" and bump("1.2.3", "patch") == "1.2.4"


def test_entries_name_python_calls_in_the_azure_layout(released: Path) -> None:
    text = changelog(released)
    entries = text.split("\n## ")
    assert entries[0] == "# Release History\n"
    noop, breaking, additive, first = entries[1:]
    assert noop == (
        "2.0.1 (2024-09-15)\n\n### Other Changes\n\n"
        "- Serves api-version `2024-09-01`; `2024-09-01` is the default, "
        "with no API changes from `2024-06-01`.\n"
    )
    assert breaking == (
        "2.0.0 (2024-06-15)\n\n### Features Added\n\n"
        "- Serves api-version `2024-06-01`; `2024-06-01` is the default (changes "
        "below from `2024-03-01`).\n\n### Breaking Changes\n\n"
        "- `client.things.list(limit=...)`: query parameter `limit` removed.\n"
    )
    assert additive.startswith("1.1.0 (2024-03-15)\n\n### Features Added\n\n")
    assert "- Added `client.things.create()` (`POST /things`).\n" in additive
    assert first.startswith("1.0.0 (2024-01-15)\n\n### Features Added\n\n- First")


def test_regenerating_reproduces_the_release_byte_for_byte(
    released: Path, tmp_path: Path
) -> None:
    before = files(released)
    clone = tmp_path / "clone"
    shutil.copytree(released, clone, ignore=shutil.ignore_patterns("things-sdk"))
    config = str(clone / "sdkgen.toml")
    lock = str(clone / "generated/sdkgen.lock")
    assert cli.main(["check", "--config", config, "--against", lock]) == 0
    assert cli.main(["generate", "--config", config, "--lock", lock]) == 0
    assert files(clone) == before
    assert (clone / "generated/sdkgen.lock").read_text() == (
        released / "generated/sdkgen.lock"
    ).read_text()


def test_nothing_new_is_refused_and_unreleased_code_is_a_dev_version(
    released: Path, tmp_path: Path, capsys: Any
) -> None:
    root = tmp_path / "project"
    shutil.copytree(released, root)
    assert release(root) == 2
    assert "nothing to release: 2.0.1 serves these api-versions" in (
        capsys.readouterr().err
    )
    pin(root, "2024-12-01", spec("2024-12-01", ADDED))
    assert cli.main(["generate", "--config", str(root / "sdkgen.toml")]) == 0
    assert changelog(root).startswith(
        "# Release History\n\n## 2.0.2.dev0 (Unreleased)\n"
    )
    shutil.rmtree(root / "generated" / "things-sdk")
    capsys.readouterr()
    assert release(root, "--dry-run") == 0
    out = capsys.readouterr().out
    assert out.startswith("things-sdk 2.1.0 (")
    assert (
        "- `client.things.list(limit=...)`: optional query parameter `limit` added"
        in out
    )
    assert "The 2.0.1 package was not in " in out  # regenerated to compare surfaces
    assert not (root / "generated" / "things-sdk").exists()  # a dry run writes nothing
