"""What one row of a table says, compared: the Type, Required, Default and Possible
values cells of a property or parameter (and the type, default and values of an enum).
"""

from __future__ import annotations

from typing import Iterable

from ..docs.view import PropertyView, TypeLabel, label_text
from .findings import Finding
from .messages import differ


def types(
    where: str, doc: TypeLabel, spec: TypeLabel, line: int | None
) -> Iterable[Finding]:
    if set(doc) != set(spec):
        yield differ("type", where, label_text(doc), label_text(spec), line)


def required(where: str, name: str, doc: bool, spec: bool, line: int | None) -> Finding:
    case = "required by the spec" if spec else "required by the reference"
    return differ(
        case,
        where,
        "required" if doc else "optional",
        "required" if spec else "optional",
        line,
        name=name,
    )


def default(
    where: str, name: str, doc: str, spec: str, line: int | None
) -> Iterable[Finding]:
    if doc == spec:
        return
    if not doc:
        case = "default in the spec"
    elif not spec:
        case = "default in the reference"
    else:
        case = "default"
    yield differ(case, where, doc or None, spec or None, line, name=name)


def values(
    where: str, doc: tuple[str, ...], spec: tuple[str, ...], line: int | None
) -> Iterable[Finding]:
    if set(doc) == set(spec):
        return
    only_reference = _listed(v for v in doc if v not in spec)
    only_spec = _listed(v for v in spec if v not in doc)
    if not only_spec:
        case = "values only the reference lists"
    elif not only_reference:
        case = "values only the spec allows"
    else:
        case = "values each side alone lists"
    yield differ(
        case,
        where,
        ", ".join(doc) or None,
        ", ".join(spec) or None,
        line,
        only_reference=only_reference,
        only_spec=only_spec,
    )


def plain_versus_enum(doc: TypeLabel, spec: TypeLabel) -> bool:
    """One side lists values, the other only their type: one enum finding, not two."""
    return {doc, spec} in (
        {("enum",), ("string",)},
        {("enum",), ("integer",)},
        {("enum",), ("number",)},
    )


def unlisted_values(
    where: str, name: str, doc: PropertyView, spec: PropertyView, line: int | None
) -> Finding:
    if "enum" in spec.type:
        case, listed, plain = "plain type in the reference", spec.values, doc.type[0]
    else:
        case, listed, plain = "plain type in the spec", doc.values, spec.type[0]
    return differ(
        case,
        where,
        ", ".join(doc.values) or None,
        ", ".join(spec.values) or None,
        line,
        values=_listed(listed),
        name=name,
        type=plain,
    )


def _listed(values: Iterable[str]) -> str:
    return ", ".join(f"`{v}`" for v in values)
