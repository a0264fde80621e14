"""`sdkgen check [SPEC ...] --against DIR|LOCKFILE`: the CI drift check."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..load import add_reference_options, reference_policy

if TYPE_CHECKING:
    from ..codegen.lock import LockCheck


def register(subparsers: Any) -> None:
    from . import add_project_options

    parser = subparsers.add_parser(
        "check",
        description="Regenerate SPEC (default: every pinned api-version) and compare with a "
        "generated folder or a lock file written by `sdkgen generate --lock`. Against a "
        "lock, the locked files present beside it are verified too (a hand edit is "
        "drift); naming SPECs checks only what those api-versions produce. "
        "Exit 1 and list drifted files when they differ, 0 when in sync. Without "
        "--against, the project's output folder.",
    )
    parser.add_argument("specs", nargs="*", metavar="SPEC")
    parser.add_argument("--against", type=Path, metavar="DIR|LOCKFILE")
    parser.add_argument(
        "--docs", action="store_true", help="the generation included --docs"
    )
    parser.add_argument(
        "--require-files",
        action="store_true",
        help="with a lock: a locked file missing on disk is drift too (for repos that "
        "commit the generated code)",
    )
    add_project_options(parser)
    add_reference_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..codegen.lock import against_tree, lock_has_docs, lock_outputs
    from ..config import project_of
    from ..release.history import read_history

    project = project_of(args)
    args.against = args.against or project.output
    against_lock = args.against.is_file()
    docs = args.docs or (against_lock and lock_has_docs(args.against))
    folder = args.against if args.against.is_dir() else args.against.parent
    # the distribution's version and changelog come from the lock's release history
    lock = args.against if against_lock else folder / "sdkgen.lock"
    options: dict[str, Any] = {
        "project": project,
        "docs": docs,
        "refs": reference_policy(args),
        "history": read_history(lock),
    }
    if against_lock and _in_sync_as_remembered(args, folder, options):
        return 0
    from ..codegen.memo import render_remembered

    rendered = render_remembered(list(args.specs), folder, **options)
    if against_lock:
        checked = _against_lock(
            args, rendered.files, rendered.spec_digests, lock_outputs(rendered)
        )
        drift = checked.drift
        note = _note(checked, args)
    else:
        drift = against_tree(args.against, rendered.files)
        note = ""
    if not drift:
        _print_in_sync(args, len(rendered.files), len(rendered.spec_digests), note)
        return 0
    print(f"drift against {args.against}: {len(drift)} item(s)")
    for item in drift:
        print(f"  {item.kind:8s} {item.path}")
    for item in drift:
        if item.diff:
            print(item.diff.rstrip("\n"))
    edited = any(item.kind == "edited" for item in drift)
    print(
        "generated files were edited by hand: move the change into the spec or the "
        "generator, then regenerate"
        if edited
        else "regenerate with `sdkgen generate` and commit the result"
    )
    return 1


def _in_sync_as_remembered(
    args: argparse.Namespace, folder: Path, options: dict[str, Any]
) -> bool:
    """In sync by the memo of a rendering that read exactly what rendering would read
    now (generator.codegen.memo): then the files it produced are known without
    rendering, and only the lock and the files on disk are compared. Drift, or no
    memo, and the caller renders, to show what drifted."""
    from ..codegen.memo import recall, render_key

    key = render_key(list(args.specs), folder, **options)
    memo = recall(key) if key else None
    if memo is None:
        return False
    checked = _against_lock(args, {}, memo.spec_digests, memo.outputs, memo.files)
    if checked.drift:
        return False
    note = _note(checked, args) + "; not rendered again: nothing it reads changed"
    _print_in_sync(args, len(memo.files), len(memo.spec_digests), note)
    return True


def _against_lock(
    args: argparse.Namespace,
    files: dict[str, str],
    spec_digests: dict[str, str],
    outputs: dict[str, list[str]],
    digests: dict[str, str] | None = None,
) -> LockCheck:
    from ..codegen.lock import against_lock

    return against_lock(
        args.against,
        files,
        spec_digests,
        outputs if args.specs else None,
        require_files=args.require_files,
        digests=digests,
    )


def _note(checked: LockCheck, args: argparse.Namespace) -> str:
    note = f"; {checked.checked_on_disk} on disk verified"
    if checked.not_on_disk and not args.require_files:
        note += f", {checked.not_on_disk} not generated here (not on disk)"
    return note


def _print_in_sync(args: argparse.Namespace, files: int, specs: int, note: str) -> None:
    print(f"in sync with {args.against}: {files} files, {specs} specs{note}")
