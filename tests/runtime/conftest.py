"""Fixtures of the runtime tests."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from preview_examples import VERSION  # noqa: E402


@pytest.fixture
def pkg(sdk: Any) -> Any:
    """The distribution as a caller of 2025-01-01-preview sees it."""
    return sdk(VERSION)


@pytest.fixture
def closing() -> Iterator[Callable[[Any], Any]]:
    """`closing(client)` is `client`, closed when the test ends (its pooled sockets
    with it)."""
    clients: list[Any] = []

    def track(client: Any) -> Any:
        clients.append(client)
        return client

    yield track
    for client in clients:
        client.close()
