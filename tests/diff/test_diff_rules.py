"""One rule, one minimal base/revision pair, one expected verdict (oasdiff style).

Each pair differs in exactly one way, so the diff must report exactly one change: the
rule's id with the expected severity, located at a pointer that exists in the spec.
Schema rules, judged by side, have their pairs in test_diff_rules_schema.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from inline_spec import spec
from rule_pairs import (
    KEY,
    STR,
    JSONDict,
    a_is,
    body,
    judged,
    oauth,
    ok,
    query,
    secured,
    sent,
    things,
    with_header,
)
from test_diff_rules_schema import CASES as SCHEMA_CASES

from generator.diff.rules import RULES

A = {"url": "https://a.example.com"}
B = {"url": "https://b.example.com"}


def item_op(name: str) -> JSONDict:
    param = {"name": name, "in": "path", "required": True, "schema": STR}
    return {
        "operationId": "getThing",
        "parameters": [param],
        "responses": {"204": {"description": "done"}},
    }


def with_flow(
    scheme: JSONDict, flow: str, url: str = "https://example.com/t"
) -> JSONDict:
    flows = dict(scheme["flows"])
    flows[flow] = {"tokenUrl": url, "authorizationUrl": url, "scopes": {}}
    return {**scheme, "flows": flows}


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
    (
        "request-parameter-style-changed",
        "warning",
        things(parameters=[query(schema={"type": "array", "items": STR})]),
        things(
            parameters=[query(schema={"type": "array", "items": STR}, explode=False)]
        ),
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
        "warning",
        things(responses=with_header(required=False)),
        things(responses=with_header(None)),
    ),
    (
        "response-required-header-removed",
        "breaking",
        things(responses=with_header(required=True)),
        things(responses=with_header(None)),
    ),
    (
        "response-header-became-optional",
        "breaking",
        things(responses=with_header(required=True)),
        things(responses=with_header(required=False)),
    ),
    (
        "response-header-became-required",
        "info",
        things(responses=with_header(required=False)),
        things(responses=with_header(required=True)),
    ),
    # paths, tags and governance metadata
    (
        "request-path-parameter-renamed",
        "breaking",
        spec(paths={"/things/{thingId}": {"get": item_op("thingId")}}),
        spec(paths={"/things/{id}": {"get": item_op("id")}}),
    ),
    ("tag-added", "info", things(tags=["a"]), things(tags=["a", "b"])),
    ("tag-removed", "info", things(tags=["a", "b"]), things(tags=["a"])),
    ("sunset-added", "warning", things(), things(**{"x-sunset": "2026-01-01"})),
    (
        "sunset-changed",
        "info",
        things(**{"x-sunset": "2026-01-01"}),
        things(**{"x-sunset": "2025-01-01"}),
    ),
    ("sunset-removed", "info", things(**{"x-sunset": "2026-01-01"}), things()),
    (
        "stability-decreased",
        "warning",
        things(**{"x-stability-level": "ga"}),
        things(**{"x-stability-level": "beta"}),
    ),
    (
        "stability-changed",
        "info",
        things(**{"x-stability-level": "beta"}),
        things(**{"x-stability-level": "ga"}),
    ),
    # servers and security
    ("server-added", "info", secured(servers=[A]), secured(servers=[A, B])),
    ("server-removed", "warning", secured(servers=[A, B]), secured(servers=[A])),
    (
        "server-variables-changed",
        "info",
        secured(servers=[A]),
        secured(servers=[{**A, "variables": {"region": {"default": "eu"}}}]),
    ),
    (
        "security-scheme-added",
        "info",
        secured(schemes={"key": KEY}),
        secured(schemes={"key": KEY, "oauth": oauth()}),
    ),
    (
        "security-scheme-removed",
        "warning",
        secured(schemes={"key": KEY, "oauth": oauth()}),
        secured(schemes={"key": KEY}),
    ),
    (
        "security-scheme-changed",
        "warning",
        secured(schemes={"key": KEY}),
        secured(schemes={"key": {**KEY, "in": "query"}}),
    ),
    (
        "security-flow-added",
        "info",
        secured(schemes={"oauth": oauth()}),
        secured(schemes={"oauth": with_flow(oauth(), "password")}),
    ),
    (
        "security-flow-removed",
        "info",
        secured(schemes={"oauth": with_flow(oauth(), "password")}),
        secured(schemes={"oauth": oauth()}),
    ),
    (
        "security-flow-url-changed",
        "info",
        secured(schemes={"oauth": oauth()}),
        secured(schemes={"oauth": oauth("https://example.com/new")}),
    ),
    (
        "security-requirement-added",
        "warning",
        secured(schemes={"key": KEY}),
        secured(schemes={"key": KEY}, security=[{"key": []}]),
    ),
    (
        "security-requirement-removed",
        "info",
        secured(schemes={"key": KEY}, security=[{"key": []}]),
        secured(schemes={"key": KEY}),
    ),
    (
        "security-scope-added",
        "warning",
        secured(schemes={"oauth": oauth(r="read")}, security=[{"oauth": []}]),
        secured(schemes={"oauth": oauth(r="read")}, security=[{"oauth": ["r"]}]),
    ),
    (
        "security-scope-removed",
        "info",
        things(security=[{"oauth": ["r", "w"]}]),
        things(security=[{"oauth": ["r"]}]),
    ),
]


@pytest.mark.parametrize(
    "rule_id, severity, base, revision",
    CASES + SCHEMA_CASES,
    ids=[case[0] for case in CASES + SCHEMA_CASES],
)
def test_rule(
    diff_specs, rule_id: str, severity: str, base: JSONDict, revision: JSONDict
) -> None:
    judged(diff_specs(base, revision), rule_id, severity, revision, base)


def test_renamed_path_parameter_keeps_the_operation_diffed(diff_specs) -> None:
    base = spec(paths={"/things/{thingId}": {"get": item_op("thingId")}})
    op = item_op("id")
    op["parameters"].append(query(required=True))
    changes = diff_specs(base, spec(paths={"/things/{id}": {"get": op}}))
    assert [(c.id, c.operation) for c in changes] == [
        ("request-path-parameter-renamed", "GET /things/{id}"),
        ("request-required-parameter-added", "GET /things/{id}"),
    ]
    assert "`thingId`" in changes[0].message and "`id`" in changes[0].message


def test_every_rule_has_its_pair() -> None:
    paired = [case[0] for case in CASES + SCHEMA_CASES]
    assert sorted(rule.id for rule in RULES) == sorted(paired)


def test_each_rule_id_is_unique() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
