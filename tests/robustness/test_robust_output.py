"""Safe output: sdkgen writes only inside the output folder, only when everything is
rendered and staged, never over a file it did not write, and removes only its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.codegen.writer import MANIFEST, write_files
from generator.errors import UserError
from robust_support import openapi, sdkgen


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _spec(tmp_path: Path, spec: dict) -> Path:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    return path


SPEC = openapi(
    {
        "/../../escape/{id}": {
            "get": {
                "operationId": "../../../../tmp/evil",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {}}
                ],
                "responses": {"204": {"description": "x"}},
            }
        }
    },
    {"../../Evil": {"type": "object", "properties": {"../x": {"type": "string"}}}},
    info={"title": "../../../etc/passwd", "version": "/.."},
)


def test_names_from_the_spec_stay_inside_the_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "work" / "out"
    result = sdkgen(
        "generate", str(_spec(tmp_path, SPEC)), "--out", str(out), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    (package,) = [p for p in out.iterdir() if p.is_dir()]
    assert package.name.isidentifier()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spec.json", "work"]
    assert sorted(p.name for p in (tmp_path / "work").iterdir()) == ["out"]
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, package.name]
    manifest = json.loads((out / MANIFEST).read_text())["files"]
    assert set(manifest) == {
        str(p.relative_to(out)) for p in package.rglob("*") if p.is_file()
    }


def test_a_broken_spec_leaves_an_earlier_generation_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out"
    good = _spec(tmp_path, openapi(schemas={"A": {"type": "string"}}))
    assert (
        sdkgen("generate", str(good), "--out", str(out), cwd=tmp_path).returncode == 0
    )
    before = _tree(out)
    broken = tmp_path / "broken.json"
    broken.write_text('{"openapi": "3.0.3", "paths": {"/a": []}}')
    result = sdkgen("generate", str(broken), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 2
    assert _tree(out) == before


def test_a_foreign_file_in_the_way_is_not_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "out"
    mine = out / "pkg" / "models" / "__init__.py"
    mine.parent.mkdir(parents=True)
    mine.write_text("# mine\n")
    spec = _spec(tmp_path, openapi())
    result = sdkgen(
        "generate", str(spec), "--out", str(out), "--package", "pkg", cwd=tmp_path
    )
    assert result.returncode == 2
    assert result.stderr == (
        f"sdkgen: error: {mine.resolve()}: exists and sdkgen did not write it "
        f"(not in {MANIFEST}); not overwriting it\n"
    )
    assert _tree(out) == {"pkg/models/__init__.py": b"# mine\n"}


def test_files_already_holding_the_generated_text_are_taken_over(
    tmp_path: Path,
) -> None:
    """A lost manifest does not block regeneration when nothing would change."""
    out = tmp_path / "out"
    spec = str(_spec(tmp_path, openapi()))
    assert sdkgen("generate", spec, "--out", str(out), cwd=tmp_path).returncode == 0
    before = _tree(out)
    (out / MANIFEST).unlink()
    assert sdkgen("generate", spec, "--out", str(out), cwd=tmp_path).returncode == 0
    assert _tree(out) == before


@pytest.mark.parametrize(
    "name", ["../evil.py", "/tmp/evil.py", "pkg/../../evil.py", "pkg\\..\\evil.py", ""]
)
def test_a_path_outside_the_output_folder_is_refused(tmp_path: Path, name: str) -> None:
    out = tmp_path / "out"
    with pytest.raises(UserError, match="refusing to write outside the output folder"):
        write_files(out, {"pkg/ok.py": "x = 1\n", name: "evil\n"})
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_a_symlink_cannot_lead_the_output_elsewhere(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "pkg").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(UserError, match="refusing to write outside"):
        write_files(out, {"pkg/models.py": "x = 1\n"})
    assert list(elsewhere.iterdir()) == []
    assert sorted(p.name for p in out.iterdir()) == ["pkg"]


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    out = tmp_path / "out"
    too_long = "pkg/" + "a" * 300 + ".py"  # beyond the file system's name limit
    with pytest.raises(UserError, match="cannot write: File name too long"):
        write_files(out, {"pkg/ok.py": "x = 1\n", too_long: "y = 2\n"})
    assert not out.exists()
    out.mkdir()
    (out / "keep.txt").write_text("keep")
    with pytest.raises(UserError):
        write_files(out, {"pkg/ok.py": "x = 1\n", too_long: "y = 2\n"})
    # nothing moved into place, no staging folder left
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_stale_files_are_removed_only_inside_the_output_folder(tmp_path: Path) -> None:
    out, outside = tmp_path / "out", tmp_path / "outside"
    outside.mkdir()
    victim = outside / "victim.py"
    victim.write_text("precious")
    write_files(out, {"pkg/a.py": "a = 1\n"})
    (out / "pkg" / "link").symlink_to(outside, target_is_directory=True)
    manifest = json.loads((out / MANIFEST).read_text())
    # entries a hand-edited manifest might hold: through a symlink, or up and out
    manifest["files"]["pkg/link/victim.py"] = "0" * 64
    manifest["files"]["../outside/victim.py"] = "0" * 64
    (out / MANIFEST).write_text(json.dumps(manifest))
    write_files(out, {"pkg/b.py": "b = 1\n"})
    assert victim.read_text() == "precious"
    assert not (out / "pkg" / "a.py").exists() and (out / "pkg" / "b.py").is_file()


def test_a_file_already_holding_its_text_is_not_written_again(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_files(out, {"pkg/a.py": "a = 1\n", "pkg/b.py": "b = 1\n"})
    before = {p.name: p.stat() for p in (out / "pkg").iterdir()}
    manifest = (out / MANIFEST).stat()
    digests = write_files(out, {"pkg/a.py": "a = 1\n", "pkg/b.py": "b = 2\n"})
    after = {p.name: p.stat() for p in (out / "pkg").iterdir()}
    assert (after["a.py"].st_ino, after["a.py"].st_mtime_ns) == (
        before["a.py"].st_ino,
        before["a.py"].st_mtime_ns,
    )
    assert after["b.py"].st_ino != before["b.py"].st_ino
    assert (out / "pkg" / "b.py").read_text() == "b = 2\n"
    assert json.loads((out / MANIFEST).read_text())["files"] == digests
    assert (out / MANIFEST).stat().st_ino != manifest.st_ino
    unchanged = (out / MANIFEST).stat()
    write_files(out, {"pkg/a.py": "a = 1\n", "pkg/b.py": "b = 2\n"})
    assert (out / MANIFEST).stat().st_ino == unchanged.st_ino


def test_a_new_folder_beside_an_earlier_generation_moves_in_whole(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    write_files(out, {"pkg/a.py": "a = 1\n"})
    kept = (out / "pkg" / "a.py").stat().st_ino
    write_files(
        out, {"pkg/a.py": "a = 1\n", "pkg/sub/b.py": "b = 1\n", "docs/x.md": "# x\n"}
    )
    assert _tree(out / "pkg") == {"a.py": b"a = 1\n", "sub/b.py": b"b = 1\n"}
    assert _tree(out / "docs") == {"x.md": b"# x\n"}
    assert (out / "pkg" / "a.py").stat().st_ino == kept
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "docs", "pkg"]


def test_a_symlink_to_a_folder_inside_the_output_is_followed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "real").mkdir(parents=True)
    (out / "pkg").symlink_to(out / "real", target_is_directory=True)
    write_files(out, {"pkg/a.py": "a = 1\n"})
    assert (out / "real" / "a.py").read_text() == "a = 1\n"
