"""Generated packages are clean as emitted: black-formatted, type-checked, complete."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from real_specs import PINNED, spec_json
from typecheck import mypy_strict, pyright_errors
from generator.parse.openapi import HTTP_METHODS


@pytest.fixture(scope="session")
def packages(
    generation: tuple[Path, dict[str, Any]],
    spec_generation: tuple[Path, dict[str, dict[str, Any]]],
) -> dict[str, Path]:
    """Every package folder emitted: the distribution's (as "distribution") and each
    pinned api-version's generated alone."""
    root, reports = spec_generation
    report = generation[1]
    return {
        "distribution": Path(report["package_dir"]) / report["package"],
        **{v: root / reports[v]["package"] for v in PINNED},
    }


EMITTED = ("distribution", *PINNED)


def test_black_check_passes_on_everything_emitted(generation, spec_generation) -> None:
    folders = [str(generation[0]), str(spec_generation[0])]
    result = subprocess.run(
        [sys.executable, "-m", "black", "--check", "--quiet", *folders],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("emitted", EMITTED)
def test_mypy_strict_passes(
    packages: dict[str, Path], emitted: str, tmp_path: Path
) -> None:
    package = packages[emitted]
    assert mypy_strict([package], [package.parent], tmp_path) == ""


def test_pyright_passes(packages: dict[str, Path], tmp_path: Path) -> None:
    folders = list(packages.values())
    roots = sorted({folder.parent for folder in folders})
    assert pyright_errors(folders, roots, tmp_path) == []


def _docstring_lines(source: str) -> list[str]:
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(
            node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
        ):
            text = ast.get_docstring(node, clean=False)
            if text:
                lines += text.splitlines()
    return lines


@pytest.mark.parametrize("emitted", EMITTED)
def test_docstrings_are_wrapped_and_hold_no_relative_links(
    packages: dict[str, Path], emitted: str
) -> None:
    for path in packages[emitted].rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "](/" not in source, path
        for line in _docstring_lines(source):
            # a line may only overflow with a word that cannot be broken (a URL)
            assert len(line) <= 88 or " " not in line.strip(), (path.name, line)


@pytest.mark.parametrize("api_version", PINNED)
def test_every_model_with_spec_text_has_a_docstring(
    spec_generation, spec_sdk, api_version: str
) -> None:
    schemas = spec_json(api_version)["components"]["schemas"]
    models = spec_sdk(api_version).models
    for entry in spec_generation[1][api_version]["models"]:
        schema = schemas[entry["schema"]]
        texts = [schema] + [p for p in schema.get("allOf", []) if "$ref" not in p]
        cls = getattr(models, entry["class"].partition(":")[2])
        if isinstance(cls, type) and any(
            p.get("description") or p.get("title") for p in texts
        ):
            assert cls.__doc__ and cls.__doc__.strip(), entry


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
