"""`sdkgen diff` and `sdkgen changelog`: formats, --fail-on exit codes, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import cli
from generator.commands.diff import FORMATS
from generator.diff.render import RENDERERS
from inline_spec import json_response, ref, spec

REPO = Path(__file__).resolve().parents[2]
STR = {"type": "string"}


def things_spec(
    props: dict[str, Any], required: tuple[str, ...] = ()
) -> dict[str, Any]:
    """GET /things returns Thing; POST /things sends Thing."""
    thing = json_response("ok", ref("Thing"))
    paths = {
        "/things": {
            "get": {"responses": {"200": thing}},
            "post": {
                "requestBody": {"content": thing["content"]},
                "responses": {"204": {"description": "done"}},
            },
        }
    }
    schema = {"type": "object", "properties": props, "required": list(required)}
    return spec(paths, {"Thing": schema})


@pytest.fixture
def pair(write_spec):
    def make(base: dict[str, Any], revision: dict[str, Any]) -> list[str]:
        return [
            str(write_spec("old.json", base)),
            str(write_spec("new.json", revision)),
        ]

    return make


@pytest.fixture
def breaking(pair) -> list[str]:
    # `b` removed: breaking; `c` added: info.
    return pair(things_spec({"a": STR, "b": STR}), things_spec({"a": STR, "c": STR}))


@pytest.fixture
def harmless(pair) -> list[str]:
    return pair(things_spec({"a": STR}), things_spec({"a": STR, "c": STR}))


def test_every_format_has_a_renderer() -> None:
    assert set(FORMATS) == set(RENDERERS)


def test_json_output(breaking: list[str], tmp_path: Path) -> None:
    out = tmp_path / "sub" / "diff.json"
    assert cli.main(["diff", *breaking, "--format", "json", "--output", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert (document["old"], document["new"]) == tuple(breaking)
    removed = next(c for c in document["changes"] if c["severity"] == "breaking")
    assert removed["id"] == "request-property-removed"  # breaking on both sides
    assert removed["schema"] == "Thing" and removed["operation"] is None
    assert removed["location"] == "/components/schemas/Thing/properties/b"
    assert set(removed["operations"]) == {"GET /things", "POST /things"}
    assert "`b`" in removed["message"]


@pytest.mark.parametrize(
    "fixture, fail_on, code",
    [
        ("breaking", None, 0),
        ("breaking", "breaking", 1),
        ("breaking", "info", 1),
        ("harmless", "breaking", 0),
        ("harmless", "warning", 0),
        ("harmless", "info", 1),
    ],
)
def test_fail_on_sets_the_exit_code(
    request, fixture: str, fail_on: str | None, code: int, capsys
) -> None:
    args = ["diff", *request.getfixturevalue(fixture), "--format", "text"]
    if fail_on:
        args += ["--fail-on", fail_on]
    assert cli.main(args) == code


def test_bad_input_exits_2(tmp_path: Path, capsys, harmless: list[str]) -> None:
    assert cli.main(["diff", str(tmp_path / "missing.json"), harmless[1]]) == 2
    assert "missing.json" in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert cli.main(["diff", harmless[0], str(broken), "--fail-on", "info"]) == 2
    assert "invalid JSON" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", ["json", "yaml"])
def test_github_annotations_point_at_lines_of_the_revision(
    suffix: str, tmp_path: Path, capsys
) -> None:
    files = []
    for name, props in (("old", {"a": STR, "b": STR}), ("new", {"a": STR, "c": STR})):
        path = tmp_path / f"{name}.{suffix}"
        document = things_spec(props)
        path.write_text(
            json.dumps(document, indent=2) if suffix == "json" else yaml.dump(document),
            encoding="utf-8",
        )
        files.append(str(path))
    assert cli.main(["diff", *files, "--format", "github"]) == 0
    removed, added = capsys.readouterr().out.splitlines()
    lines = Path(files[1]).read_text(encoding="utf-8").splitlines()

    def line_of(annotation: str) -> str:
        props = annotation.split("::")[1].split(",")
        (number,) = [p.split("=")[1] for p in props if p.startswith("line=")]
        (file,) = [p.split("=")[1] for p in props if "file=" in p]
        assert Path(file).resolve() == Path(files[1]).resolve()
        return lines[int(number) - 1]

    assert removed.startswith("::error file=")
    assert "title=request-property-removed" in removed
    assert removed.endswith(
        "::client.things.create(b=...), Thing.b: property `b` removed"
        " (/components/schemas/Thing/properties/b)"
    )
    # `b` is gone from the revision: the annotation sits on the properties it left
    assert line_of(removed).strip().startswith(("properties:", '"properties": {'))
    assert added.startswith("::notice file=")
    assert line_of(added).strip().startswith(("c:", '"c": {'))


def test_github_annotations_escape_workflow_command_syntax(pair, capsys) -> None:
    args = pair(things_spec({"a": STR}), things_spec({"a": STR, "100%\nsure": STR}))
    assert cli.main(["diff", *args, "--format", "github"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert "`100%25%0Asure`" in line


def test_markdown_puts_breaking_changes_first(breaking: list[str], capsys) -> None:
    assert cli.main(["diff", *breaking]) == 0
    text = capsys.readouterr().out
    assert "1 breaking" in text
    first, rest = text.split("## Breaking changes", 1)
    assert "## Models" not in first and "## Operations" not in first
    breaking_part = rest.split("\n## ", 1)[0]
    # named as the caller meets it, beside the JSON pointer, with the calls it reaches
    assert (
        "- `client.things.create(b=...)`, `Thing.b`: property `b` removed"
        " (`#/components/schemas/Thing/properties/b`);"
        " affects `client.things.list()`, `client.things.create()`"
    ) in breaking_part
    models = rest.split("## Models", 1)[1]
    assert "### `Thing`" in models
    assert "Used by: `client.things.list()`, `client.things.create()`." in models
    assert (
        "- `client.things.create(c=...)`, `Thing.c`: optional property `c` added"
        in models
    )


def test_changes_name_calls_enum_members_and_word_diffs(pair, capsys) -> None:
    colour = {"type": "string", "enum": ["red", "green"], "description": "The colour."}
    base = things_spec({"colour": colour})
    revision = things_spec(
        {
            "colour": {
                **colour,
                "enum": ["red", "blue"],
                "description": "The new colour.",
            }
        }
    )
    assert cli.main(["diff", *pair(base, revision), "--format", "json"]) == 0
    changes = {c["id"]: c for c in json.loads(capsys.readouterr().out)["changes"]}
    assert changes["request-enum-value-removed"]["python"] == [
        "client.things.create(colour=...)",
        "Thing.colour",
        "thing.Colour",
        "thing.Colour.GREEN",
    ]
    assert changes["response-enum-value-added"]["python"][-1] == "thing.Colour.BLUE"
    description = changes["description-changed"]
    assert (description["old"], description["new"]) == (
        "The colour.",
        "The new colour.",
    )
    assert cli.main(["diff", *pair(base, revision), "--format", "text"]) == 0
    text = capsys.readouterr().out
    assert "description changed — The {+new+} colour." in text


def test_text_lists_the_strictest_first(breaking: list[str], capsys) -> None:
    assert cli.main(["diff", *breaking, "--format", "text"]) == 0
    summary, first, second = capsys.readouterr().out.splitlines()
    assert "2 changes: 1 breaking, 0 warnings, 1 info" in summary
    assert first.startswith("BREAKING") and second.startswith("INFO")


def test_changelog_covers_every_pin_newest_first(
    real_specs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "CHANGELOG.md"
    assert cli.main(["changelog", "--output", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    versions = [
        "2025-03-01-preview",
        "2025-01-01-preview",
        "2024-12-01-preview",
        "2024-10-21",
    ]
    positions = [text.index(f"\n## {version}\n") for version in versions]
    assert positions == sorted(positions)
    january = text[positions[1] : positions[2]]
    assert "Compared with 2024-12-01-preview." in january and "0 breaking" in january


def test_whole_process_on_pinned_versions(real_specs: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "diff",
            "2024-12-01-preview",
            "2025-01-01-preview",
            "--format",
            "json",
            "--fail-on",
            "breaking",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    changes = json.loads(result.stdout)["changes"]
    assert {c["severity"] for c in changes} == {"info"}


def test_a_diff_in_process_leaves_the_callers_collector_on(tmp_path: Path) -> None:
    """The diff pauses cyclic garbage collection while it runs, and only then."""
    import gc

    base = tmp_path / "base.json"
    base.write_text(json.dumps(spec({}, {"A": {"type": "string"}})))
    assert gc.isenabled()
    assert (
        cli.main(["diff", str(base), str(base), "--output", str(tmp_path / "r")]) == 0
    )
    assert gc.isenabled()
