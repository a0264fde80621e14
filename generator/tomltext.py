"""TOML values written by sdkgen (pin files, the starter config)."""

from __future__ import annotations

from typing import Any


def toml_value(value: Any) -> str:
    """A string, or a (nested) list of strings, as TOML."""
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if not isinstance(value, str):
        raise TypeError(f"not written as TOML: {value!r}")
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'
