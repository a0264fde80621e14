"""YAML at C speed: rapidyaml parses and emits JSON, json.loads builds the data.

rapidyaml reads YAML 1.2 and PyYAML YAML 1.1: their data differ for some plain scalars
(`yes`, `012`, `1e3`, `.inf`, `12:30`, `<<`), for tags and aliases, rapidyaml's JSON
rewrites a few spellings (`-.5` becomes -0.5, `inf` becomes ".inf"), and rapidyaml
accepts a few things PyYAML refuses (`@x`, `]x`, keys over 1024 characters). Rather
than guess, `fast_load` declines (returns DECLINED) whenever the text or the JSON holds
any of those, and the caller loads with PyYAML: what it does return is PyYAML's data.

Three kinds of check:
- rapidyaml itself: before parsing, @ ` ! & * % are replaced by stand-ins it refuses
  to start a node with, so a tag, an anchor, an alias, a directive or a plain scalar
  starting with a reserved indicator is a parse error; inside a scalar a stand-in is
  text, put back in the JSON.
- the JSON, where each scalar is whole: a string PyYAML might read as a bool, a number
  or null had it been plain, a number that is no plain decimal. A quoted 'yes' declines
  too (the JSON no longer tells quoted from plain): a false alarm costs time only.
- the text, for what neither shows: characters the two read differently, escapes of
  surrogates, `-.5`, document markers, closing brackets and long lines.
"""

from __future__ import annotations

import json
import os
import re
import sys
import types
from typing import Any, Final

from .yaml_text import text_verdict

DECLINED: Final = object()

# Plain scalars both loaders read alike: decimal integers, and floats with a digit on
# each side of the point and an exponent with its sign (as YAML 1.1 wants it).
_SAFE_INT = r"0|-?[1-9][0-9]*"
_SAFE_FLOAT = r"-?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+][0-9]+)?"
_IS_SAFE_INT = re.compile(_SAFE_INT).fullmatch
_IS_SAFE_FLOAT = re.compile(_SAFE_FLOAT).fullmatch
# YAML 1.1 numbers (PyYAML's int and float resolvers).
_IS_NUMBER_11 = re.compile(
    rb"[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
    rb"|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"
    rb"|[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
    rb"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
).fullmatch
_IS_SAFE_KEY = re.compile(_SAFE_INT.encode()).fullmatch
_IS_SAFE_NUMBER = re.compile(rf"{_SAFE_INT}|{_SAFE_FLOAT}".encode()).fullmatch

# Stand-ins: `|` cannot start a node, and the control characters after it are in no
# text that gets this far.
_STAND_INS = {
    b"@": b"|\x01",
    b"`": b"|\x02",
    b"!": b"|\x03",
    b"&": b"|\x04",
    b"*": b"|\x05",
    b"%": b"|\x06",
}
_STAND_IN = re.compile(rb"\|[\x01-\x06]")
_ORIGINAL = {stand_in: char for char, stand_in in _STAND_INS.items()}.__getitem__

# A JSON string (an unescaped quote followed by one of these characters opens one)
# that, had it been plain, PyYAML would not read as that string: a YAML 1.1 bool or null
# (lower-case true, false and null reach the JSON as such), an empty key (PyYAML's null,
# "null" to JSON), or a number-like string (looked at in _json_risky).
_JSON_SUSPECT = re.compile(
    rb'"(?<!\\")(?=[-+.0-9yYnNoOtTfF~<="])(?:'
    rb'(?:yes|Yes|YES|no|No|NO|True|TRUE|False|FALSE|on|On|ON|off|Off|OFF|Null|NULL|~|<<|=)"'
    rb'|"\s*:'
    rb'|([-+.0-9][-+.0-9a-zA-Z_:]*)"(\s*:)?)'
)
# A key longer than PyYAML's 1024 characters (a key of escapes is shorter in the JSON).
_LONG_LINE = re.compile(rb"\n[^\n]{1024}")
_LONG_KEY = re.compile(rb'"(?<!\\")(?:[^"\\\n]|\\.){170,}"\s*:')


def fast_load(data: bytes, max_nodes: int) -> Any:
    """The document (UTF-8, no BOM; a mapping or a sequence) as PyYAML reads it, or
    DECLINED."""
    verdict = text_verdict(data)
    if verdict.risky:
        return DECLINED
    try:
        ryml = _import_ryml()
    except ImportError:  # no rapidyaml wheel for this platform
        return DECLINED
    probe = data
    for char, stand_in in _STAND_INS.items():
        probe = probe.replace(char, stand_in)
    try:
        emitted = _emit_json(ryml, probe, max_nodes, verdict.left_open)
    except Exception:  # rapidyaml's exceptions share no base but Exception
        return DECLINED
    if emitted is None:
        return DECLINED
    emitted = _STAND_IN.sub(lambda match: _ORIGINAL(match.group()), emitted)
    if _json_risky(emitted) or (_has_long_line(data) and _LONG_KEY.search(emitted)):
        return DECLINED
    try:
        return json.loads(
            emitted,
            strict=False,  # control characters in strings, as YAML has them
            parse_int=_safe_int,
            parse_float=_safe_float,
            parse_constant=_declined,
            object_pairs_hook=_no_key_twice if verdict.key_twice else None,
        )
    except (ValueError, RecursionError, _Declined):
        return DECLINED


def _import_ryml() -> Any:
    """rapidyaml, without the `deprecation` package (and `packaging`) it imports only
    to mark its own deprecated helpers, which cost a short command more than rapidyaml
    itself: a stand-in decorator for the time of the import."""
    if "ryml" in sys.modules or "deprecation" in sys.modules:
        import ryml  # type: ignore[import-untyped]

        return ryml
    stand_in = types.ModuleType("deprecation")
    stand_in.deprecated = lambda **_: (lambda function: function)  # type: ignore[attr-defined]
    sys.modules["deprecation"] = stand_in
    try:
        import ryml

        return ryml
    finally:
        del sys.modules["deprecation"]


def _has_long_line(data: bytes) -> bool:
    first = data.find(b"\n")
    return (first if first != -1 else len(data)) >= 1024 or bool(
        _LONG_LINE.search(data)
    )


def _json_risky(emitted: bytes) -> bool:
    for match in _JSON_SUSPECT.finditer(emitted):
        number_like, key = match.groups()
        if number_like is None:
            return True
        safe = _IS_SAFE_KEY if key else _IS_SAFE_NUMBER
        if _IS_NUMBER_11(number_like) and not safe(number_like):
            return True
    return False


def _emit_json(ryml: Any, data: bytes, max_nodes: int, left_open: bool) -> bytes | None:
    """The document as JSON; None unless it is one mapping or sequence within bounds
    and, if the text left a bracket open, with no flow collection over several lines
    (a walk over every node: only then)."""
    with _QuietStderr():  # rapidyaml prints each parse error before raising it
        tree = ryml.parse_in_arena(data)
        node = tree.root_id()
        if tree.is_stream(node):  # a leading `---`
            if tree.num_children(node) != 1:
                return None
            node = tree.first_child(node)
        if not tree.is_container(node) or tree.size() > max_nodes:
            return None
        if left_open:
            node_type, multi_line = tree.type, ryml.FLOW_ML
            if any(node_type(each) & multi_line for each in range(tree.size())):
                return None
        buffer = bytearray(2 * len(data) + 4096)
        failed, size = ryml.emit_json_to_substr(tree, node, buffer)
        if failed:  # more than twice the YAML: now the exact size is known
            buffer = bytearray(size)
            failed, size = ryml.emit_json_to_substr(tree, node, buffer)
        return bytes(memoryview(buffer)[:size])


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


def _no_key_twice(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        raise _Declined
    return mapping


def _declined(token: str) -> Any:
    raise _Declined
