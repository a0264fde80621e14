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

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..errors import SdkgenError
from ..parse.loader import content_digest
from ..caches import (
    cache_root,
    files_digest,
    package_stamps,
    prune,
    unchanged,
    write_whole,
)

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
        "code": files_digest(PACKAGE_DIR),  # code, templates, data
        "libraries": package_stamps(RENDER_LIBRARIES),
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
    try:
        write_whole(folder / f"{key}.json", json.dumps(memo).encode())
        prune(folder, "*.json", MEMOS)
    except OSError:  # a memo saves time only: without one, check renders
        pass


def recall(key: str) -> Memo | None:
    """The memo kept under `key`, when every file it lists is as it was."""
    try:
        memo = json.loads((_folder() / f"{key}.json").read_text(encoding="utf-8"))
        if memo["key"] != key or not all(
            unchanged(*seen) for seen in memo["files_read"]
        ):
            return None
        return Memo(dict(memo["files"]), dict(memo["specs"]), dict(memo["outputs"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _folder() -> Path:
    return cache_root() / "renders"
