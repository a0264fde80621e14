"""How the diff reads specs: sides of shared schemas, what is not a change, and the
OpenAPI 3.0 / 3.1 spellings of the same schema."""

from __future__ import annotations

from inline_spec import JSONDict, ref, spec

STR = {"type": "string"}


def api(
    schemas: JSONDict,
    openapi: str = "3.0.3",
    version: str = "1",
    params: JSONDict | None = None,
) -> JSONDict:
    """POST /things sends `Thing` (and takes `params` in the query), GET /things
    returns `Thing`; `Unrelated` is separate."""
    json_thing = {"application/json": {"schema": ref("Thing")}}
    parameters = [
        {"name": name, "in": "query", "schema": s} for name, s in (params or {}).items()
    ]
    return spec(
        {
            "/things": {
                "post": {
                    "operationId": "createThing",
                    "parameters": parameters,
                    "requestBody": {"content": json_thing},
                    "responses": {"204": {"description": "done"}},
                },
                "get": {
                    "operationId": "getThing",
                    "responses": {"200": {"description": "ok", "content": json_thing}},
                },
            },
            "/unrelated": {
                "get": {
                    "operationId": "getUnrelated",
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {"schema": ref("Unrelated")}
                            },
                        }
                    },
                }
            },
        },
        {"Unrelated": {"type": "object"}, **schemas},
        openapi=openapi,
        version=version,
    )


def test_shared_schema_is_listed_once_and_judged_by_the_stricter_side(
    diff_specs,
) -> None:
    base = api(
        {"Thing": {"type": "object", "required": ["a"], "properties": {"a": STR}}}
    )
    revision = api({"Thing": {"type": "object", "properties": {"a": STR}}})
    changes = diff_specs(base, revision)
    # Optional in a request is harmless (info); a response may now lack it: breaking.
    assert [(c.id, c.severity, c.schema) for c in changes] == [
        ("response-property-became-optional", "breaking", "Thing")
    ]
    assert set(changes[0].operations) == {"POST /things", "GET /things"}
    assert changes[0].operation is None


def test_change_reaches_only_operations_using_the_schema(diff_specs) -> None:
    base = api(
        {
            "Thing": {
                "type": "object",
                "properties": {"a": {"$ref": "#/components/schemas/Part"}},
            },
            "Part": {"type": "object", "properties": {"x": STR}},
        }
    )
    revision = api(
        {
            "Thing": {
                "type": "object",
                "properties": {"a": {"$ref": "#/components/schemas/Part"}},
            },
            "Part": {"type": "object", "properties": {"x": STR, "y": STR}},
        }
    )
    (change,) = diff_specs(base, revision)
    assert (change.schema, change.message) == ("Part", "optional property `y` added")
    # Reached through Thing -> Part; GET /unrelated never sees Part.
    assert set(change.operations) == {"POST /things", "GET /things"}


def test_nested_inline_properties_are_named_by_path(diff_specs) -> None:
    inner = {
        "type": "object",
        "properties": {
            "items": {
                "type": "array",
                "items": {"type": "object", "properties": {"x": STR}},
            }
        },
    }
    grown = {
        "type": "object",
        "properties": {
            "items": {
                "type": "array",
                "items": {"type": "object", "properties": {"x": STR, "y": STR}},
            }
        },
    }
    (change,) = diff_specs(api({"Thing": inner}), api({"Thing": grown}))
    assert change.message == "optional property `items[].y` added"
    assert (
        change.location
        == "/components/schemas/Thing/properties/items/items/properties/y"
    )


def test_examples_and_the_api_version_string_are_not_changes(diff_specs) -> None:
    base = api(
        {
            "Thing": {
                "type": "object",
                "example": {"a": "x"},
                "properties": {"a": {**STR, "example": "x"}},
            }
        },
        version="2024-01-01",
        params={
            "api-version": {**STR, "default": "2024-01-01", "example": "2024-01-01"}
        },
    )
    revision = api(
        {
            "Thing": {
                "type": "object",
                "example": {"a": "y"},
                "properties": {"a": {**STR, "example": "z"}},
            }
        },
        version="2024-06-01",
        params={
            "api-version": {**STR, "default": "2024-06-01", "example": "2024-06-01"}
        },
    )
    assert diff_specs(base, revision) == []


def test_other_default_changes_are_still_changes(diff_specs) -> None:
    base = api(
        {"Thing": STR},
        version="2024-01-01",
        params={"mode": {**STR, "default": "fast"}},
    )
    revision = api(
        {"Thing": STR},
        version="2024-06-01",
        params={"mode": {**STR, "default": "slow"}},
    )
    assert [c.id for c in diff_specs(base, revision)] == ["request-default-changed"]


def test_ref_replaced_by_the_same_inline_schema_is_no_change(diff_specs) -> None:
    part = {"type": "object", "properties": {"x": STR}}
    base = api(
        {"Thing": {"type": "object", "properties": {"a": ref("Part")}}, "Part": part}
    )
    revision = api(
        {"Thing": {"type": "object", "properties": {"a": part}}, "Part": part}
    )
    assert diff_specs(base, revision) == []


def test_property_moved_into_an_inline_allof_part_is_no_change(diff_specs) -> None:
    base = api(
        {
            "Thing": {
                "allOf": [ref("Base"), {"type": "object", "properties": {"a": STR}}]
            },
            "Base": {"type": "object"},
        }
    )
    revision = api(
        {
            "Thing": {
                "type": "object",
                "properties": {"a": STR},
                "allOf": [ref("Base")],
            },
            "Base": {"type": "object"},
        }
    )
    assert diff_specs(base, revision) == []


def test_inserting_a_variant_does_not_shift_the_others(diff_specs) -> None:
    variants = [
        {"type": "object", "title": "Text", "properties": {"text": STR}},
        {"type": "integer", "maximum": 5},
    ]
    grown = [
        {"type": "object", "title": "Audio", "properties": {"data": STR}},
        *variants,
    ]
    changes = diff_specs(
        api({"Thing": {"oneOf": variants}}), api({"Thing": {"oneOf": grown}})
    )
    assert [(c.id, c.message) for c in changes] == [
        ("response-variant-added", "schema `Thing`: may now be oneOf variant `Audio`")
    ]


def test_unused_component_is_judged_on_both_sides(diff_specs) -> None:
    base = api({"Thing": STR, "Loose": {"type": "string", "enum": ["a", "b"]}})
    revision = api({"Thing": STR, "Loose": {"type": "string", "enum": ["a", "b", "c"]}})
    # Added enum values are harmless to send but new to receive: warning wins.
    (change,) = diff_specs(base, revision)
    assert (change.id, change.severity, change.operations) == (
        "response-enum-value-added",
        "warning",
        (),
    )


# The same schemas spelled the OpenAPI 3.0 way and the 3.1 way.
THING_30: JSONDict = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "nullable": True, "example": "x"},
        "size": {
            "type": "integer",
            "minimum": 0,
            "exclusiveMinimum": True,
            "maximum": 10,
            "exclusiveMaximum": True,
        },
        "owner": {
            "allOf": [ref("Owner")],
            "nullable": True,
            "description": "Who owns it.",
        },
        "kind": {"type": "string", "enum": ["thing"]},
        "tags": {"type": "array", "items": STR, "nullable": True, "example": ["a"]},
        "choice": {"oneOf": [STR, {"type": "integer"}], "nullable": True},
        "level": {"type": "string", "enum": ["low", "high"], "nullable": True},
    },
}
THING_31: JSONDict = {
    "type": "object",
    "properties": {
        "name": {"type": ["string", "null"], "examples": ["x"]},
        "size": {"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 10},
        "owner": {
            "anyOf": [ref("Owner"), {"type": "null"}],
            "description": "Who owns it.",
        },
        "kind": {"type": "string", "const": "thing"},
        "tags": {"type": ["array", "null"], "items": STR, "examples": [["a"]]},
        "choice": {"oneOf": [STR, {"type": "integer"}, {"type": "null"}]},
        "level": {"type": ["string", "null"], "enum": ["low", "high", None]},
    },
}
OWNER_30 = {"type": "object", "nullable": True, "properties": {"id": STR}}
OWNER_31 = {"type": ["object", "null"], "properties": {"id": STR}}


def test_openapi_30_and_31_spellings_are_no_change(diff_specs) -> None:
    base = api(
        {"Thing": THING_30, "Owner": OWNER_30},
        params={"limit": {"type": "integer", "nullable": True}},
    )
    revision = api(
        {"Thing": THING_31, "Owner": OWNER_31},
        openapi="3.1.0",
        params={"limit": {"type": ["integer", "null"]}},
    )
    assert diff_specs(base, revision) == []


def test_a_real_change_across_30_and_31_is_still_reported(diff_specs) -> None:
    tighter = {**THING_31["properties"]["size"], "exclusiveMinimum": 1}
    thing = {**THING_31, "properties": {**THING_31["properties"], "size": tighter}}
    base = api({"Thing": THING_30, "Owner": OWNER_30})
    revision = api({"Thing": thing, "Owner": OWNER_31}, openapi="3.1.0")
    (change,) = diff_specs(base, revision)
    assert change.id == "request-constraint-tightened"
    assert (
        change.message
        == "`size`: minimum tightened from `0 (exclusive)` to `1 (exclusive)`"
    )


def test_ref_widened_to_a_oneof_including_it_is_a_variant_added(diff_specs) -> None:
    parts = {
        "Key": {"type": "object", "properties": {"key": STR}},
        "Token": {"type": "object", "properties": {"token": STR}},
    }
    base = api(
        {"Thing": {"type": "object", "properties": {"auth": ref("Key")}}, **parts}
    )
    revision = api(
        {
            "Thing": {
                "type": "object",
                "properties": {"auth": {"oneOf": [ref("Key"), ref("Token")]}},
            },
            **parts,
        }
    )
    # Callers may still send a Key: a widened input, not a changed type.
    assert [(c.id, c.message) for c in diff_specs(base, revision)] == [
        ("response-variant-added", "`auth`: may now be oneOf variant `Token`")
    ]


def test_parameter_schema_changes_belong_to_the_operation(diff_specs) -> None:
    base = api({"Thing": STR}, params={"limit": {"type": "integer", "maximum": 100}})
    revision = api({"Thing": STR}, params={"limit": {"type": "integer", "maximum": 50}})
    (change,) = diff_specs(base, revision)
    assert (change.id, change.severity, change.operation, change.operations) == (
        "request-constraint-tightened",
        "breaking",
        "POST /things",
        ("POST /things",),
    )
    assert (
        change.message
        == "query parameter `limit`: maximum tightened from `100` to `50`"
    )
