"""Comparisons of what surrounds the operations and schemas: security schemes and
requirements, servers, tags, and the governance extensions (`x-sunset`,
`x-stability-level`). Each yields neutral items that the facts walk records."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..ir import JSON, SecurityScheme, Server
from ..parse.pointers import escape_pointer

Requirements = tuple[tuple[tuple[str, tuple[str, ...]], ...], ...]

# x-stability-level values from least to most stable.
STABILITY = ("draft", "alpha", "beta", "ga")


@dataclass(frozen=True)
class Item:
    """A difference around the operations and schemas (security, servers, tags,
    governance extensions), recorded by the facts walk."""

    kind: str
    subject: str
    location: str
    old: JSON = None
    new: JSON = None
    detail: str = ""
    in_base: bool = False


def requirements(old: Requirements, new: Requirements, location: str) -> Iterator[Item]:
    """Security requirements are alternatives, each a set of schemes: compared by the
    schemes they name, then scope by scope."""
    before = {_schemes(r): (i, dict(r)) for i, r in enumerate(old)}
    after = {_schemes(r): (i, dict(r)) for i, r in enumerate(new)}
    for key, (i, scopes) in after.items():
        subject = f"security requirement {' + '.join(key) or '(none)'}"
        at = f"{location}/{i}"
        if key not in before:
            yield Item("security-requirement-added", subject, at, new=list(key))
            continue
        old_scopes = before[key][1]
        for name, granted in scopes.items():
            added = [s for s in granted if s not in old_scopes[name]]
            removed = [s for s in old_scopes[name] if s not in granted]
            if added:
                yield Item("security-scope-added", subject, at, new=added, detail=name)
            if removed:
                yield Item(
                    "security-scope-removed", subject, at, old=removed, detail=name
                )
    for key, (i, _) in before.items():
        if key not in after:
            subject = f"security requirement {' + '.join(key) or '(none)'}"
            at = f"{location}/{i}"
            yield Item(
                "security-requirement-removed", subject, at, old=list(key), in_base=True
            )


def _schemes(requirement: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[str, ...]:
    return tuple(sorted(name for name, _ in requirement))


def security_schemes(
    old: tuple[SecurityScheme, ...], new: tuple[SecurityScheme, ...]
) -> Iterator[Item]:
    before = {s.name: s for s in old}
    for scheme in new:
        at = f"/components/securitySchemes/{escape_pointer(scheme.name)}"
        subject = f"security scheme `{scheme.name}`"
        previous = before.pop(scheme.name, None)
        if previous is None:
            yield Item("security-scheme-added", subject, at, new=scheme.type)
            continue
        for attr, label in (
            ("type", "type"),
            ("location", "in"),
            ("parameter_name", "name"),
            ("scheme", "scheme"),
        ):
            was, now = getattr(previous, attr), getattr(scheme, attr)
            if was != now:
                yield Item("security-scheme-changed", subject, at, was, now, label)
        yield from _flows(dict(previous.flows), dict(scheme.flows), subject, at)
    for scheme in before.values():
        at = f"/components/securitySchemes/{escape_pointer(scheme.name)}"
        yield Item(
            "security-scheme-removed",
            f"security scheme `{scheme.name}`",
            at,
            old=scheme.type,
            in_base=True,
        )


def _flows(
    old: dict[str, JSON], new: dict[str, JSON], subject: str, at: str
) -> Iterator[Item]:
    for flow in sorted(old.keys() | new.keys()):
        here = f"{at}/flows/{flow}"
        a, b = old.get(flow), new.get(flow)
        if not isinstance(a, dict) or not isinstance(b, dict):
            kind = "security-flow-added" if a is None else "security-flow-removed"
            if a != b:
                yield Item(kind, subject, here, detail=flow)
            continue
        for key in ("authorizationUrl", "tokenUrl", "refreshUrl"):
            if a.get(key) != b.get(key):
                yield Item(
                    "security-flow-url-changed",
                    subject,
                    here,
                    a.get(key),
                    b.get(key),
                    f"{flow} {key}",
                )
        scopes_a, scopes_b = a.get("scopes") or {}, b.get("scopes") or {}
        added = [s for s in scopes_b if s not in scopes_a]
        removed = [s for s in scopes_a if s not in scopes_b]
        if added:
            yield Item("security-scope-added", subject, here, new=added, detail=flow)
        if removed:
            yield Item(
                "security-scope-removed", subject, here, old=removed, detail=flow
            )


def servers(old: tuple[Server, ...], new: tuple[Server, ...]) -> Iterator[Item]:
    before = {s.url: (i, s) for i, s in enumerate(old)}
    for i, server in enumerate(new):
        at = f"/servers/{i}"
        subject = f"server `{server.url}`"
        if server.url not in before:
            yield Item("server-added", subject, at, new=server.url)
            continue
        previous = before.pop(server.url)[1]
        variables = {v.name: (v.default, v.enum) for v in previous.variables}
        now = {v.name: (v.default, v.enum) for v in server.variables}
        if variables != now:
            yield Item(
                "server-variables-changed",
                subject,
                at,
                sorted(variables),
                sorted(now),
            )
    for url, (i, _) in before.items():
        yield Item(
            "server-removed", f"server `{url}`", f"/servers/{i}", old=url, in_base=True
        )


def tags(old: tuple[str, ...], new: tuple[str, ...], location: str) -> Iterator[Item]:
    added = [t for t in new if t not in old]
    removed = [t for t in old if t not in new]
    if added:
        yield Item("tag-added", "", location, new=added)
    if removed:
        yield Item("tag-removed", "", location, old=removed)


def governance(
    old: tuple[tuple[str, JSON], ...],
    new: tuple[tuple[str, JSON], ...],
    subject: str,
    location: str,
) -> Iterator[Item]:
    """`x-sunset` and `x-stability-level`: reported, never judged breaking."""
    a, b = dict(old), dict(new)
    sunset_a, sunset_b = a.get("x-sunset"), b.get("x-sunset")
    if sunset_a != sunset_b:
        kind = (
            "sunset-added"
            if sunset_a is None
            else "sunset-removed" if sunset_b is None else "sunset-changed"
        )
        yield Item(kind, subject, location, _text(sunset_a), _text(sunset_b))
    level_a, level_b = a.get("x-stability-level"), b.get("x-stability-level")
    if level_a != level_b:
        lower = (
            level_a in STABILITY
            and level_b in STABILITY
            and STABILITY.index(level_b) < STABILITY.index(level_a)
        )
        kind = "stability-decreased" if lower else "stability-changed"
        yield Item(kind, subject, location, _text(level_a), _text(level_b))


def _text(value: JSON) -> JSON:
    # YAML reads an unquoted 2025-01-01 as a date
    return (
        value if value is None or isinstance(value, (str, int, float)) else str(value)
    )
