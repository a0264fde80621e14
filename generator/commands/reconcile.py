"""`sdkgen reconcile MARKDOWN SPEC`: where a Markdown reference and a spec disagree."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
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
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from ..parse.markdown import parse_markdown
    from ..load import parse_spec
    from ..reconcile import reconcile
    from ..reconcile.report import report_json, report_text
    from ..specs import spec_source

    markdown = parse_markdown(markdown_path(args.markdown))
    for warning in markdown.warnings:
        print(f"sdkgen: warning: {warning}", file=sys.stderr)
    report = reconcile(markdown, parse_spec(spec_source(args.spec).path))
    sys.stdout.write(
        report_json(report) if args.format == "json" else report_text(report)
    )
    return 1 if report.findings else 0


def markdown_path(argument: str) -> Path:
    """A Markdown file, or the [markdown] pin of a pinned api-version."""
    from ..errors import SpecError
    from ..specs import load_pins, resolve

    path = Path(argument)
    if path.is_file():
        return path
    pin = load_pins().get(argument)
    if pin is not None and pin.markdown is not None:
        return resolve(pin.markdown)
    if pin is not None:
        raise SpecError(
            str(pin.pin_file), f"api-version {argument} pins no Markdown reference"
        )
    raise SpecError(argument, "no such Markdown file, and not a pinned api-version")
