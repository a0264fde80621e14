"""Lock files and drift: what a generation produced, and how a new one differs.

A lock file records the sdkgen version, the sha256 of each spec and of each generated
file, and which files each api-version produced; `sdkgen check` regenerates and compares
against it (or against a generated tree), and verifies the locked files found on disk.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..errors import UserError

if TYPE_CHECKING:
    from .generate import Rendered

LOCK_FORMAT = 1


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def lock_document(
    files: dict[str, str],
    spec_digests: dict[str, str],
    outputs: dict[str, list[str]],
    releases: list[dict[str, Any]] | None = None,
) -> str:
    """`outputs`: per api-version, the paths (a folder ending in "/", or a file) its
    generation wrote, so that one api-version can be checked alone. `releases`: the
    distribution's release history (generator.release.history), kept as given."""
    document: dict[str, Any] = {
        "format": LOCK_FORMAT,
        "sdkgen": __version__,
        "docs": any(name.startswith("docs/") for name in files),
        "specs": dict(sorted(spec_digests.items())),
        "outputs": {
            version: sorted(paths) for version, paths in sorted(outputs.items())
        },
        "files": {name: digest(text) for name, text in sorted(files.items())},
    }
    if releases:
        document["releases"] = releases
    return json.dumps(document, indent=1) + "\n"


def lock_has_docs(lock_file: Path) -> bool:
    """Whether the locked generation rendered the Markdown references too."""
    try:
        return bool(json.loads(lock_file.read_text(encoding="utf-8")).get("docs"))
    except (OSError, ValueError, AttributeError):
        return False


@dataclass
class Drift:
    path: str
    kind: str  # changed | added | removed | edited | missing | spec | version
    diff: str = ""


@dataclass
class LockCheck:
    drift: list[Drift]
    checked_on_disk: int  # locked files found on disk and verified
    not_on_disk: int  # locked files in scope that are not on disk


def against_lock(
    lock_file: Path,
    files: dict[str, str],
    spec_digests: dict[str, str],
    outputs: dict[str, list[str]] | None,
    require_files: bool = False,
    digests: dict[str, str] | None = None,
) -> LockCheck:
    """Regenerated `files` against the lock, then the locked files on disk (beside the
    lock) against their locked digests: a hand edit is drift. Given the `outputs` of
    some api-versions, only what those produced, now or when locked, is compared.
    Given the regenerated files' `digests` (a memo's), `files` only serve the diffs
    of edited files."""
    try:
        lock = json.loads(lock_file.read_text(encoding="utf-8"))
        locked_files: dict[str, str] = lock["files"]
        locked_specs: dict[str, str] = lock["specs"]
        locked_outputs: dict[str, list[str]] = lock.get("outputs") or {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UserError(
            str(lock_file), f"not a readable sdkgen lock file ({exc})"
        ) from None
    drift = []
    if lock.get("sdkgen") != __version__:
        drift.append(
            Drift(
                "sdkgen",
                "version",
                f"locked {lock.get('sdkgen')}, running {__version__}",
            )
        )
    for api_version, sha in sorted(spec_digests.items()):
        if locked_specs.get(api_version) != sha:
            drift.append(
                Drift(
                    api_version,
                    "spec",
                    f"locked {locked_specs.get(api_version)}, now {sha}",
                )
            )
    if outputs is not None:
        paths = [p for v in outputs for p in outputs[v] + locked_outputs.get(v, [])]
        locked_files = {k: v for k, v in locked_files.items() if _under(k, paths)}
    regenerated = (
        digests if digests is not None else {k: digest(v) for k, v in files.items()}
    )
    drift.extend(_compare(regenerated, locked_files, lambda name: ""))
    root = lock_file.parent
    checked = missing = 0
    for name, locked in sorted(locked_files.items()):
        path = root / name
        if not path.is_file():
            missing += 1
            if require_files:
                drift.append(Drift(name, "missing", f"not on disk at {path}"))
            continue
        checked += 1
        on_disk = path.read_bytes()
        sha = hashlib.sha256(on_disk).hexdigest()
        if sha != locked and sha != regenerated.get(name):
            text = on_disk.decode("utf-8", errors="replace")
            drift.append(
                Drift(
                    name, "edited", _unified(text, files.get(name, ""), str(path), name)
                )
            )
    return LockCheck(drift, checked, missing)


def lock_outputs(rendered: Rendered) -> dict[str, list[str]]:
    """What each api-version's generation wrote: its package folder and reference."""
    outputs = {}
    for result in rendered.results:
        # a distribution serves several api-versions, each of which wrote it
        for version in result.report.get(
            "api_versions", [result.report["api_version"]]
        ):
            reference = f"docs/{version}.md"
            outputs[version] = [f"{result.package}/"] + (
                [reference] if reference in rendered.files else []
            )
    return outputs


def _under(name: str, paths: list[str]) -> bool:
    return any(name == p or (p.endswith("/") and name.startswith(p)) for p in paths)


def against_tree(tree: Path, files: dict[str, str]) -> list[Drift]:
    """Compare with a generated folder: the files this generation owns in it."""
    from .writer import MANIFEST  # shutil and tempfile: no cost to a lock's check

    if not tree.is_dir():
        raise UserError(str(tree), "not a folder")
    tops = {Path(name).parts[0] for name in files}
    on_disk = {}
    for top in tops:
        for path in (tree / top).rglob("*"):
            if (
                path.is_file()
                and "__pycache__" not in path.parts
                and path.name != MANIFEST
            ):
                on_disk[path.relative_to(tree).as_posix()] = path.read_text(
                    encoding="utf-8", errors="replace"
                )

    def unified(name: str) -> str:
        return _unified(
            on_disk.get(name, ""), files.get(name, ""), f"{tree}/{name}", name
        )

    return _compare(
        {k: digest(v) for k, v in files.items()},
        {k: digest(v) for k, v in on_disk.items()},
        unified,
    )


def _unified(old: str, new: str, old_label: str, name: str) -> str:
    import difflib  # only drift is shown as a diff

    lines = list(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            old_label,
            f"regenerated/{name}",
            n=1,
        )
    )
    return "".join(lines[:40]) + ("   ...\n" if len(lines) > 40 else "")


def _compare(new: dict[str, str], old: dict[str, str], show) -> list[Drift]:
    drift = []
    for name in sorted(set(new) | set(old)):
        if name not in old:
            drift.append(Drift(name, "added", show(name)))
        elif name not in new:
            drift.append(Drift(name, "removed", show(name)))
        elif new[name] != old[name]:
            drift.append(Drift(name, "changed", show(name)))
    return drift
