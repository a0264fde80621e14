"""`sdkgen check` against a lock skips rendering only when a memo says what rendering
would produce now (generator.codegen.memo): any change to what rendering reads (sdkgen's
code or templates, the config and its conventions, the pins, a spec file, a file the
spec's `$ref`s or examples reach, where a link leads) renders again, and drift shows.

Each test runs real processes on its own copy of the generator package (so code and
templates can be edited) and its own cache folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.codegen.memo import RENDER_LIBRARIES
from loopback import Loopback
from project_specs import make_project, operation, pin
from run_cli import REPO
from test_lean_imports import PROBE as LISTING_MODULES

VERSION = "2024-01-01"
REUSED = "not rendered again: nothing it reads changed"
THING = {
    "type": "object",
    "required": ["id"],
    "properties": {"id": {"type": "string"}},
}


def spec(thing_ref: str = "thing.json") -> dict:
    get = operation("getThing")
    get["x-ms-examples"] = {"one": {"$ref": "./examples/get.json"}}  # not there
    return {
        "openapi": "3.0.0",
        "info": {"title": "Things", "version": VERSION},
        "servers": [{"url": "https://things.example.com/api"}],
        "paths": {"/things": {"get": get}},
        "components": {"schemas": {"Thing": {"$ref": thing_ref}}},
    }


class World:
    """A project pinning one spec whose Thing schema is in thing.json beside it, a copy
    of the generator package, a cache folder; the project generated with a lock."""

    def __init__(self, root: Path) -> None:
        self.code = root / "code"
        shutil.copytree(
            REPO / "generator",
            self.code / "generator",
            ignore=shutil.ignore_patterns("__pycache__"),
        )
        self.project = make_project(root / "project", {VERSION: spec()})
        self.folder = self.project / "mirror" / VERSION
        self.write(self.folder / "thing.json", THING)
        self.env = {
            "PYTHONPATH": str(self.code),
            "XDG_CACHE_HOME": str(root / "cache"),
            "SDKGEN_SPEC_MIRROR": "",
        }
        self.lock = self.project / "generated" / "sdkgen.lock"
        generated = self.sdkgen("generate", "--lock", str(self.lock), "--docs")
        assert generated.returncode == 0, generated.stderr

    def sdkgen(
        self, *args: str, python: tuple[str, ...] = ("-m", "generator")
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, *python, *args],
            capture_output=True,
            text=True,
            cwd=self.project,
            env={**os.environ, **self.env},
            timeout=300,
        )

    def check(self) -> subprocess.CompletedProcess[str]:
        return self.sdkgen("check", "--against", str(self.lock))

    def write(self, path: Path, document: dict) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document, indent=1), encoding="utf-8")

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.code / "generator" / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


def in_sync(result: subprocess.CompletedProcess[str], reused: bool) -> None:
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("in sync with")
    assert (REUSED in result.stdout) == reused, result.stdout


def drifted(result: subprocess.CompletedProcess[str], *lines: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert REUSED not in result.stdout
    for line in lines:
        assert line in result.stdout.splitlines(), result.stdout


def test_nothing_changed_no_rendering_and_the_disk_still_verified(
    world: World,
) -> None:
    in_sync(world.check(), reused=True)
    in_sync(world.check(), reused=True)
    models = next(world.project.glob("generated/*/src/things/models.py"))
    models.write_text(models.read_text() + "# edited\n", encoding="utf-8")
    edited = world.check()
    drifted(edited)
    assert "  edited   " + models.relative_to(world.lock.parent).as_posix() in (
        edited.stdout
    )


def test_a_remembered_check_neither_parses_nor_renders(world: World) -> None:
    """What a check with a memo imports: no parser, no renderer, no template engine,
    nor what only writing files or showing drift needs."""
    result = world.sdkgen(
        "check", "--against", str(world.lock), python=("-c", LISTING_MODULES)
    )
    in_sync(result, reused=True)
    modules = set(result.stderr.rsplit("\n", 2)[-2].split("\0"))
    assert "generator.codegen.memo" in modules
    assert not modules & {
        "jinja2",
        "yaml",
        "ryml",
        "generator.parse.openapi",
        "generator.codegen.render",
        "generator.codegen.generate",
        "generator.codegen.writer",
        "difflib",
        "tempfile",
    }


def test_a_code_change_renders_again_even_when_the_output_is_the_same(
    world: World,
) -> None:
    world.edit("codegen/pysource.py", '"""', '"""A comment of no consequence. ')
    in_sync(world.check(), reused=False)
    in_sync(world.check(), reused=True)  # that rendering was remembered in turn


def test_a_new_sdkgen_version_renders_again_and_shows_the_drift(world: World) -> None:
    world.edit("__init__.py", '__version__ = "', '__version__ = "9.')
    drifted(world.check(), "  version  sdkgen")


def test_a_render_library_installed_or_edited_renders_again(world: World) -> None:
    """markupsafe (a jinja2 dependency) installed in another place, then one of its
    files edited in that place: either is a change to what rendering runs."""
    import markupsafe

    installed = Path(markupsafe.__file__).parent
    shutil.copytree(
        installed,
        world.code / "markupsafe",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    in_sync(world.check(), reused=False)
    in_sync(world.check(), reused=True)
    with (world.code / "markupsafe" / "__init__.py").open("a") as module:
        module.write("# edited\n")
    in_sync(world.check(), reused=False)


def test_a_template_change_renders_again_and_shows_the_drift(world: World) -> None:
    world.edit("templates/package/_constants.py.j2", "\n", "\n# new line\n")
    drifted(world.check(), "regenerate with `sdkgen generate` and commit the result")


def test_a_convention_change_in_the_config_renders_again(world: World) -> None:
    config = world.project / "sdkgen.toml"
    config.write_text(
        config.read_text() + '[conventions]\napi-key-env = "THINGS_KEY"\n',
        encoding="utf-8",
    )
    drifted(world.check())


def test_a_new_pin_renders_again(world: World) -> None:
    pin(world.project, "2024-02-01", spec())
    (world.project / "mirror" / "2024-02-01" / "thing.json").write_text(
        json.dumps(THING), encoding="utf-8"
    )
    drifted(world.check(), "  spec     2024-02-01")


def test_a_changed_spec_renders_again(world: World) -> None:
    changed = spec()
    changed["info"]["description"] = "Now described."
    pin(world.project, VERSION, changed)
    drifted(world.check(), f"  spec     {VERSION}")


def test_a_changed_file_behind_a_ref_renders_again(world: World) -> None:
    """The pin's sha256 covers the root file only: thing.json is the memo's to see."""
    grown = {
        **THING,
        "properties": {**THING["properties"], "size": {"type": "integer"}},
    }
    world.write(world.folder / "thing.json", grown)
    result = world.check()
    drifted(result)
    assert "models.py" in result.stdout


def test_an_example_appearing_renders_again(world: World) -> None:
    world.write(world.folder / "examples" / "get.json", {"responses": {}})
    assert REUSED not in world.check().stdout


def test_a_link_leading_elsewhere_renders_again(world: World) -> None:
    """Same bytes, another file: a pointer names the file it is in."""
    (world.folder / "thing.json").rename(world.folder / "first.json")
    shutil.copy(world.folder / "first.json", world.folder / "second.json")
    (world.folder / "thing.json").symlink_to("first.json")
    in_sync(world.check(), reused=False)
    in_sync(world.check(), reused=True)
    (world.folder / "thing.json").unlink()
    (world.folder / "thing.json").symlink_to("second.json")
    in_sync(world.check(), reused=False)


def test_a_damaged_memo_is_no_memo(world: World) -> None:
    (memo,) = (world.code.parent / "cache" / "sdkgen" / "renders").glob("*.json")
    memo.write_text("{", encoding="utf-8")
    in_sync(world.check(), reused=False)
    record = json.loads(memo.read_text(encoding="utf-8"))
    record["files"] = {name: "0" * 64 for name in record["files"]}
    memo.write_text(json.dumps(record), encoding="utf-8")
    in_sync(world.check(), reused=False)  # the memo disagrees with the lock: render


def test_nothing_is_remembered_of_a_spec_read_from_a_url(world: World) -> None:
    renders = world.code.parent / "cache" / "sdkgen" / "renders"
    shutil.rmtree(renders)
    with Loopback() as server:
        for _ in range(2):
            server.reply(200, THING)
        pin(world.project, VERSION, spec(f"{server.url}/thing.json"))
        remote = ["--allow-remote-refs", "127.0.0.1"]
        generated = world.sdkgen("generate", "--lock", str(world.lock), *remote)
        assert generated.returncode == 0, generated.stderr
        result = world.sdkgen("check", "--against", str(world.lock), *remote)
        in_sync(result, reused=False)
        assert len(server.requests) == 2
    assert not renders.exists() or not list(renders.iterdir())


PROBE = (
    "import json, sys, sysconfig\n"
    "before = set(sys.modules)\n"
    "from generator.cli import main\n"
    "assert main(sys.argv[1:]) == 0\n"
    "stdlib = sysconfig.get_paths()['stdlib']\n"
    "print(json.dumps(sorted({name.split('.')[0] for name, module in sys.modules.items()"
    " if name not in before and (getattr(module, '__file__', None) or stdlib)"
    ".startswith(sys.prefix)})))\n"
)


def test_the_libraries_a_rendering_imports_are_all_fingerprinted(
    tmp_path: Path,
) -> None:
    """Every module from outside the standard library and sdkgen that rendering a
    YAML spec and its docs imports is one of RENDER_LIBRARIES."""
    source = REPO / "tests" / "corpus" / "petstore-multifile" / "openapi.yaml"
    assert source.is_file(), source
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            PROBE,
            "generate",
            str(source),
            "--out",
            str(tmp_path / "out"),
            "--docs",
            "--lock",
            str(tmp_path / "out" / "sdkgen.lock"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    imported = set(json.loads(result.stdout.splitlines()[-1])) - {"generator"}
    assert "jinja2" in imported and imported <= set(RENDER_LIBRARIES), imported
