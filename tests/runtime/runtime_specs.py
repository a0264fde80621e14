"""Inline specs of the runtime tests: GET operations on a fixed server."""

from __future__ import annotations

from typing import Any

from inline_spec import spec


def get_spec(
    *names: str,
    schema: dict[str, Any] | None = None,
    op_security: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """`GET /<name>` for each name, answering JSON of `schema` (any JSON by default);
    `op_security` gives an operation its own security requirements; `extra` adds
    top-level keys (components, security)."""

    def operation(name: str) -> dict[str, Any]:
        content = {"application/json": {"schema": schema or {}}}
        op: dict[str, Any] = {
            "operationId": f"get_{name}",
            "responses": {"200": {"description": "ok", "content": content}},
        }
        if op_security and name in op_security:
            op["security"] = op_security[name]
        return op

    return spec(
        {f"/{name}": {"get": operation(name)} for name in names},
        title="Inline",
        servers=[{"url": "https://api.example.com"}],
        **extra,
    )
