"""One valid spec with every nasty name and shape at once (test_robust_nasty_spec.py
generates it): keywords, builtins, digits, dashes, spaces, @, $, non-ASCII, names that
collide after conversion, pydantic's own names, awkward enums, recursion and deep
nesting, in schemas, parameters, paths and operationIds."""

from __future__ import annotations

from typing import Any

from inline_spec import SCHEMAS as REF
from robust_support import openapi

DEPTH = 60


def deep_schema(levels: int) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "integer"}
    for _ in range(levels):
        schema = {"type": "object", "properties": {"child": schema}}
    return schema


def deep_payload(levels: int) -> dict[str, Any]:
    payload: Any = 7
    for _ in range(levels):
        payload = {"child": payload}
    return payload


def strings(*names: str) -> dict[str, Any]:
    return {name: {"type": "string"} for name in names}


INTERNALS = (
    "model_config model_fields model_dump model_validate model_x json dict copy "
    "schema fields validate construct __init__ __class__ _private self Config"
).split()

SCHEMAS: dict[str, Any] = {
    "class": {
        "type": "object",
        "properties": strings("import", "def", "None", "from"),
    },
    "list": {
        "type": "object",
        "properties": strings("str", "int", "list", "type", "id", "print", "bytes"),
    },
    "2fa": {"type": "object", "properties": strings("1st", "2nd")},
    "foo-bar": {"type": "object", "properties": strings("a-b", "a_b", "a b", "A_B")},
    "foo_bar": {"type": "object", "properties": strings("x")},
    "Pet": {"type": "object", "properties": strings("name")},
    "pet": {"type": "object", "properties": strings("Name", "name")},
    "with space": {"type": "string"},
    "at@sign$": {"type": "object", "properties": strings("@type", "$ref", "@id")},
    "Ünïcödé": {"type": "object", "properties": strings("naïve", "日本語", "ß", "ǆ")},
    "Internals": {"type": "object", "properties": strings(*INTERNALS)},
    # names the generated modules use themselves
    "Any": {"type": "object", "properties": strings("Any")},
    "BaseModel": {"type": "string"},
    "TypeAlias": {"type": "integer"},
    "Literal": {"type": "boolean"},
    "Client": {"type": "object"},
    "models": {"type": "string"},
    "Enums": {
        "type": "object",
        "properties": {
            "words": {
                "type": "string",
                "enum": ["", "class", "None", "a b", "a-b", "A B", "_", "1", "name"],
            },
            "unicode": {"type": "string", "enum": ["ÄÖ", "日本", "ǆ", "ß"]},
            "ints": {"type": "integer", "enum": [0, -1, 1, 100]},
            "bools": {"type": "boolean", "enum": [True, False]},
            "floats": {"type": "number", "enum": [1.5, -0.5]},
            "mixed": {"enum": ["a", 1, True, 2.5, None]},
            "bool_and_int": {"enum": [1, True]},
            "objects": {"enum": [{"a": 1}, [1, 2]]},
            "empty_only": {"type": "string", "enum": [""]},
            "const_object": {"const": {"k": "v"}},
        },
    },
    "Node": {
        "type": "object",
        "properties": {
            "next": {"$ref": REF + "Node"},
            "kids": {"type": "array", "items": {"$ref": REF + "Node"}},
        },
    },
    "A": {
        "type": "object",
        "properties": {
            "b": {"$ref": REF + "B"},
            # the URI form of a $ref to a name with a space and a slash
            "spaced": {"$ref": REF + "with%20space"},
            "slashed": {"$ref": REF + "a~1b%C3%BC"},
        },
    },
    "a/bü": {"type": "integer"},
    "B": {
        "type": "object",
        "properties": {
            "a": {"$ref": REF + "A"},
            "many": {"type": "array", "items": {"$ref": REF + "A"}},
        },
    },
    "SelfUnion": {"oneOf": [{"$ref": REF + "SelfUnion"}, {"type": "string"}]},
    "Ping": {"anyOf": [{"$ref": REF + "Pong"}, {"type": "integer"}]},
    "Pong": {"anyOf": [{"$ref": REF + "Ping"}, {"type": "boolean"}]},
    "Tree": {"type": "object", "additionalProperties": {"$ref": REF + "Tree"}},
    "Deep": deep_schema(DEPTH),
    "Pattern": {
        "type": "object",
        "properties": {
            "letters": {"type": "string", "pattern": "^\\p{L}+$"},  # ECMA-262 only
            "digits": {"type": "string", "pattern": "^[0-9]+$"},
        },
    },
    # a request body whose every property is a nasty wire name
    "Thing": {
        "type": "object",
        "required": ["def"],
        "properties": strings(
            "def", "model_config", "json", "@type", "None", "foo-bar", "naïve"
        ),
    },
}


def parameter(name: str, where: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": where,
        "required": where == "path",
        "schema": {"type": "string"},
    }


QUERY = ["import", "list", "1st", "$filter", "naïve", "日本", "a b", "@at"]
PATHS: dict[str, Any] = {
    "/things/{class}/{foo-bar}": {
        "post": {
            "operationId": "class",
            "parameters": [parameter("class", "path"), parameter("foo-bar", "path")]
            + [parameter(name, "query") for name in QUERY]
            + [parameter("x-ms-client-request-id", "header")],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": REF + "Thing"}}},
            },
            "responses": {
                "200": {
                    "description": "ok",
                    "content": {
                        "application/json": {"schema": {"$ref": REF + "Thing"}}
                    },
                }
            },
        },
        # the same operationId twice more
        "get": {"operationId": "class", "responses": {"204": {"description": "x"}}},
        "delete": {"operationId": "class", "responses": {"204": {"description": "x"}}},
    },
    # wire names that collide after conversion, within one operation
    "/collide/{self}": {
        "put": {
            "operationId": "collide",
            "parameters": [
                parameter("self", "path"),
                parameter("foo-bar", "query"),
                parameter("foo_bar", "query"),
                parameter("Foo Bar", "query"),
                parameter("timeout", "query"),
                parameter("extra_headers", "query"),
            ],
            "requestBody": {
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": strings("self", "foo-bar", "body"),
                        }
                    }
                }
            },
            "responses": {"204": {"description": "x"}},
        }
    },
    "/2fa/{id}": {
        "delete": {
            "operationId": "2fa-delete",
            "parameters": [parameter("id", "path")],
            "responses": {"204": {"description": "x"}},
        }
    },
    "/ünï/{ß}": {
        "get": {
            "operationId": "日本",
            "parameters": [parameter("ß", "path")],
            "responses": {"204": {"description": "x"}},
        }
    },
}

NASTY = openapi(PATHS, SCHEMAS)
