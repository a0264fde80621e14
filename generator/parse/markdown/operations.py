"""One `## Title` operation section -> an IR Operation (plus what it says about servers,
security and the api-version, which the IR keeps at the API level)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from typing import Any

from ...ir import (
    Example,
    MediaType,
    Operation,
    Parameter,
    Property,
    RequestBody,
    Response,
    Schema,
    SecurityScheme,
)
from .blocks import Block, Document, Fence, Heading, Paragraph, Table
from .cells import cell_text, parse_required, split_values, type_schema
from .context import Context, line_pointer
from .properties import PROPERTY_COLUMNS, PropertyTable, column_names, properties_for

_PLACEHOLDER = re.compile(r"\{([^}]+)\}")
_STATUS = re.compile(r"Status Code:\**\s*(\S+)")
_PARTS = {
    "uri parameters": "uri",
    "request header": "header",
    "request body": "body",
    "responses": "responses",
    "examples": "examples",
    "example": "example",
}
PARAMETER_COLUMNS = ("name", "in", "required", "type", "description")
HEADER_COLUMNS = ("name", "required", "type", "description")
CONTENT_COLUMNS = ("content-type", "type", "description")


def operation_id(title: str) -> str:
    """`List - Vector Store Files` -> `List_Vector_Store_Files`."""
    return title.strip().replace(" - ", "_", 1).replace(" ", "_")


@dataclass(frozen=True)
class Url:
    method: str
    base: str  # scheme://host, the part a server URL covers
    path: str
    api_version: str | None

    @property
    def host_variables(self) -> tuple[str, ...]:
        return tuple(_PLACEHOLDER.findall(self.base))


@dataclass(frozen=True)
class OperationSection:
    operation: Operation
    url: Url
    # server variable name -> description, from URI parameter rows naming a host part
    server_variables: tuple[tuple[str, str | None], ...]
    security_schemes: tuple[SecurityScheme, ...]


def parse_http_line(line: str) -> Url | None:
    parts = line.split()
    if len(parts) != 2:
        return None
    method, url = parts
    url, _, query = url.partition("?")
    base = ""
    if "://" in url:
        scheme, _, rest = url.partition("://")
        host, slash, path = rest.partition("/")
        base, url = f"{scheme}://{host}", slash + path
    api_version = None
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        if key == "api-version" and value:
            api_version = value
    return Url(method.lower(), base, url or "/", api_version)


@dataclass
class _Media:
    media_type: str
    line: int
    table: PropertyTable


@dataclass
class _Response:
    status: str
    description: str | None = None
    content: list[MediaType] = field(default_factory=list)


@dataclass
class _Example:
    title: str = ""  # the paragraphs above the request
    seen_request: bool = False
    body: Any = None
    has_body: bool = False
    status: str | None = None  # of the response example read next
    responses: dict[str, Any] = field(default_factory=dict)


class OperationReader:
    def __init__(self, heading: Heading, doc: Document, context: Context) -> None:
        self.heading = heading
        self.doc = doc
        self.context = context
        self.url: Url | None = None
        self.description_start: int | None = None
        self.description_end: int | None = None
        self.part: str | None = None
        self.parameters: list[Parameter] = []
        self.server_variables: list[tuple[str, str | None]] = []
        self.schemes: list[SecurityScheme] = []
        self.requirements: list[tuple[tuple[str, tuple[str, ...]], ...]] = []
        self.media: list[_Media] = []
        self.responses: list[_Response] = []
        self.inline: PropertyTable | None = None
        self.inline_owner: _Response | None = None
        self.examples: list[_Example] = []
        self.sub_parent: str | None = None  # X of the `### Properties for X` being read

    def read(self, blocks: list[Block]) -> OperationSection | None:
        for block in blocks:
            if isinstance(block, Heading):
                self.heading_block(block)
            else:
                self.part_block(block)
        if self.url is None:
            self.context.warn(
                self.heading.line,
                f"section {self.heading.text!r} has no HTTP request line; skipped",
            )
            return None
        return self.build(self.url)

    # -- structure ----------------------------------------------------------------

    def heading_block(self, block: Heading) -> None:
        if self.description_end is None:
            self.description_end = block.line
        text = block.text.strip()
        parent = properties_for(text)
        if parent is not None:
            self.sub_parent = parent
            if self.part not in ("body", "responses"):
                self.context.warn(
                    block.line, f"{text!r} outside Request Body or Responses"
                )
            return
        if block.level >= 4:
            if self.sub_parent is None:
                self.context.warn(block.line, f"unexpected heading {text!r}")
            return
        self.sub_parent = None
        part = _PARTS.get(text.lower())
        if part is None:
            self.context.warn(
                block.line,
                f"unknown section {text!r} in operation {self.heading.text!r}; skipped",
            )
            self.part = "skipped"
            return
        if part == "example":
            self.examples.append(_Example())
        self.part = part

    def part_block(self, block: Block) -> None:
        """A block of the `###` part being read (`self.part`, named by _PARTS)."""
        match self.part:
            case None:
                self.preamble(block)
            case "uri":
                self.in_uri(block)
            case "header":
                self.in_header(block)
            case "body":
                self.in_body(block)
            case "responses":
                self.in_responses(block)
            case "examples":
                self.context.warn(block.line, "text in Examples outside an Example")
            case "example":
                self.in_example(block)
            case "skipped":
                pass  # an unknown part, already reported at its heading

    def preamble(self, block: Block) -> None:
        if (
            isinstance(block, Fence)
            and block.info.lower() == "http"
            and self.url is None
        ):
            self.url = parse_http_line(
                block.text.strip().splitlines()[0] if block.text.strip() else ""
            )
            if self.url is None:
                self.context.warn(
                    block.line, f"unreadable HTTP request line {block.text.strip()!r}"
                )
            self.description_start = block.end
        elif self.url is None:
            self.context.warn(
                block.line,
                f"text before the HTTP request line of {self.heading.text!r}",
            )

    def in_uri(self, block: Block) -> None:
        if not self.expect_table(block, PARAMETER_COLUMNS):
            return
        assert isinstance(block, Table)
        hosts = self.url.host_variables if self.url else ()
        columns = column_names(block)
        for row in block.rows:
            cells = dict(zip(columns, (cell_text(c) for c in row.cells)))
            name = cells.get("name", "")
            if not name:
                continue
            description, values = split_values(cells.get("description", ""))
            if name in hosts:
                self.server_variables.append((name, description or None))
                continue
            self.parameters.append(
                self.parameter(name, cells, row.line, description, values)
            )

    def parameter(
        self,
        name: str,
        cells: dict[str, str],
        line: int,
        description: str,
        values: tuple[str, ...] | None,
    ) -> Parameter:
        location = cells.get("in", "").lower()
        if location not in ("path", "query", "header", "cookie"):
            self.context.warn(
                line, f"parameter {name!r}: unknown location {location!r}"
            )
            location = "query"
        type_text, type_values = split_values(cells.get("type", ""))
        first, _, rest = type_text.partition("\n")
        schema = type_schema(
            first,
            line_pointer(line),
            type_values if type_values is not None else values,
            lambda m: self.context.warn(line, f"{name}: {m}"),
            **({"format": rest.strip()} if rest.strip() else {}),
        )
        required = parse_required(cells.get("required", ""))
        return Parameter(
            name=name,
            location=location,
            schema=schema,
            required=bool(required) or location == "path",
            description=description or None,
            pointer=line_pointer(line),
        )

    def in_header(self, block: Block) -> None:
        if isinstance(block, Paragraph):
            return  # "Use either token based authentication or API key..."
        if not self.expect_table(block, HEADER_COLUMNS):
            return
        assert isinstance(block, Table)
        columns = column_names(block)
        for row in block.rows:
            cells = dict(zip(columns, (cell_text(c) for c in row.cells)))
            if cells.get("name"):
                scheme, scopes = security_scheme(
                    cells["name"], cells.get("description", "")
                )
                self.schemes.append(scheme)
                # each row is one way in: the reference says "use either"
                self.requirements.append(((scheme.name, scopes),))

    def in_body(self, block: Block) -> None:
        if isinstance(block, Paragraph) and block.text.startswith("**Content-Type**"):
            media_type = block.text.partition(":")[2].strip()
            self.media.append(
                _Media(media_type, block.line, PropertyTable(self.context))
            )
        elif isinstance(block, Table) and self.media:
            self.add_properties(self.media[-1].table, block)
        else:
            self.context.warn(block.line, "unexpected content in Request Body")

    def in_responses(self, block: Block) -> None:
        if isinstance(block, Paragraph):
            text = block.text.strip()
            status = _STATUS.match(text.replace("**", ""))
            if status:
                self.responses.append(_Response(status.group(1)))
            elif text.startswith("**Description**") and self.responses:
                self.responses[-1].description = text.partition(":")[2].strip() or None
            else:
                self.context.warn(block.line, "unexpected text in Responses")
            return
        if not isinstance(block, Table):
            self.context.warn(block.line, "unexpected content in Responses")
            return
        columns = column_names(block)
        if columns[: len(CONTENT_COLUMNS)] == CONTENT_COLUMNS:
            self.content_table(block)
        elif columns[:3] == PROPERTY_COLUMNS[:3]:
            self.inline_table(block)
        else:
            self.context.warn(
                block.line, f"unknown table in Responses: {' | '.join(columns)}"
            )

    def content_table(self, table: Table) -> None:
        if not self.responses:
            self.context.warn(table.line, "content table before any Status Code")
            return
        response = self.responses[-1]
        for row in table.rows:
            cells = [cell_text(c) for c in row.cells] + ["", "", ""]
            if not cells[0]:
                continue
            schema = type_schema(
                cells[1],
                line_pointer(row.line),
                None,
                lambda m: self.context.warn(row.line, m),
                description=cells[2] or None,
            )
            response.content.append(MediaType(media_type=cells[0], schema=schema))
        if self.inline is not None and self.inline_owner is None:
            self.inline_owner = (
                response  # the older layout lists them before the status
            )

    def inline_table(self, table: Table) -> None:
        if self.inline is None or (
            self.responses and self.inline_owner is not self.responses[-1]
        ):
            self.close_inline()
            self.inline = PropertyTable(self.context)
            self.inline_owner = (
                self.responses[-1]
                if self.responses and self.responses[-1].content
                else None
            )
        self.add_properties(self.inline, table)

    def close_inline(self) -> None:
        if self.inline is None:
            return
        owner = self.inline_owner
        target = None
        if owner is not None:
            target = next(
                (
                    i
                    for i, m in enumerate(owner.content)
                    if m.schema and m.schema.type == "object"
                ),
                None,
            )
        if owner is None or target is None:
            self.context.warn(
                self.heading.line,
                "response property table with no inline object response",
            )
        else:
            media = owner.content[target]
            assert media.schema is not None
            properties = self.inline.properties()
            owner.content[target] = replace(
                media,
                schema=_object(
                    properties, media.schema.pointer, media.schema.description
                ),
            )
        self.inline = None
        self.inline_owner = None

    def add_properties(self, owner: PropertyTable, table: Table) -> None:
        columns = column_names(table)
        if columns[:3] != PROPERTY_COLUMNS[:3]:
            self.context.warn(table.line, f"unknown table: {' | '.join(columns)}")
            return
        owner.add(table, self.sub_parent)

    def in_example(self, block: Block) -> None:
        example = self.examples[-1]
        if isinstance(block, Paragraph):
            status = _STATUS.search(block.text.replace("**", ""))
            if status:
                example.status = status.group(1)
            elif not example.seen_request:
                example.title = f"{example.title}\n\n{block.text.strip()}".strip()
        elif isinstance(block, Fence) and block.info.lower() == "http":
            example.seen_request = True
            _, _, body = block.text.partition("\n")
            if body.strip():
                value = self.json_value(body, block)
                if value is not _INVALID:
                    example.body, example.has_body = value, True
        elif isinstance(block, Fence):
            value = self.json_value(block.text, block)
            if value is _INVALID:
                return
            if example.status is None:
                self.context.warn(block.line, "example response without a Status Code")
            else:
                example.responses[example.status] = value
        else:
            self.context.warn(block.line, "unexpected content in Example")

    def json_value(self, text: str, block: Fence) -> Any:
        try:
            return json.loads(text)
        except ValueError as exc:
            self.context.warn(block.line, f"example is not valid JSON ({exc}); skipped")
            return _INVALID

    def expect_table(self, block: Block, columns: tuple[str, ...]) -> bool:
        if isinstance(block, Table) and column_names(block)[: len(columns)] == columns:
            return True
        self.context.warn(
            block.line, f"expected a table with columns {' | '.join(columns)}"
        )
        return False

    # -- assembly -----------------------------------------------------------------

    def build(self, url: Url) -> OperationSection:
        self.close_inline()
        start = self.description_start or self.heading.end
        end = self.description_end or start
        text = self.doc.text(start, end) if end > start else ""
        body = None
        if self.media:
            body = RequestBody(
                content=tuple(
                    MediaType(
                        media_type=m.media_type,
                        schema=_object(m.table.properties(), line_pointer(m.line)),
                    )
                    for m in self.media
                )
            )
        operation = Operation(
            method=url.method,
            path=url.path,
            operation_id=operation_id(self.heading.text),
            pointer=line_pointer(self.heading.line),
            summary=text or None,
            parameters=tuple(self.parameters),
            request_body=body,
            responses=tuple(
                Response(
                    status=r.status, description=r.description, content=tuple(r.content)
                )
                for r in self.responses
            ),
            security=tuple(self.requirements),
            examples=tuple(_example(e) for e in self.examples),
        )
        return OperationSection(
            operation, url, tuple(self.server_variables), tuple(self.schemes)
        )


_INVALID = object()


def _object(
    properties: tuple[Property, ...], pointer: str, description: str | None = None
) -> Schema:
    required = tuple(p.name for p in properties if p.required)
    return Schema(
        type="object",
        pointer=pointer,
        description=description,
        properties=properties,
        required=required,
    )


def _example(example: _Example) -> Example:
    data: dict[str, Any] = {"title": example.title}
    if example.has_body:
        data["parameters"] = {"body": example.body}
    data["responses"] = dict(example.responses)
    return Example(name=example.title, ref=None, data=data)


def security_scheme(
    name: str, description: str
) -> tuple[SecurityScheme, tuple[str, ...]]:
    """A Request Header row -> (scheme, scopes). `Type:`, `Authorization Url:` and
    `scope:` lines of the description describe token schemes; other rows are API keys.
    """
    kept, facts = [], {}
    for line in description.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in (
            "type",
            "authorization url",
            "scope",
            "scheme",
        ):
            facts[key.strip().lower()] = value.strip().strip("`")
        else:
            kept.append(line)
    text = "\n".join(kept).strip() or None
    kind = facts.get("type")
    scopes = tuple(s for s in facts.get("scope", "").split() if s)
    if kind is None and name.lower() != "authorization":
        return (
            SecurityScheme(
                name=name,
                type="apiKey",
                description=text,
                location="header",
                parameter_name=name,
            ),
            (),
        )
    kind = kind or "http"
    flows: tuple[tuple[str, Any], ...] = ()
    if "authorization url" in facts:
        flows = (
            (
                "implicit",
                {"authorizationUrl": facts["authorization url"], "scopes": {}},
            ),
        )
    return (
        SecurityScheme(
            name=kind,
            type=kind,
            description=text,
            scheme=facts.get("scheme"),
            flows=flows,
        ),
        scopes,
    )
