"""`sdkgen docs SPEC [--out FILE]`: the Markdown API reference of a spec."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
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
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from ..docs import render_markdown
    from ..errors import SpecError
    from ..load import load_api

    text = render_markdown(load_api(args.spec))
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise SpecError(str(args.out), f"cannot write: {exc.strerror}") from None
    return 0
