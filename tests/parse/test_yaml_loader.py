"""The fast YAML path (rapidyaml) reads every document as PyYAML does, or declines.

Documents: the pinned specs converted to YAML here, the broken-spec corpus, the pairs of
the diff corpus, and hypothesis-drawn documents full of YAML 1.1 corner cases. Every
YAML file the other tests write is checked too (tests/conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import SpecError
from generator.parse.loader import load_document
from real_specs import PINNED, spec_json
from yaml_equality import check_file, check_same, pyyaml_outcome, typed

REPO = Path(__file__).resolve().parents[2]
ERRORS_CORPUS = REPO / "tests" / "specs_with_errors"
DIFF_CORPUS = REPO.parent / "shared" / "diff-corpus"


@pytest.mark.parametrize("api_version", PINNED)
@pytest.mark.parametrize(
    "style",
    [
        {},
        {"sort_keys": False, "allow_unicode": True, "width": 100},
    ],
    ids=["block", "unicode"],
)
def test_pinned_specs_as_yaml_take_the_fast_path(
    api_version: str, style: dict[str, object]
) -> None:
    text = yaml.safe_dump(spec_json(api_version), **style)  # type: ignore[call-overload]
    assert check_same(text), "rapidyaml declined a real spec"


# empty.yaml is refused as an empty file before any YAML is read.
@pytest.mark.parametrize(
    "path",
    sorted(p for p in ERRORS_CORPUS.glob("*.yaml") if p.name != "empty.yaml"),
    ids=lambda path: path.name,
)
def test_broken_spec_corpus_loads_as_pyyaml_loads_it(path: Path) -> None:
    check_file(path)
    try:
        outcome = ("data", typed(load_document(path)))
    except SpecError as exc:
        outcome = ("error", str(exc).replace(str(path), "doc.yaml"))
    assert outcome == pyyaml_outcome(path.read_text(encoding="utf-8"))


def test_diff_corpus_takes_the_fast_path_and_loads_as_pyyaml() -> None:
    if not DIFF_CORPUS.is_dir():
        pytest.fail(
            f"the diff corpus is missing: {DIFF_CORPUS} (../shared beside the checkout)"
        )
    files = sorted(DIFF_CORPUS.glob("*/*.yaml"))
    taken = [path.name for path in files if check_file(path)]
    # Declines are the corpus's anchors, quoted 'yes' and the like; most take the path.
    assert len(taken) >= 0.9 * len(files), f"{len(taken)} of {len(files)}"


def test_a_syntax_error_is_pyyamls_and_rapidyaml_prints_nothing(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("openapi: 3.0.0\ninfo: {title: [t, version: 1}\npaths: {}\n")
    with pytest.raises(SpecError) as info:
        load_document(path)
    assert info.value.line == 2 and "invalid YAML" in info.value.message
    assert capfd.readouterr().err == ""


# Whether the fast path takes each: what both read alike, what they read differently.
CASES = {
    "numbers": (
        "a: [0, -12, 1.5, -0.25, 2.5e+3, 1.0e-06, 123456789012345678901234567890]\n",
        True,
    ),
    "constants": ("a: true\nb: false\nc: null\nd:\ne: ''\n", True),
    "strings": (
        'a: \'12\'\nb: "1e3"\nc: 2024-01-02\nd: 1.0.0\ne: é \u00a0x\nf: "\\x41\\t"\n',
        True,
    ),
    "keys": ("200: ok\n'201': made\n-1: neg\ntrue: t\nnull: n\n", True),
    "blocks": ("a: |+\n  x\n\n\nb: >-\n  y\n   z\nc: |\n   lead\n", True),
    "flow": ("a: [http://x.com/a, {u: 'v'}]\nc: {}\n", True),
    "document start": ("---\na: 1\n", True),
    "crlf": ("a: 1\r\nb:\r\n  - x\r\n", True),
    "comments": ("# head\na: b # c\n", True),
    "yes": ("a: yes\n", False),
    "True": ("a: True\n", False),
    "tilde": ("a: ~\n", False),
    "octal": ("a: 012\n", False),
    "hex": ("a: 0x1F\n", False),
    "sexagesimal": ("a: 12:30\n", False),
    "underscore": ("a: 1_000\n", False),
    "exponent without sign": ("a: 1e3\n", False),
    "minus point": ("a: -.5\n", False),
    "inf": ("a: inf\n", False),
    ".inf": ("a: .inf\n", False),
    "float key": ("1.50: a\n", False),
    "empty key": (": a\n", False),
    "merge": ("a: &x {b: 1}\nc:\n  <<: *x\n", False),
    "alias": ("a: &x 1\nb: *x\n", False),
    "anchor": ("a: & x\n", False),
    "tag": ("a: !!str 12\n", False),
    "tab": ("a:\tb\n", False),
    "NEL": ("a: b\x85c\n", False),
    "lone CR": ("a: b\rc: d\n", False),
    "surrogate escape": ('a: "\\ud83d\\ude00"\n', False),
    "directive": ("%YAML 1.1\n---\na: 1\n", False),
    "two documents": ("a: 1\n---\nb: 2\n", False),
    "scalar document": ("12\n", False),
    "explicit indentation": ("a: |2\n    \n", False),
    "a key quoted and plain": ("{0: a, '0': b, 0: c}\n", False),
}


@pytest.mark.parametrize("text, taken", CASES.values(), ids=CASES.keys())
def test_what_both_read_alike_is_taken_and_what_they_read_differently_declined(
    text: str, taken: bool
) -> None:
    assert check_same(text) is taken


# YAML 1.1 corner cases, and spellings near them.
CORNERS = (
    ".inf -.inf +.inf .Inf -.INF .nan .NaN .NAN inf -inf nan Infinity NaN "
    "012 0o17 0x1F 0X1f 0x_1 0b101 +0b1 -0x1 0777 09 00 -0 +12 1_000 1__0 3.14_15 "
    "190:20:30 12:30 -1:30 1:2 1:2.5 1:60 1e3 1E3 1.5e3 1.5e+3 1.0e-06 -1.5e-3 1. -1. "
    ".5 -.5 +.5 0.5 -0.25 1.0 100 -7 yes Yes YES no No NO on On ON off Off OFF y Y n N "
    "true True TRUE false False FALSE tRUE ~ null Null NULL nULL << = 2024-01-02 2024-1-2 "
    "2001-12-14t21:59:43.10-05:00 2001-12-15T02:59:43.1Z 1.0.0 v1 a:b a#b @x `x | > ? : - "
    "*a &a !t !!str %x [ ] { } , #"
).split() + ["", "a b", "multi\nline", "x: y", "- x", " lead", "trail ", "é", "\\"]

scalar_text = st.one_of(
    st.sampled_from(CORNERS),
    st.text(alphabet="-+.0123456789eExXoObB_:", max_size=6),
    st.text(max_size=8),
)


def _quoted(text: str, style: str) -> str:
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "double":
        return json.dumps(text)
    if style == "raw double":  # escapes as drawn, YAML's own among them
        return '"' + text + '"'
    return text


ESCAPES = [
    "\\x41",
    "\\u00e9",
    "\\U0001F600",
    "\\N",
    "\\_",
    "\\L",
    "\\P",
    "\\0",
    "\\e",
    "\\/",
    "\\ ",
    "\\q",
    "\\@",
    "\\*",
    "\\|",
    "\\ud800",
]
styled_scalar = st.builds(
    _quoted,
    st.one_of(scalar_text, st.sampled_from(ESCAPES)),
    st.sampled_from(["plain", "plain", "single", "double", "raw double"]),
)


@st.composite
def node(draw: st.DrawFn, depth: int = 0) -> list[str]:
    """A YAML node as lines, indented by the caller."""
    kind = draw(
        st.sampled_from(
            ["scalar", "map", "seq", "flow", "block"] if depth < 3 else ["scalar"]
        )
    )
    prefix = draw(st.sampled_from(["", "", "", "&a ", "*a", "!!str ", "!!int ", "! "]))
    if kind == "scalar":
        return [prefix + draw(styled_scalar)]
    if kind == "block":
        header = draw(st.sampled_from(["|", "|-", "|+", ">", ">-", "|2"]))
        body = draw(st.lists(scalar_text.filter(lambda s: "\n" not in s), max_size=3))
        return [prefix + header] + ["  " + line for line in body]
    if kind == "flow":
        items = draw(st.lists(styled_scalar, max_size=3))
        if draw(st.booleans()):
            entries = items
            opener, closer = "[", "]"
        else:
            entries = [f"{item}: {item}" for item in items]
            opener, closer = "{", "}"
        if draw(st.booleans()):  # over several lines, with comments
            comment = draw(st.sampled_from(["", " # c"]))
            return (
                [prefix + opener]
                + [f"  {entry},{comment}" for entry in entries]
                + [closer]
            )
        return [prefix + opener + ", ".join(entries) + closer]
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        child = draw(node(depth + 1))
        lead = "- " if kind == "seq" else draw(styled_scalar) + ": "
        if len(child) == 1:
            lines.append(lead + child[0])
        else:
            lines.append(lead.rstrip())
            lines += ["  " + line for line in child]
    return lines


@st.composite
def document(draw: st.DrawFn) -> str:
    lines = draw(node())
    if draw(st.booleans()):
        lines = ["x: &a " + draw(styled_scalar), "y:"] + ["  " + line for line in lines]
    text = draw(st.sampled_from(["", "---\n", "# c\n"])) + "\n".join(lines) + "\n"
    return text.replace("\n", "\r\n") if draw(st.integers(0, 9)) == 0 else text


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document())
def test_drawn_documents_load_as_pyyaml_loads_them(text: str) -> None:
    check_same(text)


# Every corner case in every place a scalar can stand.
PLACES = [
    "k: [{}]\n",
    "k: {{{}: 1}}\n",
    "k: {{a: {}}}\n",
    "k: [a, {}]\n",
    "k: {}\n",
    "- {}\n",
    "{}: 1\n",
    "k:\n  {}\n",
    "k: [\n  {},\n  b\n]\n",
    "k: {{\n  a: {},\n  b: c}}\n",
    "k: {{a: x,\n  b: {}}}\n",
    "- [{}]\n",
    "? {}\n: x\n",
]
TOKENS = sorted(
    set(CORNERS)
    | {
        ":a",
        "?a",
        "a:",
        "a :b",
        "a #b",
        "a # b",
        "a,b",
        "'a' #b",
        "[a] #b",
        "a: ",
        "|a",
    }
    | {">a", "%a", "@a", "`a", "!a", "&a", "*a", "=a", "~a", "? ", "a'b", 'a"b'}
)


@pytest.mark.parametrize("place", PLACES)
def test_every_corner_case_in_every_place_loads_as_pyyaml_loads_it(place: str) -> None:
    for token in TOKENS:
        check_same(place.format(token))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(styled_scalar, styled_scalar), min_size=1, max_size=6))
def test_drawn_mappings_of_corner_cases_load_as_pyyaml_loads_them(
    pairs: list[tuple[str, str]],
) -> None:
    check_same("".join(f"{key}: {value}\n" for key, value in pairs))
