"""One entry point from a command-line spec argument to the IR."""

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
    from .parse.openapi import parse_openapi

    path = Path(argument)
    if path.suffix.lower() in (".json", ".yaml", ".yml") and path.is_file():
        return parse_openapi(path)  # a file needs no pins (nor tomllib) to be found
    from .specs import spec_source

    return parse_openapi(spec_source(argument).path)
