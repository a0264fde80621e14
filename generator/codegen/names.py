"""The Python name of each operation, parameter, schema and property of an API, as the
generated package spells it: `client.chat.completions.create`, its keyword arguments,
the model classes, their attributes and enum members.

Read off the code generator's own planners (ModelPlan, ClientPlan; they import no
Jinja), so the names always match the generated code. What this module relies on:
`ModelPlan(api)` with `component_names` (component -> class), `inline_names` (schema
pointer -> class Name), `definitions` (class Name -> ModelClass with `.schema` and
`.fields` of `.wire`/`.name`, or EnumClass with `.members` of (member, literal)),
`reference` (a nested class written after its module, `chat_completion.Choice`) and
`flatten`;
`ClientPlan(api, models, conventions).methods`: (resource path, Method with `.name`, `.operation`
and `.arguments` of `.name`/`.wire`/`.location`).
"""

from __future__ import annotations

import re

from ..conventions import AZURE_OPENAI, Conventions
from ..ir import Api, Schema
from ..parse.pointers import escape_pointer
from .models import EnumClass, ModelClass, ModelPlan
from .name_index import NameIndex
from .resources import ClientPlan

_PARAMETER_LOCATIONS = ("path", "query", "header", "cookie")


class PythonNames:
    """Python names by JSON pointer into the spec the API was parsed from, gathered
    into a NameIndex (what generator.codegen.name_index keeps)."""

    def __init__(self, api: Api, conventions: Conventions = AZURE_OPENAI) -> None:
        self.api = api
        self.models = ModelPlan(api)
        self.client = ClientPlan(api, self.models, conventions)
        self.by_pointer: dict[str, list[str]] = {}
        self.calls: dict[str, str] = {}  # operation key -> client.a.b
        # each definition by the name callers write: a nested one after its module
        self.definitions = {
            self.models.reference(name).render(): definition
            for name, definition in self.models.definitions.items()
        }
        for path, method in self.client.methods:
            self.method(".".join(("client", *path, method.name)), method)
        for name, definition in self.definitions.items():
            if isinstance(definition, ModelClass):
                self.model(name, definition)
        for component, name in self.models.component_names.items():
            self.name(f"/components/schemas/{escape_pointer(component)}", name)
        for pointer, name in self.models.inline_names.items():
            self.name(pointer, name.render())

    def name(self, pointer: str, python: str) -> None:
        names = self.by_pointer.setdefault(pointer, [])
        if python not in names:
            names.append(python)

    def method(self, call: str, method: object) -> None:
        op = method.operation  # type: ignore[attr-defined]
        self.calls[op.key] = call
        self.name(op.pointer, f"{call}()")
        params = {(p.location, p.name): p for p in op.parameters}
        body = op.request_body
        parts = []
        if body is not None and body.content:
            for media in body.content:
                if media.schema is not None:
                    parts += self.object_parts(media.schema)
        for argument in method.arguments:  # type: ignore[attr-defined]
            keyword = f"{call}({argument.name}=...)"
            if argument.location in _PARAMETER_LOCATIONS:
                param = params.get((argument.location, argument.wire))
                if param is not None:
                    self.name(param.pointer, keyword)
            elif argument.wire:
                for part in parts:
                    self.name(
                        f"{part}/properties/{escape_pointer(argument.wire)}", keyword
                    )

    def object_parts(self, schema: Schema) -> list[str]:
        """Pointers of the schemas whose properties a body's fields come from: the
        schema (or the component it names) and, through allOf, each part."""
        out: list[str] = []
        stack, seen = [schema], set()
        while stack:
            node = stack.pop()
            if node.type == "ref" and node.ref:
                if node.ref in seen:
                    continue
                seen.add(node.ref)
                node = self.api.resolve(node)
            out.append(node.pointer)
            stack.extend(node.all_of)
        return out

    def model(self, name: str, model: ModelClass) -> None:
        props, _ = self.models.flatten(model.schema, set())
        attributes = {field.wire: field.name for field in model.fields}
        for prop in props:
            if prop.name in attributes:
                pointer = prop.schema.pointer
                self.name(pointer, f"{name}.{attributes[prop.name]}")

    def index(self) -> NameIndex:
        enums = {
            name: {literal: member for member, literal in definition.members}
            for name, definition in self.definitions.items()
            if isinstance(definition, EnumClass)
        }
        return NameIndex(
            self.by_pointer, self.calls, dict(self.models.component_names), enums
        )


def name_index(api: Api, conventions: Conventions = AZURE_OPENAI) -> NameIndex:
    return PythonNames(api, conventions).index()


_KEYWORD = re.compile(r"^(client(?:\.\w+)*)\((\w+)=\.\.\.\)$")


def keyword_argument(python: str) -> tuple[str, str] | None:
    """(call, keyword) of a name PythonNames.method gives a keyword argument,
    `client.chat.completions.create(store=...)`; None for any other name."""
    found = _KEYWORD.match(python)
    return (found[1], found[2]) if found else None
