"""The async client over a real socket: the request it sends is the sync client's."""

from __future__ import annotations

import asyncio
from typing import Any

from loopback import Loopback
from preview_examples import example


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
