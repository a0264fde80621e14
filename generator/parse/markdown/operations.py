"""One `## Title` operation section -> an IR Operation (plus what it says about servers,
security and the api-version, which the IR keeps at the API level)."""

from __future__ import annotations

from dataclasses import dataclass

from ...ir import MediaType, Operation, Parameter, RequestBody, SecurityScheme
from .blocks import Block, Document, Fence, Heading, Paragraph, Table
from .cells import cell_text, parse_required, split_values, type_schema
from .context import Context, line_pointer
from .examples import ExampleSection
from .properties import (
    PROPERTY_COLUMNS,
    PropertyTable,
    column_names,
    object_schema,
    properties_for,
)
from .request_line import Url, parse_http_line
from .responses import ResponsesReader
from .security import security_scheme

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


def operation_id(title: str) -> str:
    """`List - Vector Store Files` -> `List_Vector_Store_Files`."""
    return title.strip().replace(" - ", "_", 1).replace(" ", "_")


@dataclass(frozen=True)
class OperationSection:
    operation: Operation
    url: Url
    # server variable name -> description, from URI parameter rows naming a host part
    server_variables: tuple[tuple[str, str | None], ...]
    security_schemes: tuple[SecurityScheme, ...]


@dataclass
class _Media:
    media_type: str
    line: int
    table: PropertyTable


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
        self.responses = ResponsesReader(context, heading.line)
        self.examples: list[ExampleSection] = []
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
            self.examples.append(ExampleSection(self.context))
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
                self.responses.read(block, self.sub_parent)
            case "examples":
                self.context.warn(block.line, "text in Examples outside an Example")
            case "example":
                self.examples[-1].read(block)
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

    def add_properties(self, owner: PropertyTable, table: Table) -> None:
        columns = column_names(table)
        if columns[:3] != PROPERTY_COLUMNS[:3]:
            self.context.warn(table.line, f"unknown table: {' | '.join(columns)}")
            return
        owner.add(table, self.sub_parent)

    def expect_table(self, block: Block, columns: tuple[str, ...]) -> bool:
        if isinstance(block, Table) and column_names(block)[: len(columns)] == columns:
            return True
        self.context.warn(
            block.line, f"expected a table with columns {' | '.join(columns)}"
        )
        return False

    # -- assembly -----------------------------------------------------------------

    def build(self, url: Url) -> OperationSection:
        responses = self.responses.responses()
        start = self.description_start or self.heading.end
        end = self.description_end or start
        text = self.doc.text(start, end) if end > start else ""
        body = None
        if self.media:
            body = RequestBody(
                content=tuple(
                    MediaType(
                        media_type=m.media_type,
                        schema=object_schema(
                            m.table.properties(), line_pointer(m.line)
                        ),
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
            responses=responses,
            security=tuple(self.requirements),
            examples=tuple(e.example() for e in self.examples),
        )
        return OperationSection(
            operation, url, tuple(self.server_variables), tuple(self.schemes)
        )
