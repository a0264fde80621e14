"""What each pinned api-version's own spec offers, read from the spec file (not from
the generated package): whether a request path is one of its operations, and the
check that a call it lacks is refused before anything is sent."""

from __future__ import annotations

import re
from functools import cache
from typing import Any, Callable

import pytest

from loopback import Loopback
from real_specs import spec_json

BASE_PATH = "/openai"  # the pinned specs' server path


@cache
def _templates(api_version: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for path, item in spec_json(api_version)["paths"].items():
        pattern = re.sub(r"\\\{[^}]*\\\}", "[^/]+", re.escape(path))
        for method in item:
            out.append((method.upper(), re.compile(pattern + "$")))
    return tuple(out)


def in_spec(api_version: str, method: str, sent_path: str) -> bool:
    """Whether `METHOD /openai/concrete/path` is an operation of that pin's spec."""
    path = sent_path.removeprefix(BASE_PATH)
    return any(m == method and p.match(path) for m, p in _templates(api_version))


def assert_refused(call: Callable[[], Any], server: Loopback, api_version: str) -> str:
    """The call raises APIVersionError naming the api-version, sending nothing."""
    sent = len(server.requests)
    with pytest.raises(Exception) as refused:
        call()
    assert type(refused.value).__name__ == "APIVersionError", refused.value
    message = str(refused.value)
    assert f" is not available in api-version {api_version}; it was " in message
    assert len(server.requests) == sent, "a refused call sent a request"
    return message
