"""A runs event stream as the Azure OpenAI (and OpenAI) service sends it: one
`event: NAME` line and one `data: JSON` line per event, ending with `event: done`,
`data: [DONE]`. The objects are complete, as the spec's schemas require them."""

from __future__ import annotations

import json
from typing import Any

THREAD, RUN, ASSISTANT, MESSAGE = "thread_abc123", "run_abc123", "asst_abc123", "msg_1"
CREATED = 1700000000
SSE_HEADERS = {"content-type": "text/event-stream"}


def run_object(status: str, **fields: Any) -> dict[str, Any]:
    completed = status == "completed"
    return {
        "id": RUN,
        "object": "thread.run",
        "created_at": CREATED,
        "thread_id": THREAD,
        "assistant_id": ASSISTANT,
        "status": status,
        "required_action": None,
        "last_error": None,
        "expires_at": CREATED + 600,
        "started_at": CREATED if status != "queued" else None,
        "cancelled_at": None,
        "failed_at": None,
        "completed_at": CREATED + 5 if completed else None,
        "incomplete_details": None,
        "model": "gpt-4o",
        "instructions": "You are a helpful assistant.",
        "tools": [],
        "metadata": {},
        "usage": (
            {"prompt_tokens": 30, "completion_tokens": 12, "total_tokens": 42}
            if completed
            else None
        ),
        "temperature": 1.0,
        "top_p": 1.0,
        "max_prompt_tokens": None,
        "max_completion_tokens": None,
        "truncation_strategy": {"type": "auto", "last_messages": None},
        "tool_choice": "auto",
        "response_format": "auto",
        "parallel_tool_calls": True,
        **fields,
    }


def message_object(status: str, text: str = "") -> dict[str, Any]:
    return {
        "id": MESSAGE,
        "object": "thread.message",
        "created_at": CREATED,
        "thread_id": THREAD,
        "status": status,
        "incomplete_details": None,
        "completed_at": CREATED + 4 if status == "completed" else None,
        "incomplete_at": None,
        "role": "assistant",
        "content": (
            [{"type": "text", "text": {"value": text, "annotations": []}}]
            if text
            else []
        ),
        "assistant_id": ASSISTANT,
        "run_id": RUN,
        "attachments": [],
        "metadata": {},
    }


def message_delta(text: str) -> dict[str, Any]:
    return {
        "id": MESSAGE,
        "object": "thread.message.delta",
        "delta": {"content": [{"index": 0, "type": "text", "text": {"value": text}}]},
    }


def run_events(*texts: str) -> list[tuple[str, Any]]:
    """The events of a run that answers with `texts` as message deltas."""
    return [
        ("thread.run.created", run_object("queued")),
        ("thread.run.queued", run_object("queued")),
        ("thread.run.in_progress", run_object("in_progress")),
        ("thread.message.created", message_object("in_progress")),
        ("thread.message.in_progress", message_object("in_progress")),
        *[("thread.message.delta", message_delta(text)) for text in texts],
        ("thread.message.completed", message_object("completed", "".join(texts))),
        ("thread.run.completed", run_object("completed")),
    ]


def event_stream(events: list[tuple[str, Any]], done: bool = True) -> bytes:
    """`events` on the wire, then the service's closing `done` event."""
    lines = [f"event: {name}\ndata: {json.dumps(data)}\n\n" for name, data in events]
    if done:
        lines.append("event: done\ndata: [DONE]\n\n")
    return "".join(lines).encode()
