"""One entry point from a command-line spec argument to the IR."""

from __future__ import annotations

import sys
from pathlib import Path

from .config import Project, load_project
from .ir import Api
from .specs import spec_source


def load_api(argument: str, project: Project | None = None) -> Api:
    """A pinned api-version name, an OpenAPI JSON/YAML file, or a Markdown reference;
    pinned names are looked up in `project`, by default the current folder's."""
    if argument.lower().endswith((".md", ".markdown")) and Path(argument).is_file():
        from .parse.markdown import parse_markdown

        result = parse_markdown(Path(argument))
        for warning in result.warnings:
            print(f"sdkgen: warning: {warning}", file=sys.stderr)
        return result.api
    from .parse.openapi import parse_openapi

    return parse_openapi(spec_source(argument, project or load_project()).path)
