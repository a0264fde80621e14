"""sdkgen subcommands, one module each (see generator.cli.COMMANDS).

Every module's register() runs at each start, so it imports nothing heavy; run()
imports what the command uses.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_project_options(parser: argparse.ArgumentParser) -> None:
    """--config and the path overrides (generator.config.project_of reads them)."""
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="project config (default: sdkgen.toml in this folder or above)",
    )
    parser.add_argument("--pins", type=Path, metavar="DIR", help="pins folder")
    parser.add_argument("--mirror", type=Path, metavar="DIR", help="spec mirror")
