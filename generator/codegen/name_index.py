"""The Python names of an API's parts by JSON pointer, as plain data (what a diff
report looks up), and kept across processes: generator.codegen.names reads them off
the code generator's planners, which take a report on two real specs longer than
their diff; a later report on an API parsed before reads them here, no planner
imported.

An entry is JSON under ~/.cache/sdkgen/names/ (or under XDG_CACHE_HOME), keyed by the
key of the API's parsed-IR entry (generator.parse.cache: the spec's bytes and every
file it read), the conventions and the code the planners run (NAMING_CODE, by
content), framed and checked as generator.caches frames entries; an API that came
from no IR entry is named afresh each time.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..caches import cache_root, files_digest, store_entry, stored_entry
from ..parse.loader import content_digest

if TYPE_CHECKING:
    from ..conventions import Conventions
    from ..ir import JSON, Api

NAMES_FORMAT = "sdkgen-names 1"
ENTRIES = 64
PACKAGE_DIR = Path(__file__).resolve().parent.parent
# What naming an API runs, under PACKAGE_DIR (tests/diff/test_name_index.py checks the
# list is whole).
NAMING_CODE = (
    "__init__.py",
    "caches.py",
    "codegen",
    "conventions.py",
    "ir.py",
    "naming.py",
)


@dataclass(frozen=True)
class NameIndex:
    """The Python names of an API's parts, by JSON pointer into its spec."""

    by_pointer: dict[str, list[str]]  # JSON pointer -> the names of what is there
    calls: dict[str, str]  # operation key -> client.a.b
    models: dict[str, str]  # component schema -> class
    enums: dict[str, dict[str, str]]  # enum class -> {Python literal: member}

    def at(self, pointer: str) -> list[str]:
        """The names of what sits at `pointer`, or else of the nearest thing that
        holds it (an array's items belong to the attribute holding the array)."""
        while pointer:
            if pointer in self.by_pointer:
                return self.by_pointer[pointer]
            pointer = pointer.rsplit("/", 1)[0]
        return []

    def enum_members(self, pointer: str, values: list[JSON]) -> list[str]:
        """`Enum.MEMBER` for each value of the enum class defined at `pointer`."""
        from .pysource import py_value

        out = []
        for name in self.by_pointer.get(pointer, []):
            literals = self.enums.get(name)
            if literals is not None:
                for value in values:
                    member = literals.get(py_value(value))
                    if member is not None:
                        out.append(f"{name}.{member}")
        return out


def python_names(api: Api, conventions: Conventions) -> NameIndex:
    """The names generator.codegen.names gives `api`'s parts, kept or made."""
    from ..parse.cache import ir_key

    parsed = ir_key(api)
    key = None
    if parsed is not None:
        material = [NAMES_FORMAT, parsed, repr(conventions)]
        material.append(files_digest(PACKAGE_DIR, NAMING_CODE))
        key = content_digest("\n".join(material).encode())
        kept = _recall(key)
        if kept is not None:
            return kept
    from .names import name_index

    index = name_index(api, conventions)
    if key is not None:
        payload = json.dumps(asdict(index)).encode()
        store_entry(_folder(), f"{key}.json", key, payload, ENTRIES)
    return index


def _recall(key: str) -> NameIndex | None:
    payload = stored_entry(_folder() / f"{key}.json", key)
    if payload is None:
        return None
    try:
        return NameIndex(**json.loads(payload))
    except (ValueError, TypeError):  # not JSON, or not of these fields
        return None


def _folder() -> Path:
    return cache_root() / "names"
