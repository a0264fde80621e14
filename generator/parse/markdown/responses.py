"""An operation's `### Responses`: `**Status Code:** 200` paragraphs, each with a
Content-Type table, and the property table of an inline object response (after the
content table in the newer layout, before the status in the older one)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ...ir import MediaType, Response
from .blocks import Block, Paragraph, Table
from .cells import cell_text, type_schema
from .context import Context, line_pointer
from .properties import PROPERTY_COLUMNS, PropertyTable, column_names, object_schema

STATUS_CODE = re.compile(r"Status Code:\**\s*(\S+)")
CONTENT_COLUMNS = ("content-type", "type", "description")


@dataclass
class _Response:
    status: str
    description: str | None = None
    content: list[MediaType] = field(default_factory=list)


class ResponsesReader:
    def __init__(self, context: Context, heading_line: int) -> None:
        self.context = context
        self.heading_line = heading_line  # of the operation, where a lost table is told
        self.listed: list[_Response] = []
        self.inline: PropertyTable | None = None
        self.inline_owner: _Response | None = None

    def read(self, block: Block, sub_parent: str | None) -> None:
        """`sub_parent`: X of the `### Properties for X` being read."""
        if isinstance(block, Paragraph):
            self.paragraph(block)
            return
        if not isinstance(block, Table):
            self.context.warn(block.line, "unexpected content in Responses")
            return
        columns = column_names(block)
        if columns[: len(CONTENT_COLUMNS)] == CONTENT_COLUMNS:
            self.content_table(block)
        elif columns[:3] == PROPERTY_COLUMNS[:3]:
            self.inline_table(block, sub_parent)
        else:
            self.context.warn(
                block.line, f"unknown table in Responses: {' | '.join(columns)}"
            )

    def paragraph(self, block: Paragraph) -> None:
        text = block.text.strip()
        status = STATUS_CODE.match(text.replace("**", ""))
        responses = self.listed
        if status:
            responses.append(_Response(status.group(1)))
        elif text.startswith("**Description**") and responses:
            responses[-1].description = text.partition(":")[2].strip() or None
        else:
            self.context.warn(block.line, "unexpected text in Responses")

    def content_table(self, table: Table) -> None:
        if not self.listed:
            self.context.warn(table.line, "content table before any Status Code")
            return
        response = self.listed[-1]
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

    def inline_table(self, table: Table, sub_parent: str | None) -> None:
        responses = self.listed
        if self.inline is None or (
            responses and self.inline_owner is not responses[-1]
        ):
            self.close_inline()
            self.inline = PropertyTable(self.context)
            self.inline_owner = (
                responses[-1] if responses and responses[-1].content else None
            )
        self.inline.add(table, sub_parent)

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
                self.heading_line,
                "response property table with no inline object response",
            )
        else:
            media = owner.content[target]
            assert media.schema is not None
            properties = self.inline.properties()
            owner.content[target] = replace(
                media,
                schema=object_schema(
                    properties, media.schema.pointer, media.schema.description
                ),
            )
        self.inline = None
        self.inline_owner = None

    def responses(self) -> tuple[Response, ...]:
        self.close_inline()
        return tuple(
            Response(
                status=r.status, description=r.description, content=tuple(r.content)
            )
            for r in self.listed
        )
