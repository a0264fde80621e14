"""Property tables -> IR properties, with nesting from `└─` rows (newer layout) or from
`### Properties for X` / `#### y` sub-tables (older layout)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ...ir import Property, Schema
from .blocks import Row, Table
from .cells import cell_text, parse_default, parse_required, split_values, type_schema
from .context import Context, line_pointer

_NESTED = "└─"
PROPERTY_COLUMNS = ("name", "type", "description", "required", "default")
# the older layout's heading over the sub-table of one property: `### Properties for X`
PROPERTIES_FOR = "Properties for "


def column_names(table: Table) -> tuple[str, ...]:
    return tuple(cell_text(h).strip("*: ").lower() for h in table.header)


def object_schema(
    properties: tuple[Property, ...], pointer: str, description: str | None = None
) -> Schema:
    """The object a property table describes."""
    required = tuple(p.name for p in properties if p.required)
    return Schema(
        type="object",
        pointer=pointer,
        description=description,
        properties=properties,
        required=required,
    )


def properties_for(heading: str) -> str | None:
    """`Properties for X` -> X; None for any other heading."""
    if not heading.startswith(PROPERTIES_FOR):
        return None
    return heading[len(PROPERTIES_FOR) :].strip()


@dataclass
class _Node:
    name: str
    schema: Schema
    required: bool
    line: int
    children: list[_Node] = field(default_factory=list)

    def freeze(self, context: Context) -> Property:
        schema = self.schema
        if self.children:
            if schema.type not in ("object", "any"):
                context.warn(
                    self.line, f"nested rows under {self.name!r}, typed {schema.type}"
                )
            else:
                kids = tuple(child.freeze(context) for child in self.children)
                required = tuple(kid.name for kid in kids if kid.required)
                schema = replace(
                    schema, type="object", properties=kids, required=required
                )
        return Property(name=self.name, schema=schema, required=self.required)


class PropertyTable:
    """Collects the rows of one object's property table(s)."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.roots: list[_Node] = []

    def add(self, table: Table, sub_parent: str | None) -> None:
        """A property table; below `### Properties for sub_parent`, one without a
        Required column lists that property's own properties."""
        if sub_parent is not None and "required" not in column_names(table):
            self.add_sub_table(sub_parent, table)
        else:
            self.add_table(table)

    def add_table(self, table: Table) -> None:
        columns = column_names(table)
        stack: list[_Node] = []
        for row in table.rows:
            node = self._node(row, columns)
            if node is None:
                continue
            depth = _depth(row)
            if depth > len(stack):
                self.context.warn(
                    row.line, f"nested row {node.name!r} has no parent row"
                )
                depth = len(stack)
            del stack[depth:]
            (stack[-1].children if stack else self.roots).append(node)
            stack.append(node)

    def add_sub_table(self, parent: str, table: Table) -> None:
        """`### Properties for parent` / `#### name` tables: one more level, no Required."""
        owner = next((node for node in self.roots if node.name == parent), None)
        if owner is None:
            self.context.warn(
                table.line, f"'Properties for {parent}' but no property {parent!r}"
            )
            return
        columns = column_names(table)
        unstated = "required" not in columns
        for row in table.rows:
            node = self._node(row, columns)
            if node is None:
                continue
            if unstated:
                self.context.unstated_required.add(node.schema.pointer)
            owner.children.append(node)

    def set_enum(self, name: str, values: tuple[str, ...], line: int) -> None:
        """`**event Enum**: X` and its values table, below the table listing `event`."""
        node = next((n for n in self.roots if n.name.lower() == name.lower()), None)
        if node is None:
            self.context.warn(line, f"enum for unknown property {name!r}")
            return
        node.schema = replace(node.schema, enum=values)

    def properties(self) -> tuple[Property, ...]:
        return tuple(node.freeze(self.context) for node in self.roots)

    def _node(self, row: Row, columns: tuple[str, ...]) -> _Node | None:
        values = dict(zip(columns, (cell_text(c) for c in row.cells)))
        name = values.get("name", "").replace(_NESTED, "").strip()
        if not any(values.values()):
            return None  # the stray `|` line some published tables end with
        if not name:
            self.context.warn(row.line, "property row without a name")
            return None
        required = parse_required(values.get("required", "no"))
        if required is None:
            self.context.warn(row.line, f"malformed property row {name!r}; skipped")
            return None
        description, enum_values = split_values(values.get("description", ""))
        has_default, default = parse_default(values.get("default", ""))
        schema = type_schema(
            values.get("type", ""),
            line_pointer(row.line),
            enum_values,
            lambda message: self.context.warn(row.line, f"{name}: {message}"),
            description=description or None,
            has_default=has_default,
            default=default,
        )
        return _Node(name, schema, required, row.line)


def _depth(row: Row) -> int:
    first = row.cells[0].strip() if row.cells else ""
    if not first.startswith(_NESTED):
        return 0
    return 1 + row.indent // 2
