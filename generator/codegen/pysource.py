"""Spec text and values -> inert, black-formatted Python source fragments.

Everything taken from a spec reaches generated code only through these functions, so
no description, default or name can break out of the literal or docstring it sits in.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from typing import Any

_LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Control characters other than tab and newline are dropped from text.
_DROP_CONTROLS = {c: None for c in [*range(0x20), 0x7F] if c not in (0x09, 0x0A)}


def py_str(text: str) -> str:
    """A Python string literal, as black would write it: double-quoted, unless the
    text holds more double than single quotes (fewer escapes in single quotes)."""
    if text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'  # nothing to escape (most names and keys)
    out = json.dumps(text, ensure_ascii=False)
    # json leaves these raw; Python source must not contain them unescaped.
    for ch in ("\u2028", "\u2029", "\x7f", "\x85"):
        out = out.replace(ch, f"\\u{ord(ch):04x}")
    if text.count('"') > text.count("'"):
        body = out[1:-1].replace('\\"', '"').replace("'", "\\'")
        out = f"'{body}'"
    return out


def py_value(value: Any) -> str:
    """A Python literal for a JSON value."""
    if value is None:
        return "None"
    if value is True:
        return "True"
    if value is False:
        return "False"
    if isinstance(value, str):
        return py_str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return f'float("{value}")'
        return repr(value).replace("e+", "e")  # black writes 1e300, not 1e+300
    if isinstance(value, list):
        return "[" + ", ".join(py_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{py_str(str(k))}: {py_value(v)}" for k, v in value.items())
            + "}"
        )
    return py_str(str(value))


def py_tuple(values: tuple[Any, ...] | list[Any]) -> str:
    """A Python tuple literal of JSON values, on one line."""
    items = [py_value(v) for v in values]
    return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"


def clean_lines(text: str | None) -> list[str]:
    """Text as lines without control characters, tabs or trailing blanks."""
    if not text:
        return []
    return list(_clean(text))


@lru_cache(maxsize=None)
def _clean(text: str) -> tuple[str, ...]:
    """clean_lines, memoized: specs repeat the same descriptions many times."""
    lines = []
    for line in _split_lines(text):
        lines.append(line.replace("\t", "    ").translate(_DROP_CONTROLS).rstrip())
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    out: list[str] = []
    for line in lines:  # collapse runs of blank lines
        if line or (out and out[-1]):
            out.append(line)
    return tuple(out)


def _split_lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n")  # one line break, not two
    for ch in _LINE_BREAKS[1:]:
        text = text.replace(ch, "\n")
    return text.replace("\r", "\n").split("\n")


def _docstring_safe(line: str) -> str:
    line = line.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return line


# The line length of black's default, which every emitted file meets.
LINE_LENGTH = 88
# A Markdown link to a relative path (the spec's own site, which a docstring has
# not): reduced to its text.
_RELATIVE_LINK = re.compile(r"\[([^\]]+)\]\((?![a-z][a-z0-9+.-]*:|#)[^)\s]*\)")
_LIST_ITEM = re.compile(r"(\s*)([-*+] |\d+[.)] |\w+: )")
_SPACES = re.compile(r" {2,}")


def _wrapped(lines: list[str], width: int) -> list[str]:
    """Lines longer than `width` wrapped at spaces (a list item's or an `Args:`
    entry's continuation indented under its text), runs of spaces inside prose made
    one; code fences left alone."""
    out: list[str] = []
    fenced = False
    for line in lines:
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if fenced or line.lstrip().startswith("```"):
            out.append(line)
            continue
        lead = line[: len(line) - len(line.lstrip())]
        line = lead + _SPACES.sub(" ", line.strip())
        if len(line) <= width:
            out.append(line)
            continue
        item = _LIST_ITEM.match(line)
        hanging = lead + " " * (len(item.group(2)) if item else 0)
        if item and item.group(2).endswith(": ") and not item.group(2)[0] in "-*+":
            hanging = lead + "    "
        out.extend(_wrap(line, lead, width, hanging))
    return out


def _wrap(line: str, lead: str, width: int, hanging: str) -> list[str]:
    """textwrap.wrap(line, width, subsequent_indent=hanging, break_long_words=False,
    break_on_hyphens=False), found by cutting at the last space that fits where that
    is the same: ASCII words one space apart after `lead`, the first one fitting."""
    rest, first = line, line[len(lead) :].partition(" ")[0]
    if not line.isascii() or len(lead) + len(first) > width or len(hanging) >= width:
        import textwrap  # rendering wraps; the planners a diff names calls by do not

        return textwrap.wrap(
            line,
            width,
            subsequent_indent=hanging,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [line]
    lines: list[str] = []
    indent, room, start = "", width, len(lead)
    while len(rest) > room:
        cut = rest.rfind(" ", start, room + 1)
        if cut == -1:  # a word longer than a line: alone on its line
            cut = rest.find(" ", start)
            if cut == -1:
                break
        lines.append(indent + rest[:cut])
        rest = rest[cut + 1 :]
        indent, room, start = hanging, width - len(hanging), 0
    lines.append(indent + rest)
    return lines


def docstring(lines: list[str], indent: int) -> str:
    """A triple-quoted docstring (the first line without its indent), laid out as black
    lays out docstrings: one line closes on the same line, several lines close on a
    line of their own, continuation lines lose their common indentation."""
    return _docstring("\n".join(lines), indent)


@lru_cache(maxsize=None)
def _docstring(text: str, indent: int) -> str:
    pad = " " * indent
    # Lines may be raw spec text (a title, a path): cleaned again, so that no line
    # break or control character reaches the source unescaped.
    text = _RELATIVE_LINK.sub(r"\1", text)
    body = [_docstring_safe(line) for line in clean_lines(text)] or ["."]
    body[0] = body[0].strip() or "."
    rest = body[1:]
    margin = min(
        (len(line) - len(line.lstrip()) for line in rest if line.strip()), default=0
    )
    rest = [line[margin:] for line in rest]
    width = LINE_LENGTH - indent
    wrapped = _wrapped([body[0]] + rest, width - 6)
    body[0], rest = wrapped[0], _wrapped(wrapped[1:], width)
    first = " " + body[0] if body[0].startswith('"') else body[0]
    if not rest:
        return '"""' + first + (' """' if first.endswith('"') else '"""')
    out = ['"""' + first]
    out.extend((pad + line) if line else "" for line in rest)
    out.append(pad + '"""')
    return "\n".join(out)
