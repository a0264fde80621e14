"""Plans the models module: which IR schemas become classes, enums or type aliases,
their unique Python names, and the Python type expression of every schema.

Components are named first so references resolve to the same names everywhere; inline
objects and enums get classes named from where they sit (schema.name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from ..ir import Api, Property, Schema
from ..naming import constant, field_name, pascal, unique
from .pysource import clean_lines, py_value
from .variants import variant_name
from .pytypes import (
    ANY,
    BUILTIN_TYPE_NAMES,
    PRIMITIVES,
    BOOL,
    NONE,
    Literal,
    Name,
    Node,
    Union,
    dict_of,
    list_of,
    optional,
    subscripted,
    union,
)

# Names the generated modules define or import; no model or resource may take them.
_MODULE_NAMES = {
    "Any",
    "BaseModel",
    "ConfigDict",
    "Field",
    "Literal",
    "Union",
    "OpenEnum",
    "OpenIntEnum",
    "annotations",
    "Client",
    "AsyncClient",
    "NotGiven",
    "NOT_GIVEN",
    "FileTypes",
    "Mapping",
    "httpx",
    "warnings",
    "models",
    "Stream",
    "AsyncStream",
    "SyncPage",
    "AsyncPage",
    "RawResponse",
    "ServerSentEvent",
    "StreamError",
    "SyncAPIClient",
    "AsyncAPIClient",
    "DEFAULT_MAX_RETRIES",
    "Callable",
    "Dict",
    "List",
    "Mapping",
    "TypeAlias",
    "Timeout",
    "overload",
    "cached_property",
    "to_raw_response",
    "to_async_raw_response",
    "to_streamed_response",
    "to_async_streamed_response",
    "StreamedResponse",
    "AsyncStreamedResponse",
    "ConfigurationError",
    "Awaitable",
    "Self",
    "TracebackType",
}


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


class _Merged:
    """A schema's properties while ModelPlan.flatten merges its allOf parts in."""

    def __init__(self, schema: Schema, seen: set[str]) -> None:
        self.schema = schema
        self.seen = seen
        self.parts = iter(schema.all_of)
        self.props: dict[str, Property] = {}
        self.required = set(schema.required)

    def add(self, prop: Property) -> None:
        self.props[prop.name] = prop
        if prop.required:
            self.required.add(prop.name)

    def result(self) -> list[Property]:
        for prop in self.schema.properties:
            self.add(prop)
        return [
            Property(p.name, p.schema, p.name in self.required)
            for p in self.props.values()
        ]


class ModelPlan:
    """All definitions of a models module, by Python name, in definition order."""

    def __init__(self, api: Api) -> None:
        self.api = api
        self.taken: set[str] = set(_MODULE_NAMES)
        self.definitions: dict[str, Definition] = {}
        self.component_names: dict[str, str] = {}
        self.inline_names: dict[str, str] = {}  # schema pointer -> name
        self.variant_names: dict[str, str] = {}  # union member pointer -> wanted name
        for name in api.schemas:
            self.component_names[name] = unique(pascal(name), self.taken)
        for name, schema in api.schemas.items():
            self.define_component(self.component_names[name], schema)

    # -- definitions ----------------------------------------------------------------

    def define_component(self, py_name: str, schema: Schema) -> None:
        doc = schema_doc(schema)
        if is_model(self.api, schema):
            self.define_class(py_name, schema)
        elif enum_values(schema):
            self.definitions[py_name] = self.enum(py_name, schema, doc)
        elif is_union(schema) and not schema.nullable:
            self.define_alias(py_name, union(self.union_parts(schema, py_name)), doc)
        else:
            self.define_alias(py_name, self.type_of(schema), doc)

    def define_alias(self, py_name: str, value: Node, doc: list[str]) -> None:
        self.definitions[py_name] = TypeAlias(py_name, subscripted(value), doc)

    def define_class(self, py_name: str, schema: Schema) -> None:
        model = ModelClass(py_name, schema, self.class_doc(schema))
        # Registered before its fields are typed, so self-references find it.
        self.definitions[py_name] = model
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
        if name in BUILTIN_TYPE_NAMES or name in self.definitions:
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
            constraints=_constraints(self.api.resolve(prop.schema)),
        )

    def flatten(self, schema: Schema, seen: set[str]) -> tuple[list[Property], bool]:
        """Properties of an object, allOf parts merged in order; whether it is closed.
        A name is required when any part lists it in `required`. Iterative, so that an
        allOf chain of thousands of components cannot exhaust the stack."""
        stack = [_Merged(schema, seen)]
        while True:
            top = stack[-1]
            part = next(top.parts, None)
            if part is None:
                props = top.result()
                stack.pop()
                if not stack:
                    return props, schema.additional_properties is False
                for prop in props:
                    stack[-1].add(prop)
                continue
            target = part
            if part.type == "ref" and part.ref:
                if part.ref in top.seen:
                    continue
                top.seen = top.seen | {part.ref}
                target = self.api.resolve(part)
            if target.type in ("object", "any"):
                top.required.update(target.required)
                stack.append(_Merged(target, top.seen))

    def enum(self, py_name: str, schema: Schema, doc: list[str]) -> EnumClass:
        values = enum_values(schema) or []
        base = "OpenIntEnum" if all(isinstance(v, int) for v in values) else "OpenEnum"
        taken: set[str] = {"name", "value", "mro"}
        members = []
        for value in values:
            member = constant(str(value)) if value != "" else "EMPTY"
            members.append((unique(_member_name(member), taken), py_value(value)))
        return EnumClass(py_name, base, members, doc)

    def inline_definition(self, schema: Schema) -> Name:
        """The class/enum/alias defined for an inline schema."""
        if schema.pointer in self.inline_names:
            return _model_name(self.inline_names[schema.pointer])
        wanted = self.variant_names.get(schema.pointer) or pascal(schema.name or "Model")
        py_name = unique(wanted, self.taken)
        self.inline_names[schema.pointer] = py_name
        doc = schema_doc(schema)
        if is_model(self.api, schema):
            self.define_class(py_name, schema)
        elif enum_values(schema):
            self.definitions[py_name] = self.enum(py_name, schema, doc)
        else:
            self.define_alias(py_name, union(self.union_parts(schema, py_name)), doc)
        return _model_name(py_name)

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
        parent = parent or pascal(schema.name or "Model")
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
                literals += [v for v in values if not _contains(literals, v)]
            for piece in pieces:
                if piece not in parts:
                    parts.append(piece)
        parts = enums + [part for part in parts if part not in enums]
        if ANY in parts:
            return [ANY]
        if BOOL in parts:
            parts.remove(BOOL)
            if literals:
                literals += [v for v in (True, False) if not _contains(literals, v)]
            else:
                parts.append(BOOL)
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
        if target.enum and target.type in _ENUM_TYPES and literal(target.enum):
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
            name = self.component_names.get(schema.ref or "")
            return _model_name(name) if name else ANY
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

    def used_definitions(self, node: Node) -> list[str]:
        """The definitions of this module a type names."""
        return [n.name for n in node.names() if n.module == MODULE]

    # -- ordering ---------------------------------------------------------------------

    def deps(self, name: str) -> list[str]:
        """What to define before `name`: for an alias, the definitions its expression
        evaluates when the module runs; for a class, the classes its fields hold. pydantic
        builds a class whose field classes are complete without recursing into them,
        so a chain of hundreds of nested classes imports."""
        definition = self.definitions[name]
        if isinstance(definition, TypeAlias):
            return sorted(set(self.used_definitions(definition.value)))
        if isinstance(definition, ModelClass):
            used = {n for f in definition.fields for n in self.used_definitions(f.annotation)}
            return sorted(
                n for n in used if isinstance(self.definitions.get(n), ModelClass)
            )
        return []

    def break_cycle(self, name: str, dep: str) -> None:
        """An alias cannot evaluate itself, directly or through other aliases
        (`U = Union[U, str]`), before it exists: that reference becomes Any. (Classes
        only need each other once the module is complete: their cycles stay.)"""
        alias = self.definitions[name]
        if isinstance(alias, TypeAlias):
            alias.value = alias.value.replace({_model_name(dep): ANY})

    def ordered(self) -> list[Definition]:
        """Enums first, then every alias and class after what it depends on (deps)."""
        enums = [n for n, d in self.definitions.items() if isinstance(d, EnumClass)]
        rest = depth_first(
            self.definitions, self.deps, self.break_cycle, done=set(enums)
        )
        return [self.definitions[name] for name in enums + rest]


MODULE = "models"


def _model_name(py_name: str) -> Name:
    return Name(py_name, MODULE)


# Where union_parts keeps the place of the merged Literal while it collects values.
_LITERALS = Name("Literal", "typing")


def depth_first(
    names: Iterable[str],
    deps: Callable[[str], list[str]],
    back_edge: Callable[[str, str], None] | None = None,
    done: set[str] | None = None,
) -> list[str]:
    """`names` not yet `done`, each after its deps. Iterative, so a chain of thousands
    of aliases cannot exhaust the stack; `back_edge(name, dep)` hears of each cycle."""
    done = set() if done is None else done
    order: list[str] = []
    for root in list(names):
        if root in done:
            continue
        stack, active = [(root, iter(deps(root)))], {root}
        while stack:
            name, pending = stack[-1]
            for dep in pending:
                if dep in active:
                    if back_edge is not None:
                        back_edge(name, dep)
                elif dep not in done:
                    stack.append((dep, iter(deps(dep))))
                    active.add(dep)
                    break
            else:
                stack.pop()
                active.discard(name)
                done.add(name)
                order.append(name)
    return order


def is_union(schema: Schema) -> bool:
    """oneOf/anyOf alone make a union, also under `type: object`."""
    return (
        bool(schema.one_of or schema.any_of)
        and not schema.properties
        and not schema.all_of
    )


def is_model(api: Api, schema: Schema) -> bool:
    if schema.type != "object" or schema.has_const or is_union(schema):
        return False
    if schema.properties or schema.all_of:
        return True
    # A bare object with no value schema: an open model rather than an untyped dict.
    return not isinstance(schema.additional_properties, Schema)


_ENUM_TYPES = ("string", "integer", "number", "boolean", "any")


def enum_values(schema: Schema) -> list | None:
    """The values of an enum that becomes an enum class: all strings, or all integers
    (not bools: an int enum would send True as 1)."""
    if not schema.enum or schema.type not in _ENUM_TYPES:
        return None
    values = list(schema.enum)
    if all(isinstance(v, str) for v in values) or all(type(v) is int for v in values):
        return values
    return None


def _contains(values: list[Any], value: Any) -> bool:
    """`value in values`, telling True from 1 and False from 0."""
    return any(type(v) is type(value) and v == value for v in values)


def literal(values: Iterable[object]) -> Literal | None:
    """`Literal[...]` of JSON values, when typing allows them all (not floats,
    objects or arrays: those fall back to the schema's plain type)."""
    values = list(values)
    if not all(v is None or isinstance(v, (str, int)) for v in values):
        return None
    return Literal(tuple(values))


def _member_name(name: str) -> str:
    if name.startswith("_"):
        name = "V" + name
    return name


def schema_doc(schema: Schema | None, api: Api | None = None) -> list[str]:
    """A schema's description (else title) as lines; for a bare $ref, the target's."""
    if schema is None:
        return []
    lines = clean_lines(schema.description or schema.title)
    if api is not None and not lines and schema.type == "ref":
        target = api.resolve(schema)
        lines = clean_lines(target.description or target.title)
    return lines


def _constraints(schema: Schema) -> list[tuple[str, str]]:
    """pydantic Field keywords for the schema's value constraints."""
    out: list[tuple[str, str]] = []
    if schema.enum is not None or schema.has_const:
        return out
    numeric = schema.type in ("integer", "number")
    sized = schema.type in ("string", "array")
    if numeric:
        for key, value in (
            ("ge", schema.minimum),
            ("le", schema.maximum),
            ("gt", schema.exclusive_minimum),
            ("lt", schema.exclusive_maximum),
            ("multiple_of", schema.multiple_of),
        ):
            if value is not None:
                out.append((key, py_value(value)))
    if sized:
        low = schema.min_length if schema.type == "string" else schema.min_items
        high = schema.max_length if schema.type == "string" else schema.max_items
        if low is not None:
            out.append(("min_length", py_value(low)))
        if high is not None:
            out.append(("max_length", py_value(high)))
    if schema.type == "string" and _python_regex(schema.pattern):
        out.append(("pattern", py_value(schema.pattern)))
    return out


def _python_regex(pattern: str | None) -> bool:
    """Whether pydantic can compile the pattern: ECMA-262 syntax such as \\p{L}
    is no Python regex, and the model would fail to import."""
    if pattern is None:
        return False
    try:
        re.compile(pattern)
    except (re.error, OverflowError, RecursionError):
        return False
    return True
