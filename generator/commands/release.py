"""`sdkgen release`: the next version of the project's distribution and its
CHANGELOG.md entry, from the changes since the last release; recorded in the lock."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    from . import add_project_options

    parser = subparsers.add_parser(
        "release",
        description="Compare the pins with the last release recorded in the lock (the "
        "API diff from its newest api-version, and the generated SDK's public surface), "
        "propose the next version (breaking: major, or minor below 1.0; additions: "
        "minor; else patch), record it with its changelog entry in the lock, and "
        "regenerate the distribution with that version and CHANGELOG.md.",
    )
    parser.add_argument(
        "--version", help="release this version instead of the proposed one"
    )
    parser.add_argument("--date", help="release date, YYYY-MM-DD (default: today, UTC)")
    parser.add_argument(
        "--lock",
        type=Path,
        help="the lock holding the release history (default: OUT/sdkgen.lock)",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="print the proposed entry and write nothing",
    )
    add_project_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import re

    from ..codegen.generate import generate_all
    from ..codegen.lock import lock_has_docs
    from ..config import project_of
    from ..errors import UserError
    from ..release.history import read_history

    project = project_of(args)
    if project.package is None:
        raise UserError(
            "sdkgen", "release needs a project: run `sdkgen init` and pin a spec"
        )
    if args.date is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.date):
        raise UserError(args.date, "--date: not YYYY-MM-DD")
    lock = args.lock or project.output / "sdkgen.lock"
    history = read_history(lock)
    from ..release.prepare import propose

    proposal = propose(project, history, version=args.version, date=args.date)
    release = proposal.release
    print(
        f"{project.package.name} {release.version} ({release.date}): {proposal.level}"
    )
    for heading, lines in release.sections:
        print(f"\n### {heading}\n")
        for line in lines:
            print(f"- {line}")
    if args.dry_run:
        return 0
    generate_all(
        [],
        project.output,
        project=project,
        docs=lock_has_docs(lock),
        lock=lock,
        history=proposal.history,
    )
    print(f"\nrecorded in {lock}; {project.output / project.package.name} regenerated")
    return 0
