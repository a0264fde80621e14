"""One rule, one minimal base/revision pair, one expected verdict (oasdiff style).

Each pair differs in exactly one way, so the diff must report exactly one change: the
rule's id with the expected severity, located at a pointer that exists in the spec.
"""

from __future__ import annotations

from typing import Any

import pytest

from generator.diff.rules import RULES

JSONDict = dict[str, Any]
STR = {"type": "string"}
INT = {"type": "integer"}


def spec(paths: JSONDict | None = None, schemas: JSONDict | None = None) -> JSONDict:
    doc: JSONDict = {
        "openapi": "3.0.3",
        "info": {"title": "Things", "version": "1"},
        "paths": paths or {},
    }
    if schemas:
        doc["components"] = {"schemas": schemas}
    return doc


def ref(name: str) -> JSONDict:
    return {"$ref": f"#/components/schemas/{name}"}


def obj(*required: str, **props: JSONDict) -> JSONDict:
    schema: JSONDict = {"type": "object", "properties": props}
    if required:
        schema["required"] = list(required)
    return schema


def things(method: str = "get", **operation: Any) -> JSONDict:
    """A spec with one operation on /things."""
    operation.setdefault("responses", {"204": {"description": "done"}})
    return spec(paths={"/things": {method: {"operationId": "op", **operation}}})


def query(name: str = "limit", **extra: Any) -> JSONDict:
    return {"name": name, "in": "query", "schema": INT, **extra}


def body(*media: str, required: bool = True) -> JSONDict:
    return {"required": required, "content": {m: {"schema": STR} for m in media}}


def ok(*media: str, **headers: JSONDict) -> JSONDict:
    response: JSONDict = {
        "description": "ok",
        "content": {m: {"schema": STR} for m in media},
    }
    if headers:
        response["headers"] = {name: {"schema": s} for name, s in headers.items()}
    return {"200": response}


def sent(thing: JSONDict, **others: JSONDict) -> JSONDict:
    """Component `Thing` used only in what callers send."""
    op = {
        "operationId": "createThing",
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": ref("Thing")}},
        },
        "responses": {"204": {"description": "done"}},
    }
    return spec(paths={"/things": {"post": op}}, schemas={"Thing": thing, **others})


def returned(thing: JSONDict, **others: JSONDict) -> JSONDict:
    """Component `Thing` used only in what callers get back."""
    op = {
        "operationId": "getThing",
        "responses": {
            "200": {
                "description": "ok",
                "content": {"application/json": {"schema": ref("Thing")}},
            }
        },
    }
    return spec(paths={"/things": {"get": op}}, schemas={"Thing": thing, **others})


def a_is(schema: JSONDict) -> JSONDict:
    return obj(a=schema)


PETS = {"Cat": obj(kind=STR), "Dog": obj(kind=STR)}


def pets(prop: str = "kind", **mapping: str) -> JSONDict:
    discriminator: JSONDict = {"propertyName": prop}
    if mapping:
        discriminator["mapping"] = {
            k: f"#/components/schemas/{v}" for k, v in mapping.items()
        }
    return {"oneOf": [ref("Cat"), ref("Dog")], "discriminator": discriminator}


# Schema changes judged by side: (kind, request severity, response severity, base, revision);
# the case ids are "request-<kind>" and "response-<kind>".
SIDED: list[tuple[str, str, str, JSONDict, JSONDict, JSONDict]] = [
    ("property-added", "info", "info", obj(a=STR), obj(a=STR, b=STR), {}),
    (
        "required-property-added",
        "breaking",
        "info",
        obj(a=STR),
        obj("b", a=STR, b=STR),
        {},
    ),
    ("property-removed", "breaking", "breaking", obj(a=STR, b=STR), obj(a=STR), {}),
    ("property-became-required", "breaking", "info", obj(a=STR), obj("a", a=STR), {}),
    ("property-became-optional", "info", "warning", obj("a", a=STR), obj(a=STR), {}),
    ("type-changed", "breaking", "breaking", a_is(STR), a_is(INT), {}),
    (
        "format-changed",
        "warning",
        "warning",
        a_is({"type": "string", "format": "date"}),
        a_is({"type": "string", "format": "date-time"}),
        {},
    ),
    (
        "became-nullable",
        "info",
        "warning",
        a_is(STR),
        a_is({"type": "string", "nullable": True}),
        {},
    ),
    (
        "became-non-nullable",
        "breaking",
        "info",
        a_is({"type": "string", "nullable": True}),
        a_is(STR),
        {},
    ),
    (
        "enum-value-added",
        "info",
        "warning",
        a_is({"type": "string", "enum": ["x", "y"]}),
        a_is({"type": "string", "enum": ["x", "y", "z"]}),
        {},
    ),
    (
        "enum-value-removed",
        "breaking",
        "info",
        a_is({"type": "string", "enum": ["x", "y"]}),
        a_is({"type": "string", "enum": ["x"]}),
        {},
    ),
    (
        "enum-added",
        "breaking",
        "info",
        a_is(STR),
        a_is({"type": "string", "enum": ["x"]}),
        {},
    ),
    (
        "enum-removed",
        "info",
        "warning",
        a_is({"type": "string", "enum": ["x"]}),
        a_is(STR),
        {},
    ),
    (
        "default-changed",
        "warning",
        "info",
        a_is({"type": "string", "default": "x"}),
        a_is({"type": "string", "default": "y"}),
        {},
    ),
    (
        "constraint-tightened",
        "breaking",
        "info",
        a_is({"type": "string", "maxLength": 10}),
        a_is({"type": "string", "maxLength": 5}),
        {},
    ),
    (
        "constraint-loosened",
        "info",
        "warning",
        a_is({"type": "integer", "minimum": 5}),
        a_is({"type": "integer", "minimum": 1}),
        {},
    ),
    (
        "additional-properties-restricted",
        "breaking",
        "info",
        obj(a=STR),
        {**obj(a=STR), "additionalProperties": False},
        {},
    ),
    (
        "additional-properties-allowed",
        "info",
        "warning",
        {**obj(a=STR), "additionalProperties": False},
        {**obj(a=STR), "additionalProperties": STR},
        {},
    ),
    (
        "variant-added",
        "info",
        "warning",
        a_is({"oneOf": [STR, INT]}),
        a_is({"oneOf": [{"type": "boolean"}, STR, INT]}),
        {},
    ),
    (
        "variant-removed",
        "breaking",
        "info",
        a_is({"anyOf": [STR, INT, {"type": "boolean"}]}),
        a_is({"anyOf": [STR, INT]}),
        {},
    ),
    (
        "all-of-added",
        "warning",
        "info",
        {"allOf": [ref("Base")]},
        {"allOf": [ref("Base"), ref("Extra")]},
        {"Base": obj(a=STR), "Extra": obj(b=STR)},
    ),
    (
        "all-of-removed",
        "breaking",
        "breaking",
        {"allOf": [ref("Base"), ref("Extra")]},
        {"allOf": [ref("Base")]},
        {"Base": obj(a=STR), "Extra": obj(b=STR)},
    ),
    ("discriminator-changed", "breaking", "breaking", pets("kind"), pets("type"), PETS),
    (
        "discriminator-value-added",
        "info",
        "warning",
        pets(cat="Cat"),
        pets(cat="Cat", dog="Dog"),
        PETS,
    ),
    (
        "discriminator-value-removed",
        "breaking",
        "info",
        pets(cat="Cat", dog="Dog"),
        pets(cat="Cat"),
        PETS,
    ),
    (
        "discriminator-mapping-changed",
        "breaking",
        "breaking",
        pets(cat="Cat"),
        pets(cat="Dog"),
        PETS,
    ),
    (
        "read-only-added",
        "breaking",
        "info",
        a_is(STR),
        a_is({"type": "string", "readOnly": True}),
        {},
    ),
    (
        "write-only-added",
        "info",
        "breaking",
        a_is(STR),
        a_is({"type": "string", "writeOnly": True}),
        {},
    ),
]

CASES: list[tuple[str, str, JSONDict, JSONDict]] = [
    # operations
    ("operation-added", "info", spec(), things()),
    ("operation-removed", "breaking", things(), spec()),
    (
        "operation-id-changed",
        "breaking",
        things(operationId="listThings"),
        things(operationId="getThings"),
    ),
    ("operation-deprecated", "warning", things(), things(deprecated=True)),
    (
        "summary-changed",
        "info",
        things(summary="List things"),
        things(summary="List all things"),
    ),
    (
        "description-changed",
        "info",
        things(description="Lists."),
        things(description="Lists all."),
    ),
    # component schemas as such (an unused component is judged on both sides)
    ("schema-added", "info", spec(), spec(schemas={"Thing": STR})),
    ("schema-removed", "breaking", spec(schemas={"Thing": STR}), spec()),
    (
        "title-changed",
        "info",
        spec(schemas={"Thing": {**STR, "title": "A"}}),
        spec(schemas={"Thing": {**STR, "title": "B"}}),
    ),
    ("deprecated", "warning", sent(a_is(STR)), sent(a_is({**STR, "deprecated": True}))),
    (
        "deprecation-removed",
        "info",
        sent(a_is({**STR, "deprecated": True})),
        sent(a_is(STR)),
    ),
    (
        "read-only-removed",
        "info",
        sent(a_is({**STR, "readOnly": True})),
        sent(a_is(STR)),
    ),
    (
        "write-only-removed",
        "info",
        returned(a_is({**STR, "writeOnly": True})),
        returned(a_is(STR)),
    ),
    # parameters
    ("request-parameter-added", "info", things(), things(parameters=[query()])),
    (
        "request-required-parameter-added",
        "breaking",
        things(),
        things(parameters=[query(required=True)]),
    ),
    ("request-parameter-removed", "breaking", things(parameters=[query()]), things()),
    (
        "request-parameter-became-required",
        "breaking",
        things(parameters=[query()]),
        things(parameters=[query(required=True)]),
    ),
    (
        "request-parameter-became-optional",
        "info",
        things(parameters=[query(required=True)]),
        things(parameters=[query()]),
    ),
    (
        "request-parameter-deprecated",
        "warning",
        things(parameters=[query()]),
        things(parameters=[query(deprecated=True)]),
    ),
    # request bodies
    (
        "request-body-added",
        "info",
        things("post"),
        things("post", requestBody=body("text/plain", required=False)),
    ),
    (
        "request-required-body-added",
        "breaking",
        things("post"),
        things("post", requestBody=body("text/plain")),
    ),
    (
        "request-body-removed",
        "breaking",
        things("post", requestBody=body("text/plain")),
        things("post"),
    ),
    (
        "request-body-became-required",
        "breaking",
        things("post", requestBody=body("text/plain", required=False)),
        things("post", requestBody=body("text/plain")),
    ),
    (
        "request-body-became-optional",
        "info",
        things("post", requestBody=body("text/plain")),
        things("post", requestBody=body("text/plain", required=False)),
    ),
    (
        "request-media-type-added",
        "info",
        things("post", requestBody=body("application/json")),
        things("post", requestBody=body("application/json", "text/plain")),
    ),
    (
        "request-media-type-removed",
        "breaking",
        things("post", requestBody=body("application/json", "text/plain")),
        things("post", requestBody=body("application/json")),
    ),
    # responses
    (
        "response-media-type-added",
        "warning",
        things(responses=ok("application/json")),
        things(responses=ok("application/json", "text/event-stream")),
    ),
    (
        "response-media-type-removed",
        "breaking",
        things(responses=ok("application/json", "text/event-stream")),
        things(responses=ok("application/json")),
    ),
    (
        "response-success-status-added",
        "warning",
        things(responses=ok()),
        things(responses={**ok(), "202": {"description": "accepted"}}),
    ),
    (
        "response-success-status-removed",
        "breaking",
        things(responses={**ok(), "202": {"description": "accepted"}}),
        things(responses=ok()),
    ),
    (
        "response-error-status-added",
        "info",
        things(responses=ok()),
        things(responses={**ok(), "404": {"description": "missing"}}),
    ),
    (
        "response-error-status-removed",
        "info",
        things(responses={**ok(), "default": {"description": "error"}}),
        things(responses=ok()),
    ),
    (
        "response-header-added",
        "info",
        things(responses=ok()),
        things(responses=ok(**{"x-request-id": STR})),
    ),
    (
        "response-header-removed",
        "breaking",
        things(responses=ok(**{"x-request-id": STR})),
        things(responses=ok()),
    ),
]
for kind, on_request, on_response, base, revision, others in SIDED:
    CASES.append(
        (f"request-{kind}", on_request, sent(base, **others), sent(revision, **others))
    )
    CASES.append(
        (
            f"response-{kind}",
            on_response,
            returned(base, **others),
            returned(revision, **others),
        )
    )


def _resolves(document: Any, pointer: str) -> bool:
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if (
            isinstance(document, list)
            and token.isdigit()
            and int(token) < len(document)
        ):
            document = document[int(token)]
        elif isinstance(document, dict) and token in document:
            document = document[token]
        else:
            return False
    return True


@pytest.mark.parametrize(
    "rule_id, severity, base, revision", CASES, ids=[case[0] for case in CASES]
)
def test_rule(
    diff_specs, rule_id: str, severity: str, base: JSONDict, revision: JSONDict
) -> None:
    changes = diff_specs(base, revision)
    assert [(c.id, c.severity) for c in changes] == [(rule_id, severity)]
    change = changes[0]
    assert _resolves(revision, change.location) or _resolves(base, change.location)
    assert "{" not in change.message and "None" not in change.message


def test_every_rule_has_its_pair() -> None:
    assert sorted(rule.id for rule in RULES) == sorted(case[0] for case in CASES)


def test_each_rule_id_is_unique() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
