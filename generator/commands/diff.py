"""`sdkgen diff OLD NEW`: the semantic changes between two API descriptions."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..load import add_reference_options, reference_policy

if TYPE_CHECKING:
    from ..config import Project

# Kept here, not imported from generator.diff, so `sdkgen --help` loads no diff code.
FORMATS = ("markdown", "json", "text", "github", "html")
SEVERITIES = ("breaking", "warning", "info")


def register(subparsers: Any) -> None:
    from . import add_project_options

    parser = subparsers.add_parser(
        "diff",
        description="Compare two API descriptions (each a pinned api-version, an OpenAPI "
        "JSON/YAML file or a Markdown reference) and report every change with an id, a "
        "severity (breaking, warning, info) and where it is.",
    )
    parser.add_argument("old", metavar="OLD")
    parser.add_argument("new", metavar="NEW")
    parser.add_argument(
        "--sdk",
        action="store_true",
        help="OLD and NEW are generated package folders: compare their public Python "
        "surface (classes, methods, parameters, attributes and their types)",
    )
    parser.add_argument("--format", choices=FORMATS, default="markdown")
    parser.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        help="exit 1 when a change at or above this severity exists",
    )
    parser.add_argument("--output", type=Path, help="write here instead of stdout")
    add_project_options(parser)
    add_reference_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..diff import diff_apis
    from ..diff.python import python_report
    from ..diff.render import RENDERERS
    from ..diff.rules import at_or_above
    from ..config import project_of
    from ..collector import cycles_not_collected
    from ..files import write_output
    from ..load import load_api

    with cycles_not_collected():
        if args.sdk:
            from ..diff.python import Report
            from ..diff.sdk import diff_packages

            changes = diff_packages(Path(args.old), Path(args.new))
            report = Report(args.old, args.new, changes)
        else:
            project, refs = project_of(args), reference_policy(args)
            old = load_api(args.old, project, refs)
            new = load_api(args.new, project, refs)
            changes = diff_apis(old, new)
            revision = spec_file(args.new, project) if args.format == "github" else None
            report = python_report(
                args.old, args.new, old, new, changes, revision, project.conventions
            )
        write_output(RENDERERS[args.format](report), args.output)
    return 1 if args.fail_on and at_or_above(changes, args.fail_on) else 0


def spec_file(argument: str, project: Project) -> Path:
    """The file a spec argument names: itself, or a pinned api-version's spec."""
    path = Path(argument)
    if path.is_file():
        return path
    from ..specs import spec_source

    return spec_source(argument, project).path
