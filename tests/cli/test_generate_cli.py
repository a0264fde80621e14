"""The `sdkgen generate` command as a user runs it: a real process, its exit code,
its output, and what it leaves on disk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from real_specs import PINNED, PROJECT
from run_cli import sdkgen


def test_generate_every_pinned_version_with_report(tmp_path: Path) -> None:
    """In the project, no SPEC: one distribution serving every pin."""
    out, report_file = tmp_path / "out", tmp_path / "report.json"
    result = sdkgen("generate", "--out", str(out), "--report", str(report_file))
    assert result.returncode == 0, result.stderr
    assert PROJECT.package is not None
    (line,) = result.stdout.splitlines()
    name, import_name = PROJECT.package.name, PROJECT.package.import_name
    assert line.startswith(f"{name} ") and f"({', '.join(PINNED)}): " in line
    assert " operations, " in line and line.endswith(" s)")
    assert (out / name / "src" / import_name / "__init__.py").is_file()
    report = json.loads(report_file.read_text())
    (spec,) = report["specs"]
    assert spec["api_versions"] == PINNED and spec["api_version"] == PINNED[-1]
    assert spec["package"] == import_name and spec["distribution"] == name
    assert _chat_call(spec) == "chat.completions.create"
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import {spec['package']} as p; print(p.Client.__name__, p.API_VERSIONS)",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": spec["package_dir"]},
    )
    assert probe.stdout.strip() == f"Client {tuple(PINNED)}", probe.stderr


def test_named_specs_are_generated_alone(tmp_path: Path) -> None:
    out, report_file = tmp_path / "out", tmp_path / "report.json"
    result = sdkgen(
        "generate", *PINNED, "--out", str(out), "--report", str(report_file)
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert PROJECT.package is not None
    for api_version in PINNED:
        package = f"{PROJECT.package.import_name}_{api_version.replace('-', '_')}"
        assert any(
            line.startswith(f"{api_version}: ")
            and " operations, " in line
            and line.endswith(" s)")
            for line in lines
        )
        assert (out / package / "__init__.py").is_file()
    report = json.loads(report_file.read_text())
    assert [s["api_version"] for s in report["specs"]] == PINNED
    chat_calls = [_chat_call(spec) for spec in report["specs"]]
    assert "chat.completions.create" in chat_calls


def _chat_call(spec: dict) -> str | None:
    """Checks a report entry's shape; the call of its chat completions operation."""
    assert set(spec) >= {
        "source",
        "api_version",
        "package",
        "package_dir",
        "client",
        "operations",
        "models",
        "skipped",
    }
    chat = None
    for op in spec["operations"]:
        # a distribution's operations also say which api-versions have them
        assert set(op) - {"api_versions"} == {
            "method",
            "path",
            "operation_id",
            "call",
            "arguments",
        }
        if op["operation_id"] == "ChatCompletions_Create":
            assert op["method"] == "POST"
            assert op["path"] == "/deployments/{deployment-id}/chat/completions"
            assert {"name": "messages", "wire": "messages", "in": "body"} in op[
                "arguments"
            ]
            chat = op["call"]
    return chat


def test_bad_json_exits_2_with_file_and_line_and_writes_nothing(tmp_path: Path) -> None:
    spec = tmp_path / "broken.json"
    spec.write_text('{\n  "openapi": "3.0.0",\n  "paths": {,}\n}\n')
    out = tmp_path / "out"
    result = sdkgen("generate", str(spec), "--out", str(out))
    assert result.returncode == 2
    assert result.stderr.startswith(f"sdkgen: error: {spec}:3: invalid JSON")
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
    assert not out.exists()


def test_dangling_ref_exits_2_naming_the_pointer(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n"
        "        '200':\n          description: ok\n          content:\n            application/json:\n"
        "              schema: {$ref: '#/components/schemas/Nope'}\n"
    )
    result = sdkgen("generate", str(spec), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"sdkgen: error: {spec}#/paths/~1a/get/responses/200/content/application~1json/schema/$ref: "
        "dangling $ref: #/components/schemas/Nope"
    )


def test_unknown_spec_argument_lists_the_pins(tmp_path: Path) -> None:
    result = sdkgen("generate", "1999-01-01", "--out", str(tmp_path))
    assert result.returncode == 2
    assert f"not a pinned api-version (pinned: {', '.join(PINNED)})" in result.stderr


def test_package_name_cannot_escape_the_output_folder(tmp_path: Path) -> None:
    result = sdkgen(
        "generate", "2024-10-21", "--out", str(tmp_path / "out"), "--package", "../evil"
    )
    assert result.returncode == 2 and "not a Python identifier" in result.stderr
    assert not (tmp_path / "evil").exists()


def test_regeneration_keeps_foreign_files_and_removes_only_its_own_stale_ones(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    assert sdkgen("generate", "2025-01-01-preview", "--out", str(out)).returncode == 0
    package = out / "azure_openai_2025_01_01_preview"
    manifest = json.loads((out / ".sdkgen-manifest.json").read_text())["files"]
    assert "azure_openai_2025_01_01_preview/resources/assistants.py" in manifest
    (package / "NOTES.md").write_text("mine")
    (out / "other.txt").write_text("mine too")
    # pretend an earlier generation wrote a module the spec no longer produces
    (package / "resources" / "old.py").write_text("x = 1\n")
    manifest["azure_openai_2025_01_01_preview/resources/old.py"] = "0" * 64
    (out / ".sdkgen-manifest.json").write_text(json.dumps({"files": manifest}))
    assert sdkgen("generate", "2025-01-01-preview", "--out", str(out)).returncode == 0
    assert (package / "NOTES.md").read_text() == "mine" and (
        out / "other.txt"
    ).read_text() == "mine too"
    assert not (package / "resources" / "old.py").exists()
    assert not [
        p for p in out.iterdir() if p.name.startswith(".sdkgen-") and p.is_dir()
    ]


def test_lock_file_and_drift_check(tmp_path: Path) -> None:
    out, lock = tmp_path / "out", tmp_path / "sdkgen.lock"
    assert (
        sdkgen(
            "generate", "2024-10-21", "--out", str(out), "--lock", str(lock)
        ).returncode
        == 0
    )
    document = json.loads(lock.read_text())
    assert document["specs"] == {
        "2024-10-21": "8efc665c79a5a5e7d3137d9378da074d9956d042150a1d0a6ffc6ba95cc1bf47"
    }
    assert "azure_openai_2024_10_21/models/__init__.py" in document["files"]

    in_sync = sdkgen("check", "2024-10-21", "--against", str(lock))
    assert in_sync.returncode == 0 and in_sync.stdout.startswith("in sync with")
    assert sdkgen("check", "2024-10-21", "--against", str(out)).returncode == 0

    models = out / "azure_openai_2024_10_21" / "models" / "create_chat_completion_response.py"
    models.write_text(models.read_text().replace("class ", "class Edited", 1))
    drifted = sdkgen("check", "2024-10-21", "--against", str(out))
    assert drifted.returncode == 1
    assert "  changed  azure_openai_2024_10_21/models/create_chat_completion_response.py" in drifted.stdout
    assert "+class " in drifted.stdout and "-class Edited" in drifted.stdout

    document["files"]["azure_openai_2024_10_21/_client.py"] = "0" * 64
    del document["files"]["azure_openai_2024_10_21/_errors.py"]
    lock.write_text(json.dumps(document))
    stale = sdkgen("check", "2024-10-21", "--against", str(lock))
    assert stale.returncode == 1
    assert "  changed  azure_openai_2024_10_21/_client.py" in stale.stdout
    assert "  added    azure_openai_2024_10_21/_errors.py" in stale.stdout
