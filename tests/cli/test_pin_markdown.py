"""`sdkgen pin --markdown`: the Markdown reference published beside a spec, pinned as
the `[markdown]` file of an api-version already pinned, from a file or a URL, through
the real CLI; the real published reference pins with its published sha256, and bad
input exits 2 with one line and leaves the project as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator.specs import read_pin
from loopback import Loopback
from real_specs import markdown_path, spec_path
from test_pin_cli import SPEC_BYTES, fails, project, run  # noqa: F401 (a fixture)
from test_project_config import tree

VERSION = "2024-05-01"


def _pinned_spec(project: Path) -> Path:
    """The pets spec pinned, and its Markdown reference rendered by `sdkgen docs`."""
    source = project.parent / "pets.json"
    source.write_bytes(SPEC_BYTES)
    assert run(project, "pin", str(source)).returncode == 0
    reference = project.parent / "pets.md"
    docs = run(project, "docs", VERSION, "--out", str(reference))
    assert docs.returncode == 0, docs.stderr
    return reference


def test_a_reference_pins_beside_its_spec_and_reconciles(project: Path) -> None:
    reference = _pinned_spec(project)
    result = run(project, "pin", "--markdown", str(reference), "--api-version", VERSION)
    assert result.returncode == 0, result.stderr
    digest = hashlib.sha256(reference.read_bytes()).hexdigest()
    assert result.stdout.splitlines()[0] == (
        f"pinned {VERSION} Markdown reference: 1 operations, 2 schemas, sha256 {digest}"
    )
    pin = read_pin(project / "specs" / f"{VERSION}.toml")
    assert pin.markdown is not None
    assert (pin.markdown.mirror_path, pin.markdown.sha256) == (
        f"{VERSION}/pets.md",
        digest,
    )
    assert pin.openapi.mirror_path == f"{VERSION}/pets.json"  # the spec's pin kept
    mirrored = project / "specs" / "mirror" / pin.markdown.mirror_path
    assert mirrored.read_bytes() == reference.read_bytes()
    agreed = run(project, "reconcile", VERSION, VERSION)
    assert agreed.returncode == 0, agreed.stdout + agreed.stderr


def test_a_reference_pins_from_a_url(project: Path, server: Loopback) -> None:
    reference = _pinned_spec(project)
    server.reply(200, reference.read_bytes())
    url = f"{server.url}/docs/pets.md"
    result = run(project, "pin", "--markdown", url, "--api-version", VERSION)
    assert result.returncode == 0, result.stderr
    pin = read_pin(project / "specs" / f"{VERSION}.toml")
    assert pin.markdown is not None
    assert (pin.markdown.url, pin.markdown.mirror_path) == (url, f"{VERSION}/pets.md")


def test_the_published_reference_pins_with_its_published_digest(
    project: Path,
) -> None:
    spec = spec_path("2024-10-21").resolve()
    reference = markdown_path("2024-10-21").resolve()
    assert run(project, "pin", str(spec)).returncode == 0
    result = run(
        project, "pin", "--markdown", str(reference), "--api-version", "2024-10-21"
    )
    assert result.returncode == 0, result.stderr
    pin = read_pin(project / "specs" / "2024-10-21.toml")
    assert pin.markdown is not None
    assert pin.markdown.sha256 == hashlib.sha256(reference.read_bytes()).hexdigest()
    # the published reference is not faithful to its spec: findings, not an error
    assert run(project, "reconcile", "2024-10-21", "2024-10-21").returncode == 1


def test_bad_references_exit_2_and_change_nothing(project: Path) -> None:
    reference = _pinned_spec(project)
    before = tree(project)
    fails(
        run(project, "pin", "--markdown", str(reference)),
        "--markdown: needs --api-version: the pinned spec it is for",
    )
    fails(
        run(
            project, "pin", "--markdown", str(reference), "--api-version", "2099-01-01"
        ),
        f"--api-version: '2099-01-01' is not pinned (pinned: {VERSION}); "
        "pin its spec first",
    )
    prose = project.parent / "notes.md"
    prose.write_text("# Notes\n\nNo API here.\n", encoding="utf-8")
    result = run(project, "pin", "--markdown", str(prose), "--api-version", VERSION)
    assert result.returncode == 2
    assert result.stderr.startswith(f"sdkgen: error: {prose}:1: ")
    assert result.stderr.count("\n") == 1
    binary = project.parent / "binary.md"
    binary.write_bytes(b"\xff\xfe# x\n")
    fails(
        run(project, "pin", "--markdown", str(binary), "--api-version", VERSION),
        f"{binary}: not UTF-8 text (byte 0)",
    )
    assert tree(project) == before
