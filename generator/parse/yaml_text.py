"""What rapidyaml and PyYAML read differently and neither rapidyaml nor its JSON shows,
found in the YAML text (see yaml_fast). In prose (a quoted or block scalar) a match is a
false alarm: it costs the time PyYAML takes, never a wrong result.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

# Bytes deleted from the text leave the rare ones where most checks start: control
# characters (tabs, which PyYAML refuses as indentation and rapidyaml reads in `a:\tb`
# as part of one scalar; lone CRs), the lead bytes of C1 controls, NEL, LS, PS and
# U+FFFE/F, and backslashes (escapes of surrogates, which rapidyaml turns into bytes
# that are no UTF-8).
_RARE = b"\\\x7f\xc2\xe2\xef" + bytes(range(0x20))
_COMMON = bytes(b for b in range(256) if b not in _RARE or b == 0x0A)
# Each pattern starts with a literal, so that re skips to it at memchr speed.
_RARE_PATTERNS = (
    (b"\xc2", re.compile(rb"\xc2[\x80-\x9f]")),
    (b"\xe2", re.compile(rb"\xe2\x80[\xa8\xa9]")),
    (b"\xef", re.compile(rb"\xef\xbf[\xbe\xbf]")),
    (b"\\", re.compile(rb"\\(?:u[dD][89a-fA-F]|U)")),
)
# The one spelling rapidyaml rewrites to a plain decimal (-.5 -> -0.5), and document
# markers past the first line.
_TEXT_PATTERNS = (
    re.compile(rb"-\.[0-9]"),
    re.compile(rb"\n(?:---|\.\.\.)(?:[ \r\n]|$)"),
)
# In a flow collection, what PyYAML takes for indicators and rapidyaml for text: `?` or
# `:` starting a node (`[:a]`, `{a: ?b}`), a `:` ending an entry (`[a:]`), a comment
# (`[a #b]`). Each match counts only inside a flow collection.
_FLOW_SUSPECTS = (
    re.compile(rb"\[ *[?:][^ \r\n]"),
    re.compile(rb"\{ *[?:][^ \r\n]"),
    re.compile(rb", *[?:][^ \r\n]"),
    re.compile(rb": +[?:][^ \r\n]"),
    re.compile(rb":[,\]}]"),
    re.compile(rb" #"),
)
# A quoted key spelled like a plain int, bool or null key: if the same mapping has the
# plain one too, PyYAML keeps both and the loader merges them in another order.
_QUOTED_PLAIN_KEYS = tuple(
    re.compile(
        quote + rb"(0|-?[1-9][0-9]*|true|false|null)" + quote + rb" *:(?:[ \r\n]|$)"
    )
    for quote in (b"'", b'"')
)
# A block scalar's explicit indentation (`|2`): rapidyaml drops its blank lines' spaces.
_BLOCK_INDENTATIONS = (re.compile(rb"\|[-+]?[1-9]"), re.compile(rb">[-+]?[1-9]"))
_OPENERS = (re.compile(rb"\["), re.compile(rb"\{"))
_IN_FLOW = re.compile(rb"[\[\]{}\"'\n]")
_QUOTED = {
    0x22: re.compile(rb'"(?:[^"\\\n]|\\.)*"'),
    0x27: re.compile(rb"'(?:[^'\n]|'')*'"),
}
# Where a node starts: after a line break or a flow indicator, after `- ? :` and a blank.
_NODE_AFTER = b"\n[{,"
_NODE_AFTER_BLANK = b":-?"
# rapidyaml takes a closing bracket in block context for the start of a plain scalar:
# after a block indicator and a blank, or first on a line that is a key or follows one
# ending in a block indicator.
_BLOCK_INDICATORS = b":-?"
_KEY_LINE = re.compile(rb"[^\n]*?:(?:[ \r\n]|$)")


class TextVerdict(NamedTuple):
    risky: bool
    # A bracket where a node starts left open at the end of its line: a flow collection
    # over several lines (in which PyYAML refuses an implicit key over lines that
    # rapidyaml reads, and which the checks here do not follow), or prose that only the
    # parsed tree tells apart from one.
    left_open: bool = False
    # A key both quoted and plain (`'200':` and `200:`), maybe in one mapping.
    key_twice: bool = False


def text_verdict(data: bytes) -> TextVerdict:
    """What the text holds that the two read differently, or that needs a look at the
    tree or the JSON."""
    rare = data.translate(None, _COMMON)
    if rare.translate(None, b"\\\r\xc2\xe2\xef"):  # a tab or another control
        return TextVerdict(True)
    if b"\r" in rare and rare.count(b"\r") != data.count(b"\r\n"):
        return TextVerdict(True)
    if any(lead in rare and pattern.search(data) for lead, pattern in _RARE_PATTERNS):
        return TextVerdict(True)
    if any(pattern.search(data) for pattern in _TEXT_PATTERNS):
        return TextVerdict(True)
    if _block_node_start(data, b"]") or _block_node_start(data, b"}"):
        return TextVerdict(True)
    for indentation in _BLOCK_INDENTATIONS:
        if any(_starts_node(data, m.start()) for m in indentation.finditer(data)):
            return TextVerdict(True)
    spans, left_open = _flow_spans(data)
    starts = [start for start, _ in spans]
    for pattern in _FLOW_SUSPECTS:
        for match in pattern.finditer(data):
            at = match.end() - 1
            span = bisect.bisect_right(starts, at) - 1
            if span >= 0 and spans[span][0] < at <= spans[span][1]:
                return TextVerdict(True)
    return TextVerdict(False, left_open, _key_twice(data))


def _key_twice(data: bytes) -> bool:
    spellings = {m.group(1) for key in _QUOTED_PLAIN_KEYS for m in key.finditer(data)}
    for spelling in spellings:
        plain = re.compile(re.escape(spelling) + rb" *:(?:[ \r\n]|$)", re.MULTILINE)
        for match in plain.finditer(data):
            if match.start() == 0 or data[match.start() - 1] in b" \n[{,":
                return True
    return False


def _flow_spans(data: bytes) -> tuple[list[tuple[int, int]], bool]:
    """Where each outermost flow collection on one line opens and closes (quoted
    scalars inside skipped), and whether one was left open at the end of its line."""
    openers = sorted(m.start() for opener in _OPENERS for m in opener.finditer(data))
    spans: list[tuple[int, int]] = []
    left_open = False
    for start in openers:
        if (spans and start <= spans[-1][1]) or not _starts_node(data, start):
            continue
        end = _flow_end(data, start)
        if end is None:
            left_open = True
        else:
            spans.append((start, end))
    return spans, left_open


def _flow_end(data: bytes, at: int) -> int | None:
    """Where the flow collection opening at `at` closes, None if not on its line."""
    depth = 0
    while True:
        event = _IN_FLOW.search(data, at)
        if event is None or data[event.start()] == 0x0A:
            return None
        at = event.start()
        char = data[at]
        if char in b"[{":
            depth += 1
        elif char in b"]}":
            depth -= 1
            if not depth:
                return at
        elif _starts_node(data, at) or data[at - 1] == 0x3A:  # `{"a":"b"}`
            quoted = _QUOTED[char].match(data, at)
            if quoted is None:
                return None
            at = quoted.end() - 1
        at += 1


def _starts_node(data: bytes, at: int) -> bool:
    before = data[max(0, at - 80) : at].rstrip(b" ")
    return (
        not before
        or before[-1] in _NODE_AFTER
        or (before[-1] in _NODE_AFTER_BLANK and data[at - 1] == 0x20)
    )


def _block_node_start(data: bytes, char: bytes) -> bool:
    at = data.find(char)
    while at != -1:
        before = data[max(0, at - 80) : at].rstrip(b" ")
        if not before or (before[-1] in _BLOCK_INDICATORS and data[at - 1] == 0x20):
            return True
        if before[-1] == 0x0A:
            above = data[max(0, at - 200) : at].rstrip(b" \r\n")
            if not above or above[-1] in _BLOCK_INDICATORS or _KEY_LINE.match(data, at):
                return True
        at = data.find(char, at + 1)
    return False
