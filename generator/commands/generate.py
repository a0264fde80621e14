"""`sdkgen generate [SPEC ...]`: the project's distribution, or one Python package per
spec, into the output folder."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from ..load import add_reference_options, reference_policy


def register(subparsers: Any) -> None:
    from . import add_project_options

    parser = subparsers.add_parser(
        "generate",
        description="With no SPEC, in a project: the SDK as one distribution serving "
        "every pinned api-version (its version and CHANGELOG.md from the release "
        "history in the lock). Else one Python package per spec (a pinned api-version "
        "or an OpenAPI JSON/YAML file).",
    )
    parser.add_argument("specs", nargs="*", metavar="SPEC")
    parser.add_argument(
        "--out",
        type=Path,
        help="output folder (default: the config's paths.output, else ./generated)",
    )
    parser.add_argument("--package", help="package name (only with a single SPEC)")
    parser.add_argument(
        "--report", type=Path, help="write a JSON report of what was generated"
    )
    parser.add_argument(
        "--lock", type=Path, help="write a lock file for `sdkgen check`"
    )
    parser.add_argument(
        "--docs",
        action="store_true",
        help="also render each spec's Markdown reference into OUT/docs/<api-version>.md",
    )
    add_project_options(parser)
    add_reference_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..codegen.generate import generate_all
    from ..config import project_of

    specs = list(args.specs)
    if args.package and len(specs) != 1:
        print("sdkgen: error: --package needs exactly one SPEC", file=sys.stderr)
        return 2
    if args.package and not args.package.isidentifier():
        print(
            f"sdkgen: error: --package {args.package!r} is not a Python identifier",
            file=sys.stderr,
        )
        return 2
    project = project_of(args)
    out = args.out or project.output
    started = time.perf_counter()
    results = generate_all(
        specs,
        out,
        project=project,
        package=args.package,
        docs=args.docs,
        refs=reference_policy(args),
        report=args.report,
        lock=args.lock,
    )
    for result in results:
        print(
            f"{result.label}: {result.operations} operations, {result.models} models "
            f"-> {out / result.package} ({result.seconds:.2f} s)"
        )
    if len(results) > 1:
        print(
            f"total: {len(results)} packages in {time.perf_counter() - started:.2f} s"
        )
    return 0
