"""What a generated package says about itself: its distribution and version
(`_version.py`, with the User-Agent it sends) and the api-versions it serves, with
the calls and arguments only some of them have (`_versions.py`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from .layout import assignment, dict_entry, text
from .parallel import Job
from .pysource import py_str
from .pytypes import NONE, Code, Tuple, tuple_of

if TYPE_CHECKING:
    import jinja2

    from .resources import ClientPlan
    from .versioning import Availability  # a distribution's; one spec has none

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
) -> dict[str, Job]:
    return {
        "_version.py": partial(version_file, env, identity),
        "_versions.py": partial(_versions_file, env, identity, client),
    }


def _versions_file(
    env: jinja2.Environment, identity: Identity, client: ClientPlan
) -> str:
    source = env.get_template("package/_versions.py.j2").render(
        api_versions_source=assignment(
            "API_VERSIONS", None, tuple_of(*map(py_str, identity.api_versions)), 0
        ),
        availability_source=_availability(identity, client),
    )
    return source.rstrip("\n") + "\n"


def version_file(env: jinja2.Environment, identity: Identity) -> str:
    source = env.get_template("package/_version.py.j2").render(identity=identity)
    return source.rstrip("\n") + "\n"


def _spans(having: tuple[str, ...], versions: tuple[str, ...]) -> Tuple:
    """Consecutive runs of `having` among `versions`: (first, first without it), the
    tuple literal `Spans` of the generated module."""
    spans: list[tuple[str, str | None]] = []
    start = None
    for version in versions:
        if version in having and start is None:
            start = version
        elif version not in having and start is not None:
            spans.append((start, version))
            start = None
    if start is not None:
        spans.append((start, None))
    return Tuple(
        tuple(
            tuple_of(py_str(first), py_str(until) if until else "None")
            for first, until in spans
        )
    )


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
            key = tuple_of(py_str(GROUPS[argument.location]), py_str(argument.wire))
            value = Tuple((Code(py_str(argument.name)), _spans(spans, versions)))
            arguments.append(dict_entry(key, value, 12))
        if having is None and not arguments:
            continue
        inner = "{\n" + "\n".join(arguments) + "\n        }" if arguments else "{}"
        key = tuple_of(py_str(op.method.upper()), py_str(op.path))
        # exploded, as black keeps it: a magic trailing comma after each argument
        entries.append(
            "\n".join(
                [
                    text(key, 4, suffix=": Availability("),
                    f"        {py_str(call)},",
                    text(_spans(having, versions) if having else NONE, 8, suffix=","),
                    f"        {inner},",
                    "    ),",
                ]
            )
        )
    if not entries:
        return header + "}"
    return header + "\n" + "\n".join(entries) + "\n}"
