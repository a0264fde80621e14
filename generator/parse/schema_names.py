"""The name each `$ref`-able schema takes in `Api.schemas`.

Root components keep their key. A schema in another document is named once, from
its fragment's last key (`common.yaml#/Error` -> `Error`) or, for a whole file, from
the file's name (`schemas/pet.yaml` -> `pet`); where that name is taken, the folders
above it qualify it (`volumes/models/size.yml` -> `volumes_size`), then a number. Names are handed out in the order the
parser meets the refs, which is the spec's own order: the same spec always gives the
same names.
"""

from __future__ import annotations

import posixpath
from typing import Any
from urllib.parse import urlsplit

from ..naming import pascal
from .pointers import unescape_pointer

# Fragment keys that say where a schema sits, not what it is.
_STRUCTURAL = {"schema", "items", "additionalProperties", "not", "content"}
# Folder names that hold schemas in general, so say nothing of one in particular.
_PLAIN_FOLDERS = {
    "",
    ".",
    "..",
    "models",
    "schemas",
    "components",
    "definitions",
    "resources",
    "shared",
    "common",
}


class SchemaNames:
    def __init__(self, component_pointer: str, components: dict[str, Any]) -> None:
        self.component_pointer = component_pointer  # "/components/schemas/"
        self.components = components
        self.by_pointer: dict[str, str] = {}
        self.claimed: set[str] = set()  # names whose definition a root component holds
        self.taken = {pascal(name) for name in components}

    def root_component(self, pointer: str) -> str | None:
        """The root component a root-document pointer names, if it names one."""
        if not pointer.startswith(self.component_pointer):
            return None
        key = pointer[len(self.component_pointer) :]
        if "/" in key:
            return None
        name = unescape_pointer(key)
        return name if name in self.components else None

    def claim(self, pointer: str, component: str) -> None:
        """`components/schemas/NAME: {$ref: pointer}`: that schema is NAME."""
        if pointer not in self.by_pointer:
            self.by_pointer[pointer] = component
            self.claimed.add(component)

    def name(self, pointer: str) -> str:
        known = self.by_pointer.get(pointer)
        if known is not None:
            return known
        for candidate in _candidates(pointer):
            if pascal(candidate) not in self.taken:
                break
        self.taken.add(pascal(candidate))
        self.by_pointer[pointer] = candidate
        return candidate


def _candidates(pointer: str) -> Any:
    address, _, fragment = pointer.partition("#")
    if "://" in address:
        address = urlsplit(address).path
    keys = [unescape_pointer(token) for token in fragment.split("/")[1:]]
    folders = [
        part for part in address.split("/")[:-1] if part.lower() not in _PLAIN_FOLDERS
    ]
    stem = posixpath.splitext(posixpath.basename(address))[0] or "schema"
    if keys and keys[-1] not in _STRUCTURAL and not keys[-1].isdigit():
        base = keys[-1]
    else:
        base = "_".join([stem, *keys])
    yield base
    if keys:
        yield f"{stem}_{base}"
    for depth in range(1, len(folders) + 1):
        yield "_".join([*folders[-depth:], stem, *([base] if keys else [])])
    number = 2
    while True:
        yield f"{base}{number}"
        number += 1
