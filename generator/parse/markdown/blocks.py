"""Markdown source -> a flat list of blocks (heading, paragraph, table, fence, list,
rule), each with its 1-based line span, from one pass over markdown-it-py's token stream.

Only block rules run: the reference is read structurally and cell or paragraph text is
kept as written (inline parsing would cost most of the time and undo nothing we need).
Indented code and HTML blocks are off, so indented description lines stay prose.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARSER = (
    MarkdownIt("zero")
    .enable(["table", "fence", "heading", "hr", "list"])
    .disable(["inline", "text_join"])
)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    text: str
    line: int
    end: int


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    line: int
    # leading spaces of the first cell as written; markdown-it strips them, and the
    # reference nests `└─` rows by indenting them
    indent: int = 0


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    line: int
    end: int


@dataclass(frozen=True)
class Fence:
    info: str
    text: str
    line: int
    end: int


@dataclass(frozen=True)
class BulletList:
    items: tuple[Paragraph, ...]
    line: int
    end: int


@dataclass(frozen=True)
class Rule:
    line: int
    end: int


Block = Union[Heading, Paragraph, Table, Fence, BulletList, Rule]


@dataclass(frozen=True)
class Document:
    """The blocks of one file, and its lines (for descriptions taken verbatim)."""

    blocks: tuple[Block, ...]
    lines: tuple[str, ...]
    front_matter: str

    def text(self, start: int, end: int) -> str:
        """Lines start..end-1 (1-based) as written, without surrounding blank lines."""
        return "\n".join(self.lines[start - 1 : end - 1]).strip("\n").rstrip()


def read_document(text: str) -> Document:
    lines = text.splitlines()
    front_matter, body_start = _front_matter(lines)
    # Blank the front matter instead of cutting it, so token lines stay file lines.
    source = "\n" * body_start + "\n".join(lines[body_start:])
    tokens = _PARSER.parse(source)
    return Document(tuple(_blocks(tokens, lines)), tuple(lines), front_matter)


def _front_matter(lines: list[str]) -> tuple[str, int]:
    if not lines or lines[0].strip() != "---":
        return "", 0
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return "\n".join(lines[1:i]), i + 1
    return "", 0


def _span(token: Token) -> tuple[int, int]:
    start, end = token.map or (0, 0)
    return start + 1, end + 1


def _blocks(tokens: list[Token], lines: list[str]) -> list[Block]:
    out: list[Block] = []
    i = 0
    count = len(tokens)
    while i < count:
        token = tokens[i]
        kind = token.type
        if kind == "heading_open":
            line, end = _span(token)
            out.append(
                Heading(int(token.tag[1:]), tokens[i + 1].content.strip(), line, end)
            )
            i += 3
        elif kind == "paragraph_open":
            line, end = _span(token)
            out.append(Paragraph(tokens[i + 1].content, line, end))
            i += 3
        elif kind == "fence":
            line, end = _span(token)
            out.append(Fence(token.info.strip(), token.content, line, end))
            i += 1
        elif kind == "hr":
            out.append(Rule(*_span(token)))
            i += 1
        elif kind == "table_open":
            i = _table(tokens, i, lines, out)
        elif kind in ("bullet_list_open", "ordered_list_open"):
            i = _list(tokens, i, out)
        else:
            i += 1
    return out


def _table(tokens: list[Token], i: int, lines: list[str], out: list[Block]) -> int:
    line, end = _span(tokens[i])
    header: tuple[str, ...] = ()
    rows: list[Row] = []
    cells: list[str] = []
    row_line = line
    i += 1
    while tokens[i].type != "table_close":
        token = tokens[i]
        if token.type == "tr_open":
            cells = []
            row_line = _span(token)[0]
        elif token.type == "inline":
            cells.append(token.content)
        elif token.type == "tr_close":
            if not header:
                header = tuple(cells)
            else:
                nested = bool(cells) and cells[0].startswith("└")
                indent = _indent(lines[row_line - 1]) if nested else 0
                rows.append(Row(tuple(cells), row_line, indent))
        i += 1
    out.append(Table(header, tuple(rows), line, end))
    return i + 1


def _indent(source_line: str) -> int:
    first_cell = (
        source_line.lstrip()[1:] if source_line.lstrip().startswith("|") else ""
    )
    return len(first_cell) - len(first_cell.lstrip(" "))


def _list(tokens: list[Token], i: int, out: list[Block]) -> int:
    line, end = _span(tokens[i])
    depth = 0
    items: list[Paragraph] = []
    while True:
        token = tokens[i]
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0:
                break
        elif token.type == "inline":
            items.append(Paragraph(token.content, *_span(token)))
        i += 1
    out.append(BulletList(tuple(items), line, end))
    return i + 1
