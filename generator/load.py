"""One entry point from a command-line spec argument to the IR, each spec file parsed
once per process (the IR is immutable: a diff, a changelog and a generation in one
process share it) and kept across processes (parse/cache.py), and the command-line
options every command that reads a spec shares (which `$ref`s it may follow)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .config import Project
    from .ir import Api
    from .parse.refs import RefPolicy


def add_reference_options(parser: argparse.ArgumentParser) -> None:
    from .parse.remote import MAX_BYTES, TIMEOUT_SECONDS

    group = parser.add_argument_group("references to other files")
    group.add_argument(
        "--allow-remote-refs",
        action="append",
        default=[],
        metavar="HOST[,HOST...]",
        help="fetch http(s) $refs from these hosts ('*': any host); each fetch has "
        f"a {TIMEOUT_SECONDS:g} s timeout and a {MAX_BYTES // 2**20} MiB limit. "
        "Without it remote $refs are refused",
    )
    group.add_argument(
        "--allow-outside-refs",
        action="store_true",
        help="follow $refs to files outside the spec's folder",
    )


def reference_policy(args: argparse.Namespace) -> RefPolicy:
    """The `$ref` policy the options of `add_reference_options` ask for."""
    from .parse.refs import RefPolicy

    hosts = tuple(
        host.strip()
        for value in args.allow_remote_refs
        for host in value.split(",")
        if host.strip()
    )
    return RefPolicy(remote_hosts=hosts, outside_folder=args.allow_outside_refs)


def load_api(
    argument: str, project: Project | None = None, refs: RefPolicy | None = None
) -> Api:
    """A pinned api-version name, an OpenAPI JSON/YAML file, or a Markdown reference;
    pinned names are looked up in `project`, by default the current folder's."""
    if argument.lower().endswith((".md", ".markdown")) and Path(argument).is_file():
        from .parse.markdown import parse_markdown

        result = parse_markdown(Path(argument))
        for warning in result.warnings:
            print(f"sdkgen: warning: {warning}", file=sys.stderr)
        return result.api
    path = Path(argument)
    if path.suffix.lower() in (".json", ".yaml", ".yml") and path.is_file():
        return load_openapi(path, refs)  # a file needs no project nor pins to be found
    from .specs import spec_source

    if project is None:
        from .config import load_project

        project = load_project()
    return load_openapi(spec_source(argument, project).path, refs)


_PARSED: dict[tuple[Path, int, int, RefPolicy], Api] = {}


def load_openapi(path: Path, refs: RefPolicy | None = None) -> Api:
    """The IR of an OpenAPI file, parsed once per process while the file is unchanged
    (same path, modification time and size) and read with the same `$ref` policy, and
    once across processes while nothing the parse read changes (parse/cache.py)."""
    from .parse.cache import parse_cached
    from .parse.refs import RefPolicy

    refs = refs or RefPolicy()
    try:
        stat = path.stat()
    except OSError:  # the parser names what is wrong with it
        return parse_cached(path, refs)
    key = (path.resolve(), stat.st_mtime_ns, stat.st_size, refs)
    if key not in _PARSED:
        _PARSED[key] = parse_cached(path, refs)
    return _PARSED[key]
