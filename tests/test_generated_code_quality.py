"""Generated packages are clean as emitted: black-formatted, type-checked, complete."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from real_specs import PINNED, spec_json
from generator.parse.openapi import HTTP_METHODS


def test_black_check_passes_on_everything_emitted(generation, spec_generation) -> None:
    folders = [str(generation[0]), str(spec_generation[0])]
    result = subprocess.run(
        [sys.executable, "-m", "black", "--check", "--quiet", *folders],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def mypy(package: str, cwd: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", "/dev/null"]
        + ["-p", package],
        capture_output=True,
        text=True,
        cwd=cwd,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_mypy_passes_on_the_distribution(generation, generated_root: Path) -> None:
    mypy(generation[1]["package"], generated_root)


def test_the_distribution_reaches_every_operation_of_every_pin(
    generation, package
) -> None:
    report = generation[1]
    client = package.Client(endpoint="https://example.openai.azure.com", api_key="k")
    expected = {
        (method.upper(), path): version
        for version in PINNED
        for path, item in spec_json(version)["paths"].items()
        for method in item
        if method in HTTP_METHODS
    }
    for op in report["operations"]:
        target = client
        for attribute in op["call"].split("."):
            target = getattr(target, attribute)
        assert callable(target), op
    assert {(op["method"], op["path"]) for op in report["operations"]} == set(expected)
    assert report["api_versions"] == PINNED


@pytest.mark.parametrize("api_version", PINNED)
def test_mypy_passes(spec_generation, api_version: str) -> None:
    generated_root, reports = spec_generation
    mypy(reports[api_version]["package"], generated_root)


@pytest.mark.parametrize("api_version", PINNED)
def test_every_operation_and_schema_is_generated(
    spec_generation, spec_sdk, api_version: str
) -> None:
    raw = spec_json(api_version)
    report = spec_generation[1][api_version]
    pkg = spec_sdk(api_version)
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
    ] == str(spec_generation[0].resolve())
