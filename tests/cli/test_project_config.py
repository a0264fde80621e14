"""The project config (sdkgen.toml) and `sdkgen init`, through the real CLI: found from
the current folder upward, overridden by --config and flags, every key checked; bad
config exits 2 with one line naming the file and the key, having written nothing."""

from __future__ import annotations

import importlib
import json
import sys
import tomllib
from dataclasses import fields
from pathlib import Path

import pytest

from generator.config import CONFIG_NAME, load_project
from generator.conventions import Conventions
from inline_spec import spec
from loopback import Loopback
from run_cli import REPO, sdkgen

SPEC = spec(
    {
        "/pets": {
            "get": {
                "operationId": "listPets",
                "parameters": [{"name": "api-version", "in": "query"}],
                "responses": {"200": {"description": "ok"}},
            }
        }
    },
    title="Pets",
    version="2024-05-01",
    servers=[{"url": "https://pets.example.com/v1"}],
)
NO_MIRROR_OVERRIDE = {"SDKGEN_SPEC_MIRROR": ""}


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def fails(result, expected: str) -> None:
    """Exit 2 and exactly this one line on stderr."""
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr == f"sdkgen: error: {expected}\n"


def write_config(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / CONFIG_NAME
    config.write_text(text, encoding="utf-8")
    return config


def spec_file(folder: Path) -> Path:
    path = folder / "pets.json"
    path.write_text(json.dumps(SPEC), encoding="utf-8")
    return path


def test_this_repo_states_the_azure_openai_conventions() -> None:
    project = load_project(REPO / CONFIG_NAME)
    assert project.conventions == Conventions()
    data = tomllib.loads((REPO / CONFIG_NAME).read_text(encoding="utf-8"))
    assert set(data["conventions"]) == {
        f.name.replace("_", "-") for f in fields(Conventions)
    }
    assert project.package is not None
    assert (project.package.name, project.package.import_name) == (
        "azure-openai-inference",
        "azure_openai",
    )
    assert project.pins == REPO / "specs" and project.output == REPO / "generated"


def test_init_writes_a_commented_starter_that_loads_and_never_overwrites(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "My Pets SDK"
    folder.mkdir()
    result = sdkgen("init", cwd=folder)
    assert result.returncode == 0, result.stderr
    text = (folder / CONFIG_NAME).read_text(encoding="utf-8")
    assert sorted(p.name for p in folder.iterdir()) == [CONFIG_NAME, "specs"]
    assert list((folder / "specs").iterdir()) == []
    project = load_project(folder / CONFIG_NAME)
    assert project.package is not None
    assert project.package.name == "My-Pets-SDK"
    assert project.package.import_name == "my_pets_sdk"
    assert project.conventions == Conventions()
    # every convention is documented in the starter, commented out at its default
    for f in fields(Conventions):
        assert f"\n# {f.name.replace('_', '-')} = " in text
    keys = {f.name.replace("_", "-") for f in fields(Conventions)}
    uncommented = "\n".join(
        line.removeprefix("# ")
        for line in text.splitlines()
        if line.removeprefix("# ").partition(" = ")[0] in keys
    )
    assert len(uncommented.splitlines()) == len(keys)
    assert (
        load_project(
            write_config(
                tmp_path / "all",
                "[package]\nname = 'a'\n"
                "import-name = 'a'\n[conventions]\n" + uncommented,
            )
        ).conventions
        == Conventions()
    )

    again = sdkgen("init", cwd=folder)
    fails(again, f"{CONFIG_NAME}: exists; sdkgen init never overwrites it")
    assert (folder / CONFIG_NAME).read_text(encoding="utf-8") == text


def test_init_checks_the_names_it_is_given(tmp_path: Path) -> None:
    result = sdkgen("init", str(tmp_path), "--import-name", "class")
    fails(
        result,
        f"{tmp_path / CONFIG_NAME}: package.import-name: 'class' is not a Python "
        "module name",
    )
    assert list(tmp_path.iterdir()) == []


def test_commands_find_the_config_above_and_name_packages_after_it(
    tmp_path: Path, server: Loopback
) -> None:
    write_config(
        tmp_path,
        "[package]\nname = 'pets'\nimport-name = 'pets_sdk'\n"
        "[paths]\noutput = 'build/sdk'\n"
        "[conventions]\napi-key-header = 'x-pets-key'\n",
    )
    spec = spec_file(tmp_path)
    below = tmp_path / "deep" / "er"
    below.mkdir(parents=True)
    result = sdkgen("generate", str(spec), cwd=below, env=NO_MIRROR_OVERRIDE)
    assert result.returncode == 0, result.stderr
    sys.path.insert(0, str(tmp_path / "build" / "sdk"))
    client = importlib.import_module("pets_sdk_2024_05_01").Client(
        endpoint=server.url, api_key="secret"
    )
    server.reply(200, {})
    client.pets.list()
    assert server.last().headers["x-pets-key"] == "secret"
    assert server.last().query == {"api-version": ["2024-05-01"]}
    # check reads the same config: in sync, then drift once a convention changes
    checked = sdkgen("check", str(spec), cwd=below, env=NO_MIRROR_OVERRIDE)
    assert checked.returncode == 0 and checked.stdout.startswith("in sync with")
    config = tmp_path / CONFIG_NAME
    config.write_text(config.read_text().replace("x-pets-key", "x-other"))
    drifted = sdkgen("check", str(spec), cwd=below, env=NO_MIRROR_OVERRIDE)
    assert drifted.returncode == 1
    assert "  changed  pets_sdk_2024_05_01/_constants.py" in drifted.stdout


def test_flags_override_the_config(tmp_path: Path) -> None:
    write_config(
        tmp_path / "project",
        "[package]\nname = 'pets'\nimport-name = 'pets_sdk'\n",
    )
    other = write_config(
        tmp_path / "other",
        "[package]\nname = 'cats'\nimport-name = 'cats_sdk'\n",
    )
    spec = spec_file(tmp_path)
    out = tmp_path / "out"
    result = sdkgen(
        "generate",
        str(spec),
        "--config",
        str(other),
        "--out",
        str(out),
        cwd=tmp_path / "project",
        env=NO_MIRROR_OVERRIDE,
    )
    assert result.returncode == 0, result.stderr
    assert (out / "cats_sdk_2024_05_01" / "_client.py").is_file()
    assert not (tmp_path / "project" / "generated").exists()


def test_without_a_config_a_spec_file_works_as_before(tmp_path: Path) -> None:
    spec = spec_file(tmp_path)
    result = sdkgen("generate", str(spec), cwd=tmp_path, env=NO_MIRROR_OVERRIDE)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "generated" / "pets_2024_05_01" / "__init__.py").is_file()


def test_nothing_to_generate_says_how_to_pin(tmp_path: Path) -> None:
    alone = sdkgen("generate", cwd=tmp_path, env=NO_MIRROR_OVERRIDE)
    fails(
        alone,
        f"sdkgen: no SPEC given and no sdkgen.toml in {tmp_path} or above: name a "
        "spec file, or run `sdkgen init` and pin one with `sdkgen pin FILE_OR_URL`",
    )
    assert sdkgen("init", cwd=tmp_path).returncode == 0
    for command in ("generate", "check", "changelog"):
        empty = sdkgen(command, cwd=tmp_path, env=NO_MIRROR_OVERRIDE)
        fails(
            empty,
            "specs: no pinned api-versions: pin a spec with "
            "`sdkgen pin FILE_OR_URL`",
        )
    assert sorted(tree(tmp_path)) == [CONFIG_NAME]


GOOD = "[package]\nname = 'pets'\nimport-name = 'pets_sdk'\n"
BAD_CONFIGS = {
    "syntax": (
        GOOD + "[paths]\noutput = \n",
        ":5: invalid TOML: Invalid value (column 10)",
    ),
    "unknown-section": (
        GOOD + "[path]\noutput = 'x'\n",
        ": unknown key path " "(did you mean paths?)",
    ),
    "unknown-key": (
        GOOD + "[paths]\noutptu = 'x'\n",
        ": unknown key paths.outptu (did you mean output?)",
    ),
    "unknown-convention": (
        GOOD + "[conventions]\nscope_segments = ['x']\n",
        ": unknown key conventions.scope_segments (did you mean scope-segments?)",
    ),
    "wrong-type": (
        GOOD + "[conventions]\nscope-segments = 'deployments'\n",
        ": conventions.scope-segments: expected a list of non-empty strings, got a "
        "string",
    ),
    "bad-location": (
        GOOD + "[conventions]\nclient-parameters = [['body', 'v']]\n",
        ": conventions.client-parameters: location 'body' is not one of query, "
        "header, path, cookie",
    ),
    "api-version-not-a-client-parameter": (
        GOOD + "[conventions]\napi-version-parameter = 'v'\n",
        ": conventions.api-version-parameter: 'v' is not a query parameter in "
        "conventions.client-parameters",
    ),
    "deployment-segment-not-a-scope": (
        GOOD + "[conventions]\nscope-segments = ['tenants']\n",
        ": conventions.deployment-segment: 'deployments' is not one of "
        "conventions.scope-segments",
    ),
    "no-package-name": (
        "[package]\nimport-name = 'pets'\n",
        ": [package] lacks 'name'",
    ),
    "bad-import-name": (
        "[package]\nname = 'pets'\nimport-name = 'pets-sdk'\n",
        ": package.import-name: 'pets-sdk' is not a Python module name",
    ),
    "bad-authors": (
        GOOD + "authors = ['Me']\n",
        ": package.authors: expected a list of tables such as "
        '{name = "...", email = "..."}, got \'Me\'',
    ),
    "bad-homepage": (
        GOOD + "homepage = 'example.com'\n",
        ": package.homepage: 'example.com' is not an http(s) URL",
    ),
    "section-not-a-table": (
        "paths = 'x'\n" + GOOD,
        ": paths: expected a table " "[paths], got a string",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_CONFIGS))
def test_bad_config_exits_2_naming_file_and_key_and_writes_nothing(
    tmp_path: Path, case: str
) -> None:
    text, expected = BAD_CONFIGS[case]
    config = write_config(tmp_path / "project", text)
    spec = spec_file(tmp_path)
    before = tree(tmp_path)
    result = sdkgen("generate", str(spec), cwd=config.parent, env=NO_MIRROR_OVERRIDE)
    fails(result, f"{CONFIG_NAME}{expected}")
    assert tree(tmp_path) == before


def test_a_missing_or_unreadable_config_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    fails(
        sdkgen("pins", "--config", str(missing), cwd=tmp_path),
        f"{missing}: no such config file",
    )
    latin = tmp_path / CONFIG_NAME
    latin.write_bytes(b"[package]\nname = '\xe9'\n")
    fails(sdkgen("pins", cwd=tmp_path), f"{CONFIG_NAME}: not UTF-8 text (byte 18)")
