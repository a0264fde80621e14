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
    annotation: str
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
    parts: list[str]  # Union members, or a single expression
    doc: list[str]
    deps: set[str] = field(default_factory=set)


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
        for name in api.schemas:
            self.component_names[name] = unique(pascal(name), self.taken)
        for name, schema in api.schemas.items():
            self.define_component(self.component_names[name], schema)

    # -- definitions ----------------------------------------------------------------

    def define_component(self, py_name: str, schema: Schema) -> None:
        doc = _doc(schema)
        if _is_model(self.api, schema):
            self.define_class(py_name, schema)
        elif _enum_values(schema):
            self.definitions[py_name] = self.enum(py_name, schema, doc)
        elif _is_union(schema) and not schema.nullable:
            parts = self.union_parts(schema)
            self.definitions[py_name] = TypeAlias(
                py_name, parts, doc, self.deps_of(parts)
            )
        else:
            expr = self.type_of(schema, alias_unions=True)
            self.definitions[py_name] = TypeAlias(
                py_name, [expr], doc, self.deps_of([expr])
            )

    def define_class(self, py_name: str, schema: Schema) -> None:
        model = ModelClass(py_name, schema, _doc(schema))
        # Registered before its fields are typed, so self-references find it.
        self.definitions[py_name] = model
        props, closed = self.flatten(schema, set())
        model.closed = closed
        # Models accept attribute names as well as wire names, so no attribute may
        # spell another field's wire name: "a_b" keeps it, "a-b" becomes a_b2.
        taken = {p.name for p in props if self.attribute(p.name) == p.name}
        for prop in props:
            model.fields.append(self.model_field(prop, taken))

    def attribute(self, wire: str) -> str:
        name = field_name(wire)
        # A field named `str` would shadow the type, one named like a class (日本: 日本)
        # the class, in the annotations of its model.
        if name in _ANNOTATION_NAMES or name in self.definitions:
            name += "_"
        return name

    def model_field(self, prop: Property, taken: set[str]) -> ModelField:
        annotation = self.type_of(prop.schema)
        if (
            not prop.required
            and not annotation.endswith("| None")
            and annotation not in ("Any", "None")
        ):
            annotation += " | None"
        name = self.attribute(prop.name)
        return ModelField(
            name=name if name == prop.name else unique(name, taken),
            wire=prop.name,
            annotation=annotation,
            required=prop.required,
            doc=_doc(prop.schema, self.api),
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
        values = _enum_values(schema) or []
        base = "OpenIntEnum" if all(isinstance(v, int) for v in values) else "OpenEnum"
        taken: set[str] = {"name", "value", "mro"}
        members = []
        for value in values:
            member = constant(str(value)) if value != "" else "EMPTY"
            members.append((unique(_member_name(member), taken), py_value(value)))
        return EnumClass(py_name, base, members, doc)

    def inline_definition(self, schema: Schema) -> str:
        """The name of the class/enum/alias defined for an inline schema."""
        if schema.pointer in self.inline_names:
            return self.inline_names[schema.pointer]
        py_name = unique(pascal(schema.name or "Model"), self.taken)
        self.inline_names[schema.pointer] = py_name
        if _is_model(self.api, schema):
            self.define_class(py_name, schema)
        elif _enum_values(schema):
            self.definitions[py_name] = self.enum(py_name, schema, _doc(schema))
        else:
            parts = self.union_parts(schema)
            self.definitions[py_name] = TypeAlias(
                py_name, parts, _doc(schema), self.deps_of(parts)
            )
        return py_name

    # -- type expressions -------------------------------------------------------------

    def union_parts(self, schema: Schema) -> list[str]:
        """The members of a union, ordered so that pydantic gives a value back as it
        came: an enum class never matches strictly, so it goes first (else "1" could
        become 1.0 through `float | Enum`); `Literal[0] | bool` reads false as 0, so
        literal variants merge into one Literal that takes in bool; a bool left goes
        last (`bool | IntEnum` reads 0 as false)."""
        enums: list[str] = []
        parts: list[str] = []
        literals: list[Any] = []
        for variant in schema.one_of + schema.any_of:
            values = self.literal_values(variant)
            if values is None:
                pieces = self.type_of(variant).split(" | ")
                enum = _enum_values(self.api.resolve(variant)) is not None
                if enum and pieces[0] not in enums:
                    enums.append(pieces[0])
            else:
                nullable = variant.nullable or self.api.resolve(variant).nullable
                pieces = ["Literal"] + (["None"] if nullable else [])
                literals += [v for v in values if not _contains(literals, v)]
            for piece in pieces:
                if piece not in parts:
                    parts.append(piece)
        parts = enums + [part for part in parts if part not in enums]
        if "Any" in parts:
            return ["Any"]
        if "bool" in parts:
            parts.remove("bool")
            if literals:
                literals += [v for v in (True, False) if not _contains(literals, v)]
            else:
                parts.append("bool")
        if literals:
            parts[parts.index("Literal")] = _literal(literals) or "Any"
        return parts or ["Any"]

    def literal_values(self, schema: Schema) -> list[Any] | None:
        """The values of a schema that is typed as a Literal (through a $ref too)."""
        target = self.api.resolve(schema)
        if target.has_const and _literal([target.const]):
            return [target.const]
        if _is_model(self.api, target):
            return None
        values = _enum_values(target)
        if values is not None:
            return values if len(values) == 1 else None
        if target.enum and target.type in _ENUM_TYPES and _literal(target.enum):
            return list(target.enum)
        return None

    def type_of(self, schema: Schema, alias_unions: bool = True) -> str:
        expr = self.base_type(schema, alias_unions)
        if (
            schema.nullable
            and expr not in ("Any", "None")
            and not expr.endswith("| None")
        ):
            expr += " | None"
        return expr

    def base_type(self, schema: Schema, alias_unions: bool) -> str:
        kind = schema.type
        if kind == "ref":
            return self.component_names.get(schema.ref or "", "Any")
        values = self.literal_values(schema)
        if values is not None:
            return _literal(values) or "Any"
        if _is_model(self.api, schema) or _enum_values(schema) is not None:
            return self.inline_definition(schema)
        if kind == "object":
            extra = schema.additional_properties
            value = self.type_of(extra) if isinstance(extra, Schema) else "Any"
            return f"dict[str, {value}]"
        if kind == "array":
            return f"list[{self.type_of(schema.items) if schema.items else 'Any'}]"
        if _is_union(schema):
            parts = self.union_parts(schema)
            if len(parts) == 1:
                return parts[0]
            return self.inline_definition(schema) if alias_unions else " | ".join(parts)
        return _PRIMITIVE_TYPES.get(kind, "Any")

    def deps_of(self, exprs: list[str]) -> set[str]:
        names = set()
        for expr in exprs:
            for token in _identifiers(expr):
                if token in self.definitions or token in self.component_names.values():
                    names.add(token)
        return names

    # -- ordering ---------------------------------------------------------------------

    def deps(self, name: str) -> list[str]:
        """What to define before `name`: for an alias, the definitions its expression
        evaluates when the module runs; for a class, the classes its fields hold. pydantic
        builds a class whose field classes are complete without recursing into them,
        so a chain of hundreds of nested classes imports."""
        definition = self.definitions[name]
        if isinstance(definition, TypeAlias):
            return sorted(dep for dep in definition.deps if dep in self.definitions)
        if isinstance(definition, ModelClass):
            used = {n for f in definition.fields for n in _identifiers(f.annotation)}
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
            alias.parts = [_replace_name(part, dep, "Any") for part in alias.parts]
            alias.deps.discard(dep)

    def ordered(self) -> list[Definition]:
        """Enums first, then every alias and class after what it depends on (deps)."""
        enums = [n for n, d in self.definitions.items() if isinstance(d, EnumClass)]
        rest = _depth_first(
            self.definitions, self.deps, self.break_cycle, done=set(enums)
        )
        return [self.definitions[name] for name in enums + rest]


_ANNOTATION_NAMES = {"str", "int", "float", "bool", "list", "dict", "bytes"}

_PRIMITIVE_TYPES = {
    "string": "str",
    "integer": "int",
    "number": "float",
    "boolean": "bool",
    "null": "None",
    "any": "Any",
}


# A string literal (group 1) or a name (group 2) in a type expression. A name is any run
# of characters that are not punctuation of the expression, so identifiers with
# combining marks stay whole; numbers in Literal[...] match too but name nothing.
_TOKEN = re.compile(
    r"""("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|([^\s\[\](),|.:=*"'\\-]+)"""
)


def _tokens(expr: str) -> list[tuple[bool, str]]:
    """`expr` cut into (is a name, text) pieces; nothing inside a string literal is a
    name."""
    out: list[tuple[bool, str]] = []
    position = 0
    for match in _TOKEN.finditer(expr):
        if match.start() > position:
            out.append((False, expr[position : match.start()]))
        out.append((match.group(2) is not None, match.group(0)))
        position = match.end()
    if position < len(expr):
        out.append((False, expr[position:]))
    return out


def _identifiers(expr: str) -> list[str]:
    return [text for is_name, text in _tokens(expr) if is_name]


def _replace_name(expr: str, old: str, new: str) -> str:
    return "".join(
        new if is_name and text == old else text for is_name, text in _tokens(expr)
    )


def _depth_first(
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


def _is_union(schema: Schema) -> bool:
    """oneOf/anyOf alone make a union, also under `type: object`."""
    return (
        bool(schema.one_of or schema.any_of)
        and not schema.properties
        and not schema.all_of
    )


def _is_model(api: Api, schema: Schema) -> bool:
    if schema.type != "object" or schema.has_const or _is_union(schema):
        return False
    if schema.properties or schema.all_of:
        return True
    # A bare object with no value schema: an open model rather than an untyped dict.
    return not isinstance(schema.additional_properties, Schema)


_ENUM_TYPES = ("string", "integer", "number", "boolean", "any")


def _enum_values(schema: Schema) -> list | None:
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


def _literal(values: Iterable[object]) -> str | None:
    """`Literal[...]` of JSON values, when typing allows them all (not floats,
    objects or arrays: those fall back to the schema's plain type)."""
    values = list(values)
    if not all(v is None or isinstance(v, (str, int)) for v in values):
        return None
    return "Literal[" + ", ".join(py_value(v) for v in values) + "]"


def _member_name(name: str) -> str:
    if name.startswith("_"):
        name = "V" + name
    return name


def _doc(schema: Schema, api: Api | None = None) -> list[str]:
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
