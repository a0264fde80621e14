"""What sdkgen's caches share: where they live (~/.cache/sdkgen, or under
XDG_CACHE_HOME), and whether a later run would read what an earlier one read: a file a
parse looked at (Api.files_read) still there with the same bytes, installed packages
with the same files. Used by the spec download cache (specs.py), the render memo
(codegen/memo.py) and the parsed-IR cache (parse/cache.py)."""

from __future__ import annotations

import importlib.machinery
import os
from pathlib import Path
from typing import Any

from .parse.loader import NO_FILE, UNREAD, content_digest


def cache_root() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sdkgen"


def unchanged(named: str, location: str, seen: str) -> bool:
    """Whether the path a parse looked at still leads where it did, to what it found."""
    try:
        target = Path(named).resolve()
    except (OSError, RuntimeError, ValueError):
        return False
    if str(target) != location:
        return False
    if seen == NO_FILE:
        return not target.is_file()
    if not target.is_file():
        return False
    try:
        return seen == UNREAD or content_digest(target.read_bytes()) == seen
    except OSError:
        return False


def package_stamps(names: tuple[str, ...]) -> list[list[Any]]:
    """Each named package as installed: its files' paths, sizes and modification times
    (a reinstall or an edit changes them), or None when absent."""
    stamps: list[list[Any]] = []
    for name in names:
        spec = importlib.machinery.PathFinder.find_spec(name)
        if spec is None:
            stamps.append([name, None])
            continue
        places = list(spec.submodule_search_locations or [spec.origin or ""])
        for place in places:
            root = Path(place)
            files = tree_files(root) if root.is_dir() else [root]
            for path in files:
                stat = path.stat()
                stamps.append([str(path), stat.st_size, stat.st_mtime_ns])
    return stamps


def files_digest(root: Path, names: tuple[str, ...] = ("",)) -> str:
    """The files and folders `names` under `root` (all of it by default), by content:
    an editable install changes sdkgen's code without a new version."""
    lines = []
    for name in names:
        place = root / name
        for file in tree_files(place) if place.is_dir() else [place]:
            lines.append(
                f"{file.relative_to(root)}\0{content_digest(file.read_bytes())}"
            )
    return content_digest("\n".join(lines).encode())


def tree_files(root: Path) -> list[Path]:
    """The files under `root` but compiled bytecode, in a stable order."""
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(s for s in subfolders if s != "__pycache__")
        found += [Path(folder, name) for name in sorted(names)]
    return found


def prune(folder: Path, pattern: str, keep: int) -> None:
    """Deletes all but the `keep` newest entries matching `pattern` in `folder`."""
    entries = []
    for path in folder.glob(pattern):
        try:
            entries.append((path.stat().st_mtime_ns, path))
        except OSError:  # pruned meanwhile by another process
            continue
    for _, path in sorted(entries, reverse=True)[keep:]:
        path.unlink(missing_ok=True)


def write_whole(path: Path, data: bytes) -> None:
    """`data` into `path` whole or not at all, whoever else writes there meanwhile: a
    file of this process's own, renamed into place (OSError when it cannot be)."""
    staged = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        staged.write_bytes(data)
        os.replace(staged, path)
    finally:
        staged.unlink(missing_ok=True)


def store_entry(folder: Path, name: str, key: str, payload: bytes, keep: int) -> None:
    """`payload` into `folder/name` behind a header naming `key` and the payload's
    digest, the newest `keep` entries of its suffix kept; nothing when it cannot be
    written (an entry saves time only)."""
    try:
        write_whole(folder / name, entry_header(key, payload) + payload)
        prune(folder, "*" + Path(name).suffix, keep)
    except OSError:
        pass


def stored_entry(path: Path, key: str) -> bytes | None:
    """The payload `store_entry` wrote under `key`, if the file is this user's own
    and holds it whole and as written."""
    try:
        with open(path, "rb") as entry:
            owner = os.fstat(entry.fileno()).st_uid
            data = entry.read()
    except OSError:
        return None
    if hasattr(os, "getuid") and owner != os.getuid():
        return None
    payload = data[data.find(b"\n") + 1 :]
    return payload if data.startswith(entry_header(key, payload)) else None


def entry_header(key: str, payload: bytes) -> bytes:
    return f"{key} {content_digest(payload)}\n".encode()
