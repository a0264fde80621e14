"""The views of the models and params modules: their classes, enums, aliases and
TypedDicts as the templates read them, and the imports they need."""

from __future__ import annotations

from typing import Iterator, Mapping

from .models import EnumClass, ModelClass, ModelField, TypeAlias
from .params import OBJECT, ParamAlias, ParamClass
from .pysource import py_str
from .pytypes import ANY, Call, Code, Import, Name, Node, subscripted
from .schema_modules import SchemaPackage
from .views import (
    AliasView,
    ClassView,
    EnumView,
    FieldView,
    ParamClassView,
    ParamFieldView,
)

# -- models ---------------------------------------------------------------------------

MODELS = "models"
_BASE_MODEL = Name("BaseModel", "_types")
_CONFIG_DICT = Name("ConfigDict", "pydantic")
_FIELD = Name("Field", "pydantic")
_TYPE_ALIAS = Name("TypeAlias", "typing")


def definition_view(
    definition: ModelClass | EnumClass | TypeAlias, local: Mapping[Name, Node]
) -> ClassView | EnumView | AliasView:
    """`local`: the module's own nested names, written plainly in it."""
    if isinstance(definition, ModelClass):
        return ClassView(
            name=definition.name,
            base=_BASE_MODEL.name,
            doc=tuple(definition.doc),
            closed=definition.closed,
            fields=tuple(_field_view(f, local) for f in definition.fields),
        )
    if isinstance(definition, EnumClass):
        return EnumView(
            name=definition.name,
            base=definition.base,
            doc=tuple(definition.doc),
            members=tuple(definition.members),
        )
    return AliasView(
        name=definition.name,
        annotation=_TYPE_ALIAS,
        value=definition.value.replace(local),
        doc=tuple(definition.doc),
    )


def _field_view(f: ModelField, local: Mapping[Name, Node]) -> FieldView:
    keywords: list[Node] = []
    if not f.required:
        keywords.append(Code("default=None"))
    if f.name != f.wire:
        keywords.append(Code(f"alias={py_str(f.wire)}"))
    keywords.extend(Code(f"{key}={value}") for key, value in f.constraints)
    value: Node | None = None
    if keywords == [Code("default=None")]:
        value = Code("None")
    elif keywords:
        value = Call(_FIELD, tuple(keywords))
    return FieldView(f.name, f.annotation.replace(local), value, tuple(f.doc))


def model_nodes(definition: ModelClass | EnumClass | TypeAlias) -> list[Node]:
    if isinstance(definition, ModelClass):
        return [f.annotation for f in definition.fields]
    if isinstance(definition, TypeAlias):
        return [definition.value]
    return []


def model_imports(
    definitions: list[ClassView | EnumView | AliasView],
) -> Iterator[Import]:
    for d in definitions:
        if isinstance(d, ClassView):
            yield from _BASE_MODEL.imports()
            if d.closed:
                yield from _CONFIG_DICT.imports()
            for f in d.fields:
                yield from f.annotation.imports()
                if f.value is not None:
                    yield from f.value.imports()
        elif isinstance(d, EnumView):
            yield Import("_types", d.base)
        else:
            yield from d.annotation.imports()
            yield from d.value.imports()


# -- params ---------------------------------------------------------------------------

PARAMS = "params"
_TYPED_DICT = Import("typing", "TypedDict")


def param_view(
    definition: ParamClass | ParamAlias, local: Mapping[Name, Node]
) -> ParamClassView | AliasView:
    """`local`: the module's own nested names, written plainly in it."""
    if isinstance(definition, ParamAlias):
        return AliasView(
            name=definition.name,
            annotation=_TYPE_ALIAS,
            value=subscripted(definition.value.replace(local)),
            doc=tuple(definition.doc),
        )
    functional = definition.functional
    return ParamClassView(
        name=definition.name,
        doc=tuple(definition.doc),
        fields=tuple(
            ParamFieldView(
                f.key,
                subscripted(annotation) if functional else annotation,
                tuple(f.doc),
            )
            for f in definition.fields
            for annotation in (f.annotation.replace(local),)
        ),
        kind="functional" if functional else "class",
    )


def param_nodes(definition: ParamClass | ParamAlias) -> list[Node]:
    if isinstance(definition, ParamClass):
        return [f.annotation for f in definition.fields]
    return [definition.value]


def param_imports(definitions: list[ParamClassView | AliasView]) -> Iterator[Import]:
    for d in definitions:
        if isinstance(d, ParamClassView):
            yield _TYPED_DICT
            for f in d.fields:
                yield from f.annotation.imports()
        else:
            yield from d.annotation.imports()
            yield from d.value.imports()


MODEL_PACKAGE = SchemaPackage(
    MODELS,
    "models",
    definition_view,
    model_imports,
    model_nodes,
    ANY,
    init_imports=(Import("_types", "BaseModel"), Import("types", "ModuleType")),
    rebuild=True,
)
PARAM_PACKAGE = SchemaPackage(
    PARAMS, "params", param_view, param_imports, param_nodes, OBJECT
)
