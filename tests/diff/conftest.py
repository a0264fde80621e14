"""Fixtures for the diff tests: spec dicts written to files and diffed end to end."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.diff import diff_apis
from generator.diff.rules import Change
from generator.load import load_api
from real_specs import PROJECT

SPECS = PROJECT.mirror / "azure-openai"


@pytest.fixture
def write_spec(tmp_path: Path) -> Callable[[str, dict[str, Any]], Path]:
    def write(name: str, document: dict[str, Any]) -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(document), encoding="utf-8")
        return path

    return write


@pytest.fixture
def diff_specs(
    write_spec: Callable[[str, dict[str, Any]], Path],
) -> Callable[[dict[str, Any], dict[str, Any]], list[Change]]:
    def run(base: dict[str, Any], revision: dict[str, Any]) -> list[Change]:
        old = load_api(str(write_spec("base.json", base)))
        new = load_api(str(write_spec("revision.json", revision)))
        return diff_apis(old, new)

    return run


@pytest.fixture(scope="session")
def real_specs() -> Path:
    if not (SPECS / "2025-03-01-preview" / "inference.json").is_file():
        pytest.fail(
            f"real specs not mirrored at {SPECS}: put the shared spec mirror beside "
            "the checkout (../shared/specs)",
            pytrace=False,
        )
    return SPECS
