"""`sdkgen docs` and `sdkgen reconcile`: output, files and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import main
from generator.parse.markdown import parse_markdown
from markdown_fixtures import GA, published_path, spec_path


def test_docs_writes_a_reference_that_parses_cleanly(tmp_path: Path) -> None:
    out = tmp_path / "docs" / f"{GA}.md"
    assert main(["docs", GA, "--out", str(out)]) == 0
    result = parse_markdown(out)
    assert result.warnings == ()
    assert len(result.api.operations) == 6 and len(result.api.schemas) == 99


def test_docs_to_stdout_from_a_spec_file_or_a_markdown_reference(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["docs", str(spec_path(GA))]) == 0
    from_json = capsys.readouterr().out
    assert from_json.startswith('---\ntitle: "Azure OpenAI Service API"\n')
    assert (
        "\n## Components\n" in from_json
        and "\n### createCompletionRequest\n" in from_json
    )
    assert main(["docs", str(published_path(GA))]) == 0
    captured = capsys.readouterr()
    assert "\n### createCompletionRequest\n" in captured.out
    assert "2024-10-21.md:2313" in captured.err  # parse warnings go to stderr


def test_reconcile_exit_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["reconcile", str(published_path(GA)), GA]) == 1
    text = capsys.readouterr().out
    assert "Authentication headers (security-mismatch, 6):" in text
    assert "- 2024-10-21.md:957: schema error, property code" in text
    rendered = tmp_path / "rendered.md"
    assert main(["docs", GA, "--out", str(rendered)]) == 0
    assert main(["reconcile", str(rendered), GA]) == 0
    assert "They agree" in capsys.readouterr().out
    garbage = tmp_path / "garbage.md"
    garbage.write_text("nothing to see\n", encoding="utf-8")
    assert main(["reconcile", str(garbage), GA]) == 2
    assert main(["reconcile", str(tmp_path / "missing.md"), GA]) == 2
    assert main(["reconcile", str(rendered), str(tmp_path / "missing.json")]) == 2
    assert (
        main(["reconcile", "2024-12-01-preview", GA]) == 2
    )  # pins no Markdown reference
    assert "pins no Markdown reference" in capsys.readouterr().err


def test_reconcile_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reconcile", GA, GA, "--format", "json"]) == 1  # the pinned Markdown
    report = json.loads(capsys.readouterr().out)
    assert report["markdown"] == {"operations": 6, "schemas": 99}
    assert report["openapi"] == {"operations": 6, "schemas": 99}
    assert report["findings"]
    for finding in report["findings"]:
        assert {"kind", "where", "markdown", "openapi", "message"} <= set(finding)
    kinds = {f["kind"] for f in report["findings"]}
    assert "security-mismatch" in kinds
