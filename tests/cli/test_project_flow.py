"""sdkgen in its users' repos: the built wheel runs a new project outside the checkout,
and a pin added to this repo's project is covered by the suite like the others."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from generator.config import CONFIG_NAME
from real_specs import PINS, PROJECT
from run_cli import REPO, sdkgen

NEW_VERSION = "2099-01-01-preview"
# The test modules whose tests follow the pins, and the tests parametrized by pin.
PIN_DRIVEN = (
    "cli/test_spec_pins.py",
    "parse/test_parse_openapi.py",
    "cli/test_generate_cli.py",
    "codegen/test_generated_code_quality.py",
    "markdown/test_markdown_round_trip.py",
)
# mypy on one more package costs 12 s and checks no pin handling of its own
SELECTED = f"({NEW_VERSION} or every_pinned or lists_the_pins) and not mypy"
PARAMETRIZED_BY_PIN = (
    "test_every_pin_matches_its_mirrored_file_and_names_a_whole_upstream",
    "test_every_operation_and_component_schema_is_parsed",
    "test_every_operation_and_schema_is_generated",
    "test_rendered_reference_parses_back_to_the_same_view",
    "test_round_trip_carries_content_not_just_names",
)


def test_the_wheel_runs_a_users_project_outside_the_checkout(tmp_path: Path) -> None:
    """.ci/outside-checkout's flow with the wheel built from this working tree: pip
    installs it into a folder of its own, put first on the path, so the flow imports
    the wheel's files, not the checkout's (the flow checks which)."""
    source = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "generator", source / "generator", ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    dist, site = tmp_path / "dist", tmp_path / "site"
    python(
        "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(source)
    )
    (wheel,) = dist.glob("sdkgen-*.whl")
    python(
        "-m",
        "pip",
        "install",
        "-q",
        "--no-deps",
        "--no-index",
        "--target",
        str(site),
        str(wheel),
    )
    flow = subprocess.run(
        [
            sys.executable,
            str(REPO / ".ci" / "project_flow.py"),
            "--sdkgen",
            f"{sys.executable} -m generator",
            "--python",
            sys.executable,
            "--checkout",
            str(REPO),
            "--work",
            str(tmp_path / "flow"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**_clean_env(), "PYTHONPATH": str(site)},
    )
    assert flow.returncode == 0, flow.stdout[-3000:] + flow.stderr[-3000:]
    assert flow.stdout.endswith("project flow: every step passed\n")


def python(*args: str) -> None:
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def _clean_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("SDKGEN_")}


def test_a_pin_added_to_this_repo_is_covered_by_the_suite(tmp_path: Path) -> None:
    """This repo's project copied with one more pin (a real spec under a new
    api-version): the pin-driven tests run against it and pass, and generate writes a
    lock that check is in sync with."""
    assert PROJECT.config_file is not None and PROJECT.mirror is not None
    project = tmp_path / "project"
    (project / "specs").mkdir(parents=True)
    config = PROJECT.config_file.read_text(encoding="utf-8")
    mirror = PROJECT.mirror.resolve()
    config = config.replace('mirror = "../shared/specs"', f'mirror = "{mirror}"')
    assert f'mirror = "{mirror}"' in config
    (project / CONFIG_NAME).write_text(config, encoding="utf-8")
    for pin in PINS.values():
        shutil.copy(pin.pin_file, project / "specs" / pin.pin_file.name)
    # the smallest pinned spec, pinned in place (the mirror is read-only: not copied)
    in_mirror = min(
        (mirror / pin.openapi.mirror_path for pin in PINS.values()),
        key=lambda path: path.stat().st_size,
    )
    pinned = sdkgen("pin", str(in_mirror), "--api-version", NEW_VERSION, cwd=project)
    assert pinned.returncode == 0, pinned.stderr
    assert "(already there)" in pinned.stdout

    suite = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-v",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "-k",
            f"{NEW_VERSION} or every_pinned or lists_the_pins",
            *(str(REPO / "tests" / name) for name in PIN_DRIVEN),
        ],
        capture_output=True,
        text=True,
        cwd=project,
        env={**_clean_env(), "PYTHONPATH": str(REPO)},
    )
    assert suite.returncode == 0, suite.stdout[-4000:] + suite.stderr[-2000:]
    passed = {
        line.split("::")[1].split(" ")[0]
        for line in suite.stdout.splitlines()
        if "::" in line and " PASSED" in line
    }
    for test in PARAMETRIZED_BY_PIN:
        assert f"{test}[{NEW_VERSION}]" in passed, test
    assert "skipped" not in suite.stdout.strip().splitlines()[-1]

    lock = tmp_path / "sdkgen.lock"
    generated = sdkgen(
        "generate", "--out", str(tmp_path / "out"), "--lock", str(lock), cwd=project
    )
    assert generated.returncode == 0, generated.stderr
    assert f", {NEW_VERSION}): " in generated.stdout  # the distribution serves it
    checked = sdkgen("check", "--against", str(lock), cwd=project)
    assert checked.returncode == 0 and f"{len(PINS) + 1} specs" in checked.stdout
