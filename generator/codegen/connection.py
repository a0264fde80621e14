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
    # ("POST", "/path") of the operations a credential is needed for: those whose
    # security requirements (their own, else the API's) offer no anonymous `{}`.
    secured_operations: tuple[tuple[str, str], ...] = ()
    # The client keyword holding a deployment for every call (`azure_deployment`),
    # when some operation's path is scoped by the conventions' deployment segment.
    deployment_option: str | None = None
    deployment_segment: str = ""
    operation_count: int = 0
    # Environment variables the client reads for options it is not given ("": none).
    endpoint_env: str = ""
    api_key_env: str = ""
    api_version_env: str = ""  # only where operations take the api-version
    log_env: str = ""

    @property
    def environment(self) -> list[tuple[str, str]]:
        """(client option, environment variable) for each option read from one."""
        return [
            (option, variable)
            for option, variable in (
                ("endpoint", self.endpoint_env),
                ("api_key", self.api_key_env),
                ("api_version", self.api_version_env),
            )
            if variable
        ]

    @property
    def every_operation_secured(self) -> bool:
        """Then a client without a credential is refused when it is built; otherwise
        only the secured calls refuse."""
        secured = len(self.secured_operations)
        return secured > 0 and secured == self.operation_count

    def is_deployment(self, path: str, parameter: str) -> bool:
        """Whether `parameter` is the deployment scoping `path` (/deployments/{id}/...),
        which a call may leave to the client's deployment option."""
        if self.deployment_option is None:
            return False
        return path.startswith(f"/{self.deployment_segment}/{{{parameter}}}")

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
        secured_operations=_secured_operations(api),
        deployment_option=_deployment_option(api, conventions),
        deployment_segment=conventions.deployment_segment,
        operation_count=len(api.operations),
        endpoint_env=conventions.endpoint_env,
        api_key_env=conventions.api_key_env,
        api_version_env=conventions.api_version_env if sends_api_version else "",
        log_env=conventions.log_env,
    )


def _secured_operations(api: Api) -> tuple[tuple[str, str], ...]:
    """Operations whose effective security requirements all name a scheme. An empty
    requirement (`{}`) or `security: []` makes an operation open, and so does a spec
    that applies no requirement at all: no credential is demanded where none is."""
    secured = []
    for op in api.operations:
        requirements = api.security if op.security is None else op.security
        if requirements and all(requirements):
            secured.append((op.method.upper(), op.path))
    return tuple(secured)


def _deployment_option(api: Api, conventions: Conventions) -> str | None:
    segment = conventions.deployment_segment
    if not segment or segment not in conventions.scope_segments:
        return None
    prefix = f"/{segment}/{{"
    if any(op.path.startswith(prefix) for op in api.operations):
        return conventions.deployment_option or None
    return None


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
