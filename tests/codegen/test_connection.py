"""How the generated client reaches its service, read from the spec's security schemes,
servers and parameters: the api key travels where the spec says, over a real socket."""

from __future__ import annotations

from typing import Any

import pytest

from inline_spec import spec
from loopback import Loopback


def _spec(schemes: dict[str, Any], security: list[dict[str, list[str]]]) -> dict:
    return spec(
        {
            "/models": {
                "get": {
                    "operationId": "list_models",
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": {}}},
                        }
                    },
                }
            }
        },
        title="Keys",
        servers=[{"url": "https://api.example.com/v1"}],
        security_schemes=schemes,
        security=security,
    )


@pytest.mark.parametrize(
    ("schemes", "security", "header", "value"),
    [
        # OpenAI's own spec: an http bearer scheme; the key is a bearer token
        (
            {"ApiKeyAuth": {"type": "http", "scheme": "bearer"}},
            [{"ApiKeyAuth": []}],
            "authorization",
            "Bearer sk-1",
        ),
        # Azure's: oauth2 first (the token provider's), then an apiKey header
        (
            {
                "bearer": {"type": "oauth2", "flows": {}},
                "apiKey": {"type": "apiKey", "in": "header", "name": "api-key"},
            },
            [{"bearer": ["api.read"]}, {"apiKey": []}],
            "api-key",
            "sk-1",
        ),
        # the order of the security requirements picks between two usable schemes
        (
            {
                "header": {"type": "apiKey", "in": "header", "name": "x-api-key"},
                "bearer": {"type": "http", "scheme": "Bearer"},
            },
            [{"bearer": []}, {"header": []}],
            "authorization",
            "Bearer sk-1",
        ),
    ],
)
def test_the_api_key_goes_where_the_security_scheme_says(
    build: Any,
    server: Loopback,
    schemes: dict[str, Any],
    security: list[dict[str, list[str]]],
    header: str,
    value: str,
) -> None:
    pkg = build(_spec(schemes, security))
    server.reply(200, {"data": []})
    pkg.Client(endpoint=server.url, api_key="sk-1").models.list()
    request = server.last()
    assert request.path == "/v1/models"
    assert request.headers[header] == value
    others = {"authorization", "api-key", "x-api-key"} - {header}
    assert not others & set(request.headers)


def test_an_api_key_in_the_query_and_a_token_provider_in_the_header(
    build: Any, server: Loopback
) -> None:
    pkg = build(
        _spec({"key": {"type": "apiKey", "in": "query", "name": "code"}}, [{"key": []}])
    )
    server.reply(200, {})
    server.reply(200, {})
    client = pkg.Client(endpoint=server.url, api_key="sk-2")
    client.models.list()
    assert server.last().query == {"code": ["sk-2"]}
    assert "sk-2" not in repr(client)
    pkg.Client(endpoint=server.url, token_provider=lambda: "tok").models.list()
    request = server.last()
    assert request.query == {} and request.headers["authorization"] == "Bearer tok"


def test_the_endpoint_defaults_to_a_fixed_server_url(build: Any) -> None:
    pkg = build(_spec({}, []))
    client = pkg.Client(api_key="k")
    assert client._client.base_url == "https://api.example.com/v1"


def test_service_conventions_are_read_from_one_value(
    tmp_path: Any, server: Loopback
) -> None:
    import importlib
    import json
    import sys

    from generator.codegen.generate import generate_all
    from generator.config import Project
    from generator.conventions import Conventions

    spec = _spec({}, [])
    spec["paths"] = {
        "/tenants/{tenant}/items": {
            "get": {
                "operationId": "list_items",
                "parameters": [
                    {"name": "tenant", "in": "path", "required": True},
                    {"name": "v", "in": "query", "required": True},
                    {"name": "cursor", "in": "query"},
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "items": {"type": "array", "items": {}},
                                        "more": {"type": "boolean"},
                                        "last": {"type": "string"},
                                    },
                                }
                            }
                        },
                    }
                },
            }
        }
    }
    spec_file = tmp_path / "spec.json"
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    conventions = Conventions(
        client_parameters=(("query", "v"),),
        api_version_parameter="v",
        scope_segments=("tenants",),
        api_key_header="x-secret",
        request_id_headers=("x-req",),
        page_cursor_parameter="cursor",
        page_items_field="items",
        page_has_more_field="more",
        page_last_id_field="last",
    )
    generate_all(
        [str(spec_file)],
        tmp_path / "out",
        project=Project(conventions=conventions),
        package="conv_pkg",
    )
    sys.path.insert(0, str(tmp_path / "out"))
    pkg = importlib.import_module("conv_pkg")
    client = pkg.Client(endpoint=server.url, api_key="k", api_version="7")
    server.reply(200, {"items": [1, 2], "more": True, "last": "c2"}, {"x-req": "r1"})
    server.reply(200, {"items": [3], "more": False})
    assert list(client.items.list(tenant="t")) == [1, 2, 3]
    first, second = server.requests
    assert first.path == "/v1/tenants/t/items" and first.headers["x-secret"] == "k"
    assert first.query == {"v": ["7"]} and second.query == {
        "v": ["7"],
        "cursor": ["c2"],
    }
    server.reply(200, {"items": []}, {"x-req": "r2"})
    raw = client.items.with_raw_response.list(tenant="t")
    assert raw.request_id == "r2"
