"""The Markdown reference's model: exactly the fields its format carries (built from an
IR by generator.docs.from_ir). This is the one place that says what the format carries.

The renderer writes a view; a round trip (render, parse, view again) must give an equal
view; reconcile compares the view of a Markdown IR with the view of an OpenAPI IR.

What the format does not carry, and so no view holds: schema types other than enums'
(a component without properties, enum or union is just "No properties defined"),
array item types, nullability, formats of properties, numeric and length bounds,
`required` of request bodies, response headers, x-ms-enum names and value
descriptions, where the server URL ends and the path begins (views hold full URLs),
and example parameters other than the body. Descriptions compare by their words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..parse.markdown.cells import breaks_as_newlines


def wording(text: str) -> str:
    """What descriptions compare by: their words, one space apart. Line breaks, `<br>`
    and indentation are layout, and the format moves them."""
    return " ".join(breaks_as_newlines(text).split())


class Prose:
    """A description: equal to another when their words are. Words are worked out on
    first comparison only, since reconcile never compares descriptions."""

    __slots__ = ("text", "_key")

    def __init__(self, text: str) -> None:
        self.text = text
        self._key: str | None = None

    @property
    def key(self) -> str:
        if self._key is None:
            self._key = wording(self.text)
        return self._key

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Prose) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"Prose({self.text!r})"


# A type cell: its alternatives, each a primitive keyword, "enum", or "#" + component.
TypeLabel = tuple[str, ...]


def label_text(label: TypeLabel) -> str:
    return " or ".join(alt.lstrip("#") for alt in label) or "(none)"


@dataclass(frozen=True)
class PropertyView:
    path: tuple[str, ...]  # ("audio", "format") for a nested `└─ format` row
    type: TypeLabel
    description: Prose
    required: bool | None  # None: the table has no Required column
    default: str  # "" when none is given
    values: tuple[str, ...]  # Possible values
    pointer: str = field(default="", compare=False)


@dataclass(frozen=True)
class ParameterView:
    name: str
    location: str
    required: bool
    type: TypeLabel
    format: str
    values: tuple[str, ...]
    description: Prose
    pointer: str = field(default="", compare=False)


@dataclass(frozen=True)
class SecurityView:
    type: str
    header: str
    description: Prose
    authorization_url: str
    scopes: tuple[str, ...]


@dataclass(frozen=True)
class BodyView:
    media_type: str
    properties: tuple[PropertyView, ...]
    pointer: str = field(default="", compare=False)


@dataclass(frozen=True)
class ContentView:
    media_type: str
    type: TypeLabel
    description: Prose
    pointer: str = field(default="", compare=False)


@dataclass(frozen=True)
class ResponseView:
    status: str
    description: Prose
    content: tuple[ContentView, ...]
    # the properties of the first inline object content, listed under it
    properties: tuple[PropertyView, ...]


@dataclass(frozen=True)
class ExampleView:
    title: Prose
    request: str | None  # the body as indented JSON text
    responses: tuple[tuple[str, str], ...]  # (status, indented JSON text)


@dataclass(frozen=True)
class OperationView:
    method: str
    url: str  # server URL + path, without the query string
    title: str  # the operation id, written `Group - Verb Words`
    text: Prose
    api_version: bool  # the request line ends with `?api-version=`
    parameters: tuple[ParameterView, ...]
    security: tuple[SecurityView, ...]
    bodies: tuple[BodyView, ...]
    responses: tuple[ResponseView, ...]
    examples: tuple[ExampleView, ...]
    pointer: str = field(default="", compare=False)

    @property
    def key(self) -> str:
        return f"{self.method.upper()} {self.url}"


@dataclass(frozen=True)
class EnumView:
    type: str
    default: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class VariantView:
    """An inline object member of a union, written as its own `### title` section."""

    title: str
    description: Prose
    properties: tuple[PropertyView, ...]


@dataclass(frozen=True)
class DiscriminatorView:
    property: str
    mapping: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class SchemaView:
    name: str
    description: Prose
    properties: tuple[PropertyView, ...]
    enum: EnumView | None
    union: bool  # "This component can be one of the following:"
    variants: tuple[str, ...]  # component names of the union's members
    inline_variants: tuple[VariantView, ...]
    discriminator: DiscriminatorView | None
    # the component this one only names, when the IR knows it: the format shows an
    # alias as its target's content, and a published reference may show it as a union
    # of that one member instead
    alias_of: str = field(default="", compare=False)
    pointer: str = field(default="", compare=False)

    @property
    def kind(self) -> str:
        if self.enum is not None:
            return "enum"
        if self.properties:
            return "object"
        return "union" if self.union else "other"


@dataclass(frozen=True)
class ReferenceView:
    title: str
    description: Prose
    version: str
    operations: tuple[OperationView, ...]
    schemas: tuple[SchemaView, ...]
