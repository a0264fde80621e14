"""Service conventions: the choices a spec does not state but a client must make.

The spec says where the server is, which security schemes exist and what each operation
takes. It does not say which parameters the client sets on every call (Azure's
`api-version`), which path segments scope a call rather than name a resource
(`/deployments/{deployment-id}/...`), which header carries the request id, or how a
list operation pages. Those choices live here, in one value the planners read; a
project's sdkgen.toml overrides them (its `[conventions]` table, same names with dashes).
The defaults are the Azure OpenAI data-plane conventions, which are harmless elsewhere:
a spec without an `api-version` parameter or a `deployments` segment never meets them.
The environment variables a client reads are Azure OpenAI's too (those openai's
AzureOpenAI reads), so a project for another service names its own, or none.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Conventions:
    # (location, wire name) of parameters the client sets itself, never method
    # arguments. api-version is filled from the client's `api_version`.
    client_parameters: tuple[tuple[str, str], ...] = (("query", "api-version"),)
    # The query parameter carrying the api-version (one of client_parameters), or "".
    api_version_parameter: str = "api-version"
    # Path segments followed by a {parameter} that scope a call rather than name a
    # resource: /deployments/{deployment-id}/chat/completions is chat.completions.
    scope_segments: tuple[str, ...] = ("deployments",)
    # The api-key header when the spec names no apiKey security scheme.
    api_key_header: str = "api-key"
    # Response headers that carry the server's request id, first present wins.
    request_id_headers: tuple[str, ...] = ("apim-request-id", "x-request-id")
    # Cursor pagination: a list operation with this query parameter whose response
    # has these fields returns a page that walks every following page.
    page_cursor_parameter: str = "after"
    page_items_field: str = "data"
    page_has_more_field: str = "has_more"
    page_last_id_field: str = "last_id"
    page_first_id_field: str = "first_id"
    # The boolean body field that switches a response to server-sent events.
    stream_flag: str = "stream"
    # The scope segment (one of scope_segments) whose parameter the client may hold
    # for every call, and the client keyword that holds it: `Client(azure_deployment=
    # "gpt-4o")` lets `deployment_id` be left out; a per-call argument still wins.
    deployment_segment: str = "deployments"
    deployment_option: str = "azure_deployment"
    # Environment variables the client reads what it is not given from ("" reads
    # none): the endpoint, the api key, the api-version (the pinned one otherwise),
    # and the log level (debug|info) that switches the client's logging on.
    endpoint_env: str = "AZURE_OPENAI_ENDPOINT"
    api_key_env: str = "AZURE_OPENAI_API_KEY"
    api_version_env: str = "OPENAI_API_VERSION"
    log_env: str = "OPENAI_LOG"

    def sets_parameter(self, location: str, name: str) -> bool:
        """Whether the client itself sets this parameter (never a method argument)."""
        if location == "header" and name.lower() == "authorization":
            return True
        return (location, name.lower()) in {
            (loc, wire.lower()) for loc, wire in self.client_parameters
        }


AZURE_OPENAI = Conventions()
