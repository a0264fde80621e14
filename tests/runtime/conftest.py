"""Fixtures of the runtime tests."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

sys.path.insert(0, str(Path(__file__).parent))


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
