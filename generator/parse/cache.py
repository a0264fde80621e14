"""Parsed IRs kept across processes: an OpenAPI file is parsed once, not once per run
(`sdkgen diff` of two pinned specs spends most of its time parsing them).

An entry is the pickled Api of one file (and the warnings its parse printed, printed
again), kept under a key digesting what the parse reads but the files its `$ref`s and
examples reach: the file's bytes, its path (as named, where it leads, the current
folder), the `$ref` policy, the parser's code (PARSER_CODE, by content: an editable
install changes it without a new version), the YAML libraries as installed and the
interpreter. Like the render memo (codegen/memo.py) an entry lists every file the
parse looked at (Api.files_read) and is used only while each is as it was; nothing is
kept of a parse that read a URL, nor of one whose file changed while it was read.

An entry is written whole or not at all (a file of its own renamed into place), and is
read only if this user owns it and its header names the key and the digest of its
payload; it unpickles only the IR's own classes, so an edited entry can make a wrong
IR at worst, never run code. Anything amiss and the file is parsed as without a cache.
Entries live in ~/.cache/sdkgen/irs/<key>.ir (or under XDG_CACHE_HOME), the newest
ENTRIES kept.
"""

from __future__ import annotations

import copyreg
import io
import os
import pickle
import sys
from dataclasses import MISSING, fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .. import __version__, ir
from ..caches import (
    cache_root,
    files_digest,
    package_stamps,
    store_entry,
    stored_entry,
    unchanged,
)
from .loader import content_digest
from .refs import RefPolicy, print_warning

ENTRY_FORMAT = "sdkgen-ir 1"
ENTRIES = 64
PACKAGE_DIR = Path(__file__).resolve().parent.parent
# What a parse of an OpenAPI file runs, under PACKAGE_DIR (tests/parse/test_ir_cache.py
# checks the list is whole), and the libraries it reads YAML with.
PARSER_CODE = ("__init__.py", "errors.py", "ir.py", "naming.py", "parse")
YAML_LIBRARIES = ("ryml", "yaml", "_yaml")
_IR_CLASSES = {
    name: value
    for name, value in vars(ir).items()
    if isinstance(value, type) and is_dataclass(value)
}


# id(api) -> (the api, kept alive so the id stays its own; the key of its entry)
_KEYS: dict[int, tuple[ir.Api, str]] = {}


def ir_key(api: ir.Api) -> str | None:
    """The key `api` was kept or found under in this process: what identifies a parse
    for the caches of what is derived from it (generator.codegen.name_index)."""
    kept = _KEYS.get(id(api))
    return kept[1] if kept is not None and kept[0] is api else None


def parse_cached(path: Path, refs: RefPolicy) -> ir.Api:
    """`parse_openapi(path, refs)`, from the cache when it holds this parse."""
    try:
        spec_digest = content_digest(path.read_bytes())
    except OSError:  # the parser names what is wrong with the file
        spec_digest = None
    key = _key(path, spec_digest, refs) if spec_digest is not None else None
    if key is not None:
        found = _recall(key, path)
        if found is not None:
            api, warnings = found
            for warning in warnings:
                print_warning(warning)
            _KEYS[id(api)] = (api, key)
            return api
    from .openapi import parse_openapi

    warned: list[str] = []

    def warn(message: str) -> None:
        warned.append(message)
        print_warning(message)

    api = parse_openapi(path, refs, warn)
    if key is not None and api.files_read[0][2] == spec_digest:
        if _remember(key, api, warned):
            _KEYS[id(api)] = (api, key)
    return api


def _key(path: Path, spec_digest: str, refs: RefPolicy) -> str:
    material = [
        _parser_key(),
        os.getcwd(),
        str(path),
        str(path.resolve()),
        repr(refs),
        spec_digest,
    ]
    return content_digest("\n".join(material).encode())


@cache
def _parser_key() -> str:
    """What makes a parse what it is but its input: the same for every file of a run."""
    lines = [ENTRY_FORMAT, __version__, sys.version, sys.executable]
    lines.append(files_digest(PACKAGE_DIR, PARSER_CODE))
    lines.append(repr(package_stamps(YAML_LIBRARIES)))
    return content_digest("\n".join(lines).encode())


def _remember(key: str, api: ir.Api, warnings: list[str]) -> bool:
    """Whether the parse is one to keep (it read no URL: a server may answer
    differently next time); kept if it can be."""
    if any(named.startswith(("http://", "https://")) for named, *_ in api.files_read):
        return False
    buffer = io.BytesIO()
    _IrPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump((api, tuple(warnings)))
    store_entry(_folder(), f"{key}.ir", key, buffer.getvalue(), ENTRIES)
    return True


def _recall(key: str, path: Path) -> tuple[ir.Api, tuple[str, ...]] | None:
    payload = stored_entry(_folder() / f"{key}.ir", key)
    if payload is None:
        return None
    try:
        api, warnings = _IrUnpickler(io.BytesIO(payload)).load()
    except Exception:  # whatever a damaged payload makes pickle raise
        return None
    if not isinstance(api, ir.Api) or not all(
        unchanged(*seen) for seen in api.files_read if seen[0] != str(path)
    ):
        return None
    return api, warnings


class _IrPickler(pickle.Pickler):
    """Keeps of each IR object the fields that differ from their defaults: the rest
    reads through to the class's defaults, and loading sets only those (half the
    time of loading every field)."""

    def __init__(self, file: io.BytesIO, protocol: int) -> None:
        super().__init__(file, protocol)
        self.defaults = {
            value: {
                f.name: f.default for f in fields(value) if f.default is not MISSING
            }
            for value in _IR_CLASSES.values()
        }

    def reducer_override(self, obj: Any) -> Any:
        defaults = self.defaults.get(type(obj))
        if defaults is None:
            return NotImplemented
        state = {
            name: value
            for name, value in obj.__dict__.items()
            if defaults.get(name, MISSING) is not value
        }
        # __newobj__: pickled as the NEWOBJ opcode, so loading names only the class
        return copyreg.__newobj__, (type(obj),), state  # type: ignore[attr-defined]


class _IrUnpickler(pickle.Unpickler):
    """Resolves the IR's dataclasses and nothing else (their state is set without
    running any of their code)."""

    def find_class(self, module: str, name: str) -> Any:
        if module == ir.__name__ and name in _IR_CLASSES:
            return _IR_CLASSES[name]
        raise pickle.UnpicklingError(f"{module}.{name} is no IR class")


def _folder() -> Path:
    return cache_root() / "irs"
