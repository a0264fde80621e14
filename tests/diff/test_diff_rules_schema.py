"""Schema rules judged by side: each pair once in what callers send (`request-<kind>`)
and once in what they get back (`response-<kind>`), one verdict each (test_diff_rules.py
runs them), and how readOnly parts, numeric type arrays and patterns are read."""

from __future__ import annotations

from inline_spec import ref
from rule_pairs import (
    INT,
    NUM,
    PETS,
    STR,
    JSONDict,
    a_is,
    judged,
    obj,
    pets,
    returned,
    sent,
)

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
    (
        "required-property-with-default-added",
        "info",
        "info",
        obj(a=STR),
        obj("b", a=STR, b={**STR, "default": "x"}),
        {},
    ),
    ("property-removed", "breaking", "breaking", obj(a=STR, b=STR), obj(a=STR), {}),
    ("property-became-required", "breaking", "info", obj(a=STR), obj("a", a=STR), {}),
    (
        "property-became-required-with-default",
        "info",
        "info",
        a_is({**STR, "default": "x"}),
        obj("a", a={**STR, "default": "x"}),
        {},
    ),
    ("property-became-optional", "info", "breaking", obj("a", a=STR), obj(a=STR), {}),
    ("type-changed", "breaking", "breaking", a_is(STR), a_is(INT), {}),
    ("type-widened", "info", "breaking", a_is(INT), a_is(NUM), {}),
    ("type-narrowed", "breaking", "info", a_is(NUM), a_is(INT), {}),
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
        "breaking",
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
        "warning",
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
    (
        "extensible-enum-value-removed",
        "breaking",
        "info",
        a_is({**STR, "x-extensible-enum": ["x", "y"]}),
        a_is({**STR, "x-extensible-enum": ["x"]}),
        {},
    ),
]
CASES = [
    (f"{side}-{kind}", verdict, build(base, **others), build(revision, **others))
    for kind, on_request, on_response, base, revision, others in SIDED
    for side, verdict, build in (
        ("request", on_request, sent),
        ("response", on_response, returned),
    )
]
# Rules judged the same on either side, each with its pair.
CASES += [
    (
        "discriminator-added",
        "info",
        returned({"oneOf": [ref("Cat"), ref("Dog")]}, **PETS),
        returned(pets(), **PETS),
    ),
    (
        "discriminator-removed",
        "info",
        sent(pets(), **PETS),
        sent({"oneOf": [ref("Cat"), ref("Dog")]}, **PETS),
    ),
    (
        "extensible-enum-value-added",
        "info",
        sent(a_is({**STR, "x-extensible-enum": ["x"]})),
        sent(a_is({**STR, "x-extensible-enum": ["x", "y"]})),
    ),
    # A writeOnly property was never returned: dropping it from a returned schema, or
    # changing it, reaches no caller.
    (
        "unseen-change",
        "info",
        returned(obj(a=STR, b={**STR, "writeOnly": True})),
        returned(obj(a=STR)),
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
]


def test_read_only_property_changes_reach_responses_only(diff_specs) -> None:
    """A required readOnly property binds only what comes back; its constraints bind
    nothing callers send (oasdiff's request-read-only-* checks)."""
    ro = {**STR, "readOnly": True, "enum": ["x", "y"]}
    changes = diff_specs(sent(obj(a=STR)), sent(obj("b", a=STR, b=ro)))
    judged(changes, "unseen-change", "info", sent(obj("b", a=STR, b=ro)))
    changes = diff_specs(sent(a_is(ro)), sent(a_is({**ro, "enum": ["x"]})))
    assert [(c.id, c.severity) for c in changes] == [("unseen-change", "info")]
    assert "is no longer `y`" in changes[0].message


def test_numeric_type_array_widened(diff_specs) -> None:
    base = sent(a_is({"type": ["integer", "string"]}))
    revision = sent(a_is({"type": ["number", "string"]}))
    base["openapi"] = revision["openapi"] = "3.1.0"
    judged(diff_specs(base, revision), "request-type-widened", "info", revision)


def test_pattern_widened_to_everything_is_loosened(diff_specs) -> None:
    base = sent(a_is({**STR, "pattern": "^[a-z]+$"}))
    revision = sent(a_is({**STR, "pattern": ".*"}))
    judged(diff_specs(base, revision), "request-constraint-loosened", "info", revision)
    other = sent(a_is({**STR, "pattern": "^[a-c]+$"}))
    judged(diff_specs(base, other), "request-constraint-tightened", "breaking", other)
