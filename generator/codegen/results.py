"""What a call returns when an argument's value decides it: `@overload`s keyed on
the `stream` flag (the response, or a stream of chunks) and on a `response_format`
enum whose values name the result (`json`, `verbose_json`: JSON models; `text`,
`srt`: a string), the way the openai package types them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ..conventions import Conventions
from ..ir import Api, Operation, Response, Schema
from ..naming import name_words
from .events import (
    UNNAMED,
    StreamItem,
    is_event_stream,
    outermost_event_unions,
    stream_item,
)
from .media import is_binary_media, is_json, preferred
from .models import ModelPlan
from .params import is_open_enum
from .pytypes import (
    ANY,
    BOOL,
    BYTES,
    NONE,
    STR,
    Literal,
    Name,
    Node,
    Subscript,
    union,
    without_none,
)
from .schema_kinds import enum_values

if TYPE_CHECKING:
    from .resources import Argument

STREAM = Name("Stream", "_streaming")
SERVER_SENT_EVENT = Name("ServerSentEvent", "_streaming")
SYNC_PAGE = Name("SyncPage", "_pagination")
# The async flavor's names for what a sync method returns.
ASYNC_NAMES: dict[Name, Node] = {
    STREAM: Name("AsyncStream", "_streaming"),
    SYNC_PAGE: Name("AsyncPage", "_pagination"),
}
FORMAT_ARGUMENT = "response_format"


@dataclass(frozen=True)
class Overload:
    """One `@overload`: the selecting argument's type in it, and the result."""

    wire: str
    annotation: Node
    optional: bool  # the argument may be left out
    returns: Node


def stream_overloads(
    flag: str, returned: Node, chunk: Node
) -> tuple[list[Overload], Node]:
    """The `flag` omitted or False: the response; True: a Stream of chunks; a plain
    bool: either. Also the implementation's result."""
    streamed = Subscript(STREAM, (chunk,))
    either = union([returned, streamed])
    return [
        Overload(flag, union([Literal((False,)), NONE]), True, returned),
        Overload(flag, Literal((True,)), False, streamed),
        Overload(flag, BOOL, False, either),
    ], either


def format_overloads(
    api: Api,
    models: ModelPlan,
    selector: Schema,
    variants: tuple[Schema, ...],
    open_enum: bool,
) -> list[Overload]:
    """Overloads on a response format whose values name JSON variants or text: a
    value naming `json` returns the JSON variant whose name holds the value's other
    words (`verbose_json` -> AudioVerboseResponse), plain `json` (the default when
    left out) the others; any other value returns the text."""
    values = [v for v in enum_values(api.resolve(selector)) or [] if isinstance(v, str)]
    json_values = [v for v in values if "json" in _words(v)]
    text_values = [v for v in values if v not in json_values]
    if not json_values or not text_values or not variants:
        return []
    claimed: dict[str, list[Schema]] = {}
    for value in json_values:
        wanted = _words(value) - {"json"}
        claimed[value] = [
            v for v in variants if wanted and wanted <= _words(_variant_name(v))
        ]
    specific = {id(s) for picks in claimed.values() for s in picks}
    plain = [v for v in variants if id(v) not in specific]
    overloads = []
    for value in json_values:
        picks = claimed[value] or plain or list(variants)
        returns = union([models.type_of(v) for v in picks])
        # plain `json` is also what the service answers when the format is left out
        default = not _words(value) - {"json"}
        overloads.append(Overload(FORMAT_ARGUMENT, Literal((value,)), default, returns))
    overloads.sort(key=lambda o: not o.optional)
    overloads.append(Overload(FORMAT_ARGUMENT, Literal(tuple(text_values)), False, STR))
    if open_enum:
        everything = union([models.type_of(v) for v in variants] + [STR])
        overloads.append(Overload(FORMAT_ARGUMENT, STR, False, everything))
    return overloads


def _variant_name(schema: Schema) -> str:
    return schema.ref or schema.name or ""


def _words(text: str) -> set[str]:
    return {w.lower() for w in name_words(text)}


class ResultPlanner:
    """What a ClientPlan's methods return: the response kind and types, the stream
    chunk, the item of a page, the error model, the overloads keyed on a format."""

    api: Api
    models: ModelPlan
    conventions: Conventions

    def body_fields(
        self, schema: Schema | None
    ) -> list[tuple[str, Schema, bool]] | None:
        raise NotImplementedError

    def response(self, op: Operation) -> tuple[str, Node | None, Node]:
        success = success_response(op)
        if success is None:
            return "none", None, NONE
        content = success.content
        binary = [m for m in content if is_binary_media(self.api, m)]
        json_media = next(
            (m for m in content if is_json(m.media_type) and m not in binary), None
        )
        texts = [m.media_type for m in content if m.media_type.startswith("text/")]
        if json_media is not None:
            model = self.models.type_of(json_media.schema) if json_media.schema else ANY
            # an event stream beside JSON is what the streamed call yields
            if any(not is_event_stream(t) for t in texts):
                return "json_or_text", model, union([model, STR])
            if binary:
                return "json_or_bytes", model, union([model, BYTES])
            return "json", model, model
        if binary:
            return "bytes", None, BYTES
        if texts:
            return "text", None, STR
        if content:
            return "bytes", None, BYTES
        return "none", None, NONE

    def stream_chunk(self, op: Operation, args: list[Argument]) -> StreamItem | None:
        """What a streamed response yields, for operations with a `stream` flag."""
        wire = self.conventions.stream_flag
        flag = next((a for a in args if a.wire == wire and a.location == "body"), None)
        if flag is None or without_none(flag.annotation) != BOOL:
            return None  # no flag, or a `stream` field that is not a flag
        return stream_item(
            self.api, self.conventions, success_response(op), self.event_unions
        )

    @cached_property
    def event_unions(self) -> dict[str, frozenset[str]]:
        """Found once: every streamed call of the API looks among them."""
        return outermost_event_unions(self.api)

    def chunk_type(self, item: StreamItem) -> tuple[Node, Node]:
        """The type the runtime parses each item as, and the type a stream yields
        (with ServerSentEvent where named events are passed on raw)."""
        if item.schema is None:
            return SERVER_SENT_EVENT, SERVER_SENT_EVENT
        parsed = self.models.type_of(item.schema)
        if item.events == UNNAMED:
            return parsed, union([parsed, SERVER_SENT_EVENT])
        return parsed, parsed

    def format_overloads(self, op: Operation, args: list[Argument]) -> list[Overload]:
        selector = next(
            (a for a in args if a.wire == FORMAT_ARGUMENT and a.location == "body"),
            None,
        )
        success = success_response(op)
        media = next(
            (
                (m for m in success.content if is_json(m.media_type))
                if success
                else iter(())
            ),
            None,
        )
        if selector is None or media is None or media.schema is None:
            return []
        schema = self.body_schema(op, FORMAT_ARGUMENT)
        target = self.api.resolve(media.schema)
        variants = target.one_of + target.any_of or (media.schema,)
        return format_overloads(
            self.api,
            self.models,
            schema,
            variants,
            open_enum=is_open_enum(self.api.resolve(schema)),
        )

    def body_schema(self, op: Operation, wire: str) -> Schema:
        body = op.request_body
        assert body is not None and body.content
        fields = self.body_fields(preferred(body.content).schema) or []
        return next(schema for name, schema, _ in fields if name == wire)

    def without_variant(self, op: Operation, chunk: Schema) -> Node:
        """The JSON result of a call that does not stream: the union's other
        variants."""
        success = success_response(op)
        assert success is not None
        media = next(m for m in success.content if is_json(m.media_type))
        assert media.schema is not None
        target = self.api.resolve(media.schema)
        rest = [v for v in target.one_of + target.any_of if v is not chunk]
        return union([self.models.type_of(v) for v in rest])

    def page_item(self, op: Operation, response_model: Node | None) -> Node | None:
        """The item type of a cursor-paginated list (by default `data`, `has_more`,
        an `after` query parameter)."""
        conventions = self.conventions
        if op.method != "get" or response_model is None:
            return None
        cursor = conventions.page_cursor_parameter
        if not any(p.name == cursor and p.location == "query" for p in op.parameters):
            return None
        success = success_response(op)
        media = (
            next((m for m in success.content if is_json(m.media_type)), None)
            if success
            else None
        )
        if media is None or media.schema is None:
            return None
        target = self.api.resolve(media.schema)
        props, _ = (
            self.models.flatten(target, set())
            if target.type == "object"
            else ([], False)
        )
        names = {p.name: p for p in props}
        data = names.get(conventions.page_items_field)
        if data is None or conventions.page_has_more_field not in names:
            return None
        items = self.api.resolve(data.schema)
        if items.type != "array" or items.items is None:
            return None
        return self.models.type_of(items.items)

    def error_model(self, op: Operation) -> Node | None:
        for response in op.responses:
            if response.status == "default" or response.status.startswith(("4", "5")):
                media = next(
                    (m for m in response.content if is_json(m.media_type)), None
                )
                if media is not None and media.schema is not None:
                    return self.models.type_of(media.schema)
        return None


def success_response(op: Operation) -> Response | None:
    """The response a call returns: the first 2xx (or 2XX) in the spec."""
    return next((r for r in op.responses if r.status.upper().startswith("2")), None)
