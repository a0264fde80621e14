"""Lines of JSON pointers in a spec file's text, for annotations that point at them.

Read on demand, apart from the normal load path (which keeps no positions): YAML is
composed into nodes, which carry their marks; JSON is scanned token by token (PyYAML
would refuse the tabs JSON may indent with). A pointer that is not in the file (a
removal, located in the revision) gets the line of its nearest ancestor that is.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable
from pathlib import Path

import yaml  # type: ignore[import-untyped]

from ..parse.pointers import escape_pointer

_TOKEN = re.compile(
    r'[ \t\r\n]*(?:("(?:[^"\\]|\\.)*")|([{}\[\],:])|(-?[0-9][0-9.eE+-]*|true|false|null))'
)


def locate(path: Path, pointers: Iterable[str]) -> dict[str, int]:
    """1-based line of each pointer (or of its nearest ancestor in the file)."""
    wanted = set(pointers)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    prefixes = {p[:i] for p in wanted for i in _cuts(p)}
    try:
        if text.lstrip().startswith(("{", "[")):
            found = _json_lines(text, prefixes)
        else:
            found = _yaml_lines(text, prefixes)
    except (yaml.YAMLError, ValueError):
        return {}
    out = {}
    for pointer in wanted:
        at = pointer
        while at not in found and at:
            at = at.rsplit("/", 1)[0]
        out[pointer] = found.get(at, 1)
    return out


def _cuts(pointer: str) -> list[int]:
    return [i for i, ch in enumerate(pointer) if ch == "/"] + [len(pointer)]


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def _yaml_lines(text: str, prefixes: set[str]) -> dict[str, int]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    root = yaml.compose(text, Loader=loader)
    found: dict[str, int] = {}
    for pointer in sorted(prefixes, key=len):
        node, line = root, 1
        for token in pointer.split("/")[1:]:
            key = _unescape(token)
            child = None
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.value == key:
                        child, line = v, k.start_mark.line + 1
                        break
            elif isinstance(node, yaml.SequenceNode) and key.isdigit():
                if int(key) < len(node.value):
                    child = node.value[int(key)]
                    line = child.start_mark.line + 1
            if child is None:
                break
            node = child
        else:
            found[pointer] = line
    return found


def _json_lines(text: str, prefixes: set[str]) -> dict[str, int]:
    """Each wanted pointer's line: that of its key (or, in an array, its value)."""
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]
    found: dict[str, int] = {"": 1}
    # one entry per open container: [pointer, is_object, next index, pending key]
    stack: list[list] = []
    position = 0
    expect_key = False
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            break
        position = match.end()
        string, punct, _ = match.groups()
        start = (
            match.start(1) if string else match.start(2) if punct else match.start(3)
        )
        line = bisect.bisect_left(newlines, start) + 1
        if string is not None and stack and stack[-1][1] and expect_key:
            key = _decode(string)
            pointer = f"{stack[-1][0]}/{escape_pointer(key)}"
            stack[-1][3] = pointer
            if pointer in prefixes:
                found[pointer] = line
            expect_key = False
            continue
        if punct in ("}", "]"):
            stack.pop()
            continue
        if punct == ",":
            expect_key = bool(stack and stack[-1][1])
            continue
        if punct == ":":
            continue
        # a value: a string, a literal or an opening bracket
        here = _value_pointer(stack, prefixes, found, line)
        if punct in ("{", "["):
            stack.append([here, punct == "{", 0, None])
            expect_key = punct == "{"
    return found


def _value_pointer(
    stack: list[list], prefixes: set[str], found: dict[str, int], line: int
) -> str:
    if not stack:
        return ""
    top = stack[-1]
    if top[1]:
        return str(top[3])
    pointer = f"{top[0]}/{top[2]}"
    top[2] += 1
    if pointer in prefixes:
        found[pointer] = line
    return pointer


def _decode(string: str) -> str:
    return str(json.loads(string)) if "\\" in string else string[1:-1]
