"""Published Markdown references and their OpenAPI specs, parsed once per process."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from generator.ir import Api
from generator.parse.markdown import MarkdownResult, parse_markdown
from generator.parse.openapi import parse_openapi
from generator.specs import load_pins, resolve

PINNED = tuple(load_pins())
GA = "2024-10-21"
PREVIEW = "2025-03-01-preview"


def published_path(api_version: str) -> Path:
    pin = load_pins()[api_version].markdown
    assert pin is not None, f"{api_version} pins no Markdown reference"
    return resolve(pin)


def spec_path(api_version: str) -> Path:
    return resolve(load_pins()[api_version].openapi)


@cache
def published(api_version: str) -> MarkdownResult:
    return parse_markdown(published_path(api_version))


@cache
def spec(api_version: str) -> Api:
    return parse_openapi(spec_path(api_version))
