"""The ```http fence under an operation's heading: `POST https://{endpoint}/openai/
deployments/{deployment-id}/completions?api-version=2024-10-21`."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PLACEHOLDER = re.compile(r"\{([^}]+)\}")


@dataclass(frozen=True)
class Url:
    method: str
    base: str  # scheme://host, the part a server URL covers
    path: str
    api_version: str | None

    @property
    def host_variables(self) -> tuple[str, ...]:
        return tuple(_PLACEHOLDER.findall(self.base))


def parse_http_line(line: str) -> Url | None:
    parts = line.split()
    if len(parts) != 2:
        return None
    method, url = parts
    url, _, query = url.partition("?")
    base = ""
    if "://" in url:
        scheme, _, rest = url.partition("://")
        host, slash, path = rest.partition("/")
        base, url = f"{scheme}://{host}", slash + path
    api_version = None
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        if key == "api-version" and value:
            api_version = value
    return Url(method.lower(), base, url or "/", api_version)
