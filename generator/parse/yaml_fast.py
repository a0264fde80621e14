"""YAML at C speed: rapidyaml parses and emits JSON, json.loads builds the data.

rapidyaml reads YAML 1.2 and PyYAML YAML 1.1: their data differ for some plain scalars
(`yes`, `012`, `1e3`, `.inf`, `12:30`, `<<`), for tags and aliases, and rapidyaml's JSON
rewrites a few spellings (`-.5` becomes -0.5, `inf` becomes ".inf"). Rather than guess,
`fast_load` declines (returns DECLINED) whenever the text or the JSON holds any of those,
and the caller loads with PyYAML; whatever it does return is what PyYAML would give.

Most checks run on the JSON, where each scalar is whole: a string there that PyYAML
might read as a bool, a number or null, or a number that is no plain decimal. A quoted
`'yes'` declines too (the JSON no longer tells quoted from plain): that costs time only.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any, Final

DECLINED: Final = object()

# Plain scalars both loaders read alike: decimal integers, and floats with a digit on
# each side of the point and an exponent with its sign (as YAML 1.1 wants it).
_SAFE_INT = r"0|-?[1-9][0-9]*"
_SAFE_FLOAT = r"-?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+][0-9]+)?"
_IS_SAFE_INT = re.compile(_SAFE_INT).fullmatch
_IS_SAFE_FLOAT = re.compile(_SAFE_FLOAT).fullmatch
# YAML 1.1 numbers (PyYAML's int and float resolvers).
_IS_NUMBER_11 = re.compile(
    r"[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
    r"|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"
    r"|[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
).fullmatch
# A JSON string (its inner quotes are escaped, so a quote followed by one of these
# characters opens one) that, had it been plain, PyYAML would not read as that string:
# a YAML 1.1 bool or null (lower-case true, false and null reach the JSON as such); an
# alias, which the JSON spells "*name"; an empty key (PyYAML's null, "null" to JSON);
# or a number-like string, looked at below.
_JSON_SUSPECT = re.compile(
    r'"(?=[-+.0-9yYnNoOtTfF~<=*"])(?:'
    r"(?:yes|Yes|YES|no|No|NO|True|TRUE|False|FALSE|on|On|ON|off|Off|OFF|Null|NULL"
    r'|~|<<|=|\*[^\s"\\,\[\]{}]+)"'
    r'|"\s*:'
    r'|([-+.0-9][-+.0-9a-zA-Z_:]*)"(\s*:)?)'
)
# What the JSON cannot show is found in the text; deleting every common byte leaves
# the rare ones that start it: control characters (tabs, which PyYAML refuses as
# indentation and rapidyaml reads in `a:\tb` as part of one scalar; lone CRs), the lead
# bytes of C1 controls, NEL, LS, PS and U+FFFE/F, backslashes (escapes of surrogates,
# which rapidyaml turns into bytes that are no UTF-8), and `!` and `&` (tags, anchors).
_RARE = b"\\!&\x7f\xc2\xe2\xef" + bytes(range(0x20))
_COMMON = bytes(b for b in range(256) if b not in _RARE or b == 0x0A)
# Each pattern starts with a literal, so that re skips to it at memchr speed.
_C1_CONTROL = re.compile(rb"\xc2[\x80-\x9f]")
_LS_PS = re.compile(rb"\xe2\x80[\xa8\xa9]")
_NONCHARACTER = re.compile(rb"\xef\xbf[\xbe\xbf]")
_SURROGATE_ESCAPE = re.compile(rb"\\(?:u[dD][89a-fA-F]|U)")
# The one spelling rapidyaml rewrites to a plain decimal (-.5 -> -0.5); directives and
# document markers past the first line.
_REWRITTEN = re.compile(rb"-\.[0-9]")
_MARKER = re.compile(rb"\n(?:%|(?:---|\.\.\.)(?:[ \r\n]|$))")


def fast_load(data: bytes, max_nodes: int) -> Any:
    """The document (UTF-8, no BOM; a mapping or a sequence) as PyYAML reads it, or
    DECLINED."""
    if _text_risky(data):
        return DECLINED
    try:
        import ryml  # type: ignore[import-untyped]
    except ImportError:  # no rapidyaml wheel for this platform
        return DECLINED
    try:
        emitted = _emit_json(ryml, data, max_nodes)
    except Exception:  # rapidyaml's exceptions share no base but Exception
        return DECLINED
    if emitted is None or _json_risky(emitted):
        return DECLINED
    try:
        return json.loads(
            emitted,
            strict=False,  # control characters in strings, as YAML has them
            parse_int=_safe_int,
            parse_float=_safe_float,
            parse_constant=_declined,
        )
    except (ValueError, RecursionError, _Declined):
        return DECLINED


def _text_risky(data: bytes) -> bool:
    """Whether the text holds what the JSON cannot show; in prose, a false alarm."""
    rare = data.translate(None, _COMMON)
    if rare.translate(None, b"\\!&\r\xc2\xe2\xef"):  # a tab or another control
        return True
    if b"\r" in rare and rare.count(b"\r") != data.count(b"\r\n"):
        return True
    for lead, pattern in (
        (b"\xc2", _C1_CONTROL),
        (b"\xe2", _LS_PS),
        (b"\xef", _NONCHARACTER),
        (b"\\", _SURROGATE_ESCAPE),
    ):
        if lead in rare and pattern.search(data):
            return True
    if (b"!" in rare and _at_node_start(data, b"!")) or (
        b"&" in rare and _at_node_start(data, b"&")
    ):
        return True
    return (
        data.startswith(b"%")
        or _REWRITTEN.search(data) is not None
        or _MARKER.search(data) is not None
    )


def _at_node_start(data: bytes, char: bytes) -> bool:
    """Whether `char` occurs where a node starts: after a line's indentation or an
    indicator and blanks (a tag or anchor there; in prose, a false alarm)."""
    at = data.find(char)
    while at != -1:
        before = data[max(0, at - 80) : at].rstrip(b" ")
        if not before or before[-1:] in b"\n:-?,[{":
            return True
        at = data.find(char, at + 1)
    return False


def _json_risky(emitted: str) -> bool:
    for match in _JSON_SUSPECT.finditer(emitted):
        number_like, key = match.groups()
        if number_like is None:
            return True
        if _IS_NUMBER_11(number_like) and not (
            _IS_SAFE_INT(number_like) or (_IS_SAFE_FLOAT(number_like) and not key)
        ):
            return True
    return False


def _emit_json(ryml: Any, data: bytes, max_nodes: int) -> str | None:
    """The document as JSON; None unless it is one mapping or sequence within bounds."""
    with _QuietStderr():  # rapidyaml prints each parse error before raising it
        tree = ryml.parse_in_arena(data)
        node = tree.root_id()
        if tree.is_stream(node):  # a leading `---`
            if tree.num_children(node) != 1:
                return None
            node = tree.first_child(node)
        if not tree.is_container(node) or tree.size() > max_nodes:
            return None
        return str(ryml.emit_json_malloc(tree, node))


class _QuietStderr:
    """File descriptor 2 on /dev/null, so no C library message reaches the user."""

    def __enter__(self) -> None:
        self.saved = os.dup(2)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)

    def __exit__(self, *exc: object) -> None:
        os.dup2(self.saved, 2)
        os.close(self.saved)


class _Declined(Exception):
    pass


def _safe_int(token: str) -> int:
    if not _IS_SAFE_INT(token):
        raise _Declined
    return int(token)


def _safe_float(token: str) -> float:
    if not _IS_SAFE_FLOAT(token):
        raise _Declined
    return float(token)


def _declined(token: str) -> Any:
    raise _Declined
