"""The pinned real specs, resolved from the mirror the way sdkgen resolves them.

The project is the sdkgen.toml found from the current folder upward, as for any
sdkgen command: run from this checkout, that is its own (four Azure OpenAI pins
today); run from a copy of the project with another pin added, the suite covers that
pin too. No project, or a project without pins, fails collection with the reason.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.config import load_project
from generator.specs import Pin, require_pins, resolve

PROJECT = load_project()
PINS: dict[str, Pin] = require_pins(PROJECT)
PINNED = list(PINS)


def spec_path(api_version: str) -> Path:
    return resolve(PINS[api_version].openapi, PROJECT.mirror)


def markdown_path(api_version: str) -> Path:
    pinned = PINS[api_version].markdown
    assert pinned is not None, f"{api_version} pins no Markdown reference"
    return resolve(pinned, PROJECT.mirror)


def spec_json(api_version: str) -> dict[str, Any]:
    return json.loads(spec_path(api_version).read_text(encoding="utf-8"))
