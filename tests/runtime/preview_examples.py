"""What the runtime tests answer with: the example payloads published with the
2025-01-01-preview spec, and server-sent event bodies of chat completion chunks."""

from __future__ import annotations

import json
from typing import Any

from real_specs import spec_path

VERSION = "2025-01-01-preview"  # the pin whose example files are published
SSE_HEADERS = {"content-type": "text/event-stream"}


def example(name: str) -> dict[str, Any]:
    folder = spec_path(VERSION).parent / "examples"
    return json.loads((folder / name).read_text(encoding="utf-8"))


def sse(*events: Any, done: bool = True) -> bytes:
    """A text/event-stream body: each event a JSON payload, or a (name, payload) pair
    for a named event; `[DONE]` last unless `done` is false."""
    lines = []
    for event in events:
        if isinstance(event, tuple):
            name, data = event
            lines.append(f"event: {name}\ndata: {json.dumps(data)}\n\n")
        else:
            lines.append(f"data: {json.dumps(event)}\n\n")
    if done:
        lines.append("data: [DONE]\n\n")
    return "".join(lines).encode()


def chunk(content: str, index: int = 0) -> dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "gpt-4o",
        "choices": [
            {"index": index, "delta": {"content": content}, "finish_reason": None}
        ],
    }
