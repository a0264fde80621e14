"""Line layout the way black writes it, so emitted code needs no formatting pass.

Every rule of black's that the emitted code meets lives here, applied to the node
trees of `pytypes`: a line that fits in 88 columns stays whole; one that does not is
split at its last brackets (black's right-hand split), the body on one line when it
fits there (a tuple or list literal always one item per line), else one item per line
with a trailing comma (none in a one-item subscript), each item split again the same
way; a union is broken before each `|` inside parentheses.
"""

from __future__ import annotations

import unicodedata

from .pysource import LINE_LENGTH
from .pytypes import Brackets, Code, Node, Operands

INDENT = 4


def width(text: str) -> int:
    """Columns `text` takes as black counts them: East Asian wide characters two
    (black's table knows no unassigned code point as wide)."""
    if text.isascii():
        return len(text)
    return sum(_char_width(ch) for ch in text)


def _char_width(ch: str) -> int:
    wide = unicodedata.east_asian_width(ch) in ("W", "F")
    return 2 if wide and unicodedata.category(ch) != "Cn" else 1


def fits(line: str) -> bool:
    return width(line) <= LINE_LENGTH


def lines(node: Node, indent: int, prefix: str = "", suffix: str = "") -> list[str]:
    """`prefix` + node + `suffix` at `indent`, split as black splits it."""
    pad = " " * indent
    text = node.render()
    if fits(f"{pad}{prefix}{text}{suffix}"):
        return [f"{pad}{prefix}{text}{suffix}"]
    shape = node.split()
    if isinstance(shape, Operands):
        members = shape.members
        out: list[str] = []
        for i, member in enumerate(members):
            out += lines(
                member,
                indent,
                prefix if i == 0 else "| ",
                suffix if i == len(members) - 1 else "",
            )
        return out
    if shape is None:
        return [f"{pad}{prefix}{text}{suffix}"]
    return _right_hand_split(shape, indent, prefix, suffix)


def _right_hand_split(
    shape: Brackets, indent: int, prefix: str, suffix: str
) -> list[str]:
    pad, inner = " " * indent, " " * (indent + INDENT)
    items = shape.items
    body = ", ".join(item.render() for item in items)
    out = [f"{pad}{prefix}{shape.head}"]
    if len(items) == 1 and not shape.literal:
        out += lines(items[0], indent + INDENT)  # black adds no comma to one item
    elif fits(inner + body) and not shape.literal:
        out.append(inner + body)
    else:
        for item in items:
            out += lines(item, indent + INDENT, suffix=",")
    out.append(f"{pad}{shape.close}{suffix}")
    return out


def text(node: Node, indent: int, prefix: str = "", suffix: str = "") -> str:
    return "\n".join(lines(node, indent, prefix, suffix))


def exploded(head: str, items: list[str], close: str, indent: int) -> str:
    """`head` items `close` on one line if it fits, else one item per line with a
    trailing comma (black's form for imports and parameter lists)."""
    pad, inner = " " * indent, " " * (indent + INDENT)
    one_line = f"{pad}{head}{', '.join(items)}{close}"
    if fits(one_line):
        return one_line
    body = "\n".join(f"{inner}{item}," for item in items)
    return f"{pad}{head}\n{body}\n{pad}{close}"


def hint(
    head: str, annotation: Node, tail: str, indent: int, broken: bool = False
) -> str:
    """A type hint after `head` (`name: `, `) -> `) and before `tail` (`,`,
    ` = NOT_GIVEN,`, `:`): whole if it fits (and need not be `broken`); else a
    subscript split at its brackets when the line opening them fits (or no line
    opening parentheses would), anything else (a union, a bare name) in
    parentheses."""
    pad = " " * indent
    whole = f"{pad}{head}{annotation.render()}{tail}"
    if not broken and fits(whole):
        return whole
    shape = annotation.split()
    if isinstance(shape, Brackets) and (
        fits(f"{pad}{head}{shape.head}") or not fits(f"{pad}{head}(")
    ):
        return "\n".join(_right_hand_split(shape, indent, head, tail))
    if shape is None and not fits(" " * (indent + INDENT) + annotation.render()):
        # parentheses would not make it fit: black adds none
        return f"{pad}{head}{annotation.render()}{tail}"
    inner = text(annotation, indent + INDENT)
    return f"{pad}{head}(\n{inner}\n{pad}){tail}"


def assignment(
    target: str, annotation: Node | None, value: Node | None, indent: int
) -> str:
    """`target: annotation = value` (either part optional) as black lays it out."""
    pad = " " * indent
    if value is None:
        assert annotation is not None
        return hint(f"{target}: ", annotation, "", indent)
    if annotation is None:
        return _optional_parens(f"{target} = ", value, indent)
    head = f"{target}: "
    hinted = head + annotation.render()
    line = f"{pad}{hinted} = {value.render()}"
    if fits(line):
        return line
    shape = value.split()
    if isinstance(shape, Brackets) and fits(f"{pad}{hinted} = {shape.head}"):
        return text(value, indent, f"{hinted} = ")
    alone = fits(" " * (indent + INDENT) + value.render())
    if fits(f"{pad}{hinted} = (") and alone:
        return f"{pad}{hinted} = (\n{text(value, indent + INDENT)}\n{pad})"
    # Neither the value nor parentheses around it fit: the hint breaks, when the line
    # it then opens with fits; else the value breaks and its first line the hint.
    hint_shape = annotation.split()
    opener = hint_shape.head if isinstance(hint_shape, Brackets) else "("
    if fits(f"{pad}{head}{opener}") or not isinstance(shape, Brackets):
        hinted_lines = hint(head, annotation, "", indent, broken=True).split("\n")
        last = hinted_lines.pop()
        return "\n".join(hinted_lines + [text(value, indent, last.lstrip() + " = ")])
    value_lines = _right_hand_split(shape, indent, f"{hinted} = ", "")
    first = hint(head, annotation, f" = {shape.head}", indent, broken=True)
    return "\n".join([first] + value_lines[1:])


def returned(value: Node, indent: int) -> str:
    return _optional_parens("return ", value, indent)


def _optional_parens(prefix: str, value: Node, indent: int) -> str:
    """`prefix` + value (`return x`, `name = x`): split at the value's brackets; if
    the line that opens them is still too long, in parentheses instead when every
    line then fits (black's second opinion); a value with no brackets gets them only
    when that makes it fit."""
    pad = " " * indent
    line = f"{pad}{prefix}{value.render()}"
    if fits(line):
        return line
    inner = lines(value, indent + INDENT)
    wrapped = [f"{pad}{prefix}("] + inner + [f"{pad})"]
    if value.split() is None:
        return "\n".join(wrapped) if len(inner) == 1 and fits(inner[0]) else line
    split = lines(value, indent, prefix)
    if not fits(split[0]) and all(fits(x) for x in wrapped):
        return "\n".join(wrapped)
    return "\n".join(split)


def statement(target: str, value: str, indent: int) -> str:
    """`target = value` for a value black does not break (a literal, a name)."""
    return assignment(target, None, Code(value), indent)


def def_line(name: str, params: list[str], returns: str, indent: int) -> str:
    """`def name(params) -> returns:`; too long, the parameters one per line with a
    trailing comma, and the return hint broken the way `hint` breaks it."""
    pad = " " * indent
    line = f"{pad}def {name}({', '.join(params)}) -> {returns}:"
    if fits(line):
        return line
    inner = " " * (indent + INDENT)
    head = [f"{pad}def {name}("] + [f"{inner}{p}," for p in params]
    return "\n".join(head + [hint(") -> ", Code(returns), ":", indent)])


def dict_entry(key: Node, value: Node, indent: int) -> str:
    """`key: value,` in a dict literal: whole, else the value split at its brackets
    when the line opening them fits, else the key at its own, else the value at its
    brackets after all (black's right-hand split, trying trailers from the right)."""
    pad = " " * indent
    line = f"{pad}{key.render()}: {value.render()},"
    shape, key_shape = value.split(), key.split()
    if fits(line):
        return line
    key_opens = isinstance(key_shape, Brackets) and fits(f"{pad}{key_shape.head}")
    opens = fits(f"{pad}{key.render()}: {shape.head}") if shape else False
    if isinstance(shape, Brackets) and (opens or not key_opens):
        return text(value, indent, f"{key.render()}: ", ",")
    return text(key, indent, suffix=f": {value.render()},")


def class_header(name: str, base: str) -> str:
    line = f"class {name}({base}):"
    if fits(line):
        return line
    return f"class {name}(\n    {base}\n):"
