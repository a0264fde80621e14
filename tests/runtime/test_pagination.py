"""Cursor pagination over real sockets: a page iterates into the pages after it, each
asked for with the last id (sync and async)."""

from __future__ import annotations

import asyncio
from typing import Any

from loopback import Loopback
from preview_examples import VERSION, example


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
