"""Helpers of the robustness tests: sdkgen as a user runs it, and a package generated
in-process from a spec dict, imported, and forgotten again (the property-based tests
build hundreds of them in one process)."""

from __future__ import annotations

import importlib
import itertools
import json
import os
import shutil
import subprocess
import sys
import warnings
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any, Iterator

from hypothesis import HealthCheck, Phase, settings

from generator.codegen.generate import generate_all

REPO = Path(__file__).resolve().parents[2]

_packages = itertools.count()

# The property tests' settings: reproducible draws, no deadline.
SETTINGS = settings(
    deadline=None,
    derandomize=True,
    database=None,
    # No shrinking: with a package generated and imported per example it can take
    # many minutes; the failing spec is reported as found.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def sdkgen(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def refused(spec: str, cwd: Path, out: Path) -> str:
    """`sdkgen generate SPEC --out OUT` refused as a user sees it: exit code 2,
    nothing on stdout, no output folder. Returns its stderr."""
    result = sdkgen("generate", spec, "--out", str(out), cwd=cwd)
    assert result.returncode == 2, result.stderr
    assert result.stdout == "" and not out.exists()
    return result.stderr


def openapi(
    paths: dict[str, Any] | None = None,
    schemas: dict[str, Any] | None = None,
    version: str = "3.0.3",
    **extra: Any,
) -> dict[str, Any]:
    return {
        "openapi": version,
        "info": {"title": "Robust", "version": "2024-01-01"},
        "servers": [{"url": "http://localhost/api"}],
        "paths": paths or {},
        "components": {"schemas": schemas or {}},
        **extra,
    }


@contextmanager
def generated(spec: dict[str, Any], root: Path) -> Iterator[tuple[ModuleType, dict]]:
    """`spec` generated into a fresh folder under `root` and imported (a warning on
    import, such as pydantic's about a field name, is an error); yields the package
    and its report, then removes both from disk, sys.path and sys.modules."""
    name = f"robust_pkg_{os.getpid()}_{next(_packages)}"
    folder = root / name
    folder.mkdir(parents=True)
    spec_file = folder / "spec.json"
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    out = folder / "out"
    (result,) = generate_all([str(spec_file)], out, package=name)
    sys.path.insert(0, str(out))
    importlib.invalidate_caches()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            package = importlib.import_module(name)
        yield package, result.report
    finally:
        sys.path.remove(str(out))
        for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            del sys.modules[module]
        shutil.rmtree(folder)


def model(package: ModuleType, report: dict, schema: str) -> Any:
    """The generated definition of a component schema, found through the report."""
    (entry,) = [m for m in report["models"] if m["schema"] == schema]
    return getattr(package.models, entry["class"].partition(":")[2])


def call(client: Any, report: dict, method: str, path: str) -> Any:
    """The client method of an operation, found through the report's call path."""
    (op,) = [
        o for o in report["operations"] if (o["method"], o["path"]) == (method, path)
    ]
    target = client
    for attribute in op["call"].split("."):
        target = getattr(target, attribute)
    return target


def canonical(value: Any) -> Any:
    """A JSON value with its kinds made explicit, so that True and 1 (equal in Python)
    differ while 1 and 1.0 (one JSON number) do not."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return (type(value).__name__, value)
    if isinstance(value, (int, float)):
        return ("number", float(value))
    if isinstance(value, list):
        return [canonical(v) for v in value]
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    raise TypeError(f"not a JSON value: {value!r}")
