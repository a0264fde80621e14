"""The pinned real specs, resolved from the mirror the way sdkgen resolves them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.specs import load_pins, resolve

PINNED = list(load_pins())


def spec_path(api_version: str) -> Path:
    return resolve(load_pins()[api_version].openapi)


def spec_json(api_version: str) -> dict[str, Any]:
    return json.loads(spec_path(api_version).read_text(encoding="utf-8"))
