"""A discrepancy between a Markdown reference and an OpenAPI spec."""

from __future__ import annotations

from dataclasses import dataclass

# Every kind of finding, in report order, with the heading the text report gives it.
KINDS = {
    "operation-missing": "Operations on one side only",
    "schema-missing": "Schemas on one side only",
    "kind-mismatch": "Schemas of a different kind",
    "parameter-missing": "Parameters on one side only",
    "location-mismatch": "Parameters in a different place",
    "security-mismatch": "Authentication headers",
    "media-type-mismatch": "Content types",
    "status-mismatch": "Response status codes",
    "property-missing": "Properties on one side only",
    "type-mismatch": "Types",
    "required-mismatch": "Required or optional",
    "default-mismatch": "Defaults",
    "enum-mismatch": "Enum values",
    "variant-mismatch": "Union members",
    "discriminator-mismatch": "Discriminators",
}


@dataclass(frozen=True)
class Finding:
    kind: str  # a key of KINDS
    where: str  # operation, schema, parameter or property, as a reader names it
    markdown: str | None  # what the reference says; None: it says nothing
    openapi: str | None  # what the spec says; None: it says nothing
    message: str
    line: int | None = None  # where in the reference to fix it


@dataclass(frozen=True)
class Counts:
    operations: int
    schemas: int


@dataclass(frozen=True)
class Report:
    markdown_source: str
    openapi_source: str
    markdown: Counts
    openapi: Counts
    findings: tuple[Finding, ...]
