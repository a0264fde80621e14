"""What a streamed call yields, as generator/codegen/events.py reads it from the spec:
the `stream=True` overloads of every pinned spec, and one inline spec per rule (an
event-stream schema, a oneOf member that is an event schema or carries the chunk
marker, the event union that reports the response) — never a name."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

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
    body = {"schema": _object(stream={"type": "boolean"})}
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "Things", "version": "1"},
        "paths": {
            "/things": {
                "post": {
                    "operationId": "createThing",
                    "requestBody": {"content": {"application/json": body}},
                    "responses": {"200": {"description": "ok", "content": content}},
                }
            }
        },
        "components": {"schemas": schemas},
    }
    path = tmp_path / "things.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    api = parse_openapi(path)
    ((_, method),) = ClientPlan(api, ModelPlan(api), conventions).methods
    return method


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _result(method: Method) -> tuple[str, str, str]:
    plan = {o.annotation.render(): o.returns.render() for o in method.overloads}
    return plan["Literal[True]"], plan["Literal[False] | None"], method.stream_events


def test_a_name_with_stream_in_it_is_no_chunk(tmp_path: Path) -> None:
    union = {"oneOf": [_ref("Thing"), _ref("ThingStreamOptions")]}
    assert _result(_plan(tmp_path, _json(union), SCHEMAS)) == (
        "Stream[CreateThingResponse | ServerSentEvent]",
        "CreateThingResponse",
        UNNAMED,
    )


def test_the_member_marked_as_a_chunk_is_the_stream_item(tmp_path: Path) -> None:
    union = {"oneOf": [_ref("Thing"), _ref("Piece")]}
    assert _result(_plan(tmp_path, _json(union), SCHEMAS)) == (
        "Stream[Piece]",
        "Thing",
        DATA,
    )
    unmarked = Conventions(chunk_marker_field="")
    assert _result(_plan(tmp_path, _json(union), SCHEMAS, unmarked))[2] == UNNAMED


def test_a_member_that_is_an_event_schema_is_the_stream_item(tmp_path: Path) -> None:
    union = {"oneOf": [_ref("Thing"), _ref("thingEvents")]}
    assert _result(_plan(tmp_path, _json(union), SCHEMAS)) == (
        "Stream[ThingEvents]",
        "Thing",
        EVENT,
    )


def test_an_event_stream_schema_is_the_stream_item(tmp_path: Path) -> None:
    content = {**_json(_ref("Thing")), "text/event-stream": {"schema": _ref("Piece")}}
    assert _result(_plan(tmp_path, content, SCHEMAS)) == (
        "Stream[Piece]",
        "Thing",
        DATA,
    )
    content["text/event-stream"] = {"schema": _ref("thingEvents")}
    assert _result(_plan(tmp_path, content, SCHEMAS))[::2] == (
        "Stream[ThingEvents]",
        EVENT,
    )


def test_the_event_union_reporting_the_response_is_the_stream_item(
    tmp_path: Path,
) -> None:
    """As Azure's runs: the response is the run, and one (outermost) component event
    union has events whose data is the run. Two such unions: nothing to choose by."""
    assert _result(_plan(tmp_path, _json(_ref("Thing")), SCHEMAS)) == (
        "Stream[ThingEvents]",
        "Thing",
        EVENT,
    )
    rival = {
        **SCHEMAS,
        "otherEvents": {"anyOf": [_ref("thingCreated"), _ref("doneEvent")]},
    }
    assert _result(_plan(tmp_path, _json(_ref("Thing")), rival))[::2] == (
        "Stream[Thing | ServerSentEvent]",
        UNNAMED,
    )
    # an envelope whose event name is no string constant is no event schema
    loose = {
        **SCHEMAS,
        "thingCreated": _object(event={"type": "string"}, data=_ref("Thing")),
    }
    assert _result(_plan(tmp_path, _json(_ref("Thing")), loose))[2] == UNNAMED
