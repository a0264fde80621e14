"""Runs streams over a real socket: each server-sent event is the spec's event model
(`assistantStreamEvent`'s member its `event` name selects), its `data` the object the
spec names, until the service's `event: done` / `data: [DONE]`."""

from __future__ import annotations

import asyncio
import logging
import typing
from typing import Any

import pytest

from loopback import Loopback
from run_events import (
    ASSISTANT,
    CREATED,
    RUN,
    SSE_HEADERS,
    THREAD,
    event_stream,
    run_events,
    run_object,
)
from inline_spec import json_response, spec

VERSION = "2025-01-01-preview"


@pytest.fixture
def pkg(sdk: Any) -> Any:
    return sdk(VERSION)


def test_runs_stream_yields_the_spec_event_models(
    pkg: Any, server: Loopback, closing: Any
) -> None:
    events = run_events("Hel", "lo")
    server.reply(200, event_stream(events), SSE_HEADERS)
    client = closing(
        pkg.Client(endpoint=server.url, api_key="k", strict_response_validation=True)
    )
    stream = client.threads.runs.create(
        thread_id=THREAD, assistant_id=ASSISTANT, stream=True
    )
    assert isinstance(stream, pkg.Stream)
    items = list(stream)
    request = server.last()
    assert request.path == f"/openai/threads/{THREAD}/runs"
    assert request.json() == {"assistant_id": ASSISTANT, "stream": True}
    assert request.headers["accept"] == "text/event-stream"
    models = pkg.models
    assert [type(item) for item in items] == [
        models.run_stream_event.RunStreamEventCreated,
        models.run_stream_event.RunStreamEventQueued,
        models.run_stream_event.RunStreamEventInProgress,
        models.message_stream_event.MessageStreamEventCreated,
        models.message_stream_event.MessageStreamEventInProgress,
        models.message_stream_event.MessageStreamEventDelta,
        models.message_stream_event.MessageStreamEventDelta,
        models.message_stream_event.MessageStreamEventCompleted,
        models.run_stream_event.RunStreamEventCompleted,
        models.DoneEvent,
    ]
    assert [item.event for item in items] == [name for name, _ in events] + ["done"]
    data_types = [type(item.data) for item in items]
    assert data_types == [models.RunObject] * 3 + [models.MessageObject] * 2 + [
        models.MessageDeltaObject
    ] * 2 + [models.MessageObject, models.RunObject, str]
    text = "".join(
        part.text.value for item in items[5:7] for part in item.data.delta.content
    )
    assert text == "Hello"
    completed = items[-2].data
    assert (completed.status, completed.usage.total_tokens) == ("completed", 42)
    assert items[-1].data == "[DONE]"
    assert stream.response.is_closed


def test_thread_and_run_and_tool_outputs_stream_events_async_and_sync(
    pkg: Any, server: Loopback, closing: Any
) -> None:
    finished = [("thread.run.completed", run_object("completed"))]
    thread = {
        "id": THREAD,
        "object": "thread",
        "created_at": CREATED,
        "tool_resources": None,
        "metadata": {},
    }
    server.reply(
        200, event_stream([("thread.created", thread), *finished]), SSE_HEADERS
    )

    async def thread_and_run() -> list[Any]:
        async with pkg.AsyncClient(endpoint=server.url, api_key="k") as client:
            stream = await client.threads.runs.create_thread_and_run(
                assistant_id=ASSISTANT, stream=True
            )
            assert isinstance(stream, pkg.AsyncStream)
            return [item async for item in stream]

    created, completed, done = asyncio.run(thread_and_run())
    assert isinstance(created, pkg.models.ThreadStreamEvent)
    assert (created.event, created.data.id) == ("thread.created", THREAD)
    assert isinstance(completed.data, pkg.models.RunObject)
    assert isinstance(done, pkg.models.DoneEvent)
    assert server.last().path == "/openai/threads/runs"

    server.reply(200, event_stream(finished), SSE_HEADERS)
    client = closing(pkg.Client(endpoint=server.url, api_key="k"))
    items = list(
        client.threads.runs.submit_tool_outputs(
            thread_id=THREAD,
            run_id=RUN,
            tool_outputs=[{"tool_call_id": "call_1", "output": "22C"}],
            stream=True,
        )
    )
    assert [item.event for item in items] == ["thread.run.completed", "done"]
    assert server.last().json()["tool_outputs"][0]["output"] == "22C"


def test_a_call_that_does_not_stream_returns_the_run(
    pkg: Any, server: Loopback, closing: Any
) -> None:
    client = closing(pkg.Client(endpoint=server.url, api_key="k"))
    for stream in (False, None):
        server.reply(200, run_object("queued"))
        run = (
            client.threads.runs.create(thread_id=THREAD, assistant_id=ASSISTANT)
            if stream is None
            else client.threads.runs.create(
                thread_id=THREAD, assistant_id=ASSISTANT, stream=stream
            )
        )
        assert isinstance(run, pkg.models.RunObject) and run.id == RUN


def test_lenient_parsing_keeps_the_member_the_event_name_selects(
    pkg: Any, server: Loopback, closing: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """The service sends run steps as `thread.run.step` objects where the spec says
    `assistant.run.step`: parsed leniently, the event is still a step event."""
    step = {
        "id": "step_1",
        "object": "thread.run.step",
        "created_at": CREATED,
        "assistant_id": ASSISTANT,
        "thread_id": THREAD,
        "run_id": RUN,
        "type": "message_creation",
        "status": "in_progress",
        "step_details": {
            "type": "message_creation",
            "message_creation": {"message_id": "msg_1"},
        },
        "last_error": None,
        "expired_at": None,
        "cancelled_at": None,
        "failed_at": None,
        "completed_at": None,
        "metadata": {},
    }
    server.reply(200, event_stream([("thread.run.step.created", step)]), SSE_HEADERS)
    caplog.set_level(logging.WARNING, logger=pkg.__name__)
    client = closing(pkg.Client(endpoint=server.url, api_key="k"))
    created, done = client.threads.runs.create(
        thread_id=THREAD, assistant_id=ASSISTANT, stream=True
    )
    assert isinstance(
        created, pkg.models.run_step_stream_event.RunStepStreamEventCreated
    )
    assert isinstance(created.data, pkg.models.RunStepObject)
    assert (created.data.object, created.data.id) == ("thread.run.step", "step_1")
    assert isinstance(done, pkg.models.DoneEvent)
    assert "RunStepStreamEventCreated" in caplog.text

    server.reply(200, event_stream([("thread.run.step.created", step)]), SSE_HEADERS)
    strict = client.with_options(strict_response_validation=True)
    with pytest.raises(pkg.APIResponseValidationError) as caught:
        list(
            strict.threads.runs.create(
                thread_id=THREAD, assistant_id=ASSISTANT, stream=True
            )
        )
    assert caught.value.field == "data.object"


def test_unknown_events_are_skipped_once_warned_and_done_ends_the_stream(
    pkg: Any, server: Loopback, closing: Any, caplog: pytest.LogCaptureFixture
) -> None:
    future = ("thread.run.step.thinking", {"id": "step_1", "object": "x"})
    after = event_stream([("thread.run.queued", run_object("queued"))], done=False)
    body = (
        event_stream(
            [future, future, ("thread.run.completed", run_object("completed"))]
        )
        + after
    )
    server.reply(200, body, SSE_HEADERS)
    caplog.set_level(logging.WARNING, logger=pkg.__name__)
    client = closing(pkg.Client(endpoint=server.url, api_key="k"))
    items = list(
        client.threads.runs.create(
            thread_id=THREAD, assistant_id=ASSISTANT, stream=True
        )
    )
    assert [item.event for item in items] == ["thread.run.completed", "done"]
    skipped = [r for r in caplog.records if "thread.run.step.thinking" in r.message]
    assert len(skipped) == 1 and "POST /threads/{thread_id}/runs" in skipped[0].message


def test_an_error_event_raises_with_its_data(
    pkg: Any, server: Loopback, closing: Any
) -> None:
    error = {"code": "server_error", "message": "The server is overloaded"}
    server.reply(
        200,
        event_stream([("thread.run.created", run_object("queued")), ("error", error)]),
        SSE_HEADERS,
    )
    client = closing(pkg.Client(endpoint=server.url, api_key="k"))
    stream = client.threads.runs.create(
        thread_id=THREAD, assistant_id=ASSISTANT, stream=True
    )
    items = iter(stream)
    assert next(items).event == "thread.run.created"
    with pytest.raises(pkg.StreamError, match="overloaded"):
        next(items)
    assert stream.response.is_closed


def _envelope(names: list[str], data: dict[str, Any]) -> dict[str, Any]:
    name = {"type": "string", "enum": names}
    if len(names) > 1:
        name["x-ms-enum"] = {"name": "ChangeKind", "modelAsString": True}
    return {
        "type": "object",
        "properties": {"event": name, "data": data},
        "required": ["event", "data"],
    }


THING = {"$ref": "#/components/schemas/Thing"}
FLAG = {"type": "object", "properties": {"stream": {"type": "boolean"}}}
THING_OR_EVENTS = {
    **json_response("ok", THING)["content"],
    "text/event-stream": {"schema": {"$ref": "#/components/schemas/ThingEvent"}},
}
CREATE_THING = {
    "operationId": "createThing",
    "requestBody": {"content": {"application/json": {"schema": FLAG}}},
    "responses": {"200": {"description": "a thing", "content": THING_OR_EVENTS}},
}
EVENTS_SPEC = spec(
    {"/things": {"post": CREATE_THING}},
    {
        "Thing": {
            "type": "object",
            "properties": {"id": {"type": "string"}},
            "required": ["id"],
        },
        "ThingEvent": {
            "oneOf": [
                _envelope(["thing.created"], THING),
                _envelope(["thing.updated", "thing.renamed"], THING),
                _envelope(["done"], {"type": "string", "enum": ["[DONE]"]}),
            ]
        },
    },
)


def test_an_event_stream_schema_types_the_events_each_name_selects(
    build: Any, server: Loopback, closing: Any
) -> None:
    """The spec's text/event-stream schema as the stream's events: a member whose
    event is an enum of two names is selected by either."""
    pkg = build(EVENTS_SPEC)
    events = [(name, {"id": name}) for name in ("thing.created", "thing.renamed")]
    server.reply(200, event_stream(events), SSE_HEADERS)
    client = closing(pkg.Client(endpoint=server.url, api_key="k"))
    created, renamed, done = client.things.create(stream=True)
    assert server.last().headers["accept"] == "text/event-stream"
    members = typing.get_args(pkg.models.ThingEvent)
    assert [type(item) for item in (created, renamed, done)] == list(members)
    assert isinstance(created, pkg.models.thing_event.ThingEventCreated)
    assert isinstance(created.data, pkg.models.Thing)
    assert (renamed.event, renamed.data.id) == ("thing.renamed", "thing.renamed")
    assert done.data == "[DONE]"
    server.reply(200, {"id": "t1"})
    assert client.things.create().id == "t1"
