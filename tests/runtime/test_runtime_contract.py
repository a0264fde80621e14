"""What the generated runtime promises beyond the happy path, over real sockets: an
omitted optional body is not sent, binary responses stay bytes, strict response
validation raises a typed error naming the operation and field, the lenient default
warns once per type without leaking values, and get_type_hints works on every method."""

from __future__ import annotations

import inspect
import logging
import typing
from typing import Any

import pytest

from loopback import Loopback
from real_specs import PINNED
from inline_spec import client_spec, json_response

NOTE = {
    "type": "object",
    "properties": {
        "text": {"type": "string"},
        "tags": {"type": "array", "items": {"type": "string"}},
    },
}
THING = {
    "type": "object",
    "required": ["id", "token"],
    "properties": {
        "id": {"type": "string"},
        "token": {"type": "string"},
        "size": {"type": "integer"},
    },
}


def body_spec(required: bool, schema: dict[str, Any]) -> dict[str, Any]:
    return client_spec(
        {
            "/notes": {
                "post": {
                    "operationId": "createNote",
                    "requestBody": {
                        "required": required,
                        "content": {"application/json": {"schema": schema}},
                    },
                    "responses": {"200": json_response("ok", {"type": "object"})},
                }
            }
        }
    )


def test_optional_body_left_out_is_not_sent(build: Any, server: Loopback) -> None:
    client = build(body_spec(False, NOTE)).Client(endpoint=server.url, api_key="k")
    server.reply(200, {})
    client.notes.create()
    assert server.last().body == b""
    assert "content-type" not in server.last().headers
    server.reply(200, {})
    client.notes.create(text="hi")
    assert server.last().json() == {"text": "hi"}
    server.reply(200, {})
    client.notes.create(extra_body={"draft": True})
    assert server.last().json() == {"draft": True}


def test_optional_whole_body_left_out_is_not_sent(build: Any, server: Loopback) -> None:
    listing = {"type": "array", "items": {"type": "string"}}
    client = build(body_spec(False, listing)).Client(endpoint=server.url, api_key="k")
    server.reply(200, {})
    client.notes.create()
    assert server.last().body == b""
    server.reply(200, {})
    client.notes.create(body=["a"])
    assert server.last().json() == ["a"]


def test_required_body_with_no_fields_given_is_an_empty_object(
    build: Any, server: Loopback
) -> None:
    client = build(body_spec(True, NOTE)).Client(endpoint=server.url, api_key="k")
    server.reply(200, {})
    client.notes.create()
    assert server.last().json() == {}


ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
BINARY = {"schema": {"type": "string", "format": "binary"}}


def get(op_id: str, content: dict[str, Any], *parameters: Any) -> dict[str, Any]:
    """A GET operation answering 200 with `content`."""
    return {
        "get": {
            "operationId": op_id,
            "parameters": list(parameters),
            "responses": {"200": {"description": "ok", "content": content}},
        }
    }


BINARY_SPEC = client_spec(
    {
        # the video or a thumbnail
        "/videos/{id}/content": get(
            "downloadVideo", {"video/mp4": BINARY, "image/webp": BINARY}, ID
        ),
        # the archive, or its manifest as JSON
        "/archives/{id}": get(
            "getArchive",
            {
                "application/zip": BINARY,
                "application/json": {"schema": {"$ref": "#/components/schemas/Thing"}},
            },
            ID,
        ),
        # speech, described as a JSON binary string
        "/audio": get("getAudio", {"application/json": BINARY, "audio/*": BINARY}),
    },
    {"Thing": THING},
)
# Bytes that a JSON parser would choke on, or read as a number.
PAYLOAD = b"\x00\x01\xffRIFF1234"


def test_binary_responses_are_bytes(build: Any, server: Loopback) -> None:
    pkg = build(BINARY_SPEC)
    client = pkg.Client(endpoint=server.url, api_key="k")
    server.reply(200, PAYLOAD, {"content-type": "video/mp4"})
    assert client.videos.content.list(id="v1") == PAYLOAD
    server.reply(200, b"1234", {"content-type": "application/json"})
    assert client.audio.list() == b"1234"
    server.reply(200, PAYLOAD, {"content-type": "application/zip"})
    assert client.archives.retrieve(id="a") == PAYLOAD
    server.reply(200, {"id": "a", "token": "t"})
    manifest = client.archives.retrieve(id="a")
    assert isinstance(manifest, pkg.models.Thing) and manifest.id == "a"


STRICT_SPEC = client_spec(
    {
        "/things/{id}": get(
            "getThing",
            {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
            ID,
        ),
        "/events": {
            "post": {
                "operationId": "streamEvents",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {"stream": {"type": "boolean"}},
                            }
                        }
                    },
                },
                "responses": {
                    "200": json_response("ok", {"$ref": "#/components/schemas/Thing"})
                },
            }
        },
    },
    {"Thing": THING},
)
SECRET = "sk-do-not-log-me"
BAD_THING = {"id": "t1", "token": SECRET, "size": "large"}


def test_strict_validation_raises_naming_operation_and_field(
    build: Any, server: Loopback
) -> None:
    pkg = build(STRICT_SPEC)
    client = pkg.Client(
        endpoint=server.url, api_key="k", strict_response_validation=True
    )
    server.reply(200, BAD_THING)
    with pytest.raises(pkg.APIResponseValidationError) as caught:
        client.things.retrieve(id="t1")
    error = caught.value
    assert isinstance(error, pkg.APIError)
    assert (error.operation, error.field, error.status_code) == (
        "GET /things/{id}",
        "size",
        200,
    )
    assert "GET /things/{id}" in str(error) and "Thing" in str(error)
    assert SECRET not in str(error) and "large" not in str(error)
    server.reply(200, {"id": "t1", "token": "x"})
    assert client.things.retrieve(id="t1").id == "t1"
    server.reply(200, BAD_THING)
    with pytest.raises(pkg.APIResponseValidationError):
        client.with_options(max_retries=1).things.retrieve(id="t1")
    server.reply(200, BAD_THING)
    lenient = client.with_options(strict_response_validation=False)
    assert lenient.things.retrieve(id="t1").size == "large"


def test_strict_validation_checks_stream_chunks(build: Any, server: Loopback) -> None:
    pkg = build(STRICT_SPEC)
    client = pkg.Client(
        endpoint=server.url, api_key="k", strict_response_validation=True
    )
    good = b'data: {"id": "a", "token": "t"}\n\n'
    bad = b'data: {"id": "b"}\n\n'
    server.reply(
        200, good + bad + b"data: [DONE]\n\n", {"content-type": "text/event-stream"}
    )
    stream = client.events.create(stream=True)
    chunks = iter(stream)
    assert next(chunks).id == "a"
    with pytest.raises(pkg.APIResponseValidationError) as caught:
        next(chunks)
    assert (caught.value.operation, caught.value.field) == ("POST /events", "token")


def test_lenient_default_warns_once_per_type_without_values(
    build: Any, server: Loopback, caplog: pytest.LogCaptureFixture
) -> None:
    pkg = build(STRICT_SPEC)
    client = pkg.Client(endpoint=server.url, api_key="k")
    caplog.set_level(logging.WARNING, logger=pkg.__name__)
    for _ in range(3):
        server.reply(200, BAD_THING)
        thing = client.things.retrieve(id="t1")
        assert (thing.id, thing.size) == ("t1", "large")
    warnings = [r for r in caplog.records if r.name == pkg.__name__]
    assert len(warnings) == 1
    message = warnings[0].getMessage()
    assert "GET /things/{id}" in message and "Thing" in message and "size" in message
    assert SECRET not in message and "large" not in message


def _methods(obj: Any, seen: set[int]) -> typing.Iterator[Any]:
    """Every public method of a client and its resources, depth first."""
    if id(obj) in seen:
        return
    seen.add(id(obj))
    for name, member in inspect.getmembers(type(obj)):
        if name.startswith("_") or name == "with_raw_response":
            continue
        if inspect.isfunction(member):
            yield member
        elif isinstance(member, property) or hasattr(member, "func"):
            yield from _methods(getattr(obj, name), seen)


@pytest.mark.parametrize("api_version", PINNED)
def test_get_type_hints_on_every_method(sdk: Any, api_version: str) -> None:
    pkg = sdk(api_version)
    methods = []
    for client_class in (pkg.Client, pkg.AsyncClient):
        client = client_class(endpoint="http://127.0.0.1:9", api_key="k")
        methods.extend(_methods(client, set()))
    assert len(methods) > 10
    for method in methods:
        hints = typing.get_type_hints(method)
        assert "return" in hints, method.__qualname__
