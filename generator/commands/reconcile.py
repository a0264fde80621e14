"""`sdkgen reconcile MARKDOWN SPEC`: where a Markdown reference and a spec disagree."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..load import add_reference_options, reference_policy

if TYPE_CHECKING:
    from ..config import Project


def register(subparsers: Any) -> None:
    from . import add_project_options

    parser = subparsers.add_parser(
        "reconcile",
        description="Compare a Markdown API reference (a file, or a pinned api-version "
        "that pins one) with an OpenAPI spec (a pinned api-version or a JSON/YAML file) "
        "and list every discrepancy. Exit status: 0 when they agree, 1 when there are "
        "findings, 2 on bad input.",
    )
    parser.add_argument("markdown", metavar="MARKDOWN")
    parser.add_argument("spec", metavar="SPEC")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    add_project_options(parser)
    add_reference_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from ..parse.markdown import parse_markdown
    from ..load import load_openapi
    from ..reconcile import reconcile
    from ..reconcile.report import report_json, report_text
    from ..config import project_of
    from ..specs import spec_source

    project = project_of(args)
    markdown = parse_markdown(markdown_path(args.markdown, project))
    for warning in markdown.warnings:
        print(f"sdkgen: warning: {warning}", file=sys.stderr)
    spec = load_openapi(spec_source(args.spec, project).path, reference_policy(args))
    report = reconcile(markdown, spec)
    sys.stdout.write(
        report_json(report) if args.format == "json" else report_text(report)
    )
    return 1 if report.findings else 0


def markdown_path(argument: str, project: Project) -> Path:
    """A Markdown file, or the [markdown] pin of a pinned api-version."""
    from ..errors import UserError
    from ..specs import load_pins, resolve

    path = Path(argument)
    if path.is_file():
        return path
    pin = load_pins(project.pins).get(argument)
    if pin is not None and pin.markdown is not None:
        return resolve(pin.markdown, project.mirror)
    if pin is not None:
        raise UserError(
            str(pin.pin_file), f"api-version {argument} pins no Markdown reference"
        )
    raise UserError(argument, "no such Markdown file, and not a pinned api-version")
