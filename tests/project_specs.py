"""Small multi-version projects for the distribution and release tests: a sdkgen.toml,
one spec file per api-version in its own mirror, and a pin for each."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import inline_spec

THING = {
    "type": "object",
    "required": ["id"],
    "properties": {"id": {"type": "string"}, "size": {"type": "integer"}},
}


def operation(op_id: str, *, body: dict[str, Any] | None = None, **extra: Any) -> dict:
    op: dict[str, Any] = {
        "operationId": op_id,
        "parameters": [inline_spec.API_VERSION, *extra.pop("parameters", [])],
        "responses": {
            "200": {
                "description": "ok",
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/Thing"}
                    }
                },
            }
        },
    }
    if body is not None:
        op["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": body}},
        }
    return {**op, **extra}


def spec(version: str, paths: dict[str, Any]) -> dict[str, Any]:
    return inline_spec.spec(
        copy.deepcopy(paths),
        {"Thing": THING},
        openapi="3.0.0",
        version=version,
        servers=[{"url": "https://things.example.com/api"}],
    )


def make_project(
    root: Path, specs: dict[str, dict[str, Any]], conventions: str = ""
) -> Path:
    """A project under `root` pinning each spec (api-version -> document)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "sdkgen.toml").write_text(
        '[package]\nname = "things-sdk"\nimport-name = "things"\n'
        'description = "Things client"\nlicense = "MIT"\n'
        'homepage = "https://things.example.com"\n'
        '[paths]\nmirror = "mirror"\n' + conventions,
        encoding="utf-8",
    )
    for version, document in specs.items():
        pin(root, version, document)
    return root


def pin(root: Path, version: str, document: dict[str, Any]) -> None:
    data = json.dumps(document, indent=1).encode()
    mirrored = root / "mirror" / version / "openapi.json"
    mirrored.parent.mkdir(parents=True, exist_ok=True)
    mirrored.write_bytes(data)
    (root / "specs").mkdir(exist_ok=True)
    (root / "specs" / f"{version}.toml").write_text(
        f'api-version = "{version}"\n\n[openapi]\n'
        f'mirror-path = "{version}/openapi.json"\n'
        f'sha256 = "{hashlib.sha256(data).hexdigest()}"\n',
        encoding="utf-8",
    )
