"""`sdkgen generate [SPEC ...]`: one Python package per spec into the output folder."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "generate",
        description="Generate one Python package per spec (a pinned api-version or an "
        "OpenAPI JSON/YAML file). With no SPEC, every pinned api-version.",
    )
    parser.add_argument("specs", nargs="*", metavar="SPEC")
    parser.add_argument(
        "--out",
        default="generated",
        type=Path,
        help="output folder (default: generated)",
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
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..codegen.generate import render_all
    from ..codegen.lock import lock_document, lock_outputs
    from ..codegen.writer import write_files

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
    started = time.perf_counter()
    rendered = render_all(specs, args.out, package=args.package, docs=args.docs)
    write_files(args.out, rendered.files)
    results = rendered.results
    for result in results:
        print(
            f"{result.label}: {result.operations} operations, {result.models} models "
            f"-> {args.out / result.package} ({result.seconds:.2f} s)"
        )
    if args.report:
        report = {"specs": [r.report for r in results]}
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if args.lock:
        args.lock.parent.mkdir(parents=True, exist_ok=True)
        args.lock.write_text(
            lock_document(
                rendered.files, rendered.spec_digests, lock_outputs(rendered)
            ),
            encoding="utf-8",
        )
    if len(results) > 1:
        print(
            f"total: {len(results)} packages in {time.perf_counter() - started:.2f} s"
        )
    return 0
