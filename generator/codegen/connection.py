"""Plans how the client reaches the service: base URL, authentication, api-version.

Read from the spec where it says it (servers, security schemes, parameters), from the
service conventions where it does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from ..conventions import Conventions
from ..ir import Api, SecurityScheme


@dataclass(frozen=True)
class ApiKeyAuth:
    """Where the client's `api_key` goes: a header (with a prefix such as "Bearer ")
    or a query parameter."""

    location: str  # header | query
    name: str
    prefix: str = ""


@dataclass(frozen=True)
class ConnectionPlan:
    server_url: str  # the spec's first server URL, as written
    base_path: str  # its path, appended to the endpoint: "/openai"
    default_endpoint: str | None  # scheme://host when the URL is not templated
    api_version_parameter: str | None  # the query parameter, when operations take it
    api_key: ApiKeyAuth
    request_id_headers: tuple[str, ...]

    def sets_parameter(
        self, conventions: Conventions, location: str, name: str
    ) -> bool:
        """Whether the client sets this parameter itself: conventions, or the header
        or query parameter its api key travels in."""
        if conventions.sets_parameter(location, name):
            return True
        return location == self.api_key.location and name.lower() == (
            self.api_key.name.lower()
        )


def plan_connection(api: Api, conventions: Conventions) -> ConnectionPlan:
    server = api.servers[0] if api.servers else None
    url = server.url if server else ""
    split = urlsplit(url.replace("{", "").replace("}", "")) if url else None
    host = url.split("/")[2 if "//" in url else 0] if url else ""
    templated_host = bool(server and server.variables and "{" in host)
    default_endpoint = None
    if split and split.scheme and not templated_host:
        default_endpoint = f"{split.scheme}://{split.netloc}"
    wanted = conventions.api_version_parameter
    sends_api_version = bool(wanted) and any(
        p.location == "query" and p.name == wanted
        for op in api.operations
        for p in op.parameters
    )
    return ConnectionPlan(
        server_url=url,
        base_path=split.path.rstrip("/") if split else "",
        default_endpoint=default_endpoint,
        api_version_parameter=wanted if sends_api_version else None,
        api_key=_api_key_auth(api, conventions),
        request_id_headers=conventions.request_id_headers,
    )


def _api_key_auth(api: Api, conventions: Conventions) -> ApiKeyAuth:
    """The first scheme a key can satisfy, in the order the spec's security
    requirements name them: an apiKey header or query parameter, or an http bearer
    scheme (the key sent as `Authorization: Bearer`). OAuth2 and OpenID Connect are
    the token provider's; a spec naming no usable scheme gets the conventional header.
    """
    for scheme in _by_preference(api):
        if scheme.type == "apiKey" and scheme.location in ("header", "query"):
            return ApiKeyAuth(str(scheme.location), str(scheme.parameter_name))
        if scheme.type == "http" and (scheme.scheme or "").lower() == "bearer":
            return ApiKeyAuth("header", "Authorization", "Bearer ")
    return ApiKeyAuth("header", conventions.api_key_header)


def _by_preference(api: Api) -> list[SecurityScheme]:
    order = [name for requirement in api.security for name, _ in requirement]
    for op in api.operations:
        order += [name for requirement in op.security or () for name, _ in requirement]
    rank = {name: i for i, name in reversed(list(enumerate(order)))}
    return sorted(api.security_schemes, key=lambda s: rank.get(s.name, len(rank)))
