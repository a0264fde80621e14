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

from dataclasses import dataclass, field
from typing import Any


def _doc(default: Any, doc: str) -> Any:
    """A field with its one-line description (the starter sdkgen.toml prints it)."""
    return field(default=default, metadata={"doc": doc})


@dataclass(frozen=True)
class Conventions:
    """The service conventions a project sets (sdkgen.toml's [conventions])."""

    client_parameters: tuple[tuple[str, str], ...] = _doc(
        (("query", "api-version"),),
        "[location, name] of parameters the client sets itself, never method "
        "arguments; api-version is filled from the client's api_version",
    )
    api_version_parameter: str = _doc(
        "api-version",
        'the query parameter carrying the api-version (one of client-parameters), or ""',
    )
    scope_segments: tuple[str, ...] = _doc(
        ("deployments",),
        "path segments before a {parameter} that scope a call rather than name a "
        "resource: /deployments/{deployment-id}/chat/completions is chat.completions",
    )
    api_key_header: str = _doc(
        "api-key", "the api-key header when the spec names no apiKey security scheme"
    )
    request_id_headers: tuple[str, ...] = _doc(
        ("apim-request-id", "x-request-id"),
        "response headers carrying the server's request id, the first present wins",
    )
    # Cursor pagination: a list operation with this query parameter whose response
    # has these fields returns a page that walks every following page.
    page_cursor_parameter: str = _doc(
        "after", "the query parameter of cursor pagination"
    )
    page_items_field: str = _doc("data", "the page's list of items")
    page_has_more_field: str = _doc("has_more", "the page's more-to-come flag")
    page_last_id_field: str = _doc("last_id", "the page's last item id")
    page_first_id_field: str = _doc("first_id", "the page's first item id")
    stream_flag: str = _doc(
        "stream",
        "the boolean body field that switches a response to server-sent events",
    )
    # A JSON response that is a oneOf of the response and its stream chunk: the chunk
    # is the member whose marker property is a constant with this ending.
    chunk_marker_field: str = _doc(
        "object",
        "the property telling a stream chunk from the response in a oneOf of both, "
        'or ""',
    )
    chunk_marker_suffix: str = _doc(
        ".chunk",
        "how that property's constant ends on the chunk (chat.completion.chunk)",
    )
    deployment_segment: str = _doc(
        "deployments",
        "the scope segment (one of scope-segments) whose parameter the client may "
        'hold for every call: Client(azure_deployment="gpt-4o") lets deployment_id be '
        'left out (a per-call argument still wins); "" for none',
    )
    deployment_option: str = _doc(
        "azure_deployment", "the client keyword holding that scope parameter"
    )
    # Environment variables the client reads what it is not given from ("" reads none).
    endpoint_env: str = _doc(
        "AZURE_OPENAI_ENDPOINT", 'the variable holding the endpoint, or ""'
    )
    api_key_env: str = _doc(
        "AZURE_OPENAI_API_KEY", 'the variable holding the api key, or ""'
    )
    api_version_env: str = _doc(
        "OPENAI_API_VERSION",
        'the variable holding the api-version (the pinned one otherwise), or ""',
    )
    log_env: str = _doc(
        "OPENAI_LOG",
        "the variable whose value (debug or info) switches the client's logging on, "
        'or ""',
    )

    user_agent_header: str = _doc(
        "",
        "a header sent with the same value as User-Agent (Azure's x-ms-useragent), "
        'or ""',
    )

    def sets_parameter(self, location: str, name: str) -> bool:
        """Whether the client itself sets this parameter (never a method argument)."""
        if location == "header" and name.lower() == "authorization":
            return True
        return (location, name.lower()) in {
            (loc, wire.lower()) for loc, wire in self.client_parameters
        }


AZURE_OPENAI = Conventions()
