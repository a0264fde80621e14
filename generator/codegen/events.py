"""What a streamed call yields, read from the spec rather than guessed from names.

A server-sent event has a name (`event:` lines) and a payload (`data:` lines). A spec
describes the items of a stream in one of three ways, tried in this order:
1. its success response has `text/event-stream` content with a schema: that schema;
2. its JSON response is a oneOf/anyOf of the response and the stream's item: the
   member that is an event schema (below), or the chunk the service's convention
   marks (`object: "chat.completion.chunk"`: Conventions.chunk_marker_*);
3. a component event schema reports the response object: the events whose `data` is
   the run a runs call returns (Azure's `assistantStreamEvent`), as the union the
   whole stream is made of (the outermost such union).
Otherwise each event's data is read as the response itself, and named events the spec
does not describe stay raw ServerSentEvents.

An *event schema* mirrors the wire format: an object whose required properties are
the event's name (`event`, a string constant or enum) and its payload (`data`), or a
union of such objects. The runtime wraps each event as `{event, data}` and parses it
as the member its name selects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..conventions import Conventions
from ..ir import Api, Response, Schema
from .media import is_json
from .schema_kinds import flatten

# SSE's own field names, which an event schema's properties mirror.
EVENT_FIELD = "event"
DATA_FIELD = "data"

# How the runtime reads the events of a stream.
UNNAMED = "unnamed"  # an unnamed event's data is an item; named events stay raw
DATA = "data"  # every event's data is an item (the data names its own kind)
EVENT = "event"  # every event, name and data, is an item: an event schema's member


@dataclass(frozen=True)
class StreamItem:
    schema: Schema | None  # None: nothing describes the events (ServerSentEvents)
    events: str  # UNNAMED | DATA | EVENT
    variant: Schema | None = None  # the member of the response's union it is


def is_event_stream(media_type: str) -> bool:
    return media_type.split(";")[0].strip().lower() == "text/event-stream"


def event_names(api: Api, schema: Schema) -> tuple[str, ...] | None:
    """The event names an event schema admits (in spec order), None when the schema
    is not an event schema."""
    return _event_names(api, schema, set())


def _event_names(api: Api, schema: Schema, seen: set[str]) -> tuple[str, ...] | None:
    if schema.type == "ref":
        if schema.ref is None or schema.ref in seen:
            return None
        return _event_names(api, api.resolve(schema), seen | {schema.ref})
    members = schema.one_of + schema.any_of
    if members and not schema.properties and not schema.all_of:
        names: list[str] = []
        for member in members:
            found = _event_names(api, member, seen)
            if found is None:
                return None
            names += [n for n in found if n not in names]
        return tuple(names)
    if schema.type != "object":
        return None
    props, _ = flatten(api, schema, set(seen))
    required = {p.name: p for p in props if p.required}
    if set(required) != {EVENT_FIELD, DATA_FIELD}:
        return None
    name = api.resolve(required[EVENT_FIELD].schema)
    values = (name.const,) if name.has_const else name.enum or ()
    if not values or not all(isinstance(v, str) for v in values):
        return None
    return tuple(str(v) for v in values)


def stream_item(
    api: Api,
    conventions: Conventions,
    success: Response | None,
    unions: dict[str, frozenset[str]],
) -> StreamItem:
    """The item type of the stream an operation with a stream flag answers with, read
    from its success response; `unions`: the API's outermost_event_unions."""
    content = success.content if success else ()
    for events in content:
        if is_event_stream(events.media_type) and events.schema:
            named = event_names(api, events.schema) is not None
            return StreamItem(events.schema, EVENT if named else DATA)
    media = next((m for m in content if is_json(m.media_type)), None)
    if media is None or media.schema is None:
        return StreamItem(None, UNNAMED)
    target = api.resolve(media.schema)
    for variant in target.one_of + target.any_of:
        if event_names(api, variant) is not None:
            return StreamItem(variant, EVENT, variant)
        if _marked_chunk(api, conventions, variant):
            return StreamItem(variant, DATA, variant)
    reporting = _reporting_events(api, media.schema, unions)
    if reporting is not None:
        return StreamItem(reporting, EVENT)
    return StreamItem(media.schema, UNNAMED)


def _marked_chunk(api: Api, conventions: Conventions, schema: Schema) -> bool:
    """Whether the convention's marker property says `schema` is a stream chunk."""
    field, suffix = conventions.chunk_marker_field, conventions.chunk_marker_suffix
    target = api.resolve(schema)
    if not field or not suffix or target.type != "object":
        return False
    props, _ = flatten(api, target, set())
    marker = next((p for p in props if p.name == field), None)
    if marker is None:
        return False
    values = _constants(api.resolve(marker.schema))
    return bool(values) and all(v.endswith(suffix) for v in values)


def _constants(schema: Schema) -> list[str]:
    values = [schema.const] if schema.has_const else list(schema.enum or ())
    return [v for v in values if isinstance(v, str)]


def outermost_event_unions(api: Api) -> dict[str, frozenset[str]]:
    """The component event schemas that are unions no other one holds, by name, each
    with the components its events carry as data."""
    unions = {
        name: schema
        for name, schema in api.schemas.items()
        if (schema.one_of or schema.any_of) and event_names(api, schema) is not None
    }
    inner = {
        m.ref for s in unions.values() for m in s.one_of + s.any_of if m.type == "ref"
    }
    return {
        name: frozenset(_carried(api, schema, set()))
        for name, schema in unions.items()
        if name not in inner
    }


def _reporting_events(
    api: Api, response: Schema, unions: dict[str, frozenset[str]]
) -> Schema | None:
    """The outermost component event schema with an event whose data is the response
    component; None when there is none, or several."""
    if response.type != "ref" or response.ref is None:
        return None
    found = [name for name, carried in unions.items() if response.ref in carried]
    if len(found) != 1:
        return None
    name = found[0]
    return Schema(type="ref", pointer=api.schemas[name].pointer, ref=name, name=name)


def _carried(api: Api, schema: Schema, seen: set[str]) -> Iterator[str]:
    """The components the events of an event schema have as their data."""
    if schema.type == "ref":
        if schema.ref is not None and schema.ref not in seen:
            yield from _carried(api, api.resolve(schema), seen | {schema.ref})
        return
    members = schema.one_of + schema.any_of
    if members:
        for member in members:
            yield from _carried(api, member, seen)
        return
    data = next(
        (p for p in flatten(api, schema, set(seen))[0] if p.name == DATA_FIELD), None
    )
    if data is not None and data.schema.type == "ref" and data.schema.ref is not None:
        yield data.schema.ref
