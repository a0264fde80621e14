"""The parsed-IR cache (generator.parse.cache): what it gives back equals a fresh parse
of the real specs, it notices what a parse read changing, and a damaged, edited or
planted entry is never used (the file is parsed instead)."""

from __future__ import annotations

import importlib
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.caches import entry_header
from generator.ir import Api
from generator.parse import cache
from generator.parse.openapi import parse_openapi
from generator.parse.refs import RefPolicy
from real_specs import PINNED, spec_path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


pytestmark = pytest.mark.usefixtures("cache_home")


def entries(home: Path) -> list[Path]:
    return sorted((home / "sdkgen" / "irs").glob("*.ir"))


def same_ir(got: Api, fresh: Api) -> None:
    assert got == fresh
    assert got.files_read == fresh.files_read  # not part of ==
    assert repr(got) == repr(fresh)  # every field, defaults included


@pytest.mark.parametrize("version", PINNED)
def test_a_cached_ir_equals_a_fresh_parse_of_the_real_spec(
    version: str, cache_home: Path
) -> None:
    path = spec_path(version)
    fresh = parse_openapi(path)
    same_ir(cache.parse_cached(path, RefPolicy()), fresh)
    (entry,) = entries(cache_home)
    stored = entry.stat().st_mtime_ns
    recalled = cache.parse_cached(path, RefPolicy())
    same_ir(recalled, fresh)
    assert recalled is not fresh and entry.stat().st_mtime_ns == stored  # read, kept


def test_a_multi_file_spec_is_parsed_again_when_a_file_it_refs_changes(
    tmp_path: Path, cache_home: Path
) -> None:
    spec = tmp_path / "petstore"
    shutil.copytree(CORPUS / "petstore-multifile", spec)
    root = spec / "openapi.yaml"
    first = cache.parse_cached(root, RefPolicy())
    assert len(first.files_read) > 1
    same_ir(cache.parse_cached(root, RefPolicy()), first)
    (pet,) = spec.glob("components/schemas/Pet.yaml")
    pet.write_text(pet.read_text() + "description: a pet, described now\n")
    changed = cache.parse_cached(root, RefPolicy())
    assert changed.schemas["Pet"].description == "a pet, described now"
    same_ir(changed, parse_openapi(root))


def test_the_warnings_of_a_parse_are_printed_again_from_the_cache(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = CORPUS / "lenient-draft4" / "openapi.yaml"
    cache.parse_cached(path, RefPolicy())
    warned = capsys.readouterr().err
    assert "sdkgen: warning:" in warned
    cache.parse_cached(path, RefPolicy())
    assert capsys.readouterr().err == warned


def edit_payload(entry: Path) -> None:
    """An edit that leaves a valid pickle of another IR (a renamed API)."""
    data = entry.read_bytes()
    assert b"Azure" in data
    entry.write_bytes(data.replace(b"Azure", b"Azurf", 1))


def truncate(entry: Path) -> None:
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])


@pytest.mark.parametrize("spoil", [edit_payload, truncate])
def test_a_damaged_entry_is_ignored_and_replaced(spoil, cache_home: Path) -> None:
    path = spec_path(PINNED[-1])
    fresh = cache.parse_cached(path, RefPolicy())
    (entry,) = entries(cache_home)
    spoil(entry)
    same_ir(cache.parse_cached(path, RefPolicy()), fresh)
    assert entry.read_bytes().count(b"Azurf") == 0  # rewritten, and good
    same_ir(cache.parse_cached(path, RefPolicy()), fresh)


def test_an_entry_under_another_key_is_ignored(cache_home: Path) -> None:
    """A whole, valid entry copied over another spec's is not taken for it."""
    old, new = spec_path(PINNED[0]), spec_path(PINNED[-1])
    cache.parse_cached(old, RefPolicy())
    (old_entry,) = entries(cache_home)
    fresh = cache.parse_cached(new, RefPolicy())
    (new_entry,) = set(entries(cache_home)) - {old_entry}
    shutil.copyfile(old_entry, new_entry)
    same_ir(cache.parse_cached(new, RefPolicy()), fresh)


class Planted:
    """What an attacker might pickle: unpickling it would create `marker`."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.mkdir, (str(self.marker),)


def test_an_entry_holding_anything_but_the_ir_runs_nothing(
    tmp_path: Path, cache_home: Path
) -> None:
    """Even under a valid header (its digest right), only IR classes unpickle."""
    path = spec_path(PINNED[-1])
    fresh = cache.parse_cached(path, RefPolicy())
    (entry,) = entries(cache_home)
    marker = tmp_path / "planted-code-ran"
    payload = pickle.dumps((Planted(marker), ()))
    entry.write_bytes(entry_header(entry.stem, payload) + payload)
    same_ir(cache.parse_cached(path, RefPolicy()), fresh)
    assert not marker.exists()


def test_an_entry_for_another_refs_policy_or_path_is_not_taken(
    tmp_path: Path, cache_home: Path
) -> None:
    path = spec_path(PINNED[-1])
    cache.parse_cached(path, RefPolicy())
    cache.parse_cached(path, RefPolicy(outside_folder=True))
    link = tmp_path / "inference.json"
    link.symlink_to(path.resolve())
    named_otherwise = cache.parse_cached(link, RefPolicy())
    assert named_otherwise.source == str(link)
    assert len(entries(cache_home)) == 3


# Parses specs of every kind (JSON, YAML by rapidyaml and by PyYAML, several files,
# Swagger 2.0), then prints the generator modules imported.
PROBE = """
import sys
from pathlib import Path
from generator.parse.openapi import parse_openapi
for spec in sys.argv[1:]:
    parse_openapi(Path(spec))
print("\\n".join(sorted(m for m in sys.modules if m.split(".")[0] == "generator")))
"""


def test_parser_code_lists_every_module_a_parse_runs() -> None:
    """A change to any of them is a change to the cached IRs' key."""
    specs = [spec_path(PINNED[-1]), *sorted(CORPUS.glob("*/openapi.yaml"))]
    specs.append(CORPUS / "petstore-swagger2" / "swagger.yaml")
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *map(str, specs)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "generator.parse.swagger2" in result.stdout.split()
    listed = [cache.PACKAGE_DIR / name for name in cache.PARSER_CODE]
    for module in result.stdout.split():
        file = Path(importlib.import_module(module).__file__ or "")
        assert any(
            file == place or place in file.parents for place in listed
        ), f"{module} ({file}) runs in a parse but is not in PARSER_CODE"
