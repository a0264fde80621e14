"""Plans the params module: the request types users write (the openai package's
`*Param` convention). Every object a request takes becomes a `TypedDict`
(`total=False`, required keys `Required[...]`), arrays are `Iterable[...]`, enums are
`Literal[...]` (open ones `| str`), so plain dicts and strings type-check; readOnly
properties are left out. Models stay for responses.

Laid out as the models are (scopes.py): a module per root, `create_assistant_request_param`
holding `CreateAssistantRequestParam` and its nested `ToolResources`.
"""

from __future__ import annotations

import keyword
from dataclasses import dataclass, field, replace

from ..ir import Api, Schema
from ..naming import pascal, unique
from .models import ModelPlan, in_package
from .schema_kinds import (
    depth_first,
    enum_values,
    is_model,
    is_union,
    literal,
    schema_doc,
)
from .pytypes import (
    ANY,
    BUILTIN_TYPE_NAMES,
    NONE,
    PRIMITIVES,
    STR,
    Literal,
    Name,
    Node,
    Subscript,
    Union,
    optional,
    typing_name,
    union,
)
from .scopes import Scopes

MODULE = "params"
OBJECT = Name("object")
ITERABLE = typing_name("Iterable")
TYPING_DICT = typing_name("Dict")
REQUIRED = typing_name("Required")
FILE_TYPES = Name("FileTypes", "_types")


@dataclass
class ParamField:
    key: str  # the wire name, a key of the dict
    annotation: Node  # Required[...] for a required key
    doc: list[str]


@dataclass
class ParamClass:
    name: str
    doc: list[str]
    fields: list[ParamField] = field(default_factory=list)

    @property
    def functional(self) -> bool:
        """Whether the keys need `TypedDict("Name", {...})`: some key is no plain
        identifier, or would shadow a name the annotations use."""
        used = {n.name for f in self.fields for n in f.annotation.names()}
        return any(
            not f.key.isidentifier()
            or keyword.iskeyword(f.key)
            or f.key.startswith("__")
            or f.key in BUILTIN_TYPE_NAMES
            or f.key in used
            for f in self.fields
        )


@dataclass
class ParamAlias:
    name: str
    value: Node
    doc: list[str]


ParamDefinition = ParamClass | ParamAlias


class ParamPlan:
    """The params module's definitions, planned as requests reach them."""

    def __init__(self, api: Api, models: ModelPlan) -> None:
        self.api = api
        self.models = models
        self.definitions: dict[Name, ParamDefinition] = {}
        # component name or inline pointer -> the name as other modules write it
        self.names: dict[str, Name] = {}
        self.scopes = Scopes(MODULE, models.scopes.reserved)

    def type_of(self, schema: Schema, file_fields: bool = False) -> Node:
        """The request type of a schema; binary strings are files where the body is
        multipart (`file_fields`)."""
        node = self.base_type(schema, file_fields)
        return optional(node) if self.models.nullable(schema) else node

    def base_type(self, schema: Schema, file_fields: bool) -> Node:
        if schema.type == "ref":
            return self.component(schema.ref or "")
        if file_fields and _is_binary(schema):
            return FILE_TYPES
        values = self.models.literal_values(schema)
        if values is not None:
            return literal(values) or PRIMITIVES.get(schema.type, ANY)
        values = enum_values(schema)
        if values is not None:
            return self.enum(schema, values)
        if is_model(self.api, schema):
            return self.typed_dict(schema.pointer, schema)
        if schema.type == "object":
            extra = schema.additional_properties
            value = self.type_of(extra) if isinstance(extra, Schema) else OBJECT
            return Subscript(TYPING_DICT, (STR, value))
        if schema.type == "array":
            item = self.type_of(schema.items, file_fields) if schema.items else OBJECT
            return Subscript(ITERABLE, (item,))
        if is_union(schema):
            return self.union(schema, file_fields)
        return OBJECT if schema.type == "any" else PRIMITIVES.get(schema.type, ANY)

    def enum(self, schema: Schema, values: list[object]) -> Node:
        node = literal(values) or PRIMITIVES.get(schema.type, ANY)
        return union([node, STR]) if is_open_enum(schema) else node

    def union(self, schema: Schema, file_fields: bool) -> Node:
        members = [self.type_of(v, file_fields) for v in schema.one_of + schema.any_of]
        if schema.nullable:
            members.append(NONE)
        # The Literals of an enum beside a plain string read first, as users look.
        literals = [m for m in _flat(members) if isinstance(m, Literal)]
        return union(literals + [m for m in _flat(members) if m not in literals])

    def component(self, ref: str) -> Node:
        target = self.api.schemas.get(ref)
        if target is None:
            return ANY
        if is_model(self.api, target):
            return self.typed_dict(ref, target)
        nested = (
            (is_union(target) and not enum_values(target))
            or target.items is not None
            or isinstance(target.additional_properties, Schema)
        )
        if not nested:  # a string, an enum: written out where it is used
            return self.base_type(target, False)
        if ref not in self.names:  # a union or container: an alias, maybe recursive
            name = self.name_for(self.models.component_names[ref])
            imported = self.models.referenced(target, "Param")
            self.names[ref] = self.scopes.root(target.pointer, name, name, imported)
            alias = ParamAlias(name, ANY, schema_doc(target))
            self.definitions[self.names[ref]] = alias  # before its members: recursion
            alias.value = self.type_of(replace(target, nullable=False))
        return self.names[ref]

    def typed_dict(self, key: str, schema: Schema) -> Node:
        if key not in self.names:
            props, _ = self.models.flatten(schema, set())
            if not props:  # no properties named: any keys
                return Subscript(TYPING_DICT, (STR, OBJECT))
            self.names[key] = self.place(key, schema)
            definition = ParamClass(self.names[key].name, schema_doc(schema))
            # before its fields: recursion
            self.definitions[self.names[key].plain] = definition
            for prop in props:
                if self.models.marked(prop, "read_only"):
                    continue  # set by the server, never sent
                annotation = self.type_of(prop.schema)
                if prop.required:
                    annotation = Subscript(REQUIRED, (annotation,))
                definition.fields.append(
                    ParamField(prop.name, annotation, schema_doc(prop.schema, self.api))
                )
        return self.names[key]

    def place(self, key: str, schema: Schema) -> Name:
        """A component's TypedDict is a root, `<Component>Param`; an inline one is
        nested in the root that holds it, named as its model is."""
        if key not in self.api.schemas:
            wanted = self.models.variant_names.get(schema.pointer)
            nested = self.scopes.nested(schema.pointer, wanted)
            if nested is not None:
                return nested
            base = pascal(schema.name or "Model")
        else:
            base = self.models.component_names[key]
        imported = self.models.referenced(schema, "Param")
        return self.scopes.root(schema.pointer, self.name_for(base), "", imported)

    def name_for(self, base: str) -> str:
        return unique(f"{base}Param", self.models.taken)

    def ordered(self) -> list[tuple[Name, ParamDefinition]]:
        """TypedDict classes first (their annotations are not evaluated), then what
        the module evaluates when it runs (aliases, functional TypedDicts), each after
        what it names; a cycle among those is cut with `object`."""
        lazy = [
            n
            for n, d in self.definitions.items()
            if isinstance(d, ParamClass) and not d.functional
        ]
        rest = depth_first(
            self.definitions, self.deps, self.break_cycle, done=set(lazy)
        )
        return [(name, self.definitions[name]) for name in lazy + rest]

    def deps(self, name: Name) -> list[Name]:
        definition = self.definitions[name]
        nodes = (
            [definition.value]
            if isinstance(definition, ParamAlias)
            else [f.annotation for f in definition.fields]
        )
        used = {
            n.plain for node in nodes for n in node.names() if in_package(n, MODULE)
        }
        return sorted(used, key=lambda n: (n.module or "", n.name))

    def break_cycle(self, name: Name, dep: Name) -> None:
        swap = {dep: OBJECT, Name(dep.name, dep.module, True): OBJECT}
        definition = self.definitions[name]
        if isinstance(definition, ParamAlias):
            definition.value = definition.value.replace(swap)
        else:
            for f in definition.fields:
                f.annotation = f.annotation.replace(swap)


def is_open_enum(schema: Schema) -> bool:
    """An enum the service may extend (x-ms-enum `modelAsString`): requests accept
    any string besides the listed values."""
    extension = schema.extension("x-ms-enum")
    return isinstance(extension, dict) and extension.get("modelAsString") is True


def _flat(members: list[Node]) -> list[Node]:
    out: list[Node] = []
    for member in members:
        out.extend(member.members if isinstance(member, Union) else (member,))
    return out


def _is_binary(schema: Schema) -> bool:
    return schema.type == "string" and schema.format in ("binary", "byte")
