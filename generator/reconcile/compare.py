"""Compares the view of a Markdown reference with the view of an OpenAPI spec.

Both sides are generator.docs.view views, so only what the Markdown format carries is
compared, and descriptions, titles and examples are left out: they differ in wording
far more often than in meaning. A missing parent hides its missing children. What each
finding says is in messages.py; operations.py, schemas.py, properties.py and cells.py
compare one level each.
"""

from __future__ import annotations

from typing import Callable, Iterable, Mapping, Protocol, TypeVar

from ..docs.view import ReferenceView
from ..parse.markdown.context import pointer_line
from .findings import Finding
from .messages import REFERENCE, SPEC, one_side
from .operations import compare_operation
from .schemas import compare_schema


def compare(markdown: ReferenceView, openapi: ReferenceView) -> list[Finding]:
    operations = _matched(
        "operation",
        {op.key: op for op in markdown.operations},
        {op.key: op for op in openapi.operations},
        lambda key: key,
        lambda op: op.title,
        compare_operation,
    )
    schemas = _matched(
        "schema",
        {s.name: s for s in markdown.schemas},
        {s.name: s for s in openapi.schemas},
        lambda name: f"schema {name}",
        lambda schema: schema.kind,
        compare_schema,
    )
    return [*operations, *schemas]


class _Located(Protocol):
    @property
    def pointer(self) -> str: ...


T = TypeVar("T", bound=_Located)


def _matched(
    thing: str,
    doc: Mapping[str, T],
    spec: Mapping[str, T],
    where: Callable[[str], str],
    said: Callable[[T], str],
    same: Callable[[T, T], Iterable[Finding]],
) -> Iterable[Finding]:
    """`same` compares what both sides have; what one lacks is a `thing` finding, at
    its line in the reference."""
    for key, item in doc.items():
        other = spec.get(key)
        if other is None:
            line = pointer_line(item.pointer)
            yield one_side(thing, REFERENCE, where(key), said(item), line)
        else:
            yield from same(item, other)
    for key, item in spec.items():
        if key not in doc:
            yield one_side(thing, SPEC, where(key), said(item), None)
