"""Plans the client surface: operations grouped into resources by path, the way the
official openai package groups them (`client.chat.completions.create(...)`), with one
keyword argument per path/query/header parameter and per request-body field."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..conventions import Conventions
from ..ir import Api, MediaType, Operation, Schema
from ..naming import field_name, pascal, snake, unique
from .connection import plan_connection
from .models import ModelPlan
from .pysource import clean_lines

# Keyword arguments every method takes besides the operation's own.
COMMON_KWARGS = ("extra_headers", "extra_query", "extra_body", "timeout", "max_retries")
# Names a method body uses besides its arguments.
BODY_NAMES = ("self", "warnings")
# Members every client or resource class has, which no resource or method may replace.
CLASS_MEMBERS = ("close", "with_options", "with_raw_response", "with_streaming_response")
# The twins a resource class X comes with, and its async spellings.
TWIN_SUFFIXES = ("", "WithRawResponse", "WithStreamingResponse")

JSON_TYPES = ("application/json", "text/json")


@dataclass
class Argument:
    name: str  # Python keyword
    wire: str
    location: str  # path | query | header | body | file
    annotation: str
    required: bool
    doc: list[str]
    # How a parameter is serialized, as its spec says (None: OpenAPI's default).
    style: str | None = None
    explode: bool | None = None


@dataclass
class Method:
    name: str
    operation: Operation
    arguments: list[Argument]
    body_kind: str | None  # json | multipart | form | raw | None
    # the body passed as one value, when not split into fields
    body_whole: Argument | None
    return_type: str
    response_kind: str  # json | text | bytes | json_or_text | json_or_bytes | none
    response_model: str | None
    error_model: str | None
    doc: list[str]
    # Streaming: the chunk type when the body has a `stream` flag; named events are
    # parsed only when the spec describes them (text/event-stream), else passed raw.
    stream_type: str | None = None
    stream_parses_named_events: bool = False
    # The wire name of the body's stream flag, when the method can stream.
    stream_flag: str | None = None
    # List operations with `after` cursors return a page of `page_item`.
    page_item: str | None = None


@dataclass
class Resource:
    path: tuple[str, ...]  # ("chat", "completions")
    class_name: str
    methods: list[Method] = field(default_factory=list)
    children: dict[str, Resource] = field(default_factory=dict)

    @property
    def attribute(self) -> str:
        return self.path[-1] if self.path else ""


def _resource_path(op: Operation, scopes: tuple[str, ...]) -> tuple[list[str], str]:
    """(resource path, method name) for an operation; `scopes` are the segments that
    scope a call (followed by a parameter) rather than name a resource."""
    segments = [s for s in op.path.split("/") if s]
    if len(segments) >= 2 and segments[0] in scopes and _is_param(segments[1]):
        segments = segments[2:]
    literals = [_member(snake(s)) for s in segments if not _is_param(s)]
    method = op.method
    if segments and _is_param(segments[-1]):
        verb = {"get": "retrieve", "delete": "delete"}.get(method, "update")
        return literals, verb
    if (
        len(segments) >= 2
        and _is_param(segments[-2])
        and snake(op.operation_id).startswith(literals[-1])
    ):
        return literals[:-1], literals[-1]  # an action on an item: runs.cancel
    verb = {"get": "list", "post": "create", "put": "update", "patch": "update"}.get(
        method, method
    )
    return literals, verb


def _keyword(wire: str, taken: set[str]) -> str:
    """A method's keyword for a wire name: `name_` where the method already uses the
    name itself (`timeout`, `warnings`), numbered where two wire names meet."""
    name = field_name(wire)
    if name in COMMON_KWARGS or name in BODY_NAMES:
        name += "_"
    return unique(name, taken)


def _member(name: str) -> str:
    """A resource attribute or method name that leaves the class's own members alone."""
    return name + "_" if name in CLASS_MEMBERS else name


def _is_param(segment: str) -> bool:
    return segment.startswith("{") and segment.endswith("}")


class ClientPlan:
    def __init__(self, api: Api, models: ModelPlan, conventions: Conventions) -> None:
        self.api = api
        self.models = models
        self.conventions = conventions
        self.connection = plan_connection(api, conventions)
        self.root = Resource((), "Client")
        self.class_names: set[str] = set(models.taken)
        self.methods: list[tuple[tuple[str, ...], Method]] = []
        # wire name -> keyword of the path parameters the client's deployment fills
        self.deployment_arguments: dict[str, str] = {}
        placed = self.place_operations()
        for path, name, op in placed:
            resource = self.resource(path)
            method = self.method(name, op)
            resource.methods.append(method)
            self.methods.append((path, method))

    def place_operations(self) -> list[tuple[tuple[str, ...], str, Operation]]:
        """Resource path and method name per operation. When two operations claim the same
        name, the one with more path parameters keeps it (the nested resource's own
        verb); the others are named after their operationId."""
        wanted = [
            (tuple(path), name, op)
            for op in self.api.operations
            for path, name in [_resource_path(op, self.conventions.scope_segments)]
        ]
        owners: dict[tuple[tuple[str, ...], str], Operation] = {}
        for path, name, op in wanted:
            current = owners.get((path, name))
            if current is None or op.path.count("{") > current.path.count("{"):
                owners[(path, name)] = op
        taken: dict[tuple[str, ...], set[str]] = {}
        for path, name in owners:
            taken.setdefault(path, set()).add(name)
        out = []
        for path, name, op in wanted:
            if owners[(path, name)] is not op:
                name = unique(_member(snake(op.operation_id)), taken[path])
            out.append((path, name, op))
        return out

    def resource(self, path: tuple[str, ...]) -> Resource:
        node = self.root
        for depth in range(len(path)):
            key = path[depth]
            if key not in node.children:
                class_name = self.class_name(pascal("_".join(path[: depth + 1])))
                node.children[key] = Resource(path[: depth + 1], class_name)
            node = node.children[key]
        return node

    def class_name(self, base: str) -> str:
        """A resource class name free in all six spellings a module defines: X,
        XWithRawResponse, XWithStreamingResponse and their Async twins."""
        n = 1
        while True:
            name = base if n == 1 else f"{base}{n}"
            spellings = {
                f"{prefix}{name}{suffix}"
                for prefix in ("", "Async")
                for suffix in TWIN_SUFFIXES
            }
            if not any(
                s in self.class_names or s.lower() in self.class_names
                for s in spellings
            ):
                for spelling in spellings:
                    unique(spelling, self.class_names)
                return name
            n += 1

    def resources(self) -> list[Resource]:
        out: list[Resource] = []

        def walk(node: Resource) -> None:
            for child in node.children.values():
                out.append(child)
                walk(child)

        walk(self.root)
        return out

    # -- one operation ------------------------------------------------------------------

    def method(self, name: str, op: Operation) -> Method:
        taken = set(COMMON_KWARGS) | set(BODY_NAMES)
        args: list[Argument] = []
        for param in op.parameters:
            if self.connection.sets_parameter(
                self.conventions, param.location, param.name
            ):
                continue
            annotation = self.models.type_of(param.schema) if param.schema else "str"
            keyword = _keyword(param.name, taken)
            scoped = param.location == "path" and self.connection.is_deployment(
                op.path, param.name
            )
            if scoped:
                self.deployment_arguments[param.name] = keyword
            args.append(
                Argument(
                    name=keyword,
                    wire=param.name,
                    location=param.location,
                    annotation=annotation,
                    required=param.required and not scoped,
                    doc=clean_lines(param.description)
                    or _schema_doc(self.api, param.schema),
                    style=param.style,
                    explode=param.explode,
                )
            )
        body_kind, body_whole = None, None
        body = op.request_body
        if body and body.content:
            media = _preferred(body.content)
            body_kind = _body_kind(media.media_type)
            fields = (
                self.body_fields(media.schema)
                if body_kind in ("json", "multipart", "form")
                else None
            )
            if fields is not None:
                for prop_name, schema, required in fields:
                    is_file = body_kind == "multipart" and _is_binary(self.api, schema)
                    args.append(
                        Argument(
                            name=_keyword(prop_name, taken),
                            wire=prop_name,
                            location="file" if is_file else "body",
                            annotation=(
                                "FileTypes" if is_file else self.models.type_of(schema)
                            ),
                            required=required and body.required,
                            doc=_schema_doc(self.api, schema),
                        )
                    )
            else:
                annotation = (
                    "bytes"
                    if body_kind == "raw"
                    else (self.models.type_of(media.schema) if media.schema else "Any")
                )
                body_whole = Argument(
                    name=unique("body", taken),
                    wire="",
                    location="body",
                    annotation=annotation,
                    required=body.required,
                    doc=clean_lines(body.description),
                )
                args.append(body_whole)
        args.sort(key=lambda a: not a.required)
        response_kind, response_model, return_type = self.response(op)
        stream_type, parses_named = self.stream_chunk(op, args)
        page_item = self.page_item(op, response_model)
        return Method(
            name=name,
            operation=op,
            arguments=args,
            body_kind=body_kind,
            body_whole=body_whole,
            return_type=return_type,
            response_kind=response_kind,
            response_model=response_model,
            error_model=self.error_model(op),
            stream_type=stream_type,
            stream_parses_named_events=parses_named,
            stream_flag=self.conventions.stream_flag if stream_type else None,
            page_item=page_item,
            doc=clean_lines(op.summary)
            + ([""] if op.summary and op.description else [])
            + (clean_lines(op.description) if op.description != op.summary else []),
        )

    def body_fields(
        self, schema: Schema | None
    ) -> list[tuple[str, Schema, bool]] | None:
        """The body's top-level fields, when it is an object with named properties."""
        if schema is None:
            return None
        target = self.api.resolve(schema)
        if target.type != "object" or not (target.properties or target.all_of):
            return None
        props, _ = self.models.flatten(target, set())
        return [(p.name, p.schema, p.required) for p in props]

    def response(self, op: Operation) -> tuple[str, str | None, str]:
        success = [r for r in op.responses if r.status.startswith("2")] or [
            r for r in op.responses if r.status.upper() == "2XX"
        ]
        if not success:
            return "none", None, "None"
        content = success[0].content
        binary = [m for m in content if _is_binary_media(self.api, m)]
        json_media = next(
            (m for m in content if _is_json(m.media_type) and m not in binary), None
        )
        has_text = any(m.media_type.startswith("text/") for m in content)
        if json_media is not None:
            model = (
                self.models.type_of(json_media.schema) if json_media.schema else "Any"
            )
            if has_text:
                return "json_or_text", model, f"{model} | str"
            if binary:
                return "json_or_bytes", model, f"{model} | bytes"
            return "json", model, model
        if binary:
            return "bytes", None, "bytes"
        if has_text:
            return "text", None, "str"
        if content:
            return "bytes", None, "bytes"
        return "none", None, "None"

    def stream_chunk(
        self, op: Operation, args: list[Argument]
    ) -> tuple[str | None, bool]:
        """The chunk type of a streamed response, for operations with a `stream` flag."""
        wire = self.conventions.stream_flag
        flag = next((a for a in args if a.wire == wire and a.location == "body"), None)
        if flag is not None and not flag.annotation.startswith("bool"):
            flag = None  # a `stream` field that is not a flag
        if flag is None:
            return None, False
        success = next((r for r in op.responses if r.status.startswith("2")), None)
        content = success.content if success else ()
        events = next(
            (m for m in content if m.media_type.startswith("text/event-stream")), None
        )
        if events is not None and events.schema is not None:
            return self.models.type_of(events.schema), True
        media = next((m for m in content if _is_json(m.media_type)), None)
        if media is None or media.schema is None:
            return "ServerSentEvent", False
        target = self.api.resolve(media.schema)
        for variant in target.one_of + target.any_of:
            if "stream" in (variant.ref or variant.name or "").lower():
                return self.models.type_of(variant), False
        return self.models.type_of(media.schema), False

    def page_item(self, op: Operation, response_model: str | None) -> str | None:
        """The item type of a cursor-paginated list (by default `data`, `has_more`,
        an `after` query parameter)."""
        conventions = self.conventions
        if op.method != "get" or response_model is None:
            return None
        cursor = conventions.page_cursor_parameter
        if not any(p.name == cursor and p.location == "query" for p in op.parameters):
            return None
        success = next((r for r in op.responses if r.status.startswith("2")), None)
        media = (
            next((m for m in success.content if _is_json(m.media_type)), None)
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

    def error_model(self, op: Operation) -> str | None:
        for response in op.responses:
            if response.status == "default" or response.status.startswith(("4", "5")):
                media = next(
                    (m for m in response.content if _is_json(m.media_type)), None
                )
                if media is not None and media.schema is not None:
                    return self.models.type_of(media.schema)
        return None


def _preferred(content: tuple[MediaType, ...]) -> MediaType:
    for media in content:
        if _is_json(media.media_type):
            return media
    return content[0]


def _is_json(media_type: str) -> bool:
    base = media_type.split(";")[0].strip().lower()
    return base in JSON_TYPES or base.endswith("+json")


def _body_kind(media_type: str) -> str:
    base = media_type.split(";")[0].strip().lower()
    if _is_json(base):
        return "json"
    if base == "multipart/form-data":
        return "multipart"
    if base == "application/x-www-form-urlencoded":
        return "form"
    return "raw"


def _is_binary(api: Api, schema: Schema) -> bool:
    target = api.resolve(schema)
    if target.type == "array" and target.items is not None:
        target = api.resolve(target.items)
    return target.type == "string" and target.format in ("binary", "byte")


def _is_binary_media(api: Api, media: MediaType) -> bool:
    """Bytes, never parsed: any media type but JSON and text (video/mp4, image/webp,
    application/zip, application/octet-stream, audio/*, ...), and JSON media whose
    schema is a binary string."""
    if media.media_type.startswith("text/"):
        return False
    if not _is_json(media.media_type):
        return True
    return media.schema is not None and _is_binary(api, media.schema)


def _schema_doc(api: Api, schema: Schema | None) -> list[str]:
    if schema is None:
        return []
    lines = clean_lines(schema.description or schema.title)
    if not lines and schema.type == "ref":
        target = api.resolve(schema)
        lines = clean_lines(target.description or target.title)
    return lines
