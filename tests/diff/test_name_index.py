"""The Python names a diff report looks up, kept across processes
(generator.codegen.name_index): what it gives back equals naming afresh by the
planners on the real specs, an entry is read only for the same parse, and a damaged
one is never used."""

from __future__ import annotations

import importlib
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from generator.codegen import name_index
from generator.codegen.names import name_index as fresh_names
from generator.conventions import AZURE_OPENAI
from generator.parse import cache
from generator.parse.openapi import parse_openapi
from generator.parse.refs import RefPolicy
from real_specs import PINNED, spec_path


pytestmark = pytest.mark.usefixtures("cache_home")


def kept(home: Path) -> list[Path]:
    return sorted((home / "sdkgen" / "names").glob("*.json"))


@pytest.mark.parametrize("version", PINNED)
def test_kept_names_equal_the_planners_names_of_the_real_spec(
    version: str, cache_home: Path
) -> None:
    api = cache.parse_cached(spec_path(version), RefPolicy())
    fresh = fresh_names(api, AZURE_OPENAI)
    assert fresh.calls and fresh.models and fresh.enums
    assert name_index.python_names(api, AZURE_OPENAI) == fresh
    (entry,) = kept(cache_home)
    # as a later process finds it: the same parse, from the IR cache
    again = cache.parse_cached(spec_path(version), RefPolicy())
    assert again is not api
    assert name_index.python_names(again, AZURE_OPENAI) == fresh
    assert kept(cache_home) == [entry]


def test_other_conventions_are_named_apart(cache_home: Path) -> None:
    api = cache.parse_cached(spec_path(PINNED[-1]), RefPolicy())
    name_index.python_names(api, AZURE_OPENAI)
    other = replace(AZURE_OPENAI, client_parameters=())
    assert name_index.python_names(api, other) == fresh_names(api, other)
    assert len(kept(cache_home)) == 2


def test_an_api_from_no_ir_entry_is_named_afresh(cache_home: Path) -> None:
    api = parse_openapi(spec_path(PINNED[-1]))
    assert name_index.python_names(api, AZURE_OPENAI) == fresh_names(api, AZURE_OPENAI)
    assert not kept(cache_home)


def test_a_damaged_entry_is_ignored_and_replaced(cache_home: Path) -> None:
    api = cache.parse_cached(spec_path(PINNED[-1]), RefPolicy())
    fresh = name_index.python_names(api, AZURE_OPENAI)
    (entry,) = kept(cache_home)
    data = entry.read_bytes()
    assert b"client.chat.completions" in data
    entry.write_bytes(
        data.replace(b"client.chat.completions", b"client.chat.complotions")
    )
    assert name_index.python_names(api, AZURE_OPENAI) == fresh
    assert b"complotions" not in entry.read_bytes()


# Names a real spec, then prints the generator modules imported.
PROBE = """
import sys
from pathlib import Path
from generator.codegen.names import name_index
from generator.conventions import AZURE_OPENAI
from generator.parse.openapi import parse_openapi
name_index(parse_openapi(Path(sys.argv[1])), AZURE_OPENAI)
print("\\n".join(sorted(m for m in sys.modules if m.split(".")[0] == "generator")))
"""


def test_naming_code_lists_every_module_naming_runs() -> None:
    """With the parser's (whose changes change the IR's key), every module naming
    runs: a change to any of them is a change to the kept names' key."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(spec_path(PINNED[-1]))],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "generator.codegen.models" in result.stdout.split()
    listed = [name_index.PACKAGE_DIR / name for name in name_index.NAMING_CODE]
    listed += [cache.PACKAGE_DIR / name for name in cache.PARSER_CODE]
    for module in result.stdout.split():
        file = Path(importlib.import_module(module).__file__ or "")
        assert any(
            file == place or place in file.parents for place in listed
        ), f"{module} ({file}) runs in naming but is not in NAMING_CODE"
