"""Reads a JSON or YAML document from disk, turning syntax errors into SpecErrors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import SpecError


def load_document(path: Path) -> Any:
    source = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SpecError(source, "file not found") from None
    except OSError as exc:
        raise SpecError(source, f"cannot read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecError(source, f"not UTF-8 text (byte {exc.start})") from None
    if path.suffix.lower() == ".json" or text.lstrip()[:1] in ("{", "["):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise SpecError(
                source, f"invalid JSON: {exc.msg} (column {exc.colno})", line=exc.lineno
            ) from None
    import yaml  # type: ignore[import-untyped]  # only YAML specs pay for importing it

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "syntax error"
        raise SpecError(source, f"invalid YAML: {problem}", line=line) from None
    except yaml.YAMLError as exc:
        raise SpecError(source, f"invalid YAML: {exc}") from None
