"""Writes generated files into the output folder safely.

Files are first written to a temporary folder inside the output folder and moved into
place only once every file is complete. A manifest (.sdkgen-manifest.json) records what
sdkgen wrote, so a regeneration removes only its own stale files and never touches
files it did not create.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from ..errors import SpecError

MANIFEST = ".sdkgen-manifest.json"


def _safe_relative(path: str) -> PurePosixPath:
    rel = PurePosixPath(path)
    if (
        rel.is_absolute()
        or ".." in rel.parts
        or not rel.parts
        or any(p in ("", ".") for p in rel.parts)
    ):
        raise SpecError(path, "refusing to write outside the output folder")
    return rel


def read_manifest(out_dir: Path) -> dict[str, str]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files", {}) if isinstance(data, dict) else {}
    return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}


def write_files(out_dir: Path, files: dict[str, str]) -> dict[str, str]:
    """Writes `files` (relative path -> text) under out_dir; returns path -> sha256."""
    out_dir.mkdir(parents=True, exist_ok=True)
    out_root = out_dir.resolve()
    relatives = {name: _safe_relative(name) for name in files}
    staging = Path(tempfile.mkdtemp(prefix=".sdkgen-", dir=out_root))
    digests: dict[str, str] = {}
    try:
        for name, text in files.items():
            target = staging.joinpath(*relatives[name].parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            data = text.encode("utf-8")
            target.write_bytes(data)
            digests[name] = hashlib.sha256(data).hexdigest()
        previous = read_manifest(out_root)
        for name in files:
            final = out_root.joinpath(*relatives[name].parts)
            if not final.resolve().is_relative_to(out_root):
                raise SpecError(name, "refusing to write outside the output folder")
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging.joinpath(*relatives[name].parts), final)
        manifest = {**previous, **digests}
        for stale in set(previous) - set(files):
            if _owned_by_package(stale, files):
                _remove_own_file(out_root, stale)
                manifest.pop(stale, None)
        _write_manifest(out_root, manifest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return digests


def _owned_by_package(stale: str, files: dict[str, str]) -> bool:
    """A stale entry belongs to this write when it sits in a folder this write fills."""
    top = PurePosixPath(stale).parts[0]
    return any(PurePosixPath(name).parts[0] == top for name in files)


def _remove_own_file(out_root: Path, name: str) -> None:
    path = out_root.joinpath(*_safe_relative(name).parts)
    if path.is_file():
        path.unlink()
        parent = path.parent
        while parent != out_root and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent


def _write_manifest(out_root: Path, manifest: dict[str, str]) -> None:
    tmp = out_root / (MANIFEST + ".tmp")
    tmp.write_text(
        json.dumps({"files": dict(sorted(manifest.items()))}, indent=1) + "\n",
        encoding="utf-8",
    )
    os.replace(tmp, out_root / MANIFEST)
