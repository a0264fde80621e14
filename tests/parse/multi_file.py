"""Multi-file specs written for the parser tests: a tree of JSON and YAML documents,
the root document, an operation returning a schema, and the one-line error of a spec
that must fail."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.errors import SpecError
from generator.parse.openapi import parse_openapi
from generator.parse.refs import RefPolicy
from inline_spec import spec


def write_tree(root: Path, files: dict[str, Any]) -> Path:
    """Each file of `files` (relative name -> document) under `root`, as JSON or YAML
    by its extension; returns the first one (the root spec)."""
    for name, document in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".json"):
            path.write_text(json.dumps(document), encoding="utf-8")
        else:
            path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return root / next(iter(files))


def root_spec(
    paths: dict[str, Any] | None = None, schemas: dict[str, Any] | None = None
) -> dict[str, Any]:
    return spec(paths, schemas or {}, title="Multi")


def get_returning(schema: dict[str, Any], operation_id: str = "getIt") -> dict:
    return {
        "get": {
            "operationId": operation_id,
            "responses": {
                "200": {
                    "description": "ok",
                    "content": {"application/json": {"schema": schema}},
                }
            },
        }
    }


def error_of(root: Path, policy: RefPolicy = RefPolicy()) -> str:
    """The one-line error of parsing a spec that must fail."""
    with pytest.raises(SpecError) as info:
        parse_openapi(root, policy)
    return str(info.value)
