"""What a generated package says about itself: its distribution and version
(`_version.py`, with the User-Agent it sends) and the api-versions it serves, with
the calls and arguments only some of them have (`_versions.py`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .layout import fits
from .pysource import py_str
from .versioning import Availability

if TYPE_CHECKING:
    import jinja2

    from .resources import ClientPlan

# A method argument's location -> the RequestOptions field holding it by wire name.
GROUPS = {
    "path": "path_params",
    "query": "query",
    "header": "headers",
    "cookie": "cookies",
    "body": "json_body",
    "file": "files",
}


@dataclass(frozen=True)
class Identity:
    distribution: str
    version: str
    api_versions: tuple[str, ...]
    availability: Availability | None = None
    # an extra header carrying the User-Agent (conventions.user_agent_header)
    user_agent_header: str = ""


def identity_files(
    env: jinja2.Environment, identity: Identity, client: ClientPlan
) -> dict[str, str]:
    return {
        "_version.py": version_file(env, identity),
        "_versions.py": env.get_template("package/_versions.py.j2")
        .render(
            api_versions_source=_exploded(
                "API_VERSIONS = (", [py_str(v) for v in identity.api_versions], ")"
            ),
            availability_source=_availability(identity, client),
        )
        .rstrip("\n")
        + "\n",
    }


def version_file(env: jinja2.Environment, identity: Identity) -> str:
    text = env.get_template("package/_version.py.j2").render(identity=identity)
    return text.rstrip("\n") + "\n"


def _spans(having: tuple[str, ...], versions: tuple[str, ...]) -> list[tuple[str, Any]]:
    """Consecutive runs of `having` among `versions`: (first, first without it)."""
    spans: list[tuple[str, Any]] = []
    start = None
    for index, version in enumerate(versions):
        if version in having and start is None:
            start = version
        elif version not in having and start is not None:
            spans.append((start, version))
            start = None
    if start is not None:
        spans.append((start, None))
    return spans


def _spans_source(having: tuple[str, ...], versions: tuple[str, ...]) -> str:
    items = [
        f"({py_str(first)}, {py_str(until) if until else 'None'})"
        for first, until in _spans(having, versions)
    ]
    return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"


def _availability(identity: Identity, client: ClientPlan) -> str:
    """AVAILABILITY: every operation that not every api-version has, or with such an
    argument; laid out as black keeps it (exploded, magic trailing commas)."""
    available = identity.availability
    header = "AVAILABILITY: dict[tuple[str, str], Availability] = {"
    if available is None:
        return header + "}"
    versions = available.api_versions
    entries = []
    for path, method in client.methods:
        op = method.operation
        call = ".".join(("client", *path, method.name))
        having = available.operations.get(op.key)
        arguments = []
        for argument in method.arguments:
            spans = available.arguments.get((op.key, argument.name))
            if spans is None or argument.location not in GROUPS:
                continue
            key = f"({py_str(GROUPS[argument.location])}, {py_str(argument.wire)})"
            value = f"({py_str(argument.name)}, {_spans_source(spans, versions)})"
            arguments.append(_entry(key, value, 12))
        if having is None and not arguments:
            continue
        spans_source = _spans_source(having, versions) if having else "None"
        inner = "{\n" + "\n".join(arguments) + "\n        }" if arguments else "{}"
        key = f"({py_str(op.method.upper())}, {py_str(op.path)})"
        if not fits(f"    {key}: Availability("):
            key = f"(\n        {py_str(op.method.upper())},\n        {py_str(op.path)},\n    )"
        entries.append(
            f"    {key}: Availability(\n        {py_str(call)},\n"
            f"        {spans_source},\n        {inner},\n    ),"
        )
    if not entries:
        return header + "}"
    return header + "\n" + "\n".join(entries) + "\n}"


def _entry(key: str, value: str, indent: int) -> str:
    """`key: value,` on one line when it fits, else the value's tuple exploded."""
    pad = " " * indent
    line = f"{pad}{key}: {value},"
    if fits(line):
        return line
    items = value[1:-1].split(", ", 1)
    inner = "\n".join(f"{pad}    {item}," for item in items)
    return f"{pad}{key}: (\n{inner}\n{pad}),"


def _exploded(head: str, items: list[str], close: str) -> str:
    if len(items) == 1:  # a one-tuple's comma keeps nothing exploded
        return f"{head}{items[0]},{close}"
    return head + "\n" + "\n".join(f"    {item}," for item in items) + "\n" + close
