"""oasdiff's own checker pairs (../shared/diff-corpus/, read in place), judged from the
seat of a caller of the generated SDK: `sdkgen diff base revision --fail-on breaking`
exits 1 exactly where `caller_verdict` is breaking (either exit where it is `either`),
and every pair where oasdiff reports anything gets at least one change from sdkgen."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator import cli

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "diff-corpus"
EXIT = {"breaking": {1}, "not": {0}, "either": {0, 1}}


def cases() -> list[Path]:
    found = sorted(p for p in CORPUS.glob("*") if (p / "expect.json").is_file())
    if not found:  # collected as one failing case, saying what is missing
        return [CORPUS / "missing"]
    return found


def pair(case: Path) -> tuple[str, str, dict[str, Any]]:
    if not case.is_dir():
        pytest.fail(
            f"the diff corpus is not at {CORPUS}: check out the shared folder beside the repo"
        )
    expect = json.loads((case / "expect.json").read_text(encoding="utf-8"))
    (base,) = case.glob("base.*")
    (revision,) = case.glob("revision.*")
    return str(base), str(revision), expect


@pytest.mark.parametrize("case", cases(), ids=lambda p: p.name)
def test_caller_verdict_and_coverage(case: Path, tmp_path: Path, capsys) -> None:
    base, revision, expect = pair(case)
    out = tmp_path / "changes.json"
    args = ["diff", base, revision, "--fail-on", "breaking", "--format", "json"]
    code = cli.main([*args, "--output", str(out)])
    verdict = expect["caller_verdict"]
    if code == 2:
        # An invalid revision may be rejected where either verdict is defensible; the
        # one-line error is then what sdkgen reports.
        error = capsys.readouterr().err
        assert verdict == "either", error
        assert revision in error and "#/" in error
        return
    changes = json.loads(out.read_text(encoding="utf-8"))["changes"]
    assert (
        code in EXIT[verdict]
    ), f"{verdict} expected ({expect['why']}); sdkgen said " + "; ".join(
        f"{c['severity']} {c['id']}: {c['message']}" for c in changes
    )
    if expect["oasdiff"]:
        assert changes, f"oasdiff reports {expect['oasdiff']}, sdkgen nothing"


@pytest.mark.parametrize(
    "name, code",
    [
        ("004-api-added-detects-modified-paths-with-path-param", 1),
        ("359-breaking-stability-level-decreased", 0),
        ("072-breaking-req-body-became-enum-and-type-changed", 2),
    ],
)
def test_through_the_installed_command(name: str, code: int) -> None:
    base, revision, _ = pair(CORPUS / name)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "diff", base, revision]
        + ["--fail-on", "breaking", "--format", "text"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == code, result.stderr
    if code == 2:
        assert result.stderr.count("\n") == 1 and "unknown type 'int'" in result.stderr
    else:
        assert result.stdout.count("\n") >= 2  # the summary and at least one change
