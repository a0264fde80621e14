"""OpenAPI 3.2: what has a 3.1 form is read as that form (the IR of both is one),
the QUERY method and other HTTP methods become operations a generated client sends,
and what 3.1 cannot say is refused naming the construct and its pointer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.errors import SpecError
from generator.parse.openapi import parse_openapi
from generated_packages import import_generated
from inline_spec import spec
from ir_views import without_locations
from loopback import Loopback, Reply

CHAT = (
    Path(__file__).resolve().parents[1] / "corpus" / "chat-openapi32" / "openapi.yaml"
)


def _write(tmp_path: Path, name: str, spec: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(spec), encoding="utf-8")
    return path


CHUNK = {"type": "object", "properties": {"delta": {"type": "string"}}}
FILTER = {"type": "object", "properties": {"cursor": {"type": "string"}}}


def _streams(version: str, responses: dict, parameters: list) -> dict[str, Any]:
    return {
        "openapi": version,
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/stream": {
                "get": {
                    "operationId": "stream",
                    "parameters": parameters,
                    "responses": {"200": {"description": "ok", "content": responses}},
                }
            }
        },
        "components": {"schemas": {"Chunk": CHUNK}},
    }


def test_constructs_with_a_31_form_give_the_ir_of_that_form(tmp_path: Path) -> None:
    chunk = {"$ref": "#/components/schemas/Chunk"}
    v32 = _streams(
        "3.2.0",
        {
            "text/event-stream": {
                "itemSchema": {
                    "type": "object",
                    "properties": {
                        "event": {"type": "string"},
                        "data": {
                            "contentMediaType": "application/json",
                            "contentSchema": chunk,
                        },
                    },
                }
            },
            "application/jsonl": {"itemSchema": chunk},
        },
        [
            {
                "name": "filter",
                "in": "querystring",
                "content": {"application/x-www-form-urlencoded": {"schema": FILTER}},
            }
        ],
    )
    v31 = _streams(
        "3.1.0",
        {
            "text/event-stream": {"schema": chunk},
            "application/jsonl": {"schema": chunk},
        },
        [
            {
                "name": "filter",
                "in": "query",
                "style": "form",
                "explode": True,
                "schema": FILTER,
            }
        ],
    )
    new = parse_openapi(_write(tmp_path, "v32.json", v32))
    old = parse_openapi(_write(tmp_path, "v31.json", v31))
    assert without_locations(new) == without_locations(old)
    (param,) = new.operations[0].parameters
    assert (param.location, param.style, param.explode) == ("query", "form", True)
    assert [m.schema.ref for m in new.operations[0].responses[0].content] == [
        "Chunk",
        "Chunk",
    ]


def test_the_corpus_chat_api_reads_whole() -> None:
    api = parse_openapi(CHAT)
    assert api.openapi == "3.2.0"
    ops = {(op.method, op.path): op for op in api.operations}
    assert set(ops) == {
        ("post", "/chat/completions"),
        ("post", "/chat/completions/stream"),
        ("get", "/logs"),
        ("query", "/messages/search"),
        ("purge", "/messages/search"),
    }
    # a media type $ref into components/mediaTypes, with an SSE item schema
    (events,) = ops[("post", "/chat/completions/stream")].responses[0].content
    assert (events.media_type, events.schema.ref) == (
        "text/event-stream",
        "CompletionChunk",
    )
    (lines,) = ops[("get", "/logs")].responses[0].content
    assert lines.schema.ref == "LogRecord"
    # 3.2 lets a response say only `summary`
    assert (
        ops[("post", "/chat/completions")].responses[0].description == "The completion"
    )
    purge = ops[("purge", "/messages/search")]
    assert purge.pointer == "/paths/~1messages~1search/additionalOperations/PURGE"


@pytest.fixture(scope="module")
def chat(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return import_generated(CHAT, tmp_path_factory.mktemp("chat32"), "chat_three_two")


def test_query_and_other_methods_go_out_as_written(chat: Any, server: Loopback) -> None:
    client = chat.Client(endpoint=server.url, api_key="k")
    server.replies.append(Reply(body=[{"role": "user", "content": "hi"}]))
    found = client.messages.search.query(text="hi")
    assert isinstance(found[0], chat.models.Message)
    request = server.requests[-1]
    assert (request.method, request.path, request.json()) == (
        "QUERY",
        "/v1/messages/search",
        {"text": "hi"},
    )
    server.replies.append(Reply(status=204))
    assert client.messages.search.purge() is None
    assert server.requests[-1].method == "PURGE"


def test_a_querystring_object_goes_out_as_its_keys(chat: Any, server: Loopback) -> None:
    client = chat.Client(endpoint=server.url, api_key="k")
    server.replies.append(Reply(body=[]))
    client.messages.search.query(page={"cursor": "c1", "limit": 5}, text="hi")
    assert server.requests[-1].query == {"cursor": ["c1"], "limit": ["5"]}


def _op(extra: dict[str, Any]) -> dict[str, Any]:
    return spec(
        {"/x": {"get": {"responses": {"200": {"description": "ok", **extra}}}}},
        openapi="3.2.0",
        title="t",
    )


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (
            _op({"content": {"multipart/mixed": {"itemEncoding": {}}}}),
            "#/paths/~1x/get/responses/200/content/multipart~1mixed/itemEncoding: "
            "itemEncoding (OpenAPI 3.2) is not supported",
        ),
        (
            _op({"content": {"multipart/mixed": {"prefixEncoding": []}}}),
            "#/paths/~1x/get/responses/200/content/multipart~1mixed/prefixEncoding: "
            "prefixEncoding (OpenAPI 3.2) is not supported",
        ),
        (
            {**_op({}), "$self": "https://example.com/openapi.yaml"},
            "#/$self: $self (OpenAPI 3.2) is not supported",
        ),
        (
            {
                **_op({}),
                "components": {
                    "schemas": {
                        "Pet": {
                            "oneOf": [{"type": "string"}],
                            "discriminator": {
                                "propertyName": "kind",
                                "defaultMapping": "#/components/schemas/Other",
                            },
                        }
                    }
                },
            },
            "#/components/schemas/Pet/discriminator/defaultMapping: discriminator "
            "defaultMapping (OpenAPI 3.2) is not supported",
        ),
        (
            {
                **_op({}),
                "paths": {
                    "/x": {
                        "get": {
                            "parameters": [
                                {
                                    "name": "q",
                                    "in": "querystring",
                                    "content": {"application/json": {}},
                                }
                            ],
                            "responses": {},
                        }
                    }
                },
            },
            "#/paths/~1x/get/parameters/0/content: in: querystring with content "
            "application/json is not supported (only application/x-www-form-urlencoded)",
        ),
        (
            {
                **_op({}),
                "paths": {"/x": {"additionalOperations": {"GET": {"responses": {}}}}},
            },
            "#/paths/~1x/additionalOperations/GET: additionalOperations holds 'GET', "
            "not another HTTP method",
        ),
    ],
    ids=[
        "itemEncoding",
        "prefixEncoding",
        "$self",
        "defaultMapping",
        "querystring-json",
        "additional-get",
    ],
)
def test_what_31_cannot_say_is_refused_by_name(
    spec: dict[str, Any], message: str, tmp_path: Path
) -> None:
    path = _write(tmp_path, "spec.json", spec)
    with pytest.raises(SpecError) as info:
        parse_openapi(path)
    assert str(info.value) == f"{path}{message}"
