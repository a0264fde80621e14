"""generator/codegen/pysource.py, the only way spec text reaches generated code: every
string and JSON value becomes a literal that evaluates back to it and that black leaves
as it is, and every text a docstring that parses, keeps its words and fits the line."""

from __future__ import annotations

import ast
import json
import math
import textwrap
from typing import Any

import black
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.codegen.pysource import LINE_LENGTH, _wrap, docstring, py_str, py_value

HOSTILE = [
    "",
    "plain",
    "it's",
    'say "hi"',
    """both ' and " and "" """,
    "\\",
    "ends with a backslash \\",
    '"""',
    "'''",
    'trailing quote"',
    "line\nbreak\r\nand\rreturn",
    "separators \u2028 \u2029 \x85 and delete \x7f",
    "nul \x00 bell \x07 escape \x1b",
    "naïve 日本語 ǆ 🙂",
    "{braces} %s $dollar `tick`",
    "\t tab",
]
VALUES: list[Any] = [
    None,
    True,
    0,
    -7,
    10**30,
    1.5,
    -0.0,
    1e300,
    2.5e-300,
    ["a", 1, None, [True]],
    {"k": "v", 'qu"ote': {"nested": [1.25, "x"]}, "": None},
]


def _black_keeps(source: str) -> bool:
    return black.format_str(source, mode=black.Mode()) == source


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_a_string_literal_evaluates_to_its_text_as_black_writes_it(text: str) -> None:
    literal = py_str(text)
    assert ast.literal_eval(literal) == text
    assert _black_keeps(f"x = {literal}\n"), literal


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_a_json_value_is_a_literal_of_that_value(value: Any) -> None:
    literal = py_value(value)
    assert ast.literal_eval(literal) == value
    assert _black_keeps(f"x = {literal}\n"), literal


def test_floats_json_cannot_hold_are_still_floats() -> None:
    for value in (math.inf, -math.inf):
        assert eval(py_value(value)) == value  # noqa: S307 - our own literal
    assert math.isnan(eval(py_value(math.nan)))  # noqa: S307


PROSE = (
    "Creates a completion for the provided prompt and parameters, streaming the "
    "tokens back as server-sent events when asked to, see [the guide](/docs/guide) "
    "or [the site](https://example.com/docs)."
)


@pytest.mark.parametrize(
    "text",
    [*HOSTILE, PROSE, f"{PROSE}\n\n- one item {PROSE}\n- two\n\n```\ncode  kept\n```"],
)
def test_a_docstring_parses_keeps_the_words_and_fits(text: str) -> None:
    source = f'def f() -> None:\n    {docstring(text.splitlines() or [""], 4)}\n'
    assert _black_keeps(source), source
    function = ast.parse(source).body[0]
    assert isinstance(function, ast.FunctionDef)
    read = ast.get_docstring(function, clean=True) or ""
    # wrapping, cleaning and link reduction move white space and drop link targets
    # and control characters; the words that remain are the text's own, in order
    expected = text.replace("[the guide](/docs/guide)", "the guide")
    printable = "".join(ch for ch in expected if ch.isprintable() or ch.isspace())
    assert read.split() == (printable.split() or ["."])
    assert all(len(line) <= LINE_LENGTH for line in source.splitlines())


@given(st.text())
def test_any_text_is_a_literal_of_itself_in_the_quotes_black_picks(text: str) -> None:
    literal = py_str(text)
    assert ast.literal_eval(literal) == text
    double = text.count('"') <= text.count("'")
    assert literal[0] == ('"' if double else "'")
    if double:  # json's escapes, and Python's for what json leaves raw
        escaped = json.dumps(text, ensure_ascii=False)
        for raw in ("\u2028", "\u2029", "\x7f", "\x85"):
            escaped = escaped.replace(raw, f"\\u{ord(raw):04x}")
        assert literal == escaped


# Words as cleaned descriptions have them (no control character or line break):
# mostly ASCII, some long (URLs), some non-ASCII, some white space Python's str.strip
# knows but textwrap does not split at.
ASCII_WORD = st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=1)
OTHER_WORD = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1
).filter(lambda w: " " not in w)
WORDS = st.lists(
    ASCII_WORD
    | ASCII_WORD
    | st.sampled_from(["x" * 30, "https://" + "y" * 80, "naïve", "\xa0", "\u3000"])
    | OTHER_WORD,
    min_size=1,
    max_size=40,
)


@settings(max_examples=500)
@given(
    st.sampled_from(["", "  ", "    "]),
    WORDS,
    st.integers(min_value=1, max_value=90),
    st.sampled_from(["", "  ", "    ", " " * 12]),
)
def test_wrapping_is_textwraps(
    lead: str, words: list[str], width: int, hanging: str
) -> None:
    """_wrap cuts at the last space that fits: the lines textwrap would give."""
    line = lead + " ".join(words)
    expected = textwrap.wrap(
        line,
        width,
        subsequent_indent=lead + hanging,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [line]
    assert _wrap(line, lead, width, lead + hanging) == expected
