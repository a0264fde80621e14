"""What each finding says, in two tables, and the one place a Finding is made.

A message is `str.format` over `markdown` and `openapi` (what each side says, as the
Finding holds it) and the names the comparison passes (`name`, `header`, ...).
"""

from __future__ import annotations

from typing import Collection, Iterator, Literal, TypeVar

from .findings import Finding

Side = Literal["reference", "spec"]
REFERENCE: Side = "reference"
SPEC: Side = "spec"

# Something only one side has: (kind, message when only the reference has it, message
# when only the spec has it).
# fmt: off
ONE_SIDED = {
    "operation": (
        "operation-missing",
        "The reference documents this operation; the spec has no such operation.",
        "The spec defines this operation; the reference does not document it.",
    ),
    "schema": (
        "schema-missing",
        "The reference documents this component; the spec has no such schema.",
        "The spec defines this schema; the reference does not document it.",
    ),
    "parameter": (
        "parameter-missing",
        "The reference documents the {location} parameter `{name}`; the spec does not define it.",
        "The spec defines the {required}{location} parameter `{name}`; the reference does not list it.",
    ),
    "header": (
        "security-mismatch",
        "The reference lists the {header} header ({markdown}); the spec does not accept it.",
        "The spec also accepts the {header} header ({openapi}); the reference does not list it.",
    ),
    "media type": (
        "media-type-mismatch",
        "The reference documents `{markdown}`; the spec does not accept it here.",
        "The spec defines `{openapi}` here; the reference does not document it.",
    ),
    "status": (
        "status-mismatch",
        "The reference documents a {markdown} response; the spec has none.",
        "The spec defines a {openapi} response; the reference does not document it.",
    ),
    "member": (
        "variant-mismatch",
        "The reference lists `{markdown}` as a member; the spec does not.",
        "The spec has member `{openapi}`; the reference does not list it.",
    ),
    "inline member": (
        "variant-mismatch",
        "The reference shows member `{markdown}`; the spec does not.",
        "The spec has inline member `{openapi}`; the reference does not show it.",
    ),
    "property": (
        "property-missing",
        "The reference documents `{name}` ({markdown}); the spec does not define it.",
        "The spec defines {required}`{name}` ({openapi}); the reference does not list it.",
    ),
}

# Something both sides have, and say differently: case -> (kind, message).
DIFFERING = {
    "kind":                            ("kind-mismatch",          "The reference shows {markdown}; the spec defines {openapi}."),
    "location":                        ("location-mismatch",      "The reference puts `{name}` in the {markdown}; the spec in the {openapi}."),
    "type":                            ("type-mismatch",          "The reference says `{markdown}`; the spec says `{openapi}`."),
    "enum type":                       ("type-mismatch",          "The reference says the values are {markdown}s; the spec says {openapi}s."),
    "required by the spec":            ("required-mismatch",      "The spec requires `{name}`; the reference marks it optional."),
    "required by the reference":       ("required-mismatch",      "The reference marks `{name}` required; the spec makes it optional."),
    "default in the spec":             ("default-mismatch",       "The spec's default for `{name}` is `{openapi}`; the reference gives none."),
    "default in the reference":        ("default-mismatch",       "The reference gives `{name}` the default `{markdown}`; the spec has no default."),
    "default":                         ("default-mismatch",       "The reference gives `{name}` the default `{markdown}`; the spec's default is `{openapi}`."),
    "plain type in the reference":     ("enum-mismatch",          "The spec allows only {values} for `{name}`; the reference types it as a plain `{type}`."),
    "plain type in the spec":          ("enum-mismatch",          "The reference lists {values} for `{name}`; the spec allows any `{type}`."),
    "values only the reference lists": ("enum-mismatch",          "Only the reference lists {only_reference}."),
    "values only the spec allows":     ("enum-mismatch",          "Only the spec allows {only_spec}."),
    "values each side alone lists":    ("enum-mismatch",          "Only the reference lists {only_reference}; only the spec allows {only_spec}."),
    "discriminator":                   ("discriminator-mismatch", "The reference's discriminator is {reference}; the spec's is {spec}."),
}
# fmt: on

K = TypeVar("K")


def one_side(
    thing: str, side: Side, where: str, text: str, line: int | None, **names: str
) -> Finding:
    """A `thing` (a key of ONE_SIDED) only `side` has, of which it says `text`."""
    kind, in_reference, in_spec = ONE_SIDED[thing]
    if side == REFERENCE:
        return _finding(kind, in_reference, where, text, None, line, names)
    return _finding(kind, in_spec, where, None, text, line, names)


def differ(
    case: str,
    where: str,
    markdown: str | None,
    openapi: str | None,
    line: int | None,
    **names: str,
) -> Finding:
    """Both sides have it and say `markdown` and `openapi` (a key of DIFFERING)."""
    kind, message = DIFFERING[case]
    return _finding(kind, message, where, markdown, openapi, line, names)


def one_sided(
    reference: Collection[K], spec: Collection[K]
) -> Iterator[tuple[K, Side]]:
    """What only one side has, the reference's first, each side in its own order."""
    for key in reference:
        if key not in spec:
            yield key, REFERENCE
    for key in spec:
        if key not in reference:
            yield key, SPEC


def _finding(
    kind: str,
    message: str,
    where: str,
    markdown: str | None,
    openapi: str | None,
    line: int | None,
    names: dict[str, str],
) -> Finding:
    text = message.format(markdown=markdown, openapi=openapi, **names)
    return Finding(kind, where, markdown, openapi, text, line)
