"""`sdkgen` command line: one subcommand per module in generator.commands."""

from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__
from .errors import SdkgenError

# Each module defines register(subparsers) and run(args) -> exit code. Modules keep
# their heavy imports inside run(), so `sdkgen diff` never pays for Jinja, and so on.
COMMANDS = (
    "init",
    "pin",
    "pins",
    "generate",
    "check",
    "diff",
    "changelog",
    "release",
    "docs",
    "reconcile",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sdkgen",
        description="Typed Python SDKs, docs and changelogs from OpenAPI specs.",
    )
    parser.add_argument("--version", action="version", version=f"sdkgen {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        module = importlib.import_module(f"generator.commands.{name}")
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except SdkgenError as exc:
        print(f"sdkgen: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
