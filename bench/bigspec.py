"""A ~3 MB OpenAPI YAML spec made reproducibly from the pinned 3.0 specs: each copied
four times under its own path prefix, component names and operationIds, dumped as
block YAML. Same pins, same bytes; written to bench/results/, never committed."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.config import load_project  # noqa: E402
from generator.specs import load_pins, resolve  # noqa: E402

PROJECT = load_project(ROOT / "sdkgen.toml")

SOURCES = ("2024-10-21", "2024-12-01-preview", "2025-01-01-preview")
COPIES = 4
PATH = ROOT / "bench" / "results" / "combined-openapi.yaml"


def _renamed(node: Any, prefix: str) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if (
                key == "$ref"
                and isinstance(value, str)
                and value.startswith("#/components/")
            ):
                section, name = value.split("/")[2:4]
                value = (
                    f"#/components/{section}/{prefix}{name}"
                    + value[len(f"#/components/{section}/{name}") :]
                )
            out[key] = _renamed(value, prefix)
        return out
    if isinstance(node, list):
        return [_renamed(item, prefix) for item in node]
    return node


def combined() -> dict[str, Any]:
    pins = load_pins(PROJECT.pins)
    spec: dict[str, Any] = {
        "openapi": "3.0.0",
        "info": {"title": "Combined Azure OpenAI", "version": "1.0.0"},
        "paths": {},
        "components": {},
    }
    for copy in range(COPIES):
        for index, version in enumerate(SOURCES):
            prefix = f"V{copy}{index}"
            source = json.loads(
                resolve(pins[version].openapi, PROJECT.mirror).read_text(
                    encoding="utf-8"
                )
            )
            source = _renamed(source, prefix)
            spec.setdefault("servers", source.get("servers", []))
            for path, item in source["paths"].items():
                for operation in item.values():
                    if isinstance(operation, dict) and "operationId" in operation:
                        operation["operationId"] = (
                            f"{prefix}_{operation['operationId']}"
                        )
                spec["paths"][f"/{prefix.lower()}{path}"] = item
            for section, entries in source.get("components", {}).items():
                for name, value in entries.items():
                    spec["components"].setdefault(section, {})[prefix + name] = value
    return spec


def write() -> Path:
    import yaml

    text = yaml.safe_dump(combined(), sort_keys=False, allow_unicode=True, width=100)
    if not PATH.is_file() or PATH.read_text(encoding="utf-8") != text:
        PATH.parent.mkdir(parents=True, exist_ok=True)
        PATH.write_text(text, encoding="utf-8")
    return PATH


if __name__ == "__main__":
    path = write()
    print(f"{path}: {path.stat().st_size / 1e6:.2f} MB")
