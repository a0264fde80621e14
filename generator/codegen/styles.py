"""The `styles` argument of a generated request call: each parameter whose spec asks for
a serialization other than OpenAPI's default, laid out as black lays it out. The
runtime (templates/package/_params.py.j2) knows the defaults and does the rest."""

from __future__ import annotations

from ..ir import DEFAULT_STYLES
from .layout import fits
from .pysource import py_str
from .resources import Method


def style_entries(method: Method) -> list[str]:
    """One source entry per parameter whose spec asks for other than the default."""
    out = []
    for a in method.arguments:
        default = DEFAULT_STYLES.get(a.location)
        if default is None:
            continue
        style = a.style or default
        explode = a.explode if a.explode is not None else style == "form"
        if (style, explode) != (default, default == "form"):
            out.append(_style_entry(a.location, a.wire, style, explode))
    return out


def _style_entry(location: str, wire: str, style: str, explode: bool) -> str:
    pad, inner = " " * 16, " " * 20
    key = f"({py_str(location)}, {py_str(wire)})"
    value = f"({py_str(style)}, {explode})"
    if fits(f"{pad}{key}: {value},"):
        return f"{pad}{key}: {value},"
    if fits(f"{pad}{key}: ("):
        return f"{pad}{key}: (\n{inner}{py_str(style)},\n{inner}{explode},\n{pad}),"
    return (
        f"{pad}(\n{inner}{py_str(location)},\n{inner}{py_str(wire)},\n{pad}): {value},"
    )
