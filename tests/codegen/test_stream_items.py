"""What a streamed call yields, as generator/codegen/events.py reads it from the spec:
the `stream=True` overloads of every pinned spec, and one inline spec per rule (an
event-stream schema, a oneOf member that is an event schema or carries the chunk
marker, the event union that reports the response) — never a name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from codegen_specs import plan_create_thing
from generator.codegen.events import DATA, EVENT, UNNAMED, event_names
from generator.codegen.models import ModelPlan
from generator.codegen.resources import ClientPlan, Method
from generator.conventions import AZURE_OPENAI, Conventions
from generator.parse.openapi import parse_openapi
from real_specs import PINNED, spec_json, spec_path

RUNS = ("Create_Run", "Create_Thread_And_Run", "Submit_Tool_Outputs_To_Run")


def _streamed(plan: ClientPlan) -> dict[str, tuple[str, str, str]]:
    """operationId (or key) -> (stream=True result, stream omitted result, how the
    runtime reads events), for every method with stream overloads."""
    out = {}
    for _, method in plan.methods:
        if method.stream_type is None:
            continue
        by_flag = {o.annotation.render(): o.returns.render() for o in method.overloads}
        key = method.operation.operation_id or method.operation.key
        out[key] = (
            by_flag["Literal[True]"],
            by_flag["Literal[False] | None"],
            method.stream_events,
        )
    return out


@pytest.mark.parametrize("api_version", PINNED)
def test_pinned_streams_yield_what_their_spec_names(api_version: str) -> None:
    api = parse_openapi(spec_path(api_version))
    streamed = _streamed(ClientPlan(api, ModelPlan(api), AZURE_OPENAI))
    assert streamed.pop("ChatCompletions_Create") == (
        "Stream[CreateChatCompletionStreamResponse]",
        "CreateChatCompletionResponse",
        DATA,
    )
    # The spec names no event for completions' chunks: named events stay raw.
    assert streamed.pop("Completions_Create") == (
        "Stream[CreateCompletionResponse | ServerSentEvent]",
        "CreateCompletionResponse",
        UNNAMED,
    )
    if api_version == "2024-10-21":
        assert streamed == {}
        return
    for operation in RUNS:
        assert streamed.pop(operation) == (
            "Stream[AssistantStreamEvent]",
            "RunObject",
            EVENT,
        )
    if api_version == "2025-03-01-preview":
        (create,) = [k for k in streamed if "responses" in k]
        assert streamed.pop(create) == ("Stream[ResponseStreamEvent]", "Response", DATA)
    assert streamed == {}


def test_event_names_of_the_runs_event_union() -> None:
    api = parse_openapi(spec_path("2025-01-01-preview"))
    names = event_names(api, api.schemas["assistantStreamEvent"]) or ()
    assert names[:2] == ("thread.created", "thread.run.created")
    assert {"thread.message.delta", "thread.run.step.delta", "error", "done"} <= set(
        names
    )
    raw = spec_json("2025-01-01-preview")["components"]["schemas"]
    listed = [
        value
        for group in raw["assistantStreamEvent"]["oneOf"]
        for event in raw[group["$ref"].rsplit("/", 1)[1]].get("oneOf", [None])
        for value in (event or raw[group["$ref"].rsplit("/", 1)[1]])["properties"][
            "event"
        ]["enum"]
    ]
    assert names == tuple(listed) and len(names) == 24
    # not event schemas: the run itself, the Responses API's events (named in data)
    assert event_names(api, api.schemas["runObject"]) is None
    newer = parse_openapi(spec_path("2025-03-01-preview"))
    assert event_names(newer, newer.schemas["responseStreamEvent"]) is None


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _object(**properties: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(properties)}


def _event(name: str, data: dict[str, Any]) -> dict[str, Any]:
    return _object(event={"type": "string", "enum": [name]}, data=data)


THING = _object(id={"type": "string"})
# Named like a chunk, but neither an event schema nor marked as a chunk.
THING_STREAM_OPTIONS = _object(format={"type": "string"})
THING_PIECE = _object(
    object={"type": "string", "enum": ["thing.chunk"]}, text={"type": "string"}
)
THING_EVENTS = {"oneOf": [_ref("thingCreated"), _ref("doneEvent")]}
SCHEMAS = {
    "Thing": THING,
    "ThingStreamOptions": THING_STREAM_OPTIONS,
    "Piece": THING_PIECE,
    "thingEvents": THING_EVENTS,
    "thingCreated": _event("thing.created", _ref("Thing")),
    "doneEvent": _event("done", {"type": "string", "enum": ["[DONE]"]}),
}


def _plan(
    tmp_path: Path,
    content: dict[str, Any],
    schemas: dict[str, Any],
    conventions: Conventions = AZURE_OPENAI,
) -> Method:
    """The planned method of `POST /things` (a body with a `stream` flag) answering
    200 with `content`."""
    flag = _object(stream={"type": "boolean"})
    return plan_create_thing(tmp_path, flag, content, schemas, conventions)[1]


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _result(method: Method) -> tuple[str, str, str]:
    plan = {o.annotation.render(): o.returns.render() for o in method.overloads}
    return plan["Literal[True]"], plan["Literal[False] | None"], method.stream_events


EVENT_STREAM = "text/event-stream"


@pytest.mark.parametrize(
    "content,expected,events",
    [
        pytest.param(
            _json({"oneOf": [_ref("Thing"), _ref("ThingStreamOptions")]}),
            ("Stream[CreateThingResponse | ServerSentEvent]", "CreateThingResponse"),
            UNNAMED,
            id="a-name-with-stream-in-it-is-no-chunk",
        ),
        pytest.param(
            _json({"oneOf": [_ref("Thing"), _ref("Piece")]}),
            ("Stream[Piece]", "Thing"),
            DATA,
            id="the-member-marked-as-a-chunk",
        ),
        pytest.param(
            _json({"oneOf": [_ref("Thing"), _ref("thingEvents")]}),
            ("Stream[ThingEvents]", "Thing"),
            EVENT,
            id="the-member-that-is-an-event-schema",
        ),
        pytest.param(
            {**_json(_ref("Thing")), EVENT_STREAM: {"schema": _ref("Piece")}},
            ("Stream[Piece]", "Thing"),
            DATA,
            id="the-event-stream-schema",
        ),
        pytest.param(
            {**_json(_ref("Thing")), EVENT_STREAM: {"schema": _ref("thingEvents")}},
            ("Stream[ThingEvents]", "Thing"),
            EVENT,
            id="the-event-stream-schema-that-is-an-event-schema",
        ),
        # As Azure's runs: the response is the run, and one (outermost) component
        # event union has events whose data is the run.
        pytest.param(
            _json(_ref("Thing")),
            ("Stream[ThingEvents]", "Thing"),
            EVENT,
            id="the-event-union-reporting-the-response",
        ),
    ],
)
def test_the_stream_item_comes_from_the_spec(
    tmp_path: Path, content: dict[str, Any], expected: tuple[str, str], events: str
) -> None:
    assert _result(_plan(tmp_path, content, SCHEMAS)) == (*expected, events)


RIVAL = {"anyOf": [_ref("thingCreated"), _ref("doneEvent")]}
# an envelope whose event name is no string constant is no event schema
LOOSE = _object(event={"type": "string"}, data=_ref("Thing"))


@pytest.mark.parametrize(
    "content,schemas,conventions",
    [
        pytest.param(
            _json({"oneOf": [_ref("Thing"), _ref("Piece")]}),
            SCHEMAS,
            Conventions(chunk_marker_field=""),
            id="no-chunk-marker-convention",
        ),
        pytest.param(
            _json(_ref("Thing")),
            {**SCHEMAS, "otherEvents": RIVAL},
            AZURE_OPENAI,
            id="two-event-unions-report-the-response",
        ),
        pytest.param(
            _json(_ref("Thing")),
            {**SCHEMAS, "thingCreated": LOOSE},
            AZURE_OPENAI,
            id="an-event-name-that-is-no-constant",
        ),
    ],
)
def test_with_nothing_to_go_by_named_events_stay_raw(
    tmp_path: Path,
    content: dict[str, Any],
    schemas: dict[str, Any],
    conventions: Conventions,
) -> None:
    streamed, _, events = _result(_plan(tmp_path, content, schemas, conventions))
    assert (streamed.endswith(" | ServerSentEvent]"), events) == (True, UNNAMED)
