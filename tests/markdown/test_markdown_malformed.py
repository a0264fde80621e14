"""Malformed Markdown: warnings with line numbers, never a crash; a SpecError only
when nothing at all can be read."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from generator.errors import SpecError
from generator.parse.markdown import MarkdownResult, parse_markdown, parse_markdown_text
from markdown_fixtures import GA, published_path

OPERATION = """\
## Widgets - List

```HTTP
GET https://{endpoint}/api/widgets?api-version=1
```

Lists widgets.

### URI Parameters

| Name | In | Required | Type | Description |
|------|------|----------|------|-----------|
| endpoint | path | Yes | string<br>url | The host. |
| api-version | query | Yes | string | API version |

### Responses

**Status Code:** 200

**Description**: OK

|**Content-Type**|**Type**|**Description**|
|:---|:---|:---|
|application/json | [widget](#widget) | |

"""

COMPONENTS = """\
## Components

### widget

| Name | Type | Description | Required | Default |
|------|------|-------------|----------|---------|
| id | string | The id. | Yes |  |
"""


def parse(text: str) -> MarkdownResult:
    return parse_markdown_text(text, "ref.md")


def warnings_at(result: MarkdownResult) -> dict[int, str]:
    out: dict[int, str] = {}
    for warning in result.warnings:
        source, line, message = warning.split(":", 2)
        assert source == "ref.md"
        out[int(line)] = message.strip()
    return out


def test_a_well_formed_reference_gives_no_warning() -> None:
    result = parse(OPERATION + COMPONENTS)
    assert result.warnings == ()
    (op,) = result.api.operations
    assert (op.method, op.path, op.operation_id) == (
        "get",
        "/widgets",
        "Widgets_List",
    )
    assert result.api.servers[0].url == "https://{endpoint}/api"
    assert result.api.schemas["widget"].properties[0].required


def test_truncated_table_rows_are_skipped_with_their_line() -> None:
    truncated = COMPONENTS + "| name | string |\n| size\n"
    result = parse(OPERATION + truncated)
    lines = warnings_at(result)
    row = (OPERATION + truncated).splitlines().index("| name | string |") + 1
    assert "malformed property row 'name'" in lines[row]
    assert "malformed property row 'size'" in lines[row + 1]
    assert [p.name for p in result.api.schemas["widget"].properties] == ["id"]


def test_a_heading_with_no_table_is_skipped_with_its_line() -> None:
    text = OPERATION + COMPONENTS + "\n### lonely\n\nJust words.\n"
    result = parse(text)
    line = text.splitlines().index("### lonely") + 1
    assert "no property table, enum or union" in warnings_at(result)[line]
    assert "lonely" not in result.api.schemas


def test_unknown_sections_and_garbage_between_sections() -> None:
    text = "Intro text.\n\n" + OPERATION.replace(
        "### Responses", "### Frobnicate\n\nzzz\n\n### Responses"
    )
    text += "## Not an operation\n\nprose only\n\n" + COMPONENTS
    result = parse(text)
    messages = list(warnings_at(result).values())
    assert any("content before the first `##` section" in m for m in messages)
    assert any("unknown section 'Frobnicate'" in m for m in messages)
    assert any(
        "'Not an operation' is neither an operation nor Components" in m
        for m in messages
    )
    assert len(result.api.operations) == 1 and "widget" in result.api.schemas


def test_broken_structure_inside_sections() -> None:
    text = OPERATION.replace(
        "|application/json | [widget](#widget) | |",
        "|application/json | [gadget](#gadget) | |\n|text/plain | blob | |",
    ) + COMPONENTS.replace("| id |", "| └─ orphan | string |  | No |  |\n| id |")
    lines = warnings_at(parse(text))
    at = {message: number for number, message in lines.items()}
    source = text.splitlines()
    assert (
        at["link to undocumented component 'gadget'"]
        == source.index("|application/json | [gadget](#gadget) | |") + 1
    )
    assert at["unknown type 'blob'"] == source.index("|text/plain | blob | |") + 1
    assert (
        at["nested row 'orphan' has no parent row"]
        == source.index("| └─ orphan | string |  | No |  |") + 1
    )


def test_invalid_example_json_is_reported_and_skipped() -> None:
    example = (
        "### Examples\n\n### Example\n\nList them.\n\n```HTTP\nGET https://{endpoint}/api/widgets?api-version=1\n```\n\n"
        '**Responses**:\nStatus Code: 200\n\n```json\n{\n  "body": [1, 2,]\n}\n```\n\n'
    )
    text = OPERATION + example + COMPONENTS
    result = parse(text)
    fence = text.splitlines().index("```json") + 1
    assert "not valid JSON" in warnings_at(result)[fence]
    (example_ir,) = result.api.operations[0].examples
    assert example_ir.name == "List them." and example_ir.data["responses"] == {}


@pytest.mark.parametrize(
    "text",
    [
        "",
        "just a line of prose\n",
        "\x00\x01 garbage ### ``` | | |\n---\n",
        "# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        "## Foo\n\nNo request line here.\n",
    ],
)
def test_nothing_readable_is_a_spec_error(text: str) -> None:
    with pytest.raises(SpecError) as raised:
        parse(text)
    assert raised.value.line == 1
    assert "no operation" in raised.value.message
    assert str(raised.value).startswith("ref.md:1: ")


def test_unreadable_files_are_spec_errors(tmp_path: Path) -> None:
    binary = tmp_path / "binary.md"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(SpecError, match="cannot read"):
        parse_markdown(binary)
    with pytest.raises(SpecError, match="cannot read"):
        parse_markdown(tmp_path / "missing.md")


def test_damaged_published_reference_never_crashes() -> None:
    """Truncated, gapped, cut and shuffled copies of the GA reference: every one parses
    (with warnings) or is a SpecError, nothing else."""
    lines = published_path(GA).read_text(encoding="utf-8").splitlines()
    rng = random.Random(20241021)
    for trial in range(24):
        damaged = list(lines)
        for _ in range(30):
            at = rng.randrange(len(damaged))
            if trial % 3 == 0:
                del damaged[at]
            elif trial % 3 == 1:
                damaged[at] = damaged[at][: rng.randrange(len(damaged[at]) + 1)]
            else:
                damaged.insert(at, damaged[rng.randrange(len(damaged))])
        try:
            result = parse("\n".join(damaged))
        except SpecError:
            continue
        assert all(w.startswith("ref.md:") for w in result.warnings)
