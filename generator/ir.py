"""The intermediate representation every parser produces and every renderer reads.

Plain frozen dataclasses. Schema references stay by name (`Schema.ref`), so recursive
schemas need no cycles in the objects; `Api.schemas` resolves them. Values copied from
the spec (defaults, enum members, examples) are plain JSON values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

JSON = Any

# The types a spec's `type` keyword or a Markdown Type cell may name. Schema.type is one
# of these, or "any" (no type constraint), "union" (made only of oneOf/anyOf) or "ref"
# (a bare reference to a component schema).
PRIMITIVE_TYPES = frozenset(
    {"string", "integer", "number", "boolean", "object", "array", "null"}
)


@dataclass(frozen=True)
class Discriminator:
    """How a union's members are told apart: the property naming the member."""

    property_name: str
    # (discriminator value, component schema name), in spec order.
    mapping: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Property:
    """A property of an object schema, by its wire name."""

    name: str
    schema: Schema
    required: bool = False


@dataclass(frozen=True)
class Schema:
    """One schema. `name` is the component name, or for inline schemas a name built
    deterministically from where it sits (e.g. `CreateRunRequestToolResources`)."""

    type: str
    pointer: str
    name: str | None = None
    ref: str | None = None
    title: str | None = None
    description: str | None = None
    format: str | None = None
    nullable: bool = False
    read_only: bool = False
    write_only: bool = False
    deprecated: bool = False
    has_default: bool = False
    default: JSON = None
    enum: tuple[JSON, ...] | None = None
    const: JSON = None
    has_const: bool = False
    # numeric constraints; exclusive bounds are normalized to numbers (3.1 form)
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: float | None = None
    exclusive_maximum: float | None = None
    multiple_of: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    min_items: int | None = None
    max_items: int | None = None
    unique_items: bool = False
    min_properties: int | None = None
    max_properties: int | None = None
    items: Schema | None = None
    properties: tuple[Property, ...] = ()
    # The schema's `required` list as written: in an allOf part it may name properties
    # that another part defines (Property.required covers only the schema's own).
    required: tuple[str, ...] = ()
    # None: not said (open); False: closed; a Schema: a map of that value type.
    additional_properties: Schema | bool | None = None
    one_of: tuple[Schema, ...] = ()
    any_of: tuple[Schema, ...] = ()
    all_of: tuple[Schema, ...] = ()
    not_: Schema | None = None
    discriminator: Discriminator | None = None
    examples: tuple[JSON, ...] = ()
    # vendor extensions (x-ms-enum, x-ms-discriminator-value, ...), key -> JSON value
    extensions: tuple[tuple[str, JSON], ...] = ()

    def property(self, name: str) -> Property | None:
        for prop in self.properties:
            if prop.name == name:
                return prop
        return None

    def subschemas(self) -> list[Schema]:
        """The schemas written inside this one (properties, members, items...)."""
        out = [p.schema for p in self.properties]
        out += [*self.one_of, *self.any_of, *self.all_of]
        out += [s for s in (self.items, self.not_) if s is not None]
        if isinstance(self.additional_properties, Schema):
            out.append(self.additional_properties)
        return out

    def extension(self, key: str) -> JSON:
        for k, value in self.extensions:
            if k == key:
                return value
        return None


@dataclass(frozen=True)
class Header:
    """A response header."""

    name: str
    schema: Schema
    description: str | None = None
    required: bool = False
    deprecated: bool = False


@dataclass(frozen=True)
class Encoding:
    """How one property of a multipart or form body is sent."""

    property_name: str
    content_type: str | None = None
    style: str | None = None
    explode: bool | None = None


@dataclass(frozen=True)
class MediaType:
    """A body in one media type: its schema, part encodings and examples."""

    media_type: str
    schema: Schema | None
    encoding: tuple[Encoding, ...] = ()
    examples: tuple[tuple[str, JSON], ...] = ()


# OpenAPI's serialization style per parameter location; explode defaults to true for
# `form` and false for every other style.
DEFAULT_STYLES = {
    "path": "simple",
    "query": "form",
    "header": "simple",
    "cookie": "form",
}


@dataclass(frozen=True)
class Parameter:
    """A path, query, header or cookie parameter of an operation."""

    name: str
    location: str  # path | query | header | cookie
    schema: Schema | None
    required: bool = False
    description: str | None = None
    deprecated: bool = False
    # as written; None where the spec leaves OpenAPI's default (see `serialization`)
    style: str | None = None
    explode: bool | None = None
    pointer: str = ""
    extensions: tuple[tuple[str, JSON], ...] = ()

    @property
    def serialization(self) -> tuple[str, bool]:
        """(style, explode) with OpenAPI's defaults filled in."""
        style = self.style or DEFAULT_STYLES.get(self.location, "form")
        return style, self.explode if self.explode is not None else style == "form"


@dataclass(frozen=True)
class RequestBody:
    """An operation's request body, one entry per media type."""

    content: tuple[MediaType, ...]
    required: bool = False
    description: str | None = None


@dataclass(frozen=True)
class Response:
    """One response of an operation, by status."""

    status: str  # "200", "4XX", "default"
    description: str | None = None
    content: tuple[MediaType, ...] = ()
    headers: tuple[Header, ...] = ()


@dataclass(frozen=True)
class Example:
    """An x-ms-examples entry. `data` is None when its external file is absent."""

    name: str
    ref: str | None
    data: JSON = None


@dataclass(frozen=True)
class Operation:
    """One method on one path."""

    method: str  # lower case
    path: str
    operation_id: str
    pointer: str
    tags: tuple[str, ...] = ()
    summary: str | None = None
    description: str | None = None
    deprecated: bool = False
    parameters: tuple[Parameter, ...] = ()
    request_body: RequestBody | None = None
    responses: tuple[Response, ...] = ()
    # None: inherits the API's security; () : explicitly open
    security: tuple[tuple[tuple[str, tuple[str, ...]], ...], ...] | None = None
    examples: tuple[Example, ...] = ()
    extensions: tuple[tuple[str, JSON], ...] = ()

    @property
    def key(self) -> str:
        return f"{self.method.upper()} {self.path}"


@dataclass(frozen=True)
class ServerVariable:
    """A `{variable}` of a server URL."""

    name: str
    default: str
    enum: tuple[str, ...] = ()
    description: str | None = None


@dataclass(frozen=True)
class Server:
    """A base URL the API is served at."""

    url: str
    description: str | None = None
    variables: tuple[ServerVariable, ...] = ()


@dataclass(frozen=True)
class SecurityScheme:
    """How callers authenticate (a component security scheme)."""

    name: str
    type: str  # apiKey | http | oauth2 | openIdConnect
    description: str | None = None
    location: str | None = None  # apiKey: header | query | cookie
    parameter_name: str | None = None  # apiKey: the header/query name
    scheme: str | None = None  # http: bearer | basic
    bearer_format: str | None = None
    flows: tuple[tuple[str, JSON], ...] = ()


@dataclass(frozen=True)
class Api:
    """One API description: its operations and component schemas."""

    source: str
    openapi: str
    title: str
    version: str
    description: str | None = None
    servers: tuple[Server, ...] = ()
    security_schemes: tuple[SecurityScheme, ...] = ()
    security: tuple[tuple[tuple[str, tuple[str, ...]], ...], ...] = ()
    operations: tuple[Operation, ...] = ()
    schemas: Mapping[str, Schema] = field(default_factory=dict)
    # (path as named, where it led, what was there) for every file the parser looked
    # at (generator.parse.refs.Documents.looked_at); not part of what the API is
    files_read: tuple[tuple[str, str, str], ...] = field(default=(), compare=False)

    def operation(self, method: str, path: str) -> Operation | None:
        for op in self.operations:
            if op.method == method.lower() and op.path == path:
                return op
        return None

    def resolve(self, schema: Schema) -> Schema:
        """Follow `ref` links to the schema they name (stops on a ref cycle)."""
        seen: set[str] = set()
        while (
            schema.type == "ref"
            and schema.ref is not None
            and schema.ref in self.schemas
        ):
            if schema.ref in seen:
                break
            seen.add(schema.ref)
            schema = self.schemas[schema.ref]
        return schema
