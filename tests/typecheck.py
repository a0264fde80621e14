"""mypy --strict and pyright as the tests run them: on given files or packages, with
given import roots, returning the errors found."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path


def mypy_strict(
    targets: list[Path], roots: list[Path], cache: Path, incremental: bool = False
) -> str:
    """`mypy --strict` over `targets` (files or package folders), importing from
    `roots`; its output when it found errors, else "". `incremental` reuses the
    cache, for many small packages checked in a row."""
    result = subprocess.run(
        [
            sys.executable, "-m", "mypy", "--strict",
            *([] if incremental else ["--no-incremental"]),
            "--cache-dir", str(cache), *map(str, targets),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "MYPYPATH": os.pathsep.join(map(str, roots))},
    )  # fmt: skip
    return "" if result.returncode == 0 else result.stdout[-3000:]


def pyright() -> str:
    """The pyright command of this environment (the `pyright` package from PyPI: its
    wheel bundles pyright, which runs on the machine's node)."""
    found = shutil.which("pyright", path=str(Path(sys.executable).parent))
    assert found, "pyright is missing: pip install -e '.[dev]' installs it"
    assert shutil.which("node"), "pyright needs node: install Node.js"
    return found


def pyright_errors(targets: list[Path], roots: list[Path], folder: Path) -> list[str]:
    """pyright (basic mode) over `targets`, importing from `roots`: its errors, as
    `file:line: message`; at least every target is analyzed."""
    config = folder / "pyrightconfig.json"
    config.write_text(
        json.dumps({"extraPaths": list(map(str, roots)), "typeCheckingMode": "basic"})
    )
    command = [pyright(), "--pythonpath", sys.executable, "-p", str(config)]
    result = subprocess.run(
        command + ["--outputjson", *map(str, targets)], capture_output=True, text=True
    )
    report = json.loads(result.stdout)
    assert report["summary"]["filesAnalyzed"] >= len(targets), report["summary"]
    return [
        f"{d['file']}:{d['range']['start']['line'] + 1}: {d['message']}"
        for d in report["generalDiagnostics"]
        if d["severity"] == "error"
    ]
