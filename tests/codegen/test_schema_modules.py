"""The models and params packages laid out as the openai package lays out its types:
a module per root schema, nested classes named by their path inside it, roots
re-exported by the package, modules that import each other in a cycle still load."""

from __future__ import annotations

import ast
import importlib
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from inline_spec import spec
from real_specs import PINNED
from typecheck import mypy_strict

# A nested class is named by its path inside its root; past this many characters
# the name reads as a concatenation, not as one a person would choose. (The longest
# path on the pins, `ToolResourcesFileSearchVectorStoreMetadata`, has 42; openai's
# own `ToolResourcesFileSearchVectorStoreChunkingStrategyStatic` 52.)
NESTED_NAME_LIMIT = 44
SCHEMA_PACKAGES = ("models", "params")


def _defined(module: Path) -> list[str]:
    """The classes, aliases and functional TypedDicts a module defines."""
    names = []
    for node in ast.parse(module.read_text("utf-8")).body:
        if isinstance(node, ast.ClassDef):
            names.append(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.append(node.target.id)
        elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            if node.targets[0].id != "__all__":
                names.append(node.targets[0].id)
    return names


def _names(package: Path) -> tuple[set[str], list[tuple[str, str]]]:
    """The names the packages' __init__ re-export, and (module, name) of all."""
    roots: set[str] = set()
    defined = []
    for kind in SCHEMA_PACKAGES:
        init = (package / kind / "__init__.py").read_text("utf-8")
        found = re.search(r"^__all__ = \[(.*?)^\]", init, re.M | re.S)
        assert found is not None, kind
        roots |= set(re.findall(r'"(\w+)"', found[1]))
        for module in sorted((package / kind).glob("*.py")):
            if module.name != "__init__.py":
                defined += [(f"{kind}.{module.stem}", n) for n in _defined(module)]
    return roots, defined


@pytest.fixture(scope="module")
def emitted(
    generation: tuple[Path, dict[str, Any]],
    spec_generation: tuple[Path, dict[str, dict[str, Any]]],
) -> dict[str, Path]:
    root, reports = spec_generation
    report = generation[1]
    return {
        "distribution": Path(report["package_dir"]) / report["package"],
        **{v: root / reports[v]["package"] for v in PINNED},
    }


@pytest.mark.parametrize("which", ("distribution", *PINNED))
def test_names_read_as_a_person_would_write_them(
    emitted: dict[str, Path], which: str
) -> None:
    roots, defined = _names(emitted[which])
    assert len(defined) > 150, which
    nested = [(m, n) for m, n in defined if n not in roots]
    long = [(m, n) for m, n in nested if len(n) > NESTED_NAME_LIMIT]
    assert long == [], (which, long[:10])
    numbered = [(m, n) for m, n in defined if re.search(r"Variant\d+$", n)]
    assert numbered == [], (which, numbered[:10])


def test_nested_classes_sit_in_their_roots_module(package: Any) -> None:
    """`Choice` of a chat completion is in `create_chat_completion_response`, parsed
    there from a payload; the root is re-exported by the package."""
    module = importlib.import_module(
        f"{package.__name__}.models.create_chat_completion_response"
    )
    assert package.models.CreateChatCompletionResponse is (
        module.CreateChatCompletionResponse
    )
    assert {"Choice", "ChoiceLogprobs"} <= set(module.__all__)
    assert "Choice" not in package.models.__all__
    token = {"token": "Hi", "logprob": -0.1, "bytes": [72, 105], "top_logprobs": []}
    choice = {
        "index": 0,
        "finish_reason": "stop",
        "logprobs": {"content": [token], "refusal": None},
        "message": {"role": "assistant", "content": "Hi", "refusal": None},
    }
    reply = package.models.CreateChatCompletionResponse.model_validate(
        {"id": "c", "object": "chat.completion", "created": 1, "model": "m"}
        | {"choices": [choice]}
    )
    assert isinstance(reply.choices[0], module.Choice)
    assert isinstance(reply.choices[0].logprobs, module.ChoiceLogprobs)
    assert reply.choices[0].finish_reason == "stop"
    assert reply.choices[0].message.content == "Hi"
    # a request body spread into keyword arguments has no TypedDict: what nests in
    # it is a root of its own
    params = importlib.import_module(
        f"{package.__name__}.params.create_assistant_request_tool_resources_param"
    )
    assert "FileSearch" in params.__all__
    assert (
        "file_search" in params.CreateAssistantRequestToolResourcesParam.__annotations__
    )


def test_every_model_of_every_module_is_complete(package: Any) -> None:
    """Importing the package completes every model of every module (the schemas'
    references across modules all resolve)."""
    folder = Path(package.__file__).parent / "models"
    incomplete = []
    for path in sorted(folder.glob("*.py")):
        if path.name == "__init__.py":
            continue
        module = importlib.import_module(f"{package.__name__}.models.{path.stem}")
        for name in module.__all__:
            value = getattr(module, name)
            if isinstance(value, type) and hasattr(value, "__pydantic_complete__"):
                if not value.__pydantic_complete__:
                    incomplete.append(f"{path.stem}.{name}")
    assert incomplete == []


_CYCLIC_SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Filters", "version": "1"},
    "paths": {
        "/search": {
            "post": {
                "operationId": "search",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/Query"}
                        }
                    },
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Query"}
                            }
                        },
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {
            # Query -> Group -> Query: classes of two modules refer to each other
            "Query": {
                "type": "object",
                "properties": {
                    "groups": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/Group"},
                    },
                },
            },
            "Group": {
                "type": "object",
                "required": ["queries"],
                "properties": {
                    "queries": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/Query"},
                    },
                    "options": {
                        "type": "object",
                        "properties": {"limit": {"type": "integer"}},
                    },
                },
            },
        }
    },
}


def test_modules_that_import_each_other_load_and_type_check(
    build: Any, tmp_path: Path
) -> None:
    pkg = build(_CYCLIC_SPEC)
    query = pkg.models.Query.model_validate(
        {
            "groups": [{"queries": [{"groups": []}], "options": {"limit": 2}}],
        }
    )
    assert isinstance(query.groups[0].queries[0], pkg.models.Query)
    group = importlib.import_module(f"{pkg.__name__}.models.group")
    assert isinstance(query.groups[0].options, group.Options)
    folder = Path(pkg.__file__).parent
    assert mypy_strict([folder], [folder.parent], tmp_path) == ""
    # a fresh interpreter entering through a module of the cycle
    code = f"import {pkg.__name__}.models.group as g; print(g.Group.__name__)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=folder.parent,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "Group", result.stderr


def test_a_long_schema_name_gets_a_module_name_files_can_hold(build: Any) -> None:
    """A root's module is its snake_case name cut after a whole word at 100
    characters: a longer file name (with its .pyc) would not fit the file system."""
    name = "".join(f"Word{i}Part" for i in range(40))  # 320 characters of snake_case
    pkg = build(
        spec({}, {name: {"type": "object", "properties": {"n": {"type": "integer"}}}})
    )
    (module,) = [
        m.stem
        for m in (Path(pkg.__file__).parent / "models").glob("*.py")
        if m.stem != "__init__"
    ]
    assert len(module) <= 100 and module.startswith("word0_part_word1_part")
    assert getattr(pkg.models, name).model_validate({"n": 2}).n == 2


def test_literal_members_of_a_union_keep_their_json_kind(build: Any) -> None:
    """`true` and `1` equal in Python; in one union of a boolean enum of both values
    and an integer enum each value still parses as the kind the payload has."""
    booleans = {"type": "boolean", "enum": [True, False]}
    flag = {"oneOf": [booleans, {"type": "integer", "enum": [1, 0]}]}
    pkg = build(spec({}, {"Flags": {"type": "object", "properties": {"f": flag}}}))
    assert pkg.models.Flags.model_validate({"f": 1}).f is not True
    assert pkg.models.Flags.model_validate({"f": 1}).model_dump() == {"f": 1}
    assert pkg.models.Flags.model_validate({"f": True}).f is True
