"""`sdkgen check [SPEC ...] --against DIR|LOCKFILE`: the CI drift check."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..load import add_reference_options, reference_policy


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
    from ..codegen.generate import render_all
    from ..codegen.lock import against_lock, against_tree, lock_has_docs, lock_outputs
    from ..config import project_of
    from ..release.history import read_history

    project = project_of(args)
    args.against = args.against or project.output
    docs = args.docs or (args.against.is_file() and lock_has_docs(args.against))
    folder = args.against if args.against.is_dir() else args.against.parent
    # the distribution's version and changelog come from the lock's release history
    lock = args.against if args.against.is_file() else folder / "sdkgen.lock"
    rendered = render_all(
        list(args.specs),
        folder,
        project=project,
        docs=docs,
        refs=reference_policy(args),
        history=read_history(lock),
    )
    note = ""
    if args.against.is_dir():
        drift = against_tree(args.against, rendered.files)
    else:
        checked = against_lock(
            args.against,
            rendered.files,
            rendered.spec_digests,
            lock_outputs(rendered) if args.specs else None,
            require_files=args.require_files,
        )
        drift = checked.drift
        note = f"; {checked.checked_on_disk} on disk verified"
        if checked.not_on_disk and not args.require_files:
            note += f", {checked.not_on_disk} not generated here (not on disk)"
    if not drift:
        print(
            f"in sync with {args.against}: {len(rendered.files)} files, "
            f"{len(rendered.spec_digests)} specs{note}"
        )
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
