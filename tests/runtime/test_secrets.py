"""Secrets stay secret: an api key or a token provider's token appears in no repr, error
or log line, while it does reach the server."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from loopback import Loopback


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
