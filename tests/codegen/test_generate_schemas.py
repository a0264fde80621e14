"""Functional tests of schema shapes: an inline spec is generated and imported, its
models validate what the schema allows (inline objects, unions, maps, recursion,
nullable components, readOnly and writeOnly parts), and requests built from them go
over a loopback server."""

from __future__ import annotations

from typing import Any

import pytest

from inline_spec import client_spec, json_response
from loopback import Loopback


def test_inline_objects_unions_maps_and_recursion(build: Any) -> None:
    schemas = {
        "Node": {
            "type": "object",
            "properties": {
                "value": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
                "children": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/Node"},
                },
                "meta": {"type": "object", "additionalProperties": {"type": "integer"}},
                "inner": {
                    "type": "object",
                    "properties": {"deep": {"type": "boolean"}},
                },
                "json": {
                    "type": "string",
                    "description": "named like a pydantic method",
                },
                "model_config": {"type": "string"},
                "2fa": {"type": "boolean"},
            },
        },
        "Closed": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"a": {"type": "string"}},
        },
        "Both": {
            "allOf": [
                {"$ref": "#/components/schemas/Closed"},
                {
                    "type": "object",
                    "required": ["b"],
                    "properties": {"b": {"type": "integer", "minimum": 1}},
                },
            ]
        },
    }
    pkg = build(client_spec({}, schemas))
    node = pkg.models.Node.model_validate(
        {
            "value": 3,
            "children": [{"value": "leaf", "children": []}],
            "meta": {"x": 1},
            "inner": {"deep": True},
            "json": "j",
            "model_config": "m",
            "2fa": True,
        }
    )
    assert node.children[0].value == "leaf" and node.value == 3
    assert node.inner.deep is True and node.meta == {"x": 1}
    assert (node.json_, node.model_config_, node.field_2fa) == ("j", "m", True)
    assert node.model_dump(by_alias=True, exclude_unset=True)["2fa"] is True
    with pytest.raises(ValueError):
        pkg.models.Closed.model_validate({"a": "x", "unexpected": 1})
    assert pkg.models.Both.model_validate({"a": "x", "b": 2}).b == 2
    with pytest.raises(ValueError):
        pkg.models.Both.model_validate({"a": "x", "b": 0})  # minimum 1
    with pytest.raises(ValueError):
        pkg.models.Both.model_validate({"a": "x"})  # b required


def test_openapi_31_yaml_spec(build: Any, server: Loopback) -> None:
    doc = client_spec(
        {
            "/things": {
                "post": {
                    "operationId": "make",
                    "requestBody": {
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "size": {
                                            "type": ["integer", "null"],
                                            "exclusiveMinimum": 0,
                                        }
                                    },
                                }
                            }
                        }
                    },
                    "responses": {
                        "200": json_response(
                            "ok",
                            {
                                "type": "object",
                                "properties": {"ok": {"type": "boolean"}},
                            },
                        )
                    },
                }
            }
        }
    )
    doc["openapi"] = "3.1.0"
    pkg = build(doc, fmt="yaml")
    server.reply(200, {"ok": True})
    result = pkg.Client(endpoint=server.url).things.create(size=None)
    assert server.last().json() == {"size": None}
    assert result.ok is True


def test_read_only_is_never_an_argument_and_write_only_never_an_attribute(
    build: Any, server: Loopback
) -> None:
    import inspect

    account = {
        "type": "object",
        "required": ["id", "name", "password"],
        "properties": {
            "id": {"type": "string", "readOnly": True},
            "name": {"type": "string"},
            "password": {"type": "string", "writeOnly": True},
            "owner": {"$ref": "#/components/schemas/Owner"},
        },
    }
    owner = {
        "type": "object",
        "properties": {
            "id": {"type": "string", "readOnly": True},
            "email": {"type": "string"},
        },
    }
    body = {
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Account"}}
        }
    }
    pkg = build(
        client_spec(
            {
                "/accounts": {
                    "post": {
                        "operationId": "create_account",
                        "requestBody": {"required": True, **body},
                        "responses": {
                            "200": json_response(
                                "ok", {"$ref": "#/components/schemas/Account"}
                            )
                        },
                    }
                }
            },
            {"Account": account, "Owner": owner},
        )
    )
    client = pkg.Client(endpoint=server.url)
    params = inspect.signature(client.accounts.create).parameters
    assert "id" not in params and params["password"].default is inspect.Parameter.empty
    assert "id" not in pkg.params.OwnerParam.__annotations__
    server.reply(200, {"id": "a1", "name": "n", "owner": {"id": "o1", "email": "e"}})
    created = client.accounts.create(name="n", password="secret", owner={"email": "e"})
    assert server.last().json() == {
        "name": "n",
        "password": "secret",
        "owner": {"email": "e"},
    }
    assert created.id == "a1" and created.owner.id == "o1"
    assert "password" not in pkg.models.Account.model_fields


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_a_nullable_component_is_nullable_where_it_is_used(
    build: Any, version: str
) -> None:
    usage: dict[str, Any] = {
        "type": "object",
        "required": ["total"],
        "properties": {"total": {"type": "integer"}},
    }
    ref = {"$ref": "#/components/schemas/Usage"}
    if version == "3.0.3":  # nullable on the component itself
        usage["nullable"] = True
        reached: dict[str, Any] = ref
    else:  # 3.1: anyOf [$ref, null] where it is used
        reached = {"anyOf": [ref, {"type": "null"}]}
    run = {"type": "object", "required": ["usage"], "properties": {"usage": reached}}
    doc = client_spec({}, {"Usage": usage, "Run": run})
    doc["openapi"] = version
    pkg = build(doc)
    # validated strictly: null is what the spec allows, not a lenient fallback
    assert pkg.models.Run.model_validate({"usage": None}).usage is None
    assert pkg.models.Run.model_validate({"usage": {"total": 3}}).usage.total == 3
    with pytest.raises(ValueError):
        pkg.models.Run.model_validate({})


def test_run_usage_accepts_null_in_the_real_spec(sdk: Any) -> None:
    models = sdk("2025-01-01-preview").models
    run = {
        "id": "run_1",
        "object": "thread.run",
        "created_at": 1,
        "thread_id": "t",
        "assistant_id": "a",
        "status": "queued",
        "usage": None,
    }
    fields = models.RunObject.model_fields
    required = {name: info for name, info in fields.items() if info.is_required()}
    payload = {**{info.alias or name: None for name, info in required.items()}, **run}
    with pytest.raises(ValueError) as raised:
        models.RunObject.model_validate(payload)
    assert "usage" not in str(raised.value)


def test_a_body_accepted_as_json_and_as_multipart_takes_both_forms(
    build: Any, server: Loopback, tmp_path: Any
) -> None:
    import typing

    upload = {
        "type": "object",
        "required": ["title"],
        "properties": {
            "title": {"type": "string"},
            "tags": {"type": "array", "items": {"type": "string"}},
            "image": {"type": "string", "format": "binary"},
        },
    }
    ref = {"schema": {"$ref": "#/components/schemas/Upload"}}
    pkg = build(
        client_spec(
            {
                "/uploads": {
                    "post": {
                        "operationId": "create_upload",
                        "requestBody": {
                            "required": True,
                            "content": {
                                "application/json": ref,
                                "multipart/form-data": ref,
                            },
                        },
                        "responses": {"204": {"description": "ok"}},
                    }
                }
            },
            {"Upload": upload},
        )
    )
    client = pkg.Client(endpoint=server.url)
    hints = typing.get_type_hints(pkg.resources.uploads.Uploads.create)
    # a file (get_type_hints evaluates every annotation of the method)
    assert set(typing.get_args(pkg.FileTypes)) <= set(typing.get_args(hints["image"]))
    server.reply(204, None)
    client.uploads.create(title="t", tags=["a"])
    request = server.last()
    assert request.headers["content-type"] == "application/json"
    assert request.json() == {"title": "t", "tags": ["a"]}
    picture = tmp_path / "cat.png"
    picture.write_bytes(b"PNG")
    server.reply(204, None)
    client.uploads.create(title="t", image=picture)
    request = server.last()
    assert request.headers["content-type"].startswith("multipart/form-data")
    assert b'name="title"\r\n\r\nt\r\n' in request.body
    assert (
        b'name="image"; filename="cat.png"' in request.body and b"PNG" in request.body
    )
