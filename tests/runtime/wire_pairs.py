"""The two sides of the wire-compatibility tests: payloads both clients parse, and one
call made through openai and through the generated client with the two requests
compared (multipart fields, JSON bodies, the deployment openai also sends as `model`).
"""

from __future__ import annotations

import re
from typing import Any, Callable

from loopback import Loopback, Recorded
from pinned_surface import assert_refused, in_spec

CHAT = {
    "id": "c1",
    "object": "chat.completion",
    "created": 1,
    "model": "gpt-4o",
    "choices": [
        {
            "index": 0,
            "finish_reason": "stop",
            "message": {"role": "assistant", "content": "hi"},
        }
    ],
    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
}
ASSISTANT = {
    "id": "asst_1",
    "object": "assistant",
    "created_at": 1,
    "name": "n",
    "description": None,
    "model": "gpt-4o",
    "instructions": "be brief",
    "tools": [],
    "metadata": {},
}
THREAD = {"id": "thread_1", "object": "thread", "created_at": 1, "metadata": {}}
RUN = {
    "id": "run_1",
    "object": "thread.run",
    "created_at": 1,
    "thread_id": "thread_1",
    "assistant_id": "asst_1",
    "status": "queued",
    "model": "gpt-4o",
    "instructions": "",
    "tools": [],
    "metadata": {},
}


def multipart_fields(request: Recorded) -> dict[str, tuple[str | None, bytes]]:
    boundary = request.headers["content-type"].split("boundary=")[1].strip('"')
    fields = {}
    for part in request.body.split(b"--" + boundary.encode())[1:-1]:
        head, _, content = part.strip(b"\r\n").partition(b"\r\n\r\n")
        name = re.search(rb'name="([^"]*)"', head).group(1).decode()
        filename = re.search(rb'filename="([^"]*)"', head)
        fields[name] = (filename.group(1).decode() if filename else None, content)
    return fields


def body_of(request: Recorded) -> Any:
    if not request.body:
        return None
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        return multipart_fields(request)
    if content_type.startswith("application/json"):
        return request.json()
    return request.body


def without_model(body: Any) -> Any:
    if isinstance(body, dict):
        return {k: v for k, v in body.items() if k != "model"}
    return body


def assert_same_request(
    theirs: Recorded, ours: Recorded, deployment_scoped: bool
) -> None:
    assert ours.method == theirs.method
    assert ours.path == theirs.path
    assert ours.query["api-version"] == theirs.query["api-version"]
    assert ours.headers["api-key"] == theirs.headers["api-key"]
    their_body, our_body = body_of(theirs), body_of(ours)
    if deployment_scoped:
        their_body = without_model(their_body)
    assert our_body == their_body


def compare(
    server: Loopback,
    reply: Any,
    call_theirs: Callable[[], Any],
    call_ours: Callable[[], Any],
    deployment_scoped: bool = False,
    headers: dict[str, str] | None = None,
) -> tuple[Any, Any]:
    """Both calls, their requests compared; (their result, ours or None where the
    api-version lacks the call and ours refused it)."""
    server.reply(200, reply, headers)
    their_result = call_theirs()
    sent = server.last()
    (api_version,) = sent.query["api-version"]
    if not in_spec(api_version, sent.method, sent.path):
        assert_refused(call_ours, server, api_version)
        return their_result, None
    server.reply(200, reply, headers)
    our_result = call_ours()
    theirs, ours = server.requests[-2:]
    assert_same_request(theirs, ours, deployment_scoped)
    return their_result, our_result
