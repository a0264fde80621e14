"""The one rule table that turns facts into changes with an id and a severity.

Severity is judged for a caller of the generated client. Inputs (request side) may
widen freely but not narrow; outputs (response side) may narrow freely but not widen,
since code reading them handles only what it was promised. Removing anything a caller
names (operation, parameter, property, model) is breaking. A fact inside a shared
component is judged on every side the component is used on, and the strictest verdict
wins (the request side's on a tie); a component no operation uses is judged on both.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..ir import JSON
from .facts import Fact
from .usage import Usage

BREAKING, WARNING, INFO = "breaking", "warning", "info"
SEVERITIES = (BREAKING, WARNING, INFO)  # strictest first
REQ, RESP, BOTH, NONE = "request", "response", "both", "none"


@dataclass(frozen=True)
class Rule:
    """One row of the rule table: which facts it judges, on which side, how severe."""

    id: str
    kind: str  # the Fact.kind it judges
    side: str  # REQ, RESP, BOTH, or NONE for what no caller meets
    severity: str
    message: str  # str.format over subject, old, new, detail (and change, for NONE)


# fmt: off
RULES = tuple(Rule(*row) for row in (
    # id                                       fact kind                      side  severity  message
    ("operation-added",                        "operation-added",             BOTH, INFO,     "operation added"),
    ("operation-removed",                      "operation-removed",           BOTH, BREAKING, "operation removed"),
    ("operation-id-changed",                   "operation-id-changed",        BOTH, BREAKING, "operationId changed from {old} to {new}: the generated method is renamed"),
    ("operation-deprecated",                   "operation-deprecated",        BOTH, WARNING,  "operation deprecated"),
    ("request-path-parameter-renamed",         "path-parameter-renamed",      REQ,  BREAKING, "{subject} renamed to {new} ({detail}): the keyword argument is renamed"),
    ("tag-added",                              "tag-added",                   BOTH, INFO,     "tag(s) {new} added"),
    ("tag-removed",                            "tag-removed",                 BOTH, INFO,     "tag(s) {old} removed"),
    ("sunset-added",                           "sunset-added",                BOTH, WARNING,  "{subject}: sunset date {new} set"),
    ("sunset-changed",                         "sunset-changed",              BOTH, INFO,     "{subject}: sunset date changed from {old} to {new}"),
    ("sunset-removed",                         "sunset-removed",              BOTH, INFO,     "{subject}: sunset date {old} removed"),
    ("stability-decreased",                    "stability-decreased",         BOTH, WARNING,  "{subject}: stability level lowered from {old} to {new}"),
    ("stability-changed",                      "stability-changed",           BOTH, INFO,     "{subject}: stability level changed from {old} to {new}"),
    ("server-added",                           "server-added",                BOTH, INFO,     "{subject} added"),
    ("server-removed",                         "server-removed",              BOTH, WARNING,  "{subject} removed: a client pointed at it must move"),
    ("server-variables-changed",               "server-variables-changed",    BOTH, INFO,     "{subject}: variables changed"),
    ("security-scheme-added",                  "security-scheme-added",       BOTH, INFO,     "{subject} added ({new})"),
    ("security-scheme-removed",                "security-scheme-removed",     BOTH, WARNING,  "{subject} removed"),
    ("security-scheme-changed",                "security-scheme-changed",     BOTH, WARNING,  "{subject}: {detail} changed from {old} to {new}"),
    ("security-flow-added",                    "security-flow-added",         BOTH, INFO,     "{subject}: OAuth flow `{detail}` added"),
    ("security-flow-removed",                  "security-flow-removed",       BOTH, INFO,     "{subject}: OAuth flow `{detail}` removed"),
    ("security-flow-url-changed",              "security-flow-url-changed",   BOTH, INFO,     "{subject}: {detail} changed from {old} to {new}"),
    ("security-requirement-added",             "security-requirement-added",  BOTH, WARNING,  "{subject} added: calls may need these credentials"),
    ("security-requirement-removed",           "security-requirement-removed", BOTH, INFO,    "{subject} removed"),
    ("security-scope-added",                   "security-scope-added",        BOTH, WARNING,  "{subject}: scope(s) {new} of `{detail}` now needed"),
    ("security-scope-removed",                 "security-scope-removed",      BOTH, INFO,     "{subject}: scope(s) {old} of `{detail}` no longer needed"),
    ("summary-changed",                        "summary-changed",             BOTH, INFO,     "summary changed"),
    ("description-changed",                    "description-changed",         BOTH, INFO,     "{subject}: description changed"),
    ("title-changed",                          "title-changed",               BOTH, INFO,     "{subject}: title changed from {old} to {new}"),
    ("deprecated",                             "deprecated",                  BOTH, WARNING,  "{subject} deprecated"),
    ("deprecation-removed",                    "deprecation-removed",         BOTH, INFO,     "{subject} no longer deprecated"),
    ("schema-added",                           "schema-added",                BOTH, INFO,     "schema added"),
    ("schema-removed",                         "schema-removed",              BOTH, BREAKING, "schema removed: its generated model goes away"),

    ("request-parameter-added",                "parameter-added",             REQ,  INFO,     "optional {subject} added"),
    ("request-required-parameter-added",       "required-parameter-added",    REQ,  BREAKING, "required {subject} added"),
    ("request-parameter-removed",              "parameter-removed",           REQ,  BREAKING, "{subject} removed"),
    ("request-parameter-became-required",      "parameter-became-required",   REQ,  BREAKING, "{subject} became required"),
    ("request-parameter-became-optional",      "parameter-became-optional",   REQ,  INFO,     "{subject} became optional"),
    ("request-parameter-deprecated",           "parameter-deprecated",        REQ,  WARNING,  "{subject} deprecated"),
    ("request-parameter-style-changed",        "parameter-style-changed",     REQ,  WARNING,  "{subject}: serialized as {new}, was {old}: clients generated before send it the old way"),
    ("request-body-added",                     "request-body-added",          REQ,  INFO,     "optional request body added"),
    ("request-required-body-added",            "required-request-body-added", REQ,  BREAKING, "required request body added"),
    ("request-body-removed",                   "request-body-removed",        REQ,  BREAKING, "request body removed"),
    ("request-body-became-required",           "request-body-became-required", REQ, BREAKING, "request body became required"),
    ("request-body-became-optional",           "request-body-became-optional", REQ, INFO,     "request body became optional"),
    ("request-media-type-added",               "media-type-added",            REQ,  INFO,     "{subject}: media type {new} added"),
    ("request-media-type-removed",             "media-type-removed",          REQ,  BREAKING, "{subject}: media type {old} removed"),

    ("response-media-type-added",              "media-type-added",            RESP, WARNING,  "{subject}: may now be {new}"),
    ("response-media-type-removed",            "media-type-removed",          RESP, BREAKING, "{subject}: media type {old} removed"),
    ("response-success-status-added",          "success-status-added",        RESP, WARNING,  "success response {new} added"),
    ("response-success-status-removed",        "success-status-removed",      RESP, BREAKING, "success response {old} removed"),
    ("response-error-status-added",            "error-status-added",          RESP, INFO,     "error response {new} added"),
    ("response-error-status-removed",          "error-status-removed",        RESP, INFO,     "error response {old} removed"),
    ("response-header-added",                  "header-added",                RESP, INFO,     "{subject} added"),
    ("response-header-removed",                "header-removed",              RESP, WARNING,  "optional {subject} removed"),
    ("response-required-header-removed",       "required-header-removed",     RESP, BREAKING, "{subject} removed"),
    ("response-header-became-optional",        "header-became-optional",      RESP, BREAKING, "{subject} may now be absent: code reading it must handle a missing value"),
    ("response-header-became-required",        "header-became-required",      RESP, INFO,     "{subject} is now always sent"),

    ("request-property-added",                 "property-added",              REQ,  INFO,     "optional property {subject} added"),
    ("response-property-added",                "property-added",              RESP, INFO,     "property {subject} added"),
    ("request-required-property-added",        "required-property-added",     REQ,  BREAKING, "required property {subject} added"),
    ("response-required-property-added",       "required-property-added",     RESP, INFO,     "property {subject} added (always present)"),
    ("request-required-property-with-default-added", "required-property-with-default-added", REQ, INFO, "required property {subject} with a default added: the argument stays optional"),
    ("response-required-property-with-default-added", "required-property-with-default-added", RESP, INFO, "property {subject} added (always present)"),
    ("request-property-removed",               "property-removed",            REQ,  BREAKING, "property {subject} removed"),
    ("response-property-removed",              "property-removed",            RESP, BREAKING, "property {subject} removed"),
    ("request-property-became-required",       "property-became-required",    REQ,  BREAKING, "property {subject} became required"),
    ("response-property-became-required",      "property-became-required",    RESP, INFO,     "property {subject} is now always present"),
    ("request-property-became-required-with-default", "property-became-required-with-default", REQ, INFO, "property {subject} became required with a default: the argument stays optional"),
    ("response-property-became-required-with-default", "property-became-required-with-default", RESP, INFO, "property {subject} is now always present"),
    ("request-property-became-optional",       "property-became-optional",    REQ,  INFO,     "property {subject} became optional"),
    ("response-property-became-optional",      "property-became-optional",    RESP, BREAKING, "property {subject} may now be absent: code reading it must handle a missing value"),
    ("request-type-changed",                   "type-changed",                REQ,  BREAKING, "{subject}: type changed from {old} to {new}"),
    ("response-type-changed",                  "type-changed",                RESP, BREAKING, "{subject}: type changed from {old} to {new}"),
    ("request-type-widened",                   "type-widened",                REQ,  INFO,     "{subject}: type widened from {old} to {new}"),
    ("response-type-widened",                  "type-widened",                RESP, BREAKING, "{subject}: type widened from {old} to {new}: it may now be a float"),
    ("request-type-narrowed",                  "type-narrowed",               REQ,  BREAKING, "{subject}: type narrowed from {old} to {new}: floats are rejected"),
    ("response-type-narrowed",                 "type-narrowed",               RESP, INFO,     "{subject}: type narrowed from {old} to {new}"),
    ("request-format-changed",                 "format-changed",              REQ,  WARNING,  "{subject}: format changed from {old} to {new}"),
    ("response-format-changed",                "format-changed",              RESP, WARNING,  "{subject}: format changed from {old} to {new}"),
    ("request-became-nullable",                "became-nullable",             REQ,  INFO,     "{subject} now accepts null"),
    ("response-became-nullable",               "became-nullable",             RESP, BREAKING, "{subject} may now be null: code reading it must handle null"),
    ("request-became-non-nullable",            "became-non-nullable",         REQ,  BREAKING, "{subject} no longer accepts null"),
    ("response-became-non-nullable",           "became-non-nullable",         RESP, INFO,     "{subject} is no longer null"),
    ("request-enum-value-added",               "enum-value-added",            REQ,  INFO,     "{subject}: now accepts {new}"),
    ("response-enum-value-added",              "enum-value-added",            RESP, WARNING,  "{subject}: may now be {new}"),
    ("request-enum-value-removed",             "enum-value-removed",          REQ,  BREAKING, "{subject}: no longer accepts {old}"),
    ("response-enum-value-removed",            "enum-value-removed",          RESP, INFO,     "{subject}: is no longer {old}"),
    ("request-enum-added",                     "enum-added",                  REQ,  BREAKING, "{subject}: now restricted to {new}"),
    ("response-enum-added",                    "enum-added",                  RESP, INFO,     "{subject}: now always one of {new}"),
    ("request-enum-removed",                   "enum-removed",                REQ,  INFO,     "{subject}: no longer restricted to {old}"),
    ("response-enum-removed",                  "enum-removed",                RESP, WARNING,  "{subject}: no longer restricted to {old}"),
    ("extensible-enum-value-added",            "extensible-enum-value-added", BOTH, INFO,     "{subject}: extensible enum value(s) {new} added"),
    ("request-extensible-enum-value-removed",  "extensible-enum-value-removed", REQ, BREAKING, "{subject}: extensible enum value(s) {old} removed"),
    ("response-extensible-enum-value-removed", "extensible-enum-value-removed", RESP, INFO,   "{subject}: extensible enum value(s) {old} no longer returned"),
    ("request-default-changed",                "default-changed",             REQ,  WARNING,  "{subject}: default changed from {old} to {new}"),
    ("response-default-changed",               "default-changed",             RESP, INFO,     "{subject}: default changed from {old} to {new}"),
    ("request-constraint-tightened",           "constraint-tightened",        REQ,  BREAKING, "{subject}: {detail} tightened from {old} to {new}"),
    ("response-constraint-tightened",          "constraint-tightened",        RESP, INFO,     "{subject}: {detail} tightened from {old} to {new}"),
    ("request-constraint-loosened",            "constraint-loosened",         REQ,  INFO,     "{subject}: {detail} loosened from {old} to {new}"),
    ("response-constraint-loosened",           "constraint-loosened",         RESP, WARNING,  "{subject}: {detail} loosened from {old} to {new}"),
    ("request-additional-properties-restricted", "additional-properties-restricted", REQ, BREAKING, "{subject}: fewer additional properties accepted"),
    ("response-additional-properties-restricted", "additional-properties-restricted", RESP, INFO, "{subject}: fewer additional properties returned"),
    ("request-additional-properties-allowed",  "additional-properties-allowed", REQ, INFO,     "{subject}: more additional properties accepted"),
    ("response-additional-properties-allowed", "additional-properties-allowed", RESP, WARNING, "{subject}: may now carry more additional properties"),
    ("request-variant-added",                  "variant-added",               REQ,  INFO,     "{subject}: {detail} variant {new} added"),
    ("response-variant-added",                 "variant-added",               RESP, WARNING,  "{subject}: may now be {detail} variant {new}"),
    ("request-variant-removed",                "variant-removed",             REQ,  BREAKING, "{subject}: {detail} variant {old} removed"),
    ("response-variant-removed",               "variant-removed",             RESP, INFO,     "{subject}: {detail} variant {old} no longer returned"),
    ("request-all-of-added",                   "all-of-added",                REQ,  WARNING,  "{subject}: now also includes {new} (allOf), which may require more"),
    ("response-all-of-added",                  "all-of-added",                RESP, INFO,     "{subject}: now also includes {new} (allOf)"),
    ("request-all-of-removed",                 "all-of-removed",              REQ,  BREAKING, "{subject}: no longer includes {old} (allOf)"),
    ("response-all-of-removed",                "all-of-removed",              RESP, BREAKING, "{subject}: no longer includes {old} (allOf)"),
    ("discriminator-added",                    "discriminator-added",         BOTH, INFO,     "{subject}: discriminator `{detail}` added (payloads unchanged)"),
    ("discriminator-removed",                  "discriminator-removed",       BOTH, INFO,     "{subject}: discriminator `{detail}` removed (payloads unchanged)"),
    ("request-discriminator-changed",          "discriminator-changed",       REQ,  BREAKING, "{subject}: discriminator property changed from {old} to {new}"),
    ("response-discriminator-changed",         "discriminator-changed",       RESP, BREAKING, "{subject}: discriminator property changed from {old} to {new}"),
    ("request-discriminator-value-added",      "discriminator-value-added",   REQ,  INFO,     "{subject}: discriminator value(s) {new} added"),
    ("response-discriminator-value-added",     "discriminator-value-added",   RESP, WARNING,  "{subject}: may now be discriminator value(s) {new}"),
    ("request-discriminator-value-removed",    "discriminator-value-removed", REQ,  BREAKING, "{subject}: discriminator value(s) {old} removed"),
    ("response-discriminator-value-removed",   "discriminator-value-removed", RESP, INFO,     "{subject}: discriminator value(s) {old} no longer returned"),
    ("request-discriminator-mapping-changed",  "discriminator-mapping-changed", REQ, BREAKING, "{subject}: discriminator value `{detail}` maps to {new}, was {old}"),
    ("response-discriminator-mapping-changed", "discriminator-mapping-changed", RESP, BREAKING, "{subject}: discriminator value `{detail}` maps to {new}, was {old}"),
    ("request-read-only-added",                "read-only-added",             REQ,  WARNING,  "{subject} became read-only: the server now ignores it"),
    ("response-read-only-added",               "read-only-added",             RESP, INFO,     "{subject} became read-only"),
    ("read-only-removed",                      "read-only-removed",           BOTH, INFO,     "{subject} is no longer read-only"),
    ("request-write-only-added",               "write-only-added",            REQ,  INFO,     "{subject} became write-only"),
    ("response-write-only-added",              "write-only-added",            RESP, BREAKING, "{subject} became write-only: it is no longer returned"),
    ("write-only-removed",                     "write-only-removed",          BOTH, INFO,     "{subject} is no longer write-only"),
    # a readOnly property of a schema only sent, a writeOnly one of a schema only read
    ("unseen-change",                          "*",                           NONE, INFO,     "{change} (no caller meets it: {detail})"),
))
# fmt: on

_BY_KIND = {(rule.kind, rule.side): rule for rule in RULES}
_UNSEEN = _BY_KIND[("*", NONE)]
_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class Change:
    """A judged fact: what the reports print."""

    id: str
    severity: str
    message: str
    location: str  # JSON pointer
    operation: str | None  # set for a change inside one operation
    schema: str | None  # set for a change inside a component schema
    operations: tuple[str, ...]  # every operation the change reaches
    old: JSON = None  # the values compared, as the spec wrote them
    new: JSON = None
    in_base: bool = False  # `location` points into the old spec (a removal)
    # What a Python caller touches (`client.x.create(y=...)`, `Model.attr`); filled
    # by generator.diff.python for the formats that print it.
    python: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "severity": self.severity,
            "operation": self.operation,
            "schema": self.schema,
            "operations": list(self.operations),
            "location": self.location,
            "message": self.message,
            "python": list(self.python),
            "old": self.old,
            "new": self.new,
        }


def classify(facts: list[Fact], usage: Usage) -> list[Change]:
    return [_judge(fact, usage) for fact in facts]


def at_or_above(changes: list[Change], severity: str) -> bool:
    """True when a change is as severe as `severity` or worse (the --fail-on test)."""
    return any(_RANK[change.severity] <= _RANK[severity] for change in changes)


def _judge(fact: Fact, usage: Usage) -> Change:
    operations: tuple[str, ...]
    if fact.operation is not None:
        operations = (fact.operation,)
        met: tuple[str, ...] = (fact.side or BOTH,)
    else:
        reach = usage.get(fact.schema or "", {})
        operations = tuple(reach)
        used = set().union(*reach.values()) if reach else {REQ, RESP}
        met = tuple(side for side in (REQ, RESP) if side in used)
    # A readOnly part is met only in responses, a writeOnly one only in requests.
    sides = tuple(side for side in met if fact.only in (None, side))
    values = {
        "subject": fact.subject,
        "old": _show(fact.old),
        "new": _show(fact.new),
        "detail": fact.detail,
    }
    if sides:
        rule = min((_rule(fact.kind, side) for side in sides), key=_strictness)
        message = rule.message.format(**values)
    else:
        visible = _rule(fact.kind, str(fact.only))
        rule = _UNSEEN
        change = visible.message.format(**values)
        why = (
            "read-only, in a schema only sent"
            if fact.only == RESP
            else "write-only, in a schema only returned"
        )
        message = rule.message.format(change=change, detail=why)
    return Change(
        id=rule.id,
        severity=rule.severity,
        message=message,
        location=fact.location,
        operation=fact.operation,
        schema=fact.schema,
        operations=operations,
        old=fact.old,
        new=fact.new,
        in_base=fact.in_base,
    )


def _strictness(rule: Rule) -> int:
    return _RANK[rule.severity]


def _rule(kind: str, side: str) -> Rule:
    rule = _BY_KIND.get((kind, side)) or _BY_KIND.get((kind, BOTH))
    if rule is None:  # a fact kind without a rule is a bug in this table
        raise LookupError(f"no diff rule for fact {kind!r} on the {side} side")
    return rule


def _show(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_show(v) for v in value) or "nothing"
    if value is None:
        return "none"
    if isinstance(value, str):
        return f"`{value}`"
    return f"`{json.dumps(value)}`"
