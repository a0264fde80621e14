"""The open-enum rule README.md and ARCHITECTURE.md state, as the planners apply it:
request enums are `Literal[...] | str` only where x-ms-enum says modelAsString, response
enums are open enum classes, one-value enums are Literal tags everywhere."""

from __future__ import annotations

from pathlib import Path

from codegen_specs import plan_create_thing
from generator.codegen.models import EnumClass, ModelClass


def _enum(
    values: list[object], model_as_string: bool | None = None
) -> dict[str, object]:
    schema: dict[str, object] = {"type": "string", "enum": values}
    if isinstance(values[0], int):
        schema["type"] = "integer"
    if model_as_string is not None:
        schema["x-ms-enum"] = {"name": "E", "modelAsString": model_as_string}
    return schema


PROPERTIES = {
    "open": _enum(["a", "b"], True),
    "closed": _enum(["a", "b"], False),
    "plain": _enum(["a", "b"]),
    "numbers": _enum([1, 2]),
    "tag": _enum(["only"], True),
    "extensible": {"type": "string", "x-extensible-enum": ["a", "b"]},
}


def test_enums_are_open_or_closed_as_documented(tmp_path: Path) -> None:
    thing = {"$ref": "#/components/schemas/Thing"}
    schemas = {"Thing": {"type": "object", "properties": PROPERTIES}}
    models, method = plan_create_thing(
        tmp_path, thing, {"application/json": {"schema": thing}}, schemas
    )
    arguments = {a.name: a.annotation.render() for a in method.arguments}
    assert arguments == {
        "open": 'Literal["a", "b"] | str',
        "closed": 'Literal["a", "b"]',
        "plain": 'Literal["a", "b"]',
        "numbers": "Literal[1, 2]",
        "tag": 'Literal["only"]',
        "extensible": "str",
    }
    by_name = {name.name: definition for name, definition in models.definitions.items()}
    thing_model = by_name["Thing"]
    assert isinstance(thing_model, ModelClass)
    fields = {f.name: f.annotation.render() for f in thing_model.fields}
    for name in ("open", "closed", "plain", "numbers"):
        enum = by_name[fields[name].removesuffix(" | None").rsplit(".", 1)[-1]]
        assert isinstance(enum, EnumClass), fields[name]
        assert enum.base == ("OpenIntEnum" if name == "numbers" else "OpenEnum")
    assert fields["tag"] == 'Literal["only"] | None'
    assert fields["extensible"] == "str | None"
