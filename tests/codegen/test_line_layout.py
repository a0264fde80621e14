"""generator/codegen/layout.py lays code out as black does, so emitted code needs no
formatting pass: each layout function, fed names of every length across the 88-column
boundary, writes what black leaves unchanged."""

from __future__ import annotations

from typing import Callable

import black
import pytest

from generator.codegen.layout import (
    assignment,
    class_header,
    def_line,
    dict_entry,
    returned,
    width,
)
from generator.codegen.imports import import_line
from generator.codegen.pytypes import (
    Call,
    Code,
    Literal,
    Name,
    Subscript,
    tuple_of,
    union,
)

LENGTHS = range(1, 96)
ITEM = Subscript(Name("list"), (Name("NoteAttachment"),))
ANNOTATION = Subscript(
    Name("dict"),
    (Name("str"), union([ITEM, Literal(("draft", "published")), Code("None")])),
)
FIELD = Call(Name("Field"), (Code("default=None"), Code('alias="created-at-time"')))


def _in_class(code: str) -> str:
    return f"class C:\n{code}\n"


def _in_function(code: str) -> str:
    return f"def f():\n{code}\n"


def _in_dict(code: str) -> str:
    return f"X = {{\n{code}\n}}\n"


CASES: dict[str, Callable[[str], str]] = {
    "annotated field with a default": lambda name: _in_class(
        assignment(name, ANNOTATION, FIELD, 4)
    ),
    "annotation alone": lambda name: _in_class(assignment(name, ANNOTATION, None, 4)),
    "value alone": lambda name: _in_class(assignment(name, None, FIELD, 4)),
    "return": lambda name: _in_function(
        returned(Call(Name(name), (ITEM, ANNOTATION)), 4)
    ),
    "def line": lambda name: _in_class(
        def_line(name, ["self", "*", "limit: int | None = None"], "Note", 4)
        + "\n        pass"
    ),
    "dict entry": lambda name: _in_dict(dict_entry(Code(f'"{name}"'), ANNOTATION, 4)),
    "dict entry with a tuple key": lambda name: _in_dict(
        dict_entry(tuple_of('"query"', f'"{name}"'), tuple_of('"form"', "False"), 4)
    ),
    "import line": lambda name: import_line(".models", {name, "Note", "NoteChunk"})
    + "\n",
    "class header": lambda name: class_header(name, "BaseModel") + "\n    pass\n",
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_layout_is_what_black_writes_at_every_length(case: str) -> None:
    differing = []
    for length in LENGTHS:
        source = CASES[case]("n" * length)
        formatted = black.format_str(source, mode=black.Mode())
        if formatted != source:
            differing.append(f"length {length}:\n{source}--- black:\n{formatted}")
    assert not differing, differing[0]


def test_wide_characters_count_two_columns_as_black_counts_them() -> None:
    assert width("naïve") == 5 and width("日本") == 4
    for length in range(30, 50):  # 60 to 98 columns of a name black measures wide
        source = _in_class(assignment("日" * length, ANNOTATION, FIELD, 4))
        assert black.format_str(source, mode=black.Mode()) == source, length
