"""Published Markdown references and their OpenAPI specs, parsed once per process."""

from __future__ import annotations

from functools import cache

from generator.ir import Api
from generator.parse.markdown import MarkdownResult, parse_markdown
from generator.parse.openapi import parse_openapi
from real_specs import PINNED, spec_path
from real_specs import markdown_path as published_path

__all__ = ["PINNED", "published_path", "spec_path", "published", "spec"]
GA = "2024-10-21"
PREVIEW = "2025-03-01-preview"


@cache
def published(api_version: str) -> MarkdownResult:
    return parse_markdown(published_path(api_version))


@cache
def spec(api_version: str) -> Api:
    return parse_openapi(spec_path(api_version))
