"""The `styles` argument of a generated request call: each parameter whose spec asks for
a serialization other than OpenAPI's default, as (key, value) tuple nodes the template
lays out. The runtime (templates/package/_params.py.j2) knows the defaults and does
the rest."""

from __future__ import annotations

from ..ir import DEFAULT_STYLES
from .pysource import py_str
from .pytypes import Node, tuple_of
from .resources import Method


def style_entries(method: Method) -> tuple[tuple[Node, Node], ...]:
    """(key, value) per parameter whose spec asks for other than the default."""
    out = []
    for a in method.arguments:
        default = DEFAULT_STYLES.get(a.location)
        if default is None:
            continue
        style = a.style or default
        explode = a.explode if a.explode is not None else style == "form"
        if (style, explode) != (default, default == "form"):
            key = tuple_of(py_str(a.location), py_str(a.wire))
            out.append((key, tuple_of(py_str(style), str(explode))))
    return tuple(out)
