"""Where each definition of a schema package (`models`, `params`) lives and what it is
called there, the way the openai package lays out its types: one module per root
schema (a component, or an operation's own request or response schema), named after
it in snake case, holding the root's class and its nested inline classes under names
scoped to the root: the path from the root, `tool_resources.file_search.vector_stores[]`
-> `ToolResourcesFileSearchVectorStore`, instead of the root's name and the path.

Only roots are package-wide names (re-exported by the package's `__init__`); a nested
name is unique in its module, and other modules write it after its module
(`create_assistant_request.ToolResources`). A nested name that is a root the module
imports, or a sibling's, starts with its root's name (`CreateAssistantRequestTool`
beside an imported `Tool`).
"""

from __future__ import annotations

import builtins
import keyword
import re
from typing import Iterable

from ..naming import pascal, snake, unique
from ..parse.pointers import unescape_pointer
from .pytypes import Name

# Pointer keys that hold the members of a union: the member takes the union's name
# (its variant name, when it is a class, comes from variants.py).
_MEMBERS = {"oneOf", "anyOf", "allOf"}
_WORDS = re.compile(r"[A-Z][a-z0-9]*|[a-z0-9]+|[^A-Za-z0-9]+")
_PLAIN_PLURAL = re.compile(r"[^isu]s$")
# Module names the packages' own code would lose to the module (`for _model in ...`
# reads `type`), or that Python cannot import.
_RESERVED_MODULES = frozenset(dir(builtins)) | frozenset(keyword.kwlist)
# A module's file name (and its `.cpython-3XX.pyc`) must fit the 255 bytes file
# systems allow; a longer schema name keeps its first words.
_MODULE_NAME_LIMIT = 100


class Scopes:
    """The module and name of every definition of one package, by schema pointer."""

    def __init__(self, package: str, reserved: set[str]) -> None:
        self.package = package
        self.reserved = reserved  # names the modules' own code uses
        self.rooted: set[Name] = set()
        self.modules: set[str] = set(_RESERVED_MODULES)
        self.taken: dict[str, set[str]] = {}  # module -> the names defined in it
        # pointer -> (module, the prefix of what nests in it, the root's name)
        self.placed: dict[str, tuple[str, str, str]] = {}

    def root(
        self, pointer: str, name: str, prefix: str = "", imported: Iterable[str] = ()
    ) -> Name:
        """A root definition `name` (unique package-wide), in a module of its own.
        `prefix`: what the names nested in it start with ("" for a class, whose
        nested names are its attributes' path; its own name for an array or a union).
        `imported`: the roots its schema refers to, which its module imports."""
        # not the root's own name (`_2fa`): the package's __init__ imports both
        # (the name joins the modules' names for the check, not a copy of them)
        added = name not in self.modules
        self.modules.add(name)
        tail = unique(_module_name(name), self.modules)
        if added and name not in (tail, tail.lower()):
            self.modules.discard(name)
        module = f"{self.package}.{tail}"
        self.taken[module] = {n for i in (name, *imported) for n in (i, i.lower())}
        self.placed[pointer] = (module, prefix, name)
        self.rooted.add(Name(name, module))
        return Name(name, module)

    def reference(self, name: Name) -> Name:
        """How other modules write a definition: a root plainly, a nested one
        after its module."""
        return name if name in self.rooted else Name(name.name, name.module, True)

    def owner(self, pointer: str) -> tuple[str, str, str, list[str]] | None:
        """The nearest placed schema above `pointer`: its (module, prefix, root
        name) and the pointer keys from it down to `pointer`."""
        path: list[str] = []
        while "/" in pointer:
            pointer, _, key = pointer.rpartition("/")
            path.insert(0, unescape_pointer(key))
            if pointer in self.placed:
                return (*self.placed[pointer], path)
        return None

    def wanted(self, pointer: str) -> str | None:
        """The name `nested` would give the schema at `pointer`, before it is placed."""
        found = self.owner(pointer)
        return scoped_name(found[1], found[3]) if found else None

    def nested(self, pointer: str, wanted: str | None = None) -> Name | None:
        """The name of an inline definition inside the root that holds it (None:
        no root holds it). `wanted`: its name as a union member; else the path."""
        found = self.owner(pointer)
        if found is None:
            return None
        module, prefix, root, path = found
        name = wanted or scoped_name(prefix, path)
        taken = self.taken[module]
        if name in self.reserved or name.lower() in taken:
            name = root + name  # an imported root's name, or a sibling's
        name = unique(name, taken | self.reserved)
        taken.update((name, name.lower()))
        self.placed[pointer] = (module, name, root)
        return Name(name, module, qualified=True)


def scoped_name(prefix: str, path: list[str]) -> str:
    """The name a path below a schema reads as: properties by their name, array
    items as the singular of what holds them (else `...Item`), map values
    `...Value`, union members as the union."""
    name, keys = prefix, iter(path)
    for key in keys:
        if key in ("properties", "patternProperties"):
            name += pascal(next(keys, "value"))
        elif key in _MEMBERS:
            next(keys, None)
        elif key == "items":
            name = singular(name)
        elif key == "additionalProperties":
            name += "Value"
        elif not key.isdigit():
            name += pascal(key)
    return name or "Model"


def singular(name: str) -> str:
    """`VectorStores` -> `VectorStore`, `Entries` -> `Entry`; a word this cannot
    read as a plain English plural gets `Item` (`Content` -> `ContentItem`)."""
    words = _WORDS.findall(name)
    last = words[-1] if words else ""
    if len(last) > 4 and last.endswith("ies"):
        last = last[:-3] + "y"
    elif len(last) > 4 and last.endswith(("sses", "shes", "ches", "xes")):
        last = last[:-2]
    elif len(last) > 3 and _PLAIN_PLURAL.search(last) and not last.endswith("ss"):
        last = last[:-1]
    else:
        return name + "Item"
    return "".join(words[:-1]) + last


def _module_name(name: str) -> str:
    """The module of root `name`: its snake_case, cut after a whole word when long."""
    tail = snake(name)
    if len(tail) <= _MODULE_NAME_LIMIT:
        return tail
    cut = tail[:_MODULE_NAME_LIMIT]
    return cut.rsplit("_", 1)[0] or cut
