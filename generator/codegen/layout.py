"""Line layout the way black writes it, so emitted code needs no formatting pass.

A statement that fits in 88 columns stays on one line; one that does not is split at
its outermost bracket, one item per line with a trailing comma -- the form black
produces and keeps (the "magic trailing comma").
"""

from __future__ import annotations

import unicodedata

LINE_LENGTH = 88


def width(text: str) -> int:
    """Columns `text` takes as black counts them: East Asian wide characters two."""
    if text.isascii():
        return len(text)
    return sum(
        2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text
    )


def fits(line: str) -> bool:
    return width(line) <= LINE_LENGTH


def split_top_level(expr: str, sep: str = ",") -> list[str]:
    """`expr` split at `sep` outside brackets and string literals."""
    parts, depth, current, quote = [], 0, [], ""
    i = 0
    while i < len(expr):
        ch = expr[i]
        if quote:
            current.append(ch)
            if ch == "\\":
                current.append(expr[i + 1])
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
            current.append(ch)
        elif ch in "([{":
            depth += 1
            current.append(ch)
        elif ch in ")]}":
            depth -= 1
            current.append(ch)
        elif depth == 0 and expr.startswith(sep, i):
            parts.append("".join(current).strip())
            current = []
            i += len(sep)
            continue
        else:
            current.append(ch)
        i += 1
    parts.append("".join(current).strip())
    return parts


def bracketed(
    head: str, items: list[str], close: str, indent: int, tail: str = ""
) -> str:
    """`head` + items + `close` + `tail`, on one line if it fits, else exploded."""
    pad = " " * indent
    one_line = f"{pad}{head}{', '.join(items)}{close}{tail}"
    if fits(one_line) and "\n" not in one_line:
        return one_line
    inner = " " * (indent + 4)
    # x[a,] would be x[(a,)]: black adds no trailing comma to a one-item subscript.
    comma = "" if head.endswith("[") and len(items) == 1 else ","
    body = "\n".join(f"{inner}{item}{comma}" for item in items)
    return f"{pad}{head}\n{body}\n{pad}{close}{tail}"


def statement(target: str, expr: str, indent: int) -> str:
    """`target = expr` split the way black splits an over-long assignment: at the
    expression's outermost brackets if that head fits; else with the expression in
    parentheses if that fits; else with the annotation in parentheses too."""
    pad = " " * indent
    line = f"{pad}{target} = {expr}"
    if fits(line):
        return line
    opener = _outer_opener(expr)
    head = f"{pad}{target} = {expr[: opener + 1]}"
    if opener >= 0 and fits(head):
        return bracketed(
            head.lstrip(), split_top_level(expr[opener + 1 : -1]), expr[-1], indent
        )
    if opener < 0 and ": " not in target and not fits(" " * (indent + 4) + expr):
        return line  # parentheses would not make a long string fit: black adds none
    if fits(f"{pad}{target} = (") or ": " not in target:
        inner = statement_expr(expr, indent + 4)
        return f"{pad}{target} = (\n{inner}\n{pad})"
    name, annotation = target.split(": ", 1)
    wrapped = f"{name}: (\n{annotation_lines(annotation, indent + 4)}\n{pad})"
    if opener < 0:
        return f"{pad}{wrapped} = {expr}"
    return bracketed(
        f"{wrapped} = {expr[: opener + 1]}",
        split_top_level(expr[opener + 1 : -1]),
        expr[-1],
        indent,
    )


def statement_expr(expr: str, indent: int) -> str:
    """A bare expression on its own line(s) at `indent`."""
    pad = " " * indent
    if fits(pad + expr):
        return pad + expr
    opener = _outer_opener(expr)
    if opener < 0:
        return pad + expr
    return bracketed(
        expr[: opener + 1], split_top_level(expr[opener + 1 : -1]), expr[-1], indent
    )


def annotation_lines(annotation: str, indent: int) -> str:
    """An annotation inside parentheses: one line, or one `| member` per line, a
    member still too long (`Literal["...long..."]`) split at its brackets."""
    pad = " " * indent
    if fits(pad + annotation):
        return pad + annotation
    members = split_top_level(annotation, " | ")
    return "\n".join(
        statement_expr(("| " if i else "") + member, indent)
        for i, member in enumerate(members)
    )


def _outer_opener(expr: str) -> int:
    """Index of the bracket that opens an expression ending with its match, else -1."""
    if not expr or expr[-1] not in ")]}":
        return -1
    depth, quote = 0, ""
    for i in range(len(expr) - 1, -1, -1):
        ch = expr[i]
        if quote:
            if ch == quote and (i == 0 or expr[i - 1] != "\\"):
                quote = ""
            continue
        if ch in "\"'":
            quote = ch
        elif ch in ")]}":
            depth += 1
        elif ch in "([{":
            depth -= 1
            if depth == 0:
                # Only a call/subscript of a name: `Union[...]`, `Field(...)`.
                return (
                    i if i > 0 and (expr[i - 1].isalnum() or expr[i - 1] == "_") else -1
                )
    return -1


def class_header(name: str, base: str) -> str:
    line = f"class {name}({base}):"
    if fits(line):
        return line
    return f"class {name}(\n    {base}\n):"


def return_annotation(annotation: str, stub: bool = False) -> str:
    """A method's return annotation after `    ) -> `; parenthesized when too long."""
    tail = ": ..." if stub else ":"
    if fits(f"    ) -> {annotation}{tail}"):
        return annotation
    return f"(\n{annotation_lines(annotation, 8)}\n    )"
