"""What one table cell of the reference says: text, a link, a type, a default, values.

Cells come from the token stream as written; these helpers read the reference's cell
conventions (`<br>` line breaks, `&#124;` pipes, `[name](#anchor)` links, `X or Y`
unions, `Possible values: ...` enum lists, Python-style defaults).
"""

from __future__ import annotations

import ast
import re
from typing import Any, Callable

from ...ir import PRIMITIVE_TYPES, Schema

# `<br>`, `<br/>`, and the `</br>` the published files also write
_BREAK = re.compile(r"</?br\s*/?>", re.IGNORECASE)
_CODE = re.compile(r"`([^`]*)`")
_LINK = re.compile(r"\[([^\]]+)\]\(#([^)\s]*)\)")
_VALUES = "Possible values:"


def breaks_as_newlines(text: str) -> str:
    """`<br>` line breaks (in cells and descriptions) as newlines."""
    return _BREAK.sub("\n", text) if "<" in text else text


def cell_text(raw: str) -> str:
    """A cell's text with `<br>` as newlines and escaped pipes restored."""
    raw = breaks_as_newlines(raw)
    if "&#124;" in raw:
        raw = raw.replace("&#124;", "|")
    return raw.strip()


def link_name(text: str) -> str | None:
    """`[name](#anchor)` -> name; None when the text is not exactly one such link."""
    match = _LINK.fullmatch(text.strip())
    return match.group(1) if match else None


def links(text: str) -> list[str]:
    return [match.group(1) for match in _LINK.finditer(text)]


def split_values(text: str) -> tuple[str, tuple[str, ...] | None]:
    """Separates a `Possible values: a, b` line from a description."""
    at = text.find(_VALUES)
    if at < 0:
        return text, None
    stop = text.find("\n", at)
    stop = len(text) if stop < 0 else stop
    listed = text[at + len(_VALUES) : stop]
    values = tuple(v.strip().strip("`") for v in listed.split(",") if v.strip())
    return (text[:at] + text[stop:]).strip(), values


def code_values(text: str) -> tuple[str, ...]:
    """`a`<br>`b` (the newer enum tables) -> (a, b); unquoted values one a line."""
    quoted = _CODE.findall(text)
    if quoted:
        return tuple(quoted)
    return tuple(v.strip() for v in text.splitlines() if v.strip())


def default_text(value: Any) -> str:
    """A default as the Default column writes it, in Python literal style: `True`,
    `None`, `16`, `1.0`, `['segment']`; strings as they are."""
    return value if isinstance(value, str) else repr(value)


def parse_default(text: str) -> tuple[bool, Any]:
    """A Default cell -> (has_default, JSON value), the inverse of default_text."""
    text = text.strip()
    if not text:
        return False, None
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return True, text
    if default_text(value) != text:  # "007", "1e3", "(1, 2)": keep what is written
        return True, text
    return True, value


def parse_required(text: str) -> bool | None:
    flag = text.strip().lower()
    if flag in ("yes", "true"):
        return True
    if flag in ("no", "false"):
        return False
    return None


def type_schema(
    text: str,
    pointer: str,
    values: tuple[str, ...] | None,
    warn: Callable[[str], None],
    **annotations: Any,
) -> Schema:
    """A Type cell -> Schema: `string`, `enum`, `[X](#x)`, `string or [X](#x)`, ...
    `values` (from `Possible values`) make a single primitive an enum; `annotations`
    (description, default) go on the schema the cell describes."""
    alternatives = [alt.strip() for alt in text.split(" or ") if alt.strip()]
    if not alternatives:
        warn("empty type")
        return Schema(type="any", pointer=pointer, **annotations)
    if len(alternatives) == 1:
        return _alternative(alternatives[0], pointer, values, warn, annotations)
    members = tuple(_alternative(alt, pointer, None, warn, {}) for alt in alternatives)
    return Schema(type="union", pointer=pointer, one_of=members, **annotations)


def _alternative(
    text: str,
    pointer: str,
    values: tuple[str, ...] | None,
    warn: Callable[[str], None],
    annotations: dict[str, Any],
) -> Schema:
    name = link_name(text)
    if name is not None:
        return Schema(type="ref", pointer=pointer, ref=name, **annotations)
    word = text.lower()
    if word == "enum":
        return Schema(type="string", pointer=pointer, enum=values or (), **annotations)
    if word == "file":
        return Schema(
            type="string", pointer=pointer, format="binary", enum=values, **annotations
        )
    if word in PRIMITIVE_TYPES or word == "any":
        return Schema(type=word, pointer=pointer, enum=values, **annotations)
    warn(f"unknown type {text!r}")
    return Schema(type="any", pointer=pointer, **annotations)
