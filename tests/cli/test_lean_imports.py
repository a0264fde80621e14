"""Each subcommand imports what it uses and nothing heavy besides: asserted on the set
of modules a real `sdkgen` process has imported when it exits (never on time; the
times are bench/'s)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from generator.cli import COMMANDS
from inline_spec import spec

REPO = Path(__file__).resolve().parents[2]
DIFF_PAIR = REPO.parent / "shared" / "diff-corpus" / "001-breaking-attributes"
# Runs the CLI as the console script does, then prints the modules it imported.
PROBE = (
    "import atexit, sys\n"
    "atexit.register(lambda: print('\\0'.join(sorted(sys.modules)), file=sys.stderr))\n"
    "from generator.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)
HEAVY = {"jinja2", "markupsafe", "yaml", "markdown_it", "pydantic", "httpx"}


def imported(*argv: str, cwd: Path = REPO, cache: Path | None = None) -> set[str]:
    """The modules `sdkgen *argv` imports; with the parsed-IR cache in `cache`, by
    default an empty one of its own (each file parsed)."""
    with tempfile.TemporaryDirectory() as empty:
        env = {**os.environ, "XDG_CACHE_HOME": str(cache or empty)}
        result = subprocess.run(
            [sys.executable, "-c", PROBE, *argv],
            capture_output=True,
            text=True,
            cwd=cwd,
            env=env,
        )
    assert result.returncode in (0, 1), result.stderr
    return set(result.stderr.rsplit("\n", 2)[-2].split("\0"))


def packages(modules: set[str], prefix: str) -> set[str]:
    return {m for m in modules if m == prefix or m.startswith(prefix + ".")}


def test_help_imports_no_command_and_nothing_a_listing_does_not_need() -> None:
    modules = imported("--help")
    assert packages(modules, "generator.commands") <= {"generator.commands"}
    assert not modules & {"pathlib", "typing", "json", "shutil", "dataclasses"}
    assert not modules & HEAVY


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help_imports_that_command_only(command: str) -> None:
    modules = imported(command, "--help")
    assert packages(modules, "generator.commands") == {
        "generator.commands",
        f"generator.commands.{command}",
    }
    assert not modules & HEAVY and "shutil" not in modules


def test_diff_of_yaml_files_reads_no_pins_and_renders_nothing(tmp_path: Path) -> None:
    if not DIFF_PAIR.is_dir():
        pytest.fail(
            f"the diff corpus is missing: {DIFF_PAIR} (../shared beside the checkout)"
        )
    # as a user runs it on two files, outside any project
    modules = imported(
        "diff",
        str(DIFF_PAIR / "base.yaml"),
        str(DIFF_PAIR / "revision.yaml"),
        cwd=tmp_path,
    )
    assert "generator.diff" in modules and "ryml" in modules
    # rapidyaml took both files: PyYAML is not even imported
    assert not modules & HEAVY
    assert not modules & {"tomllib", "hashlib", "generator.specs", "generator.docs"}
    assert not modules & {"deprecation", "packaging"}  # rapidyaml's, not needed
    # docstrings are wrapped when rendering, dates made only by PyYAML
    assert not modules & {"textwrap", "datetime"}
    assert not packages(modules, "generator.parse.markdown")


def test_diff_of_files_parsed_before_loads_no_parser(tmp_path: Path) -> None:
    """The second diff of the same files takes their IRs from the cache
    (generator.parse.cache) and the report's Python names too
    (generator.codegen.name_index): none of the parser's or planners' modules is
    imported."""
    pair = [str(DIFF_PAIR / "base.yaml"), str(DIFF_PAIR / "revision.yaml")]
    cache = tmp_path / "cache"
    first = imported("diff", *pair, cwd=tmp_path, cache=cache)
    assert {"generator.parse.openapi", "ryml"} <= first
    again = imported("diff", *pair, cwd=tmp_path, cache=cache)
    assert "generator.parse.cache" in again and "generator.diff" in again
    parser = packages(again, "generator.parse") - {
        "generator.parse",
        "generator.parse.cache",
        "generator.parse.loader",  # content_digest
        "generator.parse.refs",  # RefPolicy, print_warning
        "generator.parse.remote",  # the default limits of RefPolicy
        "generator.parse.pointers",  # escape_pointer, as the diff's facts name places
    }
    assert not parser and not again & (HEAVY | {"ryml"})
    # nor a planner: the Python names of the report are kept too
    assert not again & {"generator.codegen.models", "generator.codegen.resources"}
    assert "generator.codegen.models" in first


def test_diff_of_json_files_loads_no_yaml_parser(tmp_path: Path) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(spec(openapi="3.0.0", title="t")))
    new.write_text(json.dumps(spec(openapi="3.0.0", title="t", version="2")))
    modules = imported("diff", str(old), str(new), cwd=tmp_path)
    assert not modules & (HEAVY | {"ryml", "generator.parse.yaml_fast"})


def test_generate_renders_with_jinja_and_diffs_nothing(tmp_path: Path) -> None:
    modules = imported("generate", "2024-10-21", "--out", str(tmp_path))
    assert "jinja2" in modules
    assert not packages(modules, "generator.diff")
    assert not modules & {"yaml", "ryml", "markdown_it", "pydantic", "httpx"}
