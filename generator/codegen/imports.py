"""A module's import block, from the `Import`s of what it renders."""

from __future__ import annotations

from typing import Iterable

from .layout import exploded, fits
from .pytypes import LOCAL_MODULES, Import

# `import module` rather than `from module import name`.
WHOLE_MODULE = ""
_THIRD_PARTY = ("httpx", "pydantic")


def whole(module: str) -> Import:
    return Import(module, WHOLE_MODULE)


def import_block(imports: Iterable[Import], parent: str, own: str) -> str:
    """Standard library, third-party and the package's own modules (relative to
    `parent`, "." or ".."; a module of the package `own` is in, relative to it),
    each block sorted the way isort sorts it; names of the module itself (`own`) are
    not imported."""
    by_module: dict[str, dict[str, None]] = {}  # names in the order first met
    for item in imports:
        if item.module != own:
            by_module.setdefault(item.module, {})[item.name] = None
    stdlib, third, local = [], [], []
    for module, names in by_module.items():
        if is_local(module):
            continue
        block = third if module.split(".")[0] in _THIRD_PARTY else stdlib
        if WHOLE_MODULE in names:
            block.append(f"import {module}")
        if set(names) - {WHOLE_MODULE}:
            block.append(import_line(module, set(names) - {WHOLE_MODULE}))
    sources = {_relative(m, parent, own): m for m in by_module if is_local(m)}
    for source in sorted(sources, key=_relative_order):
        # A package's own modules load in the order given (what they import first,
        # so that no import nests inside another's: a chain of them would recurse).
        names = by_module[sources[source]]
        local.append(import_line(source, names, ordered=source == "."))
    blocks = [sorted(stdlib, key=_line_order), sorted(third, key=_line_order), local]
    return "\n\n".join("\n".join(block) for block in blocks if block)


def is_local(module: str) -> bool:
    """Whether a module is one of the generated package's own."""
    return module.split(".")[0] in LOCAL_MODULES


def _relative(module: str, parent: str, own: str) -> str:
    """How `own` imports `module`: its own package's modules as `.x` (the package
    itself as `.`), any other as `parent + module`."""
    package = own.rpartition(".")[0]
    if package and module == package:
        return "."
    if package and module.startswith(package + "."):
        return "." + module[len(package) + 1 :]
    return parent + module


def _relative_order(source: str) -> tuple[int, str]:
    """isort's order of relative imports: `from ..x` before `from .y`."""
    return (len(source.lstrip(".")) - len(source), source)


def _line_order(line: str) -> tuple[int, str]:
    """isort's default within a block: `import x` lines, then `from x import ...`."""
    return (line.startswith("from "), line.split(" ")[1])


def _name_order(name: str) -> tuple[int, str]:
    """isort's order of imported names: CONSTANTS, Classes, functions."""
    if name.isupper() and len(name) > 1:
        return (0, name)
    return (1 if name[:1].isupper() else 2, name)


def import_line(module: str, names: Iterable[str], ordered: bool = False) -> str:
    """`from module import names` (sorted, unless `ordered`), exploded as black
    explodes it when too long."""
    ordered_names = list(names) if ordered else sorted(names, key=_name_order)
    line = f"from {module} import {', '.join(ordered_names)}"
    if fits(line):
        return line
    return exploded(f"from {module} import (", ordered_names, ")", 0)
