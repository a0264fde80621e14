"""Builders of the minimal base/revision pairs the rule tests diff (one rule, one pair,
one verdict, in oasdiff's style)."""

from __future__ import annotations

import re
from typing import Any

from inline_spec import JSONDict, ref, spec

STR = {"type": "string"}
INT = {"type": "integer"}
NUM = {"type": "number"}


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


def resolves(document: Any, pointer: str) -> bool:
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


def judged(changes: list[Any], rule_id: str, severity: str, *specs: JSONDict) -> None:
    """Exactly the one expected change, at a pointer that exists in one of the specs,
    with a message fully formatted."""
    assert [(c.id, c.severity) for c in changes] == [(rule_id, severity)]
    change = changes[0]
    assert any(resolves(spec, change.location) for spec in specs)
    assert not re.search(r"\{(subject|old|new|detail|change)\}", change.message)
    assert "None" not in change.message


def with_header(required: bool | None) -> JSONDict:
    """Responses of GET /things: 200 with an `x-rate` header (none when None)."""
    response: JSONDict = {"description": "ok"}
    if required is not None:
        response["headers"] = {"x-rate": {"schema": INT, "required": required}}
    return {"200": response}


def secured(**keys: Any) -> JSONDict:
    """One operation, plus top-level `servers`, `security` and security schemes."""
    doc = things()
    schemes = keys.pop("schemes", None)
    if schemes is not None:
        doc["components"] = {"securitySchemes": schemes}
    doc.update(keys)
    return doc


def oauth(url: str = "https://example.com/oauth", **scopes: str) -> JSONDict:
    flow = {"authorizationUrl": url, "scopes": scopes}
    return {"type": "oauth2", "flows": {"implicit": flow}}


KEY = {"type": "apiKey", "in": "header", "name": "api-key"}
