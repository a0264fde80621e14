"""Generated packages are clean as emitted: black-formatted, type-checked, complete."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from real_specs import PINNED, spec_json
from generator.parse.openapi import HTTP_METHODS


def test_black_check_passes_on_everything_emitted(generated_root: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "black", "--check", "--quiet", str(generated_root)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("api_version", PINNED)
def test_mypy_passes(generation, api_version: str) -> None:
    generated_root, reports = generation
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--no-incremental",
            "--cache-dir",
            "/dev/null",
            reports[api_version]["package"],
        ],
        capture_output=True,
        text=True,
        cwd=generated_root,
    )
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.parametrize("api_version", PINNED)
def test_every_operation_and_schema_is_generated(
    generation, sdk, api_version: str
) -> None:
    raw = spec_json(api_version)
    report = generation[1][api_version]
    pkg = sdk(api_version)
    client = pkg.Client(endpoint="https://example.openai.azure.com", api_key="k")
    expected = {
        (method.upper(), path)
        for path, item in raw["paths"].items()
        for method in item
        if method in HTTP_METHODS
    }
    reached = set()
    for op in report["operations"]:
        target = client
        for attribute in op["call"].split("."):
            target = getattr(target, attribute)
        assert callable(target), op
        reached.add((op["method"], op["path"]))
    assert reached == expected and len(report["operations"]) == len(expected)
    assert report["skipped"] == []
    assert {m["schema"] for m in report["models"]} == set(raw["components"]["schemas"])
    for model in report["models"]:
        module, _, name = model["class"].partition(":")
        assert module == f"{pkg.__name__}.models" and name in pkg.models.__all__
        assert getattr(pkg.models, name) is not None
    assert report["client"] == f"{pkg.__name__}:Client" and report[
        "package_dir"
    ] == str(generation[0].resolve())
