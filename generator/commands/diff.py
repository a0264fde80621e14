"""`sdkgen diff OLD NEW`: the semantic changes between two API descriptions."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

# Kept here, not imported from generator.diff, so `sdkgen --help` loads no diff code.
FORMATS = ("markdown", "json", "text", "github")
SEVERITIES = ("breaking", "warning", "info")


def register(subparsers: Any) -> None:
    from . import add_project_options

    parser = subparsers.add_parser(
        "diff",
        help="semantic changes between two api-versions, with breaking-change severity",
        description="Compare two API descriptions (each a pinned api-version, an OpenAPI "
        "JSON/YAML file or a Markdown reference) and report every change with an id, a "
        "severity (breaking, warning, info) and where it is.",
    )
    parser.add_argument("old", metavar="OLD")
    parser.add_argument("new", metavar="NEW")
    parser.add_argument("--format", choices=FORMATS, default="markdown")
    parser.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        help="exit 1 when a change at or above this severity exists",
    )
    parser.add_argument("--output", type=Path, help="write here instead of stdout")
    add_project_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..diff import diff_apis
    from ..diff.render import RENDERERS
    from ..diff.rules import at_or_above
    from ..config import project_of
    from ..files import write_output
    from ..load import load_api

    project = project_of(args)
    changes = diff_apis(load_api(args.old, project), load_api(args.new, project))
    write_output(RENDERERS[args.format](args.old, args.new, changes), args.output)
    return 1 if args.fail_on and at_or_above(changes, args.fail_on) else 0
