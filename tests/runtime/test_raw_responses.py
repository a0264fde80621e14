"""`with_raw_response` over real sockets: status, headers and request id at hand, the
body parsed on demand (sync and async)."""

from __future__ import annotations

import asyncio
from typing import Any

from loopback import Loopback
from preview_examples import example


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
