"""What a call gives back besides its parsed result, over a real socket:
`with_streaming_response` (the body unread until the caller reads it), `_request_id`
on results, and `to_dict()` / `to_json()` with openai's signatures."""

from __future__ import annotations

import asyncio
import inspect
import json
import threading
from pathlib import Path
from typing import Any

import pytest

from loopback import Loopback
from runtime_specs import get_spec

EMBEDDINGS = {
    "object": "list",
    "model": "ada",
    "data": [{"index": 0, "object": "embedding", "embedding": [0.5]}],
    "usage": {"prompt_tokens": 1, "total_tokens": 1},
}
SSE_HEADERS = {"content-type": "text/event-stream"}


@pytest.fixture
def client(pkg: Any, server: Loopback, closing: Any) -> Any:
    return closing(pkg.Client(endpoint=server.url, api_key="k", azure_deployment="ada"))


def test_a_streamed_response_is_entered_before_its_body_arrives(
    pkg: Any, client: Any, server: Loopback
) -> None:
    held = threading.Event()
    server.reply(200, EMBEDDINGS, {"apim-request-id": "req-7"}, hold_body=held)
    with client.embeddings.with_streaming_response.create(input="hi") as response:
        # the server has sent only the headers: the body is still held back
        assert isinstance(response, pkg.StreamedResponse)
        assert response.status_code == 200 and response.request_id == "req-7"
        assert not response.http_response.is_stream_consumed
        held.set()
        embeddings = response.parse()
        assert response.parse() is embeddings
    assert response.is_closed
    assert embeddings.data[0].embedding == [0.5]
    assert embeddings._request_id == "req-7"
    assert repr(response) == "<StreamedResponse [200 OK]>"


def test_a_streamed_response_reads_as_bytes_lines_text_json_or_a_file(
    client: Any, server: Loopback, tmp_path: Path
) -> None:
    server.reply(200, EMBEDDINGS)
    with client.embeddings.with_streaming_response.create(input="hi") as response:
        assert json.loads(b"".join(response.iter_bytes(7))) == EMBEDDINGS
    server.reply(200, "line one\nline two\n")
    with client.audio.transcriptions.with_streaming_response.create(
        file=b"RIFF", response_format="text"
    ) as response:
        assert list(response.iter_lines()) == ["line one", "line two"]
    server.reply(200, EMBEDDINGS)
    with client.embeddings.with_streaming_response.create(input="hi") as response:
        assert response.json() == EMBEDDINGS and json.loads(response.text()) == (
            EMBEDDINGS
        )
    audio = bytes(range(256)) * 512
    server.reply(200, audio, {"content-type": "audio/mpeg"})
    with client.audio.speech.with_streaming_response.create(
        input="Hi", voice="fable"
    ) as response:
        response.stream_to_file(tmp_path / "speech.mp3")
    assert (tmp_path / "speech.mp3").read_bytes() == audio


def test_a_streamed_chat_completion_parses_to_its_stream_of_chunks(
    client: Any, server: Loopback
) -> None:
    chunk = {
        "id": "c",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "gpt-4o",
        "choices": [{"index": 0, "delta": {"content": "Hi"}, "finish_reason": None}],
    }
    body = f"data: {json.dumps(chunk)}\n\ndata: [DONE]\n\n"
    server.reply(200, body, SSE_HEADERS)
    with client.chat.completions.with_streaming_response.create(
        messages=[{"role": "user", "content": "x"}], stream=True
    ) as response:
        stream = response.parse()
        assert [c.choices[0].delta.content for c in stream] == ["Hi"]
    assert server.last().json()["stream"] is True


def test_a_streamed_response_raises_the_typed_error_on_entering(
    pkg: Any, client: Any, server: Loopback
) -> None:
    server.reply(404, {"error": {"code": "DeploymentNotFound"}})
    with pytest.raises(pkg.NotFoundError):
        with client.embeddings.with_streaming_response.create(input="hi"):
            pytest.fail("the block must not run")


def test_async_streamed_response(pkg: Any, server: Loopback) -> None:
    held = threading.Event()
    server.reply(200, EMBEDDINGS, {"apim-request-id": "req-8"}, hold_body=held)

    async def call() -> tuple[Any, Any, bool]:
        async with pkg.AsyncClient(
            endpoint=server.url, api_key="k", azure_deployment="ada"
        ) as client:
            streaming = client.embeddings.with_streaming_response
            async with streaming.create(input="hi") as response:
                unread = not response.http_response.is_stream_consumed
                held.set()
                parsed = await response.parse()
                assert await response.parse() is parsed
            server.reply(200, "a\nb\n")
            lines = client.audio.transcriptions.with_streaming_response
            async with lines.create(file=b"x", response_format="text") as text:
                assert [line async for line in text.iter_lines()] == ["a", "b"]
            return response, parsed, unread

    response, parsed, unread = asyncio.run(call())
    assert unread and response.is_closed
    assert isinstance(response, pkg.AsyncStreamedResponse)
    assert parsed._request_id == "req-8"


def test_results_carry_the_request_id_of_their_response(
    pkg: Any, client: Any, server: Loopback
) -> None:
    server.reply(200, EMBEDDINGS, {"apim-request-id": "apim-1", "x-request-id": "x-1"})
    first = client.embeddings.create(input="hi")
    assert first._request_id == "apim-1"
    server.reply(200, EMBEDDINGS, {"x-request-id": "x-2"})
    assert client.embeddings.create(input="hi")._request_id == "x-2"
    server.reply(200, EMBEDDINGS)
    assert client.embeddings.create(input="hi")._request_id is None
    server.reply(200, EMBEDDINGS, {"apim-request-id": "raw-3"})
    raw = client.embeddings.with_raw_response.create(input="hi")
    assert raw.parse()._request_id == "raw-3"
    with pytest.raises(AttributeError):
        first.data[0]._request_id  # only the call's result carries it

    # invisible in reprs, dumps and comparisons
    again = type(first).model_validate(EMBEDDINGS)
    assert first == again and repr(first) == repr(again)
    assert "apim-1" not in first.to_json() and "_request_id" not in first.to_dict()

    page = {"object": "list", "data": [], "has_more": False}
    server.reply(200, page, {"apim-request-id": "page-4"})
    assert client.assistants.list()._request_id == "page-4"


def test_to_dict_and_to_json_have_openais_signatures(pkg: Any) -> None:
    import openai

    for name in ("to_dict", "to_json"):
        ours = inspect.signature(
            getattr(pkg.models.CreateChatCompletionResponse, name)
        ).parameters
        theirs = inspect.signature(getattr(openai.BaseModel, name)).parameters
        assert [(p.name, p.default) for p in ours.values()] == [
            (p.name, p.default) for p in theirs.values()
        ]


def test_to_dict_keeps_what_the_server_sent_under_the_api_names(
    build: Any, server: Loopback, closing: Any
) -> None:
    item = {
        "type": "object",
        "required": ["itemId"],
        "properties": {
            "itemId": {"type": "string"},
            "size": {"type": "string", "enum": ["small", "large"]},
            "note": {"type": "string", "nullable": True},
            "tags": {"type": "array", "items": {"type": "string"}},
        },
    }
    pkg = build(get_spec("item", schema=item))
    server.reply(200, {"itemId": "i1", "size": "large", "note": None})
    result = closing(pkg.Client(endpoint=server.url)).item.list()
    assert result.to_dict() == {"itemId": "i1", "size": "large", "note": None}
    assert result.to_dict(use_api_names=False, exclude_none=True) == {
        "item_id": "i1",
        "size": "large",
    }
    assert result.to_dict(exclude_unset=False)["tags"] is None
    assert type(result.to_dict()["size"]) is not str  # python mode keeps the enum
    assert type(result.to_dict(mode="json")["size"]) is str
    assert result.to_json() == json.dumps(
        {"itemId": "i1", "size": "large", "note": None}, indent=2
    )
    assert result.to_json(indent=None) == '{"itemId":"i1","size":"large","note":null}'
