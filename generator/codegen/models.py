"""Plans the models package: which IR schemas become classes, enums or type aliases,
their Python names and modules, and the Python type expression of every schema.

Components are named first so references resolve to the same names everywhere, each
in a module of its own; inline objects and enums get classes in the module of the
component (or operation schema) that holds them, named from where they sit in it
(scopes.py). Definitions are keyed by their `Name` (name and module).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..ir import Api, Property, Schema
from ..naming import constant, field_name, pascal, unique
from .pysource import py_value
from .pytypes import (
    ANY,
    BOOL,
    BUILTIN_TYPE_NAMES,
    NONE,
    PRIMITIVES,
    Name,
    Node,
    Union,
    dict_of,
    list_of,
    optional,
    subscripted,
    union,
)
from .schema_kinds import (
    ENUM_TYPES,
    constraints,
    contains,
    depth_first,
    enum_values,
    flatten,
    is_model,
    is_union,
    literal,
    member_name,
    schema_doc,
)
from .reserved import RESERVED_NAMES
from .scopes import Scopes
from .variants import variant_name


@dataclass
class ModelField:
    name: str  # Python attribute
    wire: str  # JSON name
    annotation: Node
    required: bool
    doc: list[str]
    constraints: list[tuple[str, str]]  # Field(...) keyword -> literal


@dataclass
class ModelClass:
    name: str
    schema: Schema
    doc: list[str]
    fields: list[ModelField] = field(default_factory=list)
    closed: bool = False


@dataclass
class EnumClass:
    name: str
    base: str  # OpenEnum | OpenIntEnum
    members: list[tuple[str, str]]  # member name -> literal
    doc: list[str]


@dataclass
class TypeAlias:
    name: str
    value: Node  # evaluated when the module runs: unions subscripted
    doc: list[str]


Definition = ModelClass | EnumClass | TypeAlias


class ModelPlan:
    """All definitions of a models module, by Python name, in definition order."""

    def __init__(self, api: Api) -> None:
        self.api = api
        # package-wide names: the roots' and those the modules import
        self.taken: set[str] = set(RESERVED_NAMES)
        self.definitions: dict[Name, Definition] = {}
        self.defined: set[str] = set()  # every name defined, in any module
        self.component_names: dict[str, str] = {}
        self.component_refs: dict[str, Name] = {}
        # schema pointer -> the name as other modules write it
        self.inline_names: dict[str, Name] = {}
        self.variant_names: dict[str, str] = {}  # union member pointer -> wanted name
        self.scopes = Scopes(MODULE, set(RESERVED_NAMES))
        for name in api.schemas:
            self.component_names[name] = unique(pascal(name), self.taken)
        for name, schema in api.schemas.items():
            py_name = self.component_names[name]
            prefix = "" if is_model(api, schema) else py_name
            self.component_refs[name] = self.scopes.root(
                schema.pointer, py_name, prefix, self.referenced(schema)
            )
        for name, schema in api.schemas.items():
            self.define_component(self.component_refs[name], schema)

    def reference(self, name: Name) -> Name:
        """How other modules write a definition: a root plainly, a nested one
        after its module."""
        return self.scopes.reference(name)

    def referenced(self, schema: Schema, suffix: str = "") -> set[str]:
        """The components a schema's inline tree refers to, by class name."""
        out, stack = set(), [schema]
        while stack:
            node = stack.pop()
            if node.type == "ref":
                out.add(self.component_names.get(node.ref or "", "") + suffix)
                continue
            stack += node.subschemas()
        return out

    # -- definitions ----------------------------------------------------------------

    def define_component(self, ref: Name, schema: Schema) -> None:
        doc = schema_doc(schema)
        if is_model(self.api, schema):
            self.define_class(ref, schema)
        elif enum_values(schema):
            self.define(ref, self.enum(ref.name, schema, doc))
        elif is_union(schema) and not schema.nullable:
            self.define_alias(ref, union(self.union_parts(schema, ref.name)), doc)
        else:
            self.define_alias(ref, self.type_of(schema), doc)

    def define(self, ref: Name, definition: Definition) -> None:
        self.definitions[ref] = definition
        self.defined.add(ref.name)

    def define_alias(self, ref: Name, value: Node, doc: list[str]) -> None:
        self.define(ref, TypeAlias(ref.name, subscripted(value), doc))

    def define_class(self, ref: Name, schema: Schema) -> None:
        model = ModelClass(ref.name, schema, self.class_doc(schema))
        # Registered before its fields are typed, so self-references find it.
        self.define(ref, model)
        props, closed = self.flatten(schema, set())
        # Models are what responses parse into: a writeOnly property is never there.
        props = [p for p in props if not self.marked(p, "write_only")]
        model.closed = closed
        # Models accept attribute names as well as wire names, so no attribute may
        # spell another field's wire name: "a_b" keeps it, "a-b" becomes a_b2.
        taken = {p.name for p in props if self.attribute(p.name) == p.name}
        for prop in props:
            model.fields.append(self.model_field(prop, taken))

    def class_doc(self, schema: Schema) -> list[str]:
        """A class's text: its schema's, else that of the first allOf part with any."""
        for part in (schema, *schema.all_of):
            lines = schema_doc(part, self.api)
            if lines:
                return lines
        return []

    def marked(self, prop: Property, flag: str) -> bool:
        """Whether a property is read_only / write_only, on itself or its $ref."""
        return bool(
            getattr(prop.schema, flag) or getattr(self.api.resolve(prop.schema), flag)
        )

    def attribute(self, wire: str) -> str:
        name = field_name(wire)
        # A field named `str` would shadow the type, one named like a class (日本: 日本)
        # the class, in the annotations of its model.
        if name in BUILTIN_TYPE_NAMES or name in self.defined:
            name += "_"
        return name

    def model_field(self, prop: Property, taken: set[str]) -> ModelField:
        annotation = self.type_of(prop.schema)
        if not prop.required:
            annotation = optional(annotation)
        name = self.attribute(prop.name)
        return ModelField(
            name=name if name == prop.name else unique(name, taken),
            wire=prop.name,
            annotation=annotation,
            required=prop.required,
            doc=schema_doc(prop.schema, self.api),
            constraints=constraints(self.api.resolve(prop.schema)),
        )

    def flatten(self, schema: Schema, seen: set[str]) -> tuple[list[Property], bool]:
        return flatten(self.api, schema, seen)

    def enum(self, py_name: str, schema: Schema, doc: list[str]) -> EnumClass:
        values = enum_values(schema) or []
        base = "OpenIntEnum" if all(isinstance(v, int) for v in values) else "OpenEnum"
        taken: set[str] = {"name", "value", "mro"}
        members = []
        for value in values:
            member = constant(str(value)) if value != "" else "EMPTY"
            members.append((unique(member_name(member), taken), py_value(value)))
        return EnumClass(py_name, base, members, doc)

    def inline_definition(self, schema: Schema) -> Name:
        """The class/enum/alias defined for an inline schema, as other modules write
        it; one no root holds (an operation's own schema) is a root itself."""
        if schema.pointer in self.inline_names:
            return self.inline_names[schema.pointer]
        wanted = self.variant_names.get(schema.pointer)
        ref = self.scopes.nested(schema.pointer, wanted)
        if ref is None:
            py_name = unique(wanted or pascal(schema.name or "Model"), self.taken)
            prefix = "" if is_model(self.api, schema) else py_name
            ref = self.scopes.root(
                schema.pointer, py_name, prefix, self.referenced(schema)
            )
        self.inline_names[schema.pointer] = ref
        doc = schema_doc(schema)
        if is_model(self.api, schema):
            self.define_class(ref.plain, schema)
        elif enum_values(schema):
            self.define(ref.plain, self.enum(ref.name, schema, doc))
        else:
            parts = self.union_parts(schema, ref.name)
            self.define_alias(ref.plain, union(parts), doc)
        return ref

    # -- type expressions -------------------------------------------------------------

    def union_parts(self, schema: Schema, parent: str | None = None) -> list[Node]:
        """The members of a union, ordered so that pydantic gives a value back as it
        came: an enum class never matches strictly, so it goes first (else "1" could
        become 1.0 through `float | Enum`); `Literal[0] | bool` reads false as 0, so
        literal variants merge into one Literal that takes in bool; a bool left goes
        last (`bool | IntEnum` reads 0 as false)."""
        enums: list[Node] = []
        parts: list[Node] = []
        literals: list[Any] = []
        parent = parent or self.scopes.wanted(schema.pointer) or pascal(schema.name)
        for variant in schema.one_of + schema.any_of:
            if variant.type != "ref":
                self.variant_names.setdefault(
                    variant.pointer,
                    variant_name(self.api, self.flatten, parent, variant),
                )
            values = self.literal_values(variant)
            if values is None:
                typed = self.type_of(variant)
                pieces = list(typed.members) if isinstance(typed, Union) else [typed]
                enum = enum_values(self.api.resolve(variant)) is not None
                if enum and pieces[0] not in enums:
                    enums.append(pieces[0])
            else:
                nullable = variant.nullable or self.api.resolve(variant).nullable
                pieces = [_LITERALS] + ([NONE] if nullable else [])
                literals += [v for v in values if not contains(literals, v)]
            for piece in pieces:
                if piece not in parts:
                    parts.append(piece)
        parts = enums + [part for part in parts if part not in enums]
        if ANY in parts:
            return [ANY]
        # Both booleans are `bool`, last: pydantic finds `1` in `Literal[True]` (equal
        # in Python) before an integer member could take it.
        if BOOL in parts or (contains(literals, True) and contains(literals, False)):
            literals = [v for v in literals if not isinstance(v, bool)]
            kept = [p for p in parts if p != BOOL and (p != _LITERALS or literals)]
            parts = kept + [BOOL]
        if literals:
            parts[parts.index(_LITERALS)] = literal(literals) or ANY
        return parts or [ANY]

    def literal_values(self, schema: Schema) -> list[Any] | None:
        """The values of a schema that is typed as a Literal (through a $ref too)."""
        target = self.api.resolve(schema)
        if target.has_const and literal([target.const]):
            return [target.const]
        if is_model(self.api, target):
            return None
        values = enum_values(target)
        if values is not None:
            return values if len(values) == 1 else None
        if target.enum and target.type in ENUM_TYPES and literal(target.enum):
            return list(target.enum)
        return None

    def type_of(self, schema: Schema) -> Node:
        expr = self.base_type(schema)
        return optional(expr) if self.nullable(schema) else expr

    def nullable(self, schema: Schema) -> bool:
        """Whether the schema admits null, also through a $ref to a component that
        does (3.0 `nullable: true` on the component)."""
        if schema.nullable:
            return True
        return schema.type == "ref" and self.api.resolve(schema).nullable

    def base_type(self, schema: Schema) -> Node:
        kind = schema.type
        if kind == "ref":
            return self.component_refs.get(schema.ref or "", ANY)
        values = self.literal_values(schema)
        if values is not None:
            return literal(values) or ANY
        if is_model(self.api, schema) or enum_values(schema) is not None:
            return self.inline_definition(schema)
        if kind == "object":
            extra = schema.additional_properties
            return dict_of(self.type_of(extra) if isinstance(extra, Schema) else ANY)
        if kind == "array":
            return list_of(self.type_of(schema.items) if schema.items else ANY)
        if is_union(schema):
            parts = self.union_parts(schema)
            if len(parts) == 1:
                return parts[0]
            return self.inline_definition(schema)
        return PRIMITIVES.get(kind, ANY)

    def used_definitions(self, node: Node) -> list[Name]:
        """The definitions of this package a type names."""
        return [n.plain for n in node.names() if in_package(n, MODULE)]

    # -- ordering ---------------------------------------------------------------------

    def deps(self, name: Name) -> list[Name]:
        """What to define before `name`: for an alias, the definitions its expression
        evaluates when the module runs; for a class, the classes its fields hold. pydantic
        builds a class whose field classes are complete without recursing into them,
        so a chain of hundreds of nested classes imports."""
        definition = self.definitions[name]
        if isinstance(definition, TypeAlias):
            return sorted(set(self.used_definitions(definition.value)), key=_key)
        if isinstance(definition, ModelClass):
            used = {
                n
                for f in definition.fields
                for n in self.used_definitions(f.annotation)
            }
            return sorted(
                (n for n in used if isinstance(self.definitions.get(n), ModelClass)),
                key=_key,
            )
        return []

    def break_cycle(self, name: Name, dep: Name) -> None:
        """An alias cannot evaluate itself, directly or through other aliases
        (`U = Union[U, str]`), before it exists: that reference becomes Any. (Classes
        only need each other once the module is complete: their cycles stay.)"""
        alias = self.definitions[name]
        if isinstance(alias, TypeAlias):
            alias.value = alias.value.replace({dep: ANY, self.reference(dep): ANY})

    def ordered(self) -> list[tuple[Name, Definition]]:
        """Enums first, then every alias and class after what it depends on (deps)."""
        enums = [n for n, d in self.definitions.items() if isinstance(d, EnumClass)]
        rest = depth_first(
            self.definitions, self.deps, self.break_cycle, done=set(enums)
        )
        return [(name, self.definitions[name]) for name in enums + rest]


MODULE = "models"


def in_package(name: Name, package: str) -> bool:
    """Whether a name is defined in one of `package`'s modules."""
    return name.module is not None and name.module.startswith(package + ".")


def _key(name: Name) -> tuple[str, str]:
    return (name.module or "", name.name)


# Where union_parts keeps the place of the merged Literal while it collects values.
_LITERALS = Name("Literal", "typing")
