"""The fast YAML path against PyYAML: equal data, types included, or a decline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.errors import SpecError
from generator.parse.loader import MAX_YAML_NODES, load_yaml_with_pyyaml
from generator.parse.yaml_fast import DECLINED, fast_load


def typed(value: Any) -> Any:
    """`value` with every scalar tagged by its type: 1, 1.0 and True differ here."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    return (type(value).__name__, repr(value))


def pyyaml_outcome(text: str) -> tuple[str, Any]:
    try:
        return "data", typed(load_yaml_with_pyyaml(text, "doc.yaml"))
    except SpecError as exc:
        return "error", str(exc)


def check_same(text: str) -> bool:
    """Asserts the fast path gives PyYAML's data or declines; True when it took it."""
    fast = fast_load(text.encode("utf-8"), MAX_YAML_NODES)
    if fast is DECLINED:
        return False
    assert pyyaml_outcome(text) == ("data", typed(fast)), text
    return True


def check_file(path: Path) -> bool:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:  # refused as no UTF-8 before either loader reads it
        return False
    return check_same(text)
