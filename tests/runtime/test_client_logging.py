"""The client's log: switched on by OPENAI_LOG (debug|info) in a fresh process, and
the api key and tokens never in a log record, repr or error, wherever they travel."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from loopback import Loopback
from real_specs import PINNED, PROJECT
from runtime_specs import get_spec

VERSION = PINNED[-1]  # the distribution's default api-version
PACKAGE = PROJECT.package.import_name
SECRET, TOKEN = "sk-log-secret-key", "aad-log-secret-token"
EMBEDDINGS = {
    "object": "list",
    "model": "ada",
    "data": [{"index": 0, "object": "embedding", "embedding": [0.5]}],
    "usage": {"prompt_tokens": 1, "total_tokens": 1},
}
SCRIPT = f"""
import sys
import {PACKAGE} as pkg

url = sys.argv[1]
client = pkg.Client(endpoint=url, api_key={SECRET!r}, azure_deployment="ada", max_retries=1)
client.embeddings.create(input="hi", extra_headers={{"Ocp-Apim-Subscription-Key": {SECRET!r}}})
bearer = pkg.Client(endpoint=url, token_provider=lambda: {TOKEN!r}, max_retries=0)
try:
    bearer.embeddings.create(deployment_id="ada", input="hi")
except pkg.AuthenticationError as error:
    print(error)
"""


def _run(generated_root: Path, server: Loopback, level: str | None) -> str:
    server.reply(429, {"error": {"code": "429"}}, {"retry-after-ms": "1"})
    server.reply(200, EMBEDDINGS, {"apim-request-id": "req-log"})
    server.reply(401, {"error": {"code": "401", "message": "denied"}})
    env = {k: v for k, v in os.environ.items() if k != "OPENAI_LOG"}
    env["PYTHONPATH"] = str(generated_root)
    if level is not None:
        env["OPENAI_LOG"] = level
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, server.url],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Error code: 401" in result.stdout
    output = result.stdout + result.stderr
    assert SECRET not in output and TOKEN not in output
    return result.stderr


def test_openai_log_debug_logs_requests_responses_and_retries_redacted(
    generated_root: Path, server: Loopback
) -> None:
    log = _run(generated_root, server, "debug")
    url = f"{server.url}/openai/deployments/ada/embeddings?api-version={VERSION}"
    assert f"HTTP request: POST {url} (attempt 1)" in log
    assert f"HTTP response: POST {url} 429 Too Many Requests" in log
    assert f"Retrying POST {url} in 0.00 s (retry 1 of 1)" in log
    assert f"HTTP response: POST {url} 200 OK (request id req-log)" in log
    assert "'api-key': '<redacted>'" in log
    assert "'authorization': '<redacted>'" in log
    assert "'ocp-apim-subscription-key': '<redacted>'" in log
    assert f" - {PACKAGE}:" in log and "DEBUG]" in log  # the package's logger


def test_openai_log_info_logs_responses_only_and_unset_logs_nothing(
    generated_root: Path, server: Loopback
) -> None:
    log = _run(generated_root, server, "info")
    assert "HTTP response: POST" in log and "Retrying POST" in log
    assert "HTTP request:" not in log and "headers=" not in log
    assert _run(generated_root, server, None) == ""


class _QuotingTransport(httpx.BaseTransport):
    """A transport that fails quoting the request, as some proxies do."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(f"proxy refused {request.url} {request.headers}")


def test_a_query_api_key_is_redacted_from_httpx_logs_and_errors(
    build: Any, server: Loopback, caplog: pytest.LogCaptureFixture, closing: Any
) -> None:
    query_key = {"key": {"type": "apiKey", "in": "query", "name": "code"}}
    pkg = build(
        get_spec(
            "models",
            components={"securitySchemes": query_key},
            security=[{"key": []}],
        )
    )
    caplog.set_level(logging.DEBUG)
    client = closing(pkg.Client(endpoint=server.url, api_key=SECRET, max_retries=0))
    server.reply(200, {})
    client.models.list()
    assert server.last().query == {"code": [SECRET]}
    server.reply(200, {})
    with client.models.with_streaming_response.list() as response:
        response.read()
    proxied = pkg.Client(
        endpoint=server.url,
        api_key=SECRET,
        max_retries=0,
        http_client=httpx.Client(transport=_QuotingTransport()),
    )
    with pytest.raises(pkg.APIConnectionError) as info:
        proxied.models.list()
    messages = [record.getMessage() for record in caplog.records]
    httpx_lines = [
        m for record, m in zip(caplog.records, messages) if record.name == "httpx"
    ]
    assert any("code=<redacted>" in line for line in httpx_lines)
    assert any(m.startswith("HTTP request: GET") for m in messages)
    seen = [
        *messages,
        str(info.value),
        repr(info.value),
        repr(client),
        repr(client._client),
        repr(client.with_options(timeout=1.0)),
        repr(response),
    ]
    assert all(SECRET not in text for text in seen)
    assert "<redacted>" in str(info.value)
