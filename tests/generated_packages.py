"""A spec file generated in-process into a folder and its package imported."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

from generator.codegen.generate import generate_all


def import_generated(spec: Path, out: Path, package: str) -> ModuleType:
    generate_all([str(spec)], out, package=package)
    sys.path.insert(0, str(out))
    try:
        return importlib.import_module(package)
    finally:
        sys.path.remove(str(out))
