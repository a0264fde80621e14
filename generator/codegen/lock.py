"""Lock files and drift: what a generation produced, and how a new one differs.

A lock file records the sdkgen version, the sha256 of each spec and of each generated
file; `sdkgen check` regenerates and compares against it (or against a generated tree).
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..errors import UserError
from .writer import MANIFEST

LOCK_FORMAT = 1


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def lock_document(files: dict[str, str], spec_digests: dict[str, str]) -> str:
    document = {
        "format": LOCK_FORMAT,
        "sdkgen": __version__,
        "docs": any(name.startswith("docs/") for name in files),
        "specs": dict(sorted(spec_digests.items())),
        "files": {name: digest(text) for name, text in sorted(files.items())},
    }
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
    kind: str  # changed | added | removed | spec | version
    diff: str = ""


def against_lock(
    lock_file: Path, files: dict[str, str], spec_digests: dict[str, str]
) -> list[Drift]:
    try:
        lock = json.loads(lock_file.read_text(encoding="utf-8"))
        locked_files: dict[str, str] = lock["files"]
        locked_specs: dict[str, str] = lock["specs"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
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
    drift.extend(
        _compare(
            {k: digest(v) for k, v in files.items()}, locked_files, lambda name: ""
        )
    )
    return drift


def against_tree(tree: Path, files: dict[str, str]) -> list[Drift]:
    """Compare with a generated folder: the files this generation owns in it."""
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
        old = on_disk.get(name, "").splitlines(keepends=True)
        new = files.get(name, "").splitlines(keepends=True)
        lines = list(
            difflib.unified_diff(old, new, f"{tree}/{name}", f"regenerated/{name}", n=1)
        )
        return "".join(lines[:40]) + ("   ...\n" if len(lines) > 40 else "")

    return _compare(
        {k: digest(v) for k, v in files.items()},
        {k: digest(v) for k, v in on_disk.items()},
        unified,
    )


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
