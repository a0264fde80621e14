"""Plans the client surface: operations grouped into resources by path, the way the
official openai package groups them (`client.chat.completions.create(...)`), with one
keyword argument per path/query/header parameter and per request-body field."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..conventions import Conventions
from ..ir import Api, MediaType, Operation, Schema
from ..naming import field_name, pascal, snake, unique
from .connection import plan_connection
from .events import UNNAMED
from .media import body_kind_of, is_binary, preferred
from .models import ModelPlan
from .params import ParamPlan
from .pysource import clean_lines
from .pytypes import ANY, BYTES, STR, Node, Subscript, union
from .results import (
    SYNC_PAGE,
    Overload,
    ResultPlanner,
    stream_overloads,
)
from .schema_kinds import schema_doc

# Keyword arguments every method takes besides the operation's own.
COMMON_KWARGS = ("extra_headers", "extra_query", "extra_body", "timeout", "max_retries")
# Names a method body uses besides its arguments.
BODY_NAMES = ("self", "warnings", "cast", "body_kind", "isinstance")
# Members every client or resource class has, which no resource or method may replace.
CLASS_MEMBERS = (
    "close",
    "with_options",
    "with_raw_response",
    "with_streaming_response",
)
# The twins a resource class X comes with, and its async spellings.
TWIN_SUFFIXES = ("", "WithRawResponse", "WithStreamingResponse")


@dataclass
class Argument:
    name: str  # Python keyword
    wire: str
    location: str  # path | query | header | body | file
    annotation: Node
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
    return_type: Node
    response_kind: str  # json | text | bytes | json_or_text | json_or_bytes | none
    response_model: Node | None
    error_model: Node | None
    doc: list[str]
    # Streaming: the chunk type when the body has a `stream` flag, and how the
    # runtime reads events (codegen/events.py: unnamed, data or event).
    stream_type: Node | None = None
    stream_events: str = UNNAMED
    # List operations with `after` cursors return a page of `page_item`.
    page_item: Node | None = None
    # When an argument's value picks the result (`stream`, `response_format`).
    overloads: list[Overload] = field(default_factory=list)
    # A JSON body that is sent as multipart/form-data when one of these file
    # arguments is given (the operation accepts both forms).
    file_switch: list[str] = field(default_factory=list)


@dataclass
class Resource:
    path: tuple[str, ...]  # ("chat", "completions")
    class_name: str
    methods: list[Method] = field(default_factory=list)
    children: dict[str, Resource] = field(default_factory=dict)

    @property
    def attribute(self) -> str:
        return self.path[-1] if self.path else ""

    def subtree(self) -> list[Resource]:
        """This resource and every resource under it, depth first."""
        out = [self]
        for child in self.children.values():
            out.extend(child.subtree())
        return out


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


class ClientPlan(ResultPlanner):
    def __init__(self, api: Api, models: ModelPlan, conventions: Conventions) -> None:
        self.api = api
        self.models = models
        self.params = ParamPlan(api, models)
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
        verb); the others are named after their operationId, as is a method that would
        shadow a sub-resource of the same name (`guilds.prune` and `guilds.prune.list`).
        """
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
        children: dict[tuple[str, ...], set[str]] = {}
        for path, _, _ in wanted:
            for depth in range(len(path)):
                children.setdefault(path[:depth], set()).add(path[depth])
        taken: dict[tuple[str, ...], set[str]] = {}
        for path, name in owners:
            taken.setdefault(path, set()).update({name} | children.get(path, set()))
        out = []
        for path, name, op in wanted:
            if owners[(path, name)] is not op or name in children.get(path, ()):
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

    # -- one operation ------------------------------------------------------------------

    def method(self, name: str, op: Operation) -> Method:
        taken = set(COMMON_KWARGS) | set(BODY_NAMES)
        args: list[Argument] = []
        for param in op.parameters:
            if self.connection.sets_parameter(
                self.conventions, param.location, param.name
            ):
                continue
            annotation = self.params.type_of(param.schema) if param.schema else STR
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
                    or schema_doc(param.schema, self.api),
                    style=param.style,
                    explode=param.explode,
                )
            )
        body_kind, body_whole = None, None
        file_switch: list[str] = []
        body = op.request_body
        if body and body.content:
            media = preferred(body.content)
            body_kind = body_kind_of(media.media_type)
            fields = (
                self.body_fields(media.schema)
                if body_kind in ("json", "multipart", "form")
                else None
            )
            if fields is not None:
                for prop_name, schema, required in fields:
                    is_file = body_kind == "multipart" and is_binary(self.api, schema)
                    args.append(
                        Argument(
                            name=_keyword(prop_name, taken),
                            wire=prop_name,
                            location="file" if is_file else "body",
                            annotation=self.params.type_of(
                                schema, file_fields=body_kind == "multipart"
                            ),
                            required=required and body.required,
                            doc=schema_doc(schema, self.api),
                        )
                    )
                if body_kind == "json":
                    file_switch = self.multipart_files(body.content, args, taken)
            else:
                annotation = (
                    BYTES
                    if body_kind == "raw"
                    else (self.params.type_of(media.schema) if media.schema else ANY)
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
        stream = self.stream_chunk(op, args)
        if stream and stream.variant is not None and response_model is not None:
            # the spec's result is a oneOf of the response and its stream chunk: a
            # call that does not stream gets the response
            response_model = self.without_variant(op, stream.variant)
            return_type = (
                union([response_model, STR])
                if response_kind == "json_or_text"
                else response_model
            )
        page_item = self.page_item(op, response_model)
        if page_item is not None:
            return_type = Subscript(SYNC_PAGE, (page_item,))
        overloads: list[Overload] = []
        stream_type = None
        if stream is not None:
            stream_type, chunk = self.chunk_type(stream)
            overloads, return_type = stream_overloads(
                self.conventions.stream_flag, return_type, chunk
            )
        elif response_kind == "json_or_text":
            overloads = self.format_overloads(op, args)
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
            stream_events=stream.events if stream else UNNAMED,
            page_item=page_item,
            overloads=overloads,
            file_switch=file_switch,
            doc=clean_lines(op.summary)
            + ([""] if op.summary and op.description else [])
            + (clean_lines(op.description) if op.description != op.summary else []),
        )

    def multipart_files(
        self, content: tuple[MediaType, ...], args: list[Argument], taken: set[str]
    ) -> list[str]:
        """The file arguments of the multipart form beside a JSON one: added to
        `args` (optional: the JSON form goes without them); their keywords."""
        multipart = next(
            (m for m in content if body_kind_of(m.media_type) == "multipart"), None
        )
        files: list[str] = []
        for wire, schema, _ in (
            self.body_fields(multipart.schema if multipart else None) or []
        ):
            if not is_binary(self.api, schema):
                continue
            known = next(
                (a for a in args if a.wire == wire and a.location == "body"), None
            )
            if known is not None:
                args.remove(known)
            argument = Argument(
                name=known.name if known else _keyword(wire, taken),
                wire=wire,
                location="file",
                annotation=self.params.type_of(schema, file_fields=True),
                required=False,
                doc=schema_doc(schema, self.api),
            )
            args.append(argument)
            files.append(argument.name)
        return files

    def body_fields(
        self, schema: Schema | None
    ) -> list[tuple[str, Schema, bool]] | None:
        """The body's top-level fields, when it is an object with named properties;
        readOnly ones are the server's, never arguments."""
        if schema is None:
            return None
        target = self.api.resolve(schema)
        if target.type != "object" or not (target.properties or target.all_of):
            return None
        props, _ = self.models.flatten(target, set())
        return [
            (p.name, p.schema, p.required)
            for p in props
            if not self.models.marked(p, "read_only")
        ]
