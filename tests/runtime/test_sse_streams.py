"""Server-sent event streams over real sockets: typed chunks until `[DONE]`, sync and
async, an error event raised, an early exit closing the response, and the named events
of a runs stream."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from loopback import Loopback
from preview_examples import SSE_HEADERS, chunk, sse


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

