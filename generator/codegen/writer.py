"""Writes generated files into the output folder safely.

Files are first written to a temporary folder inside the output folder and moved into
place only once every file is complete. A manifest (.sdkgen-manifest.json) records what
sdkgen wrote, so a regeneration removes only its own stale files and never touches
files it did not create: it refuses to overwrite one (unless it already holds exactly
the generated text) and never follows a path out of the output folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from ..errors import UserError

MANIFEST = ".sdkgen-manifest.json"


def _safe_relative(path: str) -> PurePosixPath:
    rel = PurePosixPath(path)
    if (
        rel.is_absolute()
        or ".." in rel.parts
        or not rel.parts
        or any(p in ("", ".") or "\\" in p or "\0" in p for p in rel.parts)
    ):
        raise UserError(path, "refusing to write outside the output folder")
    return rel


def read_manifest(out_dir: Path) -> dict[str, str]:
    """Path -> sha256 of what sdkgen wrote; entries that could name a path outside the
    output folder (the manifest is a file anyone can edit) are ignored."""
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files", {}) if isinstance(data, dict) else {}
    if not isinstance(files, dict):
        return {}
    out = {}
    for name, digest in files.items():
        try:
            _safe_relative(name)
        except UserError:
            continue
        out[name] = str(digest)
    return out


def write_files(out_dir: Path, files: dict[str, str]) -> dict[str, str]:
    """Writes `files` (relative path -> text) under out_dir; returns path -> sha256.
    Everything that could refuse the write is checked before anything is written."""
    out_root = out_dir.resolve()
    previous = read_manifest(out_root)
    data = {name: text.encode("utf-8") for name, text in files.items()}
    finals = {name: _target(out_root, name, data[name], previous) for name in files}
    # a file already holding its text is left alone: no write, and its mtime says when
    # it last changed (most files do not change between two generations)
    changed = [name for name in files if not _holds(finals[name], data[name])]
    created = not out_root.exists()
    try:
        out_root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".sdkgen-", dir=out_root))
    except OSError as exc:
        raise UserError(str(out_dir), f"cannot create: {exc.strerror}") from None
    try:
        for name in changed:
            target = staging.joinpath(*_safe_relative(name).parts)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data[name])
            except OSError as exc:  # e.g. a name too long for the file system
                raise UserError(name, f"cannot write: {exc.strerror}") from None
        digests = {name: hashlib.sha256(data[name]).hexdigest() for name in files}
        for name in changed:
            finals[name].parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging.joinpath(*_safe_relative(name).parts), finals[name])
        manifest = {**previous, **digests}
        for stale in set(previous) - set(files):
            if _owned_by_package(stale, files):
                _remove_own_file(out_root, stale)
                manifest.pop(stale, None)
        _write_manifest(out_root, manifest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if created and not any(out_root.iterdir()):
            out_root.rmdir()  # a failed first write leaves no empty folder behind
    return digests


def _target(out_root: Path, name: str, data: bytes, previous: dict[str, str]) -> Path:
    """Where `name` goes, refusing a path that leads out of the output folder (through
    a symlink, say) or onto something sdkgen did not write."""
    final = out_root.joinpath(*_safe_relative(name).parts)
    if not final.resolve().is_relative_to(out_root):
        raise UserError(name, "refusing to write outside the output folder")
    for parent in final.parents:
        if parent == out_root:
            break
        if parent.exists() and not parent.is_dir():
            raise UserError(str(parent), "not a folder; sdkgen did not create it")
    if name in previous or not (final.exists() or final.is_symlink()):
        return final
    if final.is_file() and not final.is_symlink() and final.read_bytes() == data:
        return final  # what sdkgen would write anyway, e.g. after a lost manifest
    raise UserError(
        str(final),
        f"exists and sdkgen did not write it (not in {MANIFEST}); not overwriting it",
    )


def _holds(path: Path, data: bytes) -> bool:
    """Whether `path` is a plain file holding exactly `data`."""
    try:
        return (
            not path.is_symlink()
            and path.stat().st_size == len(data)
            and path.read_bytes() == data
        )
    except OSError:  # not there (or not a file): it gets written
        return False


def _owned_by_package(stale: str, files: dict[str, str]) -> bool:
    """A stale entry belongs to this write when it sits in a folder this write fills."""
    top = PurePosixPath(stale).parts[0]
    return any(PurePosixPath(name).parts[0] == top for name in files)


def _remove_own_file(out_root: Path, name: str) -> None:
    path = out_root.joinpath(*_safe_relative(name).parts)
    if not path.parent.resolve().is_relative_to(out_root):
        return  # a folder replaced by a symlink since: what it leads to is not ours
    if path.is_file():
        path.unlink()
        parent = path.parent
        while parent != out_root and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent


def _write_manifest(out_root: Path, manifest: dict[str, str]) -> None:
    text = json.dumps({"files": dict(sorted(manifest.items()))}, indent=1) + "\n"
    if _holds(out_root / MANIFEST, text.encode("utf-8")):
        return
    tmp = out_root / (MANIFEST + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, out_root / MANIFEST)
