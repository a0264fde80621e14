"""`sdkgen diff OLD NEW`: the semantic changes between two API descriptions."""

from __future__ import annotations

import argparse
from pathlib import Path

# Kept here, not imported from generator.diff, so `sdkgen --help` loads no diff code.
FORMATS = ("markdown", "json", "text", "github", "html")
SEVERITIES = ("breaking", "warning", "info")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
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
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..diff import diff_apis
    from ..diff.python import python_report
    from ..diff.render import RENDERERS
    from ..diff.rules import at_or_above
    from ..load import load_api

    if args.sdk:
        from ..diff.python import Report
        from ..diff.sdk import diff_packages

        changes = diff_packages(Path(args.old), Path(args.new))
        report = Report(args.old, args.new, changes)
    else:
        old, new = load_api(args.old), load_api(args.new)
        changes = diff_apis(old, new)
        revision = spec_file(args.new) if args.format == "github" else None
        report = python_report(args.old, args.new, old, new, changes, revision)
    write_output(RENDERERS[args.format](report), args.output)
    return 1 if args.fail_on and at_or_above(changes, args.fail_on) else 0


def spec_file(argument: str) -> Path:
    """The file a spec argument names: itself, or a pinned api-version's spec."""
    path = Path(argument)
    if path.is_file():
        return path
    from ..specs import spec_source

    return spec_source(argument).path


def write_output(text: str, output: Path | None) -> None:
    import sys

    from ..errors import SpecError

    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise SpecError(str(output), f"cannot write: {exc.strerror}") from None
