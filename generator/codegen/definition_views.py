"""The views of the models and params modules: their classes, enums, aliases and
TypedDicts as the templates read them, and the imports they need."""

from __future__ import annotations

from typing import Iterator

from .models import EnumClass, ModelClass, ModelField, TypeAlias
from .params import ParamAlias, ParamClass
from .pysource import py_str
from .pytypes import Call, Code, Import, Name, Node, subscripted
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
    definition: ModelClass | EnumClass | TypeAlias,
) -> ClassView | EnumView | AliasView:
    if isinstance(definition, ModelClass):
        return ClassView(
            name=definition.name,
            base=_BASE_MODEL.name,
            doc=tuple(definition.doc),
            closed=definition.closed,
            fields=tuple(_field_view(f) for f in definition.fields),
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
        value=definition.value,
        doc=tuple(definition.doc),
    )


def _field_view(f: ModelField) -> FieldView:
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
    return FieldView(f.name, f.annotation, value, tuple(f.doc))


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


def param_view(definition: ParamClass | ParamAlias) -> ParamClassView | AliasView:
    if isinstance(definition, ParamAlias):
        return AliasView(
            name=definition.name,
            annotation=_TYPE_ALIAS,
            value=subscripted(definition.value),
            doc=tuple(definition.doc),
        )
    functional = definition.functional
    return ParamClassView(
        name=definition.name,
        doc=tuple(definition.doc),
        fields=tuple(
            ParamFieldView(
                f.key,
                subscripted(f.annotation) if functional else f.annotation,
                tuple(f.doc),
            )
            for f in definition.fields
        ),
        kind="functional" if functional else "class",
    )


def param_imports(definitions: list[ParamClassView | AliasView]) -> Iterator[Import]:
    for d in definitions:
        if isinstance(d, ParamClassView):
            yield _TYPED_DICT
            for f in d.fields:
                yield from f.annotation.imports()
        else:
            yield from d.annotation.imports()
            yield from d.value.imports()
