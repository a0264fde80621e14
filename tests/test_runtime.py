"""The generated runtime of 2025-01-01-preview over real sockets: async, streaming,
files, retries and timeouts, pagination, raw responses, and secrets kept secret."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from pathlib import Path
from typing import Any

import pytest

from loopback import Loopback
from real_specs import spec_path

VERSION = "2025-01-01-preview"


def example(name: str) -> dict[str, Any]:
    folder = spec_path(VERSION).parent / "examples"
    return json.loads((folder / name).read_text(encoding="utf-8"))


@pytest.fixture
def pkg(sdk: Any) -> Any:
    return sdk(VERSION)


def sse(*events: Any, done: bool = True) -> bytes:
    lines = []
    for event in events:
        if isinstance(event, tuple):
            name, data = event
            lines.append(f"event: {name}\ndata: {json.dumps(data)}\n\n")
        else:
            lines.append(f"data: {json.dumps(event)}\n\n")
    if done:
        lines.append("data: [DONE]\n\n")
    return "".join(lines).encode()


def chunk(content: str, index: int = 0) -> dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "gpt-4o",
        "choices": [
            {"index": index, "delta": {"content": content}, "finish_reason": None}
        ],
    }


SSE_HEADERS = {"content-type": "text/event-stream"}


def test_async_client_sends_the_same_request(pkg: Any, server: Loopback) -> None:
    body = example("chat_completions.json")["responses"]["200"]["body"]
    server.reply(200, body)
    server.reply(200, body)
    messages = [{"role": "user", "content": "hi"}]
    pkg.Client(endpoint=server.url, api_key="k").chat.completions.create(
        deployment_id="d", messages=messages, temperature=0.1
    )

    async def call() -> Any:
        async with pkg.AsyncClient(endpoint=server.url, api_key="k") as client:
            return await client.chat.completions.create(
                deployment_id="d", messages=messages, temperature=0.1
            )

    result = asyncio.run(call())
    sync_request, async_request = server.requests
    assert (sync_request.method, sync_request.path, sync_request.query) == (
        async_request.method,
        async_request.path,
        async_request.query,
    )
    assert sync_request.json() == async_request.json()
    assert sync_request.headers["api-key"] == async_request.headers["api-key"] == "k"
    assert result.choices[0].message.content.startswith("Ahoy")


def test_streaming_yields_typed_chunks_until_done(pkg: Any, server: Loopback) -> None:
    server.reply(200, sse(chunk("Hel"), chunk("lo")), SSE_HEADERS)
    client = pkg.Client(endpoint=server.url, api_key="k")
    stream = client.chat.completions.create(
        deployment_id="d", messages=[{"role": "user", "content": "hi"}], stream=True
    )
    assert isinstance(stream, pkg.Stream)
    chunks = list(stream)
    assert server.last().json()["stream"] is True
    assert server.last().headers["accept"] == "text/event-stream"
    assert [c.choices[0].delta.content for c in chunks] == ["Hel", "lo"]
    assert all(
        isinstance(c, pkg.models.CreateChatCompletionStreamResponse) for c in chunks
    )
    assert stream.response.is_closed


def test_async_streaming(pkg: Any, server: Loopback) -> None:
    server.reply(200, sse(chunk("a"), chunk("b"), chunk("c")), SSE_HEADERS)

    async def collect() -> list[str]:
        client = pkg.AsyncClient(endpoint=server.url, api_key="k")
        stream = await client.chat.completions.create(
            deployment_id="d", messages=[{"role": "user", "content": "x"}], stream=True
        )
        out = [c.choices[0].delta.content async for c in stream]
        await client.close()
        return out

    assert asyncio.run(collect()) == ["a", "b", "c"]


def test_stream_error_event_raises_and_early_exit_closes(
    pkg: Any, server: Loopback
) -> None:
    client = pkg.Client(endpoint=server.url, api_key="k")
    server.reply(
        200,
        sse(chunk("a"), ("error", {"message": "overloaded"}), done=False),
        SSE_HEADERS,
    )
    stream = client.chat.completions.create(
        deployment_id="d", messages=[{"role": "user", "content": "x"}], stream=True
    )
    with pytest.raises(pkg.StreamError, match="overloaded"):
        list(stream)

    server.reply(200, sse(chunk("a"), chunk("b")), SSE_HEADERS)
    with client.chat.completions.create(
        deployment_id="d", messages=[{"role": "user", "content": "x"}], stream=True
    ) as stream:
        for _ in stream:
            break
    assert stream.response.is_closed


def test_multipart_upload_text_and_binary_responses(
    pkg: Any, server: Loopback, tmp_path: Path
) -> None:
    client = pkg.Client(endpoint=server.url, api_key="k")
    audio = tmp_path / "speech.wav"
    audio.write_bytes(b"RIFF-audio")
    server.reply(200, "hello there")
    text = client.audio.transcriptions.create(
        deployment_id="whisper", file=audio, response_format="text", temperature=0.5
    )
    request = server.last()
    assert text == "hello there"
    assert request.path == "/openai/deployments/whisper/audio/transcriptions"
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert (
        b'name="file"; filename="speech.wav"' in request.body
        and b"RIFF-audio" in request.body
    )
    assert b'name="response_format"\r\n\r\ntext\r\n' in request.body
    assert b'name="temperature"\r\n\r\n0.5\r\n' in request.body

    server.reply(200, {"text": "hello"})
    with audio.open("rb") as handle:
        result = client.audio.translations.create(deployment_id="whisper", file=handle)
    assert result.text == "hello"
    assert b'filename="speech.wav"' in server.last().body

    server.reply(200, {"text": "raw"})
    client.audio.transcriptions.create(deployment_id="whisper", file=b"bytes-audio")
    assert b'filename="upload"' in server.last().body

    server.reply(200, b"ID3-mp3-bytes", {"content-type": "application/octet-stream"})
    speech = client.audio.speech.create(deployment_id="tts", input="Hi", voice="fable")
    assert speech == b"ID3-mp3-bytes"
    assert server.last().headers["content-type"].startswith("multipart/form-data")


def test_retries_honour_retry_after_and_only_retry_retryable_statuses(
    pkg: Any, server: Loopback
) -> None:
    body = example("delete_assistant.json")["responses"]["200"]["body"]
    client = pkg.Client(endpoint=server.url, api_key="k", max_retries=3)
    server.reply(429, {"error": {"code": "429"}}, {"retry-after-ms": "50"})
    server.reply(503, {"error": {"code": "503"}}, {"retry-after": "0"})
    server.reply(200, body)
    started = time.perf_counter()
    assert client.assistants.delete(assistant_id="a").deleted is True
    assert len(server.requests) == 3 and time.perf_counter() - started >= 0.05

    server.requests.clear()
    server.reply(400, {"error": {"code": "bad"}})
    with pytest.raises(pkg.BadRequestError):
        client.assistants.delete(assistant_id="a")
    assert len(server.requests) == 1

    server.requests.clear()
    server.reply(500, {"error": {}}, {"retry-after-ms": "1"})
    server.reply(500, {"error": {}}, {"retry-after-ms": "1"})
    with pytest.raises(pkg.InternalServerError):
        client.assistants.delete(assistant_id="a", max_retries=1)
    assert len(server.requests) == 2


def test_timeouts_per_call_and_connection_errors(pkg: Any, server: Loopback) -> None:
    client = pkg.Client(endpoint=server.url, api_key="k", max_retries=0)
    server.reply(
        200, {"id": "a", "object": "assistant.deleted", "deleted": True}, delay=1.0
    )
    with pytest.raises(pkg.APITimeoutError):
        client.assistants.delete(assistant_id="a", timeout=0.2)
    closed = pkg.Client(endpoint="http://127.0.0.1:9", api_key="k", max_retries=1)
    with pytest.raises(pkg.APIConnectionError):
        closed.assistants.delete(assistant_id="a")


def test_pages_iterate_across_pages(pkg: Any, server: Loopback) -> None:
    page_one = example("list_assistants.json")["responses"]["200"]["body"]
    first_ids = [a["id"] for a in page_one["data"]]
    page_one = {**page_one, "has_more": True, "last_id": first_ids[-1]}
    page_two = {
        **page_one,
        "data": page_one["data"][:1],
        "has_more": False,
        "first_id": "x",
        "last_id": "x",
    }
    page_two["data"] = [{**page_two["data"][0], "id": "asst_last"}]
    client = pkg.Client(endpoint=server.url, api_key="k")
    server.reply(200, page_one)
    server.reply(200, page_two)
    page = client.assistants.list(limit=3, order="desc")
    assert isinstance(page, pkg.SyncPage) and [a.id for a in page.data] == first_ids
    assert page.has_more and page.last_id == first_ids[-1] and page.object == "list"
    assert [a.id for a in page] == first_ids + ["asst_last"]
    second = server.requests[1]
    assert second.query == {
        "api-version": [VERSION],
        "limit": ["3"],
        "order": ["desc"],
        "after": [first_ids[-1]],
    }

    server.reply(200, page_one)
    server.reply(200, page_two)

    async def collect() -> list[str]:
        async with pkg.AsyncClient(endpoint=server.url, api_key="k") as client:
            page = await client.assistants.list()
            return [a.id async for a in page]

    assert asyncio.run(collect()) == first_ids + ["asst_last"]


def test_raw_response_gives_headers_and_parses_on_demand(
    pkg: Any, server: Loopback
) -> None:
    body = example("embeddings.json")["responses"]["200"]["body"]
    server.reply(
        200, body, {"apim-request-id": "req-42", "x-ratelimit-remaining-requests": "9"}
    )
    client = pkg.Client(endpoint=server.url, api_key="k")
    raw = client.embeddings.with_raw_response.create(deployment_id="ada", input="hello")
    assert isinstance(raw, pkg.RawResponse)
    assert raw.status_code == 200 and raw.request_id == "req-42"
    assert raw.headers["x-ratelimit-remaining-requests"] == "9"
    assert raw.parse().data[0].embedding == body["data"][0]["embedding"]

    server.reply(200, body, {"apim-request-id": "req-43"})

    async def call() -> Any:
        async with pkg.AsyncClient(endpoint=server.url, api_key="k") as client:
            return await client.embeddings.with_raw_response.create(
                deployment_id="a", input="x"
            )

    assert asyncio.run(call()).request_id == "req-43"


def test_secrets_never_appear_in_reprs_errors_or_logs(
    pkg: Any, server: Loopback, caplog: Any
) -> None:
    secret, token = "sk-very-secret-key", "aad-secret-token"
    caplog.set_level(logging.DEBUG)
    client = pkg.Client(endpoint=server.url, api_key=secret, max_retries=0)
    bearer = pkg.Client(
        endpoint=server.url, token_provider=lambda: token, max_retries=0
    )
    server.reply(401, {"error": {"code": "401", "message": "Access denied"}})
    with pytest.raises(pkg.AuthenticationError) as info:
        client.assistants.delete(assistant_id="a")
    server.reply(403, {"error": {"code": "403"}})
    with pytest.raises(pkg.PermissionDeniedError) as info_bearer:
        bearer.assistants.delete(assistant_id="a")
    seen = " ".join(
        [
            repr(client),
            str(client),
            repr(bearer),
            str(info.value),
            repr(info.value),
            str(info_bearer.value),
        ]
        + [record.getMessage() for record in caplog.records]
    )
    assert secret not in seen and token not in seen
    assert server.requests[0].headers["api-key"] == secret


def test_binary_response_streams_to_a_file(
    pkg: Any, server: Loopback, tmp_path: Path
) -> None:
    audio = bytes(range(256)) * 4096  # 1 MiB
    server.reply(200, audio, {"content-type": "audio/mpeg"})
    client = pkg.Client(endpoint=server.url, api_key="k")
    raw = client.audio.speech.with_raw_response.create(
        deployment_id="tts", input="Hi", voice="fable"
    )
    assert raw.status_code == 200 and not raw.http_response.is_stream_consumed
    raw.stream_to_file(tmp_path / "speech.mp3")
    assert (
        tmp_path / "speech.mp3"
    ).read_bytes() == audio and raw.http_response.is_closed

    server.reply(200, audio, {"content-type": "audio/mpeg"})

    async def fetch() -> Any:
        async with pkg.AsyncClient(endpoint=server.url, api_key="k") as client:
            raw = await client.audio.speech.with_raw_response.create(
                deployment_id="tts", input="Hi", voice="fable"
            )
            await raw.astream_to_file(tmp_path / "async.mp3")
            return raw

    assert asyncio.run(fetch()).status_code == 200
    assert (tmp_path / "async.mp3").read_bytes() == audio
