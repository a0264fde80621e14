"""generator/codegen/render.py maps plans to files: one resources module per top-level
resource, every module valid Python, the same files from the same IR every time (what
the golden record and the lock rely on), and package names that are identifiers."""

from __future__ import annotations

import json
import keyword
from pathlib import Path

import pytest

from generator.codegen.render import package_name, render_package
from generator.conventions import Conventions
from generator.parse.openapi import parse_openapi
from inline_spec import spec

SMALL = Path(__file__).resolve().parents[1] / "golden" / "small.yaml"


def test_one_resources_module_per_top_level_resource_and_all_compile() -> None:
    api = parse_openapi(SMALL)
    generated = render_package(api, "notes", "2025-01-01", Conventions())
    tops = {path[0] for path, _ in generated.client.methods}
    resources = {
        name.removeprefix("resources/").removesuffix(".py")
        for name in generated.files
        if name.startswith("resources/") and name != "resources/__init__.py"
    }
    assert tops == resources == {"notes"}
    for name, text in generated.files.items():
        if name.endswith(".py"):
            compile(text, name, "exec")


def test_the_same_ir_renders_the_same_files() -> None:
    api = parse_openapi(SMALL)
    first = render_package(api, "notes", "2025-01-01", Conventions()).files
    again = render_package(parse_openapi(SMALL), "notes", "2025-01-01", Conventions())
    assert again.files == first


@pytest.mark.parametrize(
    ("title", "version", "prefix", "expected"),
    [
        ("Notes", "2025-01-01", None, "notes_2025_01_01"),
        ("Azure OpenAI Service API", "2024-10-21", None, None),
        ("Anything", "2025-01-01-preview", "azure_openai", None),
        ("../../etc/passwd", "/..", None, None),
        ("class", "1", None, None),
        ("日本 API", "v2", None, None),
    ],
)
def test_package_names_are_identifiers(
    tmp_path: Path, title: str, version: str, prefix: str | None, expected: str | None
) -> None:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec(title=title, version=version)), encoding="utf-8")
    name = package_name(parse_openapi(path), version, prefix)
    assert name.isidentifier() and not keyword.iskeyword(name), name
    if expected is not None:
        assert name == expected
    if prefix is not None:
        assert name.startswith(f"{prefix}_")
