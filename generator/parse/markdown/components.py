"""`## Components`: each `### name` section -> an IR Schema.

A section is an object (property table), an enum (`**Enum Values**` or the newer
Property/Value table), a union (`This component can be one of the following:`), or
none of these (`No properties defined for this component.`). A `### title` section
that ends with a `---` rule right after a union is one of its inline variants (how the
newer layout lists streaming events).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ...ir import Discriminator, Schema
from .blocks import Block, BulletList, Document, Heading, Paragraph, Rule, Table
from .cells import cell_text, code_values, link_name, links, parse_default
from .context import Context, line_pointer
from .properties import (
    PROPERTIES_FOR,
    PROPERTY_COLUMNS,
    PropertyTable,
    column_names,
    properties_for,
)

UNION_MARKER = "This component can be one of the following"
NO_PROPERTIES = "No properties defined for this component"
DISCRIMINATOR_MARKER = "This component uses the property"
_MARKERS = (
    UNION_MARKER,
    NO_PROPERTIES,
    DISCRIMINATOR_MARKER,
    "**Description**",
    "**Type**",
)
_DISCRIMINATOR_FOR = "Discriminator for "


@dataclass
class ComponentSection:
    heading: Heading
    blocks: list[Block]
    variants: list[ComponentSection] = field(default_factory=list)

    @property
    def is_variant_shaped(self) -> bool:
        return bool(self.blocks) and isinstance(self.blocks[-1], Rule)


def split_components(blocks: list[Block], context: Context) -> list[ComponentSection]:
    sections: list[ComponentSection] = []
    for block in blocks:
        if isinstance(block, Heading) and block.level <= 3 and not _continues(block):
            sections.append(ComponentSection(block, []))
        elif sections:
            sections[-1].blocks.append(block)
        else:
            context.warn(block.line, "content before the first component; skipped")
    return sections


def _continues(heading: Heading) -> bool:
    return heading.text.startswith((PROPERTIES_FOR, _DISCRIMINATOR_FOR))


def group_variants(sections: list[ComponentSection]) -> list[ComponentSection]:
    """Attaches inline-variant sections to the union section they follow."""
    out: list[ComponentSection] = []
    for section in sections:
        parent = out[-1] if out else None
        if section.is_variant_shaped and parent is not None and _is_union(parent):
            parent.variants.append(section)
        else:
            out.append(section)
    return out


def _is_union(section: ComponentSection) -> bool:
    return any(
        isinstance(b, Paragraph) and b.text.startswith(UNION_MARKER)
        for b in section.blocks
    )


class ComponentReader:
    def __init__(
        self, section: ComponentSection, doc: Document, context: Context
    ) -> None:
        self.section = section
        self.doc = doc
        self.context = context
        self.name = section.heading.text.strip()
        self.table = PropertyTable(context)
        self.has_properties = False
        self.union = False
        self.refs: list[str] = []
        self.no_properties = False
        self.enum_values: tuple[Any, ...] | None = None
        self.enum_type = "string"
        self.enum_name: str | None = None
        self.has_default = False
        self.default: Any = None
        self.discriminator_property: str | None = None
        self.mapping: list[tuple[str, str]] = []
        self.expect: str | None = None  # what the next table or list holds
        self.property_enum: tuple[str, str] | None = None  # (property, enum name)
        self.sub_parent: str | None = None
        self.description_end: int | None = None

    def read(self) -> Schema | None:
        for block in self.section.blocks:
            if self.description_end is None and self.structural(block):
                self.description_end = block.line
            if self.description_end is not None:
                self.block(block)
        heading = self.section.heading
        if not (
            self.has_properties
            or self.union
            or self.enum_values is not None
            or self.no_properties
        ):
            self.context.warn(
                heading.line,
                f"section {self.name!r} has no property table, enum or union; skipped",
            )
            return None
        return self.schema()

    def structural(self, block: Block) -> bool:
        """Whether a block ends the description the section opens with."""
        if isinstance(block, (Table, Heading, Rule)):
            return True
        if isinstance(block, Paragraph):
            text = block.text.strip()
            label = _bold_label(text)
            return text.startswith(_MARKERS) or (
                label is not None and label.endswith(" Enum")
            )
        return False

    def block(self, block: Block) -> None:
        if isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, Table):
            self.table_block(block)
        elif isinstance(block, BulletList):
            self.bullet_list(block)
        elif not isinstance(block, Rule):
            self.context.warn(
                block.line, f"unexpected content in component {self.name!r}"
            )

    def heading(self, block: Heading) -> None:
        text = block.text.strip()
        parent = properties_for(text)
        if parent is not None:
            self.sub_parent = parent
        elif text.startswith(_DISCRIMINATOR_FOR):
            self.sub_parent = None
        elif block.level < 4 or self.sub_parent is None:
            self.context.warn(
                block.line, f"unexpected heading {text!r} in component {self.name!r}"
            )

    def paragraph(self, block: Paragraph) -> None:
        text = block.text.strip()
        label = _bold_label(text)
        value = text.partition(":")[2].replace("**", "", 1).strip() if label else ""
        if text.startswith(UNION_MARKER):
            self.union, self.expect = True, "variants"
        elif text.startswith(NO_PROPERTIES):
            self.no_properties = True
        elif text.startswith(DISCRIMINATOR_MARKER):
            quoted = text.split("`")
            self.discriminator_property = quoted[1] if len(quoted) > 2 else ""
            self.expect = "mapping"
        elif label == "Description":
            pass  # repeats the section's description
        elif label == "Type":
            self.enum_type = value or "string"
        elif label == "Default":
            self.has_default, self.default = parse_default(value)
        elif label == "Enum Name":
            self.enum_name = value or None
        elif label == "Enum Values":
            self.expect = "enum"
        elif label == "Data":
            pass  # repeats the type of the `data` property
        elif label is not None and label.endswith(" Enum"):
            self.property_enum = (label[: -len(" Enum")], value)
            self.expect = "property-enum"
        else:
            self.context.warn(
                block.line, f"unexpected text in component {self.name!r}: {text[:40]!r}"
            )

    def table_block(self, table: Table) -> None:
        columns = column_names(table)
        if columns[:2] == ("value", "description"):
            values = tuple(
                cell_text(row.cells[0])
                for row in table.rows
                if row.cells and cell_text(row.cells[0])
            )
            if self.expect == "property-enum" and self.property_enum:
                self.table.set_enum(self.property_enum[0], values, table.line)
            elif self.expect == "enum":
                self.enum_values = values
            else:
                self.context.warn(
                    table.line, "enum values table without an Enum heading"
                )
            self.expect = None
        elif columns[:2] == ("property", "value"):
            self.enum_table(table)
        elif columns[:2] == ("type value", "schema"):
            for row in table.rows:
                cells = [cell_text(c) for c in row.cells]
                target = link_name(cells[1]) if len(cells) > 1 else None
                if target is None:
                    self.context.warn(
                        row.line, "discriminator row without a schema link"
                    )
                else:
                    self.mapping.append((cells[0].strip("`"), target))
        elif columns[:3] == PROPERTY_COLUMNS[:3]:
            self.has_properties = True
            self.table.add(table, self.sub_parent)
        else:
            self.context.warn(
                table.line,
                f"unknown table in component {self.name!r}: {' | '.join(columns)}",
            )

    def enum_table(self, table: Table) -> None:
        """The newer layout: | **Description** | ... | / | **Type** | / | **Values** |."""
        for row in table.rows:
            cells = [cell_text(c) for c in row.cells] + [""]
            key, value = cells[0].strip("*").strip().lower(), cells[1]
            if key == "type":
                self.enum_type = value.strip() or "string"
            elif key == "default":
                self.has_default, self.default = parse_default(value)
            elif key == "values":
                self.enum_values = code_values(value)
            elif key != "description":
                self.context.warn(row.line, f"unknown enum property {cells[0]!r}")

    def bullet_list(self, block: BulletList) -> None:
        if self.expect == "variants":
            for item in block.items:
                found = links(item.text)
                if not found:
                    self.context.warn(item.line, "union member without a schema link")
                self.refs.extend(found)
        elif self.expect == "enum":
            self.enum_values = tuple(
                cell_text(item.text).strip("`") for item in block.items
            )
        else:
            self.context.warn(block.line, f"unexpected list in component {self.name!r}")
        self.expect = None

    def schema(self) -> Schema:
        heading = self.section.heading
        start = heading.end
        end = self.description_end or start
        description = self.doc.text(start, end) if end > start else ""
        pointer = line_pointer(heading.line)
        variants = tuple(
            Schema(type="ref", pointer=pointer, ref=ref) for ref in self.refs
        )
        variants += tuple(self.variant(v) for v in self.section.variants)
        if self.enum_values is not None:
            extensions = (
                (("x-ms-enum", {"name": self.enum_name}),) if self.enum_name else ()
            )
            return Schema(
                type=self.enum_type,
                pointer=pointer,
                name=self.name,
                description=description or None,
                enum=self.enum_values,
                has_default=self.has_default,
                default=self.default,
                extensions=extensions,
            )
        discriminator = None
        if self.discriminator_property is not None:
            discriminator = Discriminator(
                self.discriminator_property, tuple(self.mapping)
            )
        kind = "object" if self.has_properties else "union" if self.union else "any"
        properties = self.table.properties()
        return Schema(
            type=kind,
            pointer=pointer,
            name=self.name,
            description=description or None,
            properties=properties,
            required=tuple(p.name for p in properties if p.required),
            one_of=variants,
            discriminator=discriminator,
        )

    def variant(self, section: ComponentSection) -> Schema:
        reader = ComponentReader(section, self.doc, self.context)
        schema = reader.read()
        title = section.heading.text.strip()
        if schema is None:
            return Schema(
                type="object", pointer=line_pointer(section.heading.line), title=title
            )
        return replace(schema, name=None, title=title)


def _bold_label(text: str) -> str | None:
    """`**Default**: x` -> "Default"; `**Event Enum**: X` -> "Event Enum"."""
    if not text.startswith("**"):
        return None
    label, sep, _ = text[2:].partition("**")
    return label.rstrip(":").strip() if sep else None
