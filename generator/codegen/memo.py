"""The memo of a rendering: the digests of the files it produced, kept under a digest
of everything it read, so that `sdkgen check` knows them without rendering again.

Rendering is a function of what it reads: sdkgen's own code and templates, the
libraries it imports, the interpreter, the project (config and conventions), the pins,
the spec files, the release history and the command's options. `render_key` digests
all of that but the spec files, which only a parse finds (a spec's `$ref`s and
examples); the memo lists every file the parses looked at (Api.files_read), and
`recall` looks at each again: the same path leading to the same file with the same
bytes, or still nothing there. Any difference, and there is no memo: the caller
renders as it would without one. Nothing is remembered of a rendering that read a URL
(a server may answer differently next time), nor of one whose inputs changed while it
ran (the key is taken before and after).

Memos live in ~/.cache/sdkgen/renders/<key>.json (or under XDG_CACHE_HOME), each
written whole or not at all, the newest MEMOS kept; like the compiled templates beside
them they are trusted as the user's own files.
"""

from __future__ import annotations

import importlib.machinery
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..errors import SdkgenError
from ..parse.loader import NO_FILE, UNREAD, content_digest

if TYPE_CHECKING:
    from ..config import Project
    from ..parse.refs import RefPolicy
    from ..release.history import History
    from .generate import Rendered

MEMO_FORMAT = 1
MEMOS = 64
# The third-party packages a rendering imports (tests/test_render_memo.py checks the
# list is whole): a change to any of their files is a change to sdkgen.
RENDER_LIBRARIES = (
    "jinja2",
    "markupsafe",
    "yaml",
    "_yaml",
    "ryml",
    "markdown_it",
    "mdurl",
)
PACKAGE_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Memo:
    files: dict[str, str]  # path under the output folder -> sha256 of its text
    spec_digests: dict[str, str]  # api-version -> sha256 of the spec file
    outputs: dict[str, list[str]]  # what each api-version wrote (lock.lock_outputs)


def render_key(
    specs: list[str],
    out_dir: Path,
    *,
    project: Project,
    package: str | None = None,
    docs: bool,
    refs: RefPolicy | None,
    history: History,
) -> str | None:
    """The digest of what `render_all` with these arguments reads, but the spec files;
    None when the specs cannot be found (rendering then says why)."""
    from ..release.history import history_json
    from ..specs import load_pins, require_pins, spec_source

    try:
        pins = load_pins(project.pins)
        arguments = specs or list(require_pins(project))
        roots = [[a, str(spec_source(a, project).path)] for a in arguments]
    except SdkgenError:
        return None
    material = {
        "memo": MEMO_FORMAT,
        "sdkgen": __version__,
        "python": [sys.version, sys.executable],
        "code": code_digest(),
        "libraries": library_stamps(),
        "cwd": os.getcwd(),
        "project": repr(project),
        "pins": repr(pins),
        "specs": roots,
        "out": str(out_dir.resolve()),
        "package": package,
        "docs": docs,
        "refs": repr(refs),
        "history": history_json(history),
    }
    return content_digest(json.dumps(material, sort_keys=True).encode())


def code_digest() -> str:
    """Every file of the generator package (code, templates, data), by content: an
    editable install changes them without a new version."""
    lines = []
    for path in _files(PACKAGE_DIR):
        lines.append(
            f"{path.relative_to(PACKAGE_DIR)}\0{content_digest(path.read_bytes())}"
        )
    return content_digest("\n".join(lines).encode())


def library_stamps() -> list[list[Any]]:
    """Each RENDER_LIBRARIES package as installed: its files' paths, sizes and
    modification times (a reinstall or an edit changes them), or None when absent."""
    stamps: list[list[Any]] = []
    for name in RENDER_LIBRARIES:
        spec = importlib.machinery.PathFinder.find_spec(name)
        if spec is None:
            stamps.append([name, None])
            continue
        places = list(spec.submodule_search_locations or [spec.origin or ""])
        for place in places:
            root = Path(place)
            files = _files(root) if root.is_dir() else [root]
            for path in files:
                stat = path.stat()
                stamps.append([str(path), stat.st_size, stat.st_mtime_ns])
    return stamps


def _files(root: Path) -> list[Path]:
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(s for s in subfolders if s != "__pycache__")
        found += [Path(folder, name) for name in sorted(names)]
    return found


def render_remembered(specs: list[str], out_dir: Path, **options: Any) -> Rendered:
    """`render_all(specs, out_dir, **options)`, its memo written when nothing it read
    changed while it ran."""
    from .generate import render_all

    key = render_key(specs, out_dir, **options)
    rendered = render_all(specs, out_dir, **options)
    if key is not None and key == render_key(specs, out_dir, **options):
        remember(key, rendered)
    return rendered


def remember(key: str, rendered: Rendered) -> None:
    from .lock import digest, lock_outputs

    if any(
        named.startswith(("http://", "https://")) for named, *_ in rendered.files_read
    ):
        return
    memo = {
        "key": key,
        "files_read": rendered.files_read,
        "files": {name: digest(text) for name, text in rendered.files.items()},
        "specs": rendered.spec_digests,
        "outputs": lock_outputs(rendered),
    }
    folder = _folder()
    staged = folder / f".{key}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staged.write_text(json.dumps(memo), encoding="utf-8")
        os.replace(staged, folder / f"{key}.json")
        _prune(folder)
    except OSError:  # a memo saves time only: without one, check renders
        staged.unlink(missing_ok=True)


def recall(key: str) -> Memo | None:
    """The memo kept under `key`, when every file it lists is as it was."""
    try:
        memo = json.loads((_folder() / f"{key}.json").read_text(encoding="utf-8"))
        if memo["key"] != key or not all(
            _unchanged(*seen) for seen in memo["files_read"]
        ):
            return None
        return Memo(dict(memo["files"]), dict(memo["specs"]), dict(memo["outputs"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _unchanged(named: str, location: str, seen: str) -> bool:
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


def _folder() -> Path:
    from ..specs import cache_dir

    return cache_dir().parent / "renders"


def _prune(folder: Path) -> None:
    memos = []
    for path in folder.glob("*.json"):
        try:
            memos.append((path.stat().st_mtime_ns, path))
        except OSError:  # pruned meanwhile by another process
            continue
    for _, path in sorted(memos, reverse=True)[MEMOS:]:
        path.unlink(missing_ok=True)
