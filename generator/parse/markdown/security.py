"""A `### Request Header` row -> the security scheme it stands for (an API key header,
or a token scheme the description spells out) and the scopes it asks for."""

from __future__ import annotations

from typing import Any

from ...ir import SecurityScheme


def security_scheme(
    name: str, description: str
) -> tuple[SecurityScheme, tuple[str, ...]]:
    """A Request Header row -> (scheme, scopes). `Type:`, `Authorization Url:` and
    `scope:` lines of the description describe token schemes; other rows are API keys.
    """
    kept, facts = [], {}
    for line in description.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in (
            "type",
            "authorization url",
            "scope",
            "scheme",
        ):
            facts[key.strip().lower()] = value.strip().strip("`")
        else:
            kept.append(line)
    text = "\n".join(kept).strip() or None
    kind = facts.get("type")
    scopes = tuple(s for s in facts.get("scope", "").split() if s)
    if kind is None and name.lower() != "authorization":
        return (
            SecurityScheme(
                name=name,
                type="apiKey",
                description=text,
                location="header",
                parameter_name=name,
            ),
            (),
        )
    kind = kind or "http"
    flows: tuple[tuple[str, Any], ...] = ()
    if "authorization url" in facts:
        flows = (
            (
                "implicit",
                {"authorizationUrl": facts["authorization url"], "scopes": {}},
            ),
        )
    return (
        SecurityScheme(
            name=kind,
            type=kind,
            description=text,
            scheme=facts.get("scheme"),
            flows=flows,
        ),
        scopes,
    )
