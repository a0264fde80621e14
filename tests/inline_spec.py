"""The one builder of the inline OpenAPI documents tests write: a document around its
paths and component schemas, a `$ref` to a component schema, a JSON response; and the
document a generated client reaches on a loopback server (`client_spec`)."""

from __future__ import annotations

from typing import Any

from generator.parse.pointers import escape_pointer

JSONDict = dict[str, Any]

SCHEMAS = "#/components/schemas/"
# `Client(endpoint=server.url, api_key=...)` reaches a loopback server through this
ENDPOINT_SERVER = {
    "url": "https://{endpoint}/api",
    "variables": {"endpoint": {"default": "x"}},
}
API_KEY_SCHEMES = {"key": {"type": "apiKey", "in": "header", "name": "x-key"}}
# The required `api-version` query parameter of Azure-style operations
API_VERSION = {
    "name": "api-version",
    "in": "query",
    "required": True,
    "schema": {"type": "string"},
}


def spec(
    paths: JSONDict | None = None,
    schemas: JSONDict | None = None,
    *,
    openapi: str = "3.0.3",
    title: str = "Things",
    version: str = "1",
    servers: list[JSONDict] | None = None,
    security_schemes: JSONDict | None = None,
    **extra: Any,
) -> JSONDict:
    """An OpenAPI document: `components` holds `schemas` (and `securitySchemes`) when
    given; `extra` adds or replaces top-level keys."""
    document: JSONDict = {
        "openapi": openapi,
        "info": {"title": title, "version": version},
    }
    if servers is not None:
        document["servers"] = servers
    document["paths"] = paths or {}
    components: JSONDict = {}
    if schemas is not None:
        components["schemas"] = schemas
    if security_schemes is not None:
        components["securitySchemes"] = security_schemes
    if components:
        document["components"] = components
    return {**document, **extra}


def client_spec(
    paths: JSONDict, schemas: JSONDict | None = None, **extra: Any
) -> JSONDict:
    """A document whose generated client reaches a loopback server: the endpoint is a
    server variable and an api key travels in `x-key`."""
    return spec(
        paths,
        schemas or {},
        title="Pets",
        version="2024-01-01",
        servers=[ENDPOINT_SERVER],
        security_schemes=API_KEY_SCHEMES,
        **extra,
    )


def ref(name: str) -> JSONDict:
    """A `$ref` to the component schema `name` (escaped as a JSON pointer token)."""
    return {"$ref": SCHEMAS + escape_pointer(name)}


def json_response(description: str, schema: JSONDict) -> JSONDict:
    return {
        "description": description,
        "content": {"application/json": {"schema": schema}},
    }
