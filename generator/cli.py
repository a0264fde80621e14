"""`sdkgen` command line: one subcommand per module in generator.commands.

Only the module of the subcommand named on the command line is imported; the others
are listed from COMMANDS, so `sdkgen --help` imports no command at all, and each module
keeps what its run() needs inside run(): `sdkgen diff` never pays for Jinja.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from . import __version__
from .errors import SdkgenError

# Each module defines register(subparsers), which adds its parser without a help line
# (the line is here), and run(args) -> exit code.
COMMANDS = {
    "init": "start a project: a commented sdkgen.toml and an empty pins folder",
    "pin": "pin a spec (a file or an http(s) URL) under its api-version",
    "pins": "list the pinned api-versions",
    "generate": "generate the project's SDK distribution (or one package per SPEC)",
    "check": "fail when generated code drifts from a generated tree or a lock file",
    "diff": "semantic changes between two api-versions, with breaking-change severity",
    "changelog": "Markdown changelog across every pinned api-version, newest first",
    "release": "propose and record the next version of the project's distribution",
    "docs": "render the Markdown API reference of a spec",
    "reconcile": "list where a Markdown reference and an OpenAPI spec disagree",
}


class HelpFormatter(argparse.HelpFormatter):
    """argparse's, sized from the terminal without importing shutil (and with it bz2,
    lzma and fnmatch) on every run: argparse builds a formatter per argument added."""

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24
    ) -> None:
        try:
            width = int(os.environ["COLUMNS"])
        except (KeyError, ValueError):
            try:
                width = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
            except (AttributeError, ValueError, OSError):
                width = 80
        super().__init__(prog, indent_increment, max_help_position, width - 2)


def build_parser(argv: list[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sdkgen",
        description="Typed Python SDKs, docs and changelogs from OpenAPI specs.",
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"sdkgen {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True)
    named = next((arg for arg in argv if not arg.startswith("-")), None)
    for name, help_line in COMMANDS.items():
        if name == named:
            module = importlib.import_module(f"generator.commands.{name}")
            module.register(_HelpLine(subparsers, help_line))
        else:
            subparsers.add_parser(name, help=help_line, formatter_class=HelpFormatter)
    return parser


class _HelpLine:
    """Subparsers whose add_parser gives the command its help line from COMMANDS."""

    def __init__(
        self,
        subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
        help_line: str,
    ) -> None:
        self.subparsers = subparsers
        self.help_line = help_line

    def add_parser(self, name: str, **kwargs: object) -> argparse.ArgumentParser:
        kwargs.setdefault("help", self.help_line)
        kwargs.setdefault("formatter_class", HelpFormatter)
        return self.subparsers.add_parser(name, **kwargs)  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    args = build_parser(arguments).parse_args(arguments)
    try:
        return int(args.run(args))
    except SdkgenError as exc:
        print(f"sdkgen: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
