"""`sdkgen pins`: every pinned api-version with its operations, schemas and digest."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    from . import add_project_options

    parser = subparsers.add_parser(
        "pins",
        description="List every pinned api-version: operations, schemas and the "
        "sha256 of its spec, each file verified against its pin on the way.",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    add_project_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json

    from ..config import project_of
    from ..parse.openapi import parse_openapi
    from ..specs import load_pins, require_pins, resolve

    project = project_of(args)
    pins = load_pins(project.pins) if project.config_file else require_pins(project)
    if not pins:
        print(f"no pins in {project.pins}: pin a spec with `sdkgen pin FILE_OR_URL`")
        return 0
    rows: list[dict[str, Any]] = []
    for version, pin in pins.items():
        api = parse_openapi(resolve(pin.openapi, project.mirror))
        rows.append(
            {
                "api_version": version,
                "operations": len(api.operations),
                "schemas": len(api.schemas),
                "sha256": pin.openapi.sha256,
                "markdown": pin.markdown is not None,
            }
        )
    if args.format == "json":
        print(json.dumps({"pins": rows}, indent=2))
        return 0
    width = max(len("api-version"), *(len(row["api_version"]) for row in rows))
    print(f"{'api-version':{width}}  operations  schemas  sha256")
    for row in rows:
        print(
            f"{row['api_version']:{width}}  {row['operations']:>10}  "
            f"{row['schemas']:>7}  {row['sha256']}"
        )
    return 0
