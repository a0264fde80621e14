"""One entry point from a command-line spec argument to the IR, and each spec file
parsed once per process (the IR is immutable, so a diff, a changelog and a generation
in one process share it)."""

from __future__ import annotations

import sys
from pathlib import Path

from .ir import Api


def load_api(argument: str) -> Api:
    """A pinned api-version name, an OpenAPI JSON/YAML file, or a Markdown reference."""
    if argument.lower().endswith((".md", ".markdown")) and Path(argument).is_file():
        from .parse.markdown import parse_markdown

        result = parse_markdown(Path(argument))
        for warning in result.warnings:
            print(f"sdkgen: warning: {warning}", file=sys.stderr)
        return result.api
    path = Path(argument)
    if path.suffix.lower() in (".json", ".yaml", ".yml") and path.is_file():
        return parse_spec(path)  # a file needs no pins (nor tomllib) to be found
    from .specs import spec_source

    return parse_spec(spec_source(argument).path)


_PARSED: dict[tuple[Path, int, int], Api] = {}


def parse_spec(path: Path) -> Api:
    """The IR of an OpenAPI file, parsed once per process while the file is unchanged
    (same path, modification time and size)."""
    stat = path.stat()
    key = (path.resolve(), stat.st_mtime_ns, stat.st_size)
    if key not in _PARSED:
        from .parse.openapi import parse_openapi

        _PARSED[key] = parse_openapi(path)
    return _PARSED[key]
