"""One operation both sides have, compared: parameters, authentication headers,
request bodies and responses."""

from __future__ import annotations

from typing import Iterable, Mapping

from ..docs.view import OperationView, ParameterView, ResponseView, label_text
from ..parse.markdown.context import pointer_line
from . import cells
from .findings import Finding
from .messages import REFERENCE, SPEC, Side, differ, one_side, one_sided
from .properties import compare_properties


def compare_operation(doc: OperationView, spec: OperationView) -> Iterable[Finding]:
    line = pointer_line(doc.pointer)
    yield from _parameters(doc, spec, line)
    doc_auth = sorted({(s.type, s.header) for s in doc.security})
    spec_auth = sorted({(s.type, s.header) for s in spec.security})
    for (kind, header), side in one_sided(doc_auth, spec_auth):
        where = f"{doc.key}, header {header}"
        yield one_side("header", side, where, kind, line, header=header)
    doc_bodies = {b.media_type: b for b in doc.bodies}
    spec_bodies = {b.media_type: b for b in spec.bodies}
    yield from _media_types(f"{doc.key}, request body", doc_bodies, spec_bodies, line)
    for media_type in [m for m in doc_bodies if m in spec_bodies]:
        body = doc_bodies[media_type]
        yield from compare_properties(
            f"{doc.key}, request body ({media_type})",
            body.properties,
            spec_bodies[media_type].properties,
            pointer_line(body.pointer) or line,
        )
    doc_responses = {r.status: r for r in doc.responses}
    spec_responses = {r.status: r for r in spec.responses}
    for status, side in one_sided(doc_responses, spec_responses):
        yield one_side("status", side, f"{doc.key}, response {status}", status, line)
    for status in [s for s in doc_responses if s in spec_responses]:
        yield from _response(
            doc.key, status, doc_responses[status], spec_responses[status], line
        )


def _parameters(
    doc: OperationView, spec: OperationView, line: int | None
) -> Iterable[Finding]:
    doc_params = {p.name: p for p in doc.parameters}
    spec_params = {p.name: p for p in spec.parameters}
    for name, param in doc_params.items():
        where = f"{doc.key}, parameter {name}"
        at = pointer_line(param.pointer) or line
        other = spec_params.get(name)
        if other is None:
            yield _missing(REFERENCE, where, param, at)
            continue
        if param.location != other.location:
            yield differ(
                "location", where, param.location, other.location, at, name=name
            )
        if param.required != other.required:
            yield cells.required(where, name, param.required, other.required, at)
        yield from cells.types(where, param.type, other.type, at)
        yield from cells.values(where, param.values, other.values, at)
    for name, param in spec_params.items():
        if name not in doc_params:
            yield _missing(SPEC, f"{doc.key}, parameter {name}", param, line)


def _missing(side: Side, where: str, param: ParameterView, line: int | None) -> Finding:
    return one_side(
        "parameter",
        side,
        where,
        f"{param.location} {label_text(param.type)}",
        line,
        name=param.name,
        location=param.location,
        required="required " if param.required else "",
    )


def _media_types(
    where: str, doc: Mapping[str, object], spec: Mapping[str, object], line: int | None
) -> Iterable[Finding]:
    for media_type, side in one_sided(doc, spec):
        yield one_side("media type", side, where, media_type, line)


def _response(
    key: str, status: str, doc: ResponseView, spec: ResponseView, line: int | None
) -> Iterable[Finding]:
    where = f"{key}, response {status}"
    doc_content = {c.media_type: c for c in doc.content}
    spec_content = {c.media_type: c for c in spec.content}
    yield from _media_types(where, doc_content, spec_content, line)
    for media_type in [m for m in doc_content if m in spec_content]:
        content = doc_content[media_type]
        yield from cells.types(
            f"{where} ({media_type})",
            content.type,
            spec_content[media_type].type,
            pointer_line(content.pointer) or line,
        )
    yield from compare_properties(where, doc.properties, spec.properties, line)
