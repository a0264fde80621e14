"""What the package templates read: plain frozen dataclasses, built from the plans by
render.py. Type hints stay nodes (`pytypes`); a template lays each out at its own
column through the `layout` functions."""

from __future__ import annotations

from dataclasses import dataclass

from .pytypes import Node


@dataclass(frozen=True)
class FieldView:
    name: str
    annotation: Node
    value: Node | None  # the default / Field(...) expression; None: required
    doc: tuple[str, ...]


@dataclass(frozen=True)
class ClassView:
    name: str
    base: str
    doc: tuple[str, ...]
    closed: bool
    fields: tuple[FieldView, ...]
    kind: str = "class"


@dataclass(frozen=True)
class EnumView:
    name: str
    base: str
    doc: tuple[str, ...]
    members: tuple[tuple[str, str], ...]  # member name -> literal
    kind: str = "enum"


@dataclass(frozen=True)
class AliasView:
    name: str
    annotation: Node  # TypeAlias
    value: Node
    doc: tuple[str, ...]
    kind: str = "alias"


@dataclass(frozen=True)
class ParamFieldView:
    key: str
    annotation: Node  # Required[...] for a required key
    doc: tuple[str, ...]


@dataclass(frozen=True)
class ParamClassView:
    """A TypedDict: class syntax, or `functional` (keys that are no identifiers)."""

    name: str
    doc: tuple[str, ...]
    fields: tuple[ParamFieldView, ...]
    kind: str  # class | functional


@dataclass(frozen=True)
class ParamView:
    """One keyword parameter: `name: annotation` then `tail` (`,` or
    ` = NOT_GIVEN,`)."""

    name: str
    annotation: Node
    tail: str


@dataclass(frozen=True)
class SignatureView:
    overload: bool
    params: tuple[ParamView, ...]
    return_type: Node


@dataclass(frozen=True)
class WireView:
    wire: str  # the name on the wire (a dict key of the request)
    name: str  # the Python argument


@dataclass(frozen=True)
class MethodView:
    name: str
    is_async: bool
    signatures: tuple[SignatureView, ...]
    result: str  # the return type as a string: the cast of the runtime's result
    doc: tuple[str, ...]
    deprecation: str | None
    http_method: str
    path: str
    groups: tuple[tuple[str, tuple[WireView, ...]], ...]
    # (location, wire) -> (style, explode) of parameters not serialized the default way
    styles: tuple[tuple[Node, Node], ...]
    body_optional: bool  # the spec's body is optional: omitted when nothing is given
    body_whole: str | None
    body_kind: str | None
    # a JSON body sent as multipart when a file argument is given: the checks
    file_checks: tuple[Node, ...]
    response_kind: str
    response_type: Node | None  # the types the runtime parses with
    error_type: Node | None
    stream_type: Node | None
    stream_events: str  # how the runtime reads events (codegen/events.py)
    paginated: bool


@dataclass(frozen=True)
class ChildView:
    attribute: str
    class_name: str


@dataclass(frozen=True)
class RawWrapperView:
    """`self.<name> = <wrapper>(resource.<name>)` of a twin class."""

    target: str
    value: Node


@dataclass(frozen=True)
class TwinView:
    """A twin of a resource class (XWithRawResponse) reached as `x.<attribute>`,
    whose methods are the resource's wrapped."""

    suffix: str
    attribute: str
    doc: tuple[str, ...]
    wrappers: tuple[RawWrapperView, ...]


@dataclass(frozen=True)
class ResourceView:
    class_name: str
    client_class: str
    dotted: str
    children: tuple[ChildView, ...]
    methods: tuple[MethodView, ...]
    twins: tuple[TwinView, ...]


@dataclass(frozen=True)
class FlavorView:
    """The sync or the async client class."""

    is_async: bool
    client: str
    api_client: str
    http_client: str
    token_provider: str
    resources: tuple[ChildView, ...]
    methods: tuple[MethodView, ...]
