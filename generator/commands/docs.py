"""`sdkgen docs SPEC [--out FILE]`: the Markdown API reference of a spec."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..load import add_reference_options, reference_policy


def register(subparsers: Any) -> None:
    from . import add_project_options

    parser = subparsers.add_parser(
        "docs",
        description="Render an API description (a pinned api-version, an OpenAPI "
        "JSON/YAML file or a Markdown reference) as a Markdown API reference in the "
        "published Azure OpenAI layout.",
    )
    parser.add_argument("spec", metavar="SPEC")
    parser.add_argument(
        "--out", type=Path, metavar="FILE", help="write here instead of stdout"
    )
    add_project_options(parser)
    add_reference_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..config import project_of
    from ..docs import render_markdown
    from ..files import write_output
    from ..load import load_api

    api = load_api(args.spec, project_of(args), reference_policy(args))
    write_output(render_markdown(api), args.out)
    return 0
