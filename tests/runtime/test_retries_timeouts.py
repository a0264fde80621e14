"""Retries and timeouts over real sockets: `retry-after(-ms)` honoured, only retryable
statuses retried, per-call limits, timeouts and refused connections as typed errors."""

from __future__ import annotations

import time
from typing import Any

import pytest

from loopback import Loopback
from preview_examples import example


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
