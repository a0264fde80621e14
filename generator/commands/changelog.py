"""`sdkgen changelog`: the API changes across all pinned api-versions, newest first."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    from . import add_project_options

    parser = subparsers.add_parser(
        "changelog",
        description="Diff each pinned api-version against the one before it and write "
        "one Markdown changelog, newest first (generated/CHANGELOG.md in `make generate`).",
    )
    parser.add_argument("--output", type=Path, help="write here instead of stdout")
    add_project_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..diff import diff_apis
    from ..diff.python import python_report
    from ..diff.render import markdown_body
    from ..config import project_of
    from ..files import write_output
    from ..load import load_api
    from ..specs import require_pins

    project = project_of(args)
    versions = list(require_pins(project))
    apis = [load_api(version, project) for version in versions]
    out = [
        "# Changelog",
        "",
        "API changes between the pinned api-versions, newest first.",
        "",
    ]
    for i in range(len(versions) - 1, 0, -1):
        old, new = apis[i - 1], apis[i]
        report = python_report(
            versions[i - 1],
            versions[i],
            old,
            new,
            diff_apis(old, new),
            conventions=project.conventions,
        )
        out += [f"## {versions[i]}", "", f"Compared with {versions[i - 1]}.", ""]
        out += [markdown_body(report, level=3)]
    if versions:
        out += [f"## {versions[0]}", "", "The first pinned api-version.", ""]
    write_output("\n".join(out), args.output)
    return 0
