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
import stat
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
    targets = _Targets(out_root)
    finals = {name: targets.final(name, data[name], previous) for name in files}
    # a file already holding its text is left alone: no write, and its mtime says when
    # it last changed (most files do not change between two generations)
    changed = [name for name in files if not _holds(finals[name], data[name])]
    created = not out_root.exists()
    try:
        out_root.mkdir(parents=True, exist_ok=True)
        staging = tempfile.mkdtemp(prefix=".sdkgen-", dir=out_root)
    except OSError as exc:
        raise UserError(str(out_dir), f"cannot create: {exc.strerror}") from None
    try:
        made: set[str] = set()
        for name in changed:
            staged = staging + finals[name][len(targets.root) :]
            try:
                _make_folder(os.path.dirname(staged), made)
                with open(staged, "xb") as handle:
                    handle.write(data[name])
            except OSError as exc:  # e.g. a name too long for the file system
                raise UserError(name, f"cannot write: {exc.strerror}") from None
        digests = {name: hashlib.sha256(data[name]).hexdigest() for name in files}
        _move_into_place(staging, targets.root, [finals[n] for n in changed], made)
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


class _Targets:
    """Where each file goes, refusing a path that leads out of the output folder
    (through a symlink, say) or onto something sdkgen did not write. Each folder is
    checked once, not once per file in it: a package holds hundreds of modules."""

    def __init__(self, out_root: Path) -> None:
        self.root = str(out_root)
        self.folders = {self.root}

    def final(self, name: str, data: bytes, previous: dict[str, str]) -> str:
        final = os.path.join(self.root, *_safe_relative(name).parts)
        self._check_folder(os.path.dirname(final), name)
        link = os.path.islink(final)
        exists = link or os.path.exists(final)
        if link and not self._inside(os.path.realpath(final)):
            raise UserError(name, "refusing to write outside the output folder")
        if name in previous or not exists:
            return final
        if not link and os.path.isfile(final) and _read(final) == data:
            return final  # what sdkgen would write anyway, e.g. after a lost manifest
        raise UserError(
            final,
            f"exists and sdkgen did not write it (not in {MANIFEST}); not overwriting it",
        )

    def _check_folder(self, folder: str, name: str) -> None:
        if folder in self.folders:
            return
        self._check_folder(os.path.dirname(folder), name)
        if os.path.lexists(folder):
            if not self._inside(os.path.realpath(folder)):
                raise UserError(name, "refusing to write outside the output folder")
            if not os.path.isdir(folder):
                raise UserError(folder, "not a folder; sdkgen did not create it")
        self.folders.add(folder)

    def _inside(self, real: str) -> bool:
        return real == self.root or real.startswith(self.root + os.sep)


def _move_into_place(
    staging: str, root: str, finals: list[str], made: set[str]
) -> None:
    """A top-level folder that is not there yet moves in whole, with one rename (a
    first generation); into one that is, each changed file moves on its own."""
    relative = [final[len(root) + 1 :] for final in finals]
    tops = {path.split(os.sep, 1)[0] for path in relative}
    fresh = {top for top in tops if not os.path.lexists(os.path.join(root, top))}
    for top in fresh:
        os.replace(os.path.join(staging, top), os.path.join(root, top))
    for final, path in zip(finals, relative):
        if path.split(os.sep, 1)[0] not in fresh:
            _make_folder(os.path.dirname(final), made)
            os.replace(os.path.join(staging, path), final)


def _make_folder(folder: str, made: set[str]) -> None:
    if folder not in made:
        os.makedirs(folder, exist_ok=True)
        made.add(folder)


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _holds(path: str | Path, data: bytes) -> bool:
    """Whether `path` is a plain file holding exactly `data`."""
    try:
        info = os.lstat(path)
        return (
            stat.S_ISREG(info.st_mode)
            and info.st_size == len(data)
            and _read(str(path)) == data
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
