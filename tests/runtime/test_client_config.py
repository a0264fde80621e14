"""How a generated client is configured, checked over a real socket: arguments, then
the environment, then the spec's defaults; credentials where the spec's security asks
for them; `with_options` copies; `default_query`; a client-level `azure_deployment`."""

from __future__ import annotations

import asyncio
import inspect
import time
from typing import Any

import httpx
import pytest

from loopback import Loopback
from preview_examples import VERSION
from runtime_specs import get_spec

ENVIRONMENT = ("AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_KEY", "OPENAI_API_VERSION")
EMBEDDINGS = {
    "object": "list",
    "model": "ada",
    "data": [{"index": 0, "object": "embedding", "embedding": [0.5]}],
    "usage": {"prompt_tokens": 1, "total_tokens": 1},
}
DELETED = {"id": "a", "object": "assistant.deleted", "deleted": True}


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_endpoint_key_and_api_version_come_from_the_environment(
    package: Any, server: Loopback, clean_env: pytest.MonkeyPatch, closing: Any
) -> None:
    clean_env.setenv("AZURE_OPENAI_ENDPOINT", server.url)
    clean_env.setenv("AZURE_OPENAI_API_KEY", "env-key")
    clean_env.setenv("OPENAI_API_VERSION", "2024-10-21")
    server.reply(200, EMBEDDINGS)
    closing(package.Client()).embeddings.create(deployment_id="ada", input="hi")
    request = server.last()
    assert request.path == "/openai/deployments/ada/embeddings"
    assert request.headers["api-key"] == "env-key"
    assert request.query == {"api-version": ["2024-10-21"]}

    # arguments win over the environment
    with Loopback() as other:
        other.reply(200, EMBEDDINGS)
        with package.Client(
            endpoint=other.url, api_key="arg-key", api_version="7"
        ) as c:
            c.embeddings.create(deployment_id="ada", input="hi")
        request = other.last()
    assert request.headers["api-key"] == "arg-key"
    assert request.query == {"api-version": ["7"]}
    assert len(server.requests) == 1

    # a token provider is a credential: the environment's key is not read then
    server.reply(200, EMBEDDINGS)
    closing(package.Client(token_provider=lambda: "tok")).embeddings.create(
        deployment_id="ada", input="hi"
    )
    assert server.last().headers["authorization"] == "Bearer tok"
    assert "api-key" not in server.last().headers

    clean_env.delenv("OPENAI_API_VERSION")
    server.reply(200, EMBEDDINGS)
    closing(package.Client()).embeddings.create(deployment_id="ada", input="hi")
    assert server.last().query == {"api-version": [package.DEFAULT_API_VERSION]}


def test_a_client_given_nothing_names_everything_it_reads(
    pkg: Any, clean_env: pytest.MonkeyPatch, server: Loopback
) -> None:
    with pytest.raises(pkg.ConfigurationError) as info:
        pkg.Client()
    message = str(info.value)
    assert "\n" not in message
    for name in (*ENVIRONMENT, "endpoint=", "api_key=", "token_provider="):
        assert name in message
    with pytest.raises(pkg.ConfigurationError) as info:
        pkg.AsyncClient(endpoint=server.url)
    assert "credential" in str(info.value) and "endpoint (" not in str(info.value)
    with pytest.raises(pkg.ConfigurationError, match="an endpoint"):
        pkg.Client(api_key="k")
    assert isinstance(info.value, pkg.APIError)
    assert server.requests == []


KEY_SCHEME = {
    "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "k"}}
}


@pytest.mark.parametrize(
    ("title", "spec", "required"),
    [
        ("no security at all", get_spec("open"), False),
        (
            "every operation needs the key",
            get_spec("a", components=KEY_SCHEME, security=[{"key": []}]),
            True,
        ),
        (
            "the key is optional (an empty requirement)",
            get_spec("a", components=KEY_SCHEME, security=[{"key": []}, {}]),
            False,
        ),
        (
            "a scheme declared but required nowhere",
            get_spec("a", components=KEY_SCHEME),
            False,
        ),
    ],
)
def test_a_credential_is_required_where_the_spec_requires_one(
    build: Any,
    server: Loopback,
    clean_env: pytest.MonkeyPatch,
    title: str,
    spec: dict[str, Any],
    required: bool,
    closing: Any,
) -> None:
    pkg = build(spec)
    if required:
        with pytest.raises(pkg.ConfigurationError, match="a credential"):
            pkg.Client(endpoint=server.url)
        assert server.requests == []
        return
    server.reply(200, {})
    client = closing(pkg.Client(endpoint=server.url))
    getattr(client, next(iter(spec["paths"]))[1:]).list()
    assert not {"k", "authorization", "api-key"} & set(server.last().headers)


def test_only_the_secured_operations_of_a_mixed_spec_refuse_without_a_credential(
    build: Any, server: Loopback, clean_env: pytest.MonkeyPatch, closing: Any
) -> None:
    pkg = build(
        get_spec(
            "health",
            "secrets",
            op_security={"health": []},
            components=KEY_SCHEME,
            security=[{"key": []}],
        )
    )
    client = closing(pkg.Client(endpoint=server.url))
    server.reply(200, {"ok": True})
    client.health.list()
    assert server.last().path == "/health"
    with pytest.raises(pkg.ConfigurationError) as info:
        client.secrets.list()
    assert str(info.value).startswith("GET /secrets needs a credential")
    assert len(server.requests) == 1
    server.reply(200, {})
    closing(pkg.Client(endpoint=server.url, api_key="s")).secrets.list()
    assert server.last().headers["k"] == "s"


def test_with_options_is_a_configured_copy_sharing_the_connection_pool(
    pkg: Any, server: Loopback, closing: Any
) -> None:
    client = closing(
        pkg.Client(
            endpoint=server.url,
            token_provider=lambda: "tok",
            max_retries=2,
            default_headers={"x-app": "demo"},
            default_query={"trace": "1"},
        )
    )
    copy = client.with_options(
        max_retries=0, default_headers={"x-extra": "1"}, default_query={"limit": "5"}
    )
    assert type(copy) is pkg.Client and copy is not client
    assert copy._client._http is client._client._http
    with httpx.Client() as own_pool:
        assert client.with_options(http_client=own_pool)._client._http is own_pool
    server.reply(200, {"object": "list", "data": [], "has_more": False})
    copy.assistants.list(limit=3)
    server.reply(200, {"object": "list", "data": [], "has_more": False})
    client.assistants.list()
    with_copy, with_original = server.requests
    assert with_copy.peer_port == with_original.peer_port  # one pooled connection
    assert with_copy.headers["x-app"] == "demo" and with_copy.headers["x-extra"] == "1"
    assert with_copy.headers["authorization"] == "Bearer tok"
    # the call's own query wins over default_query, and the client's api-version over both
    assert with_copy.query == {"api-version": [VERSION], "trace": ["1"], "limit": ["3"]}
    assert "x-extra" not in with_original.headers
    assert with_original.query == {"api-version": [VERSION], "trace": ["1"]}

    server.requests.clear()
    server.reply(503, {"error": {}}, {"retry-after-ms": "1"})
    with pytest.raises(pkg.InternalServerError):
        copy.assistants.delete(assistant_id="a")
    assert len(server.requests) == 1  # max_retries=0 on the copy
    server.reply(503, {"error": {}}, {"retry-after-ms": "1"})
    server.reply(503, {"error": {}}, {"retry-after-ms": "1"})
    server.reply(200, DELETED)
    assert client.assistants.delete(assistant_id="a").deleted is True
    assert len(server.requests) == 4  # the original still retries twice

    server.reply(200, DELETED, delay=1.0)
    started = time.perf_counter()
    with pytest.raises(pkg.APITimeoutError):
        client.with_options(timeout=0.2, max_retries=0).assistants.delete(
            assistant_id="a"
        )
    assert time.perf_counter() - started < 0.9
    assert client._client.timeout != 0.2

    # a new credential replaces the token provider rather than joining it
    server.reply(200, DELETED)
    client.with_options(api_key="key-2").assistants.delete(assistant_id="a")
    assert server.last().headers["api-key"] == "key-2"
    assert "authorization" not in server.last().headers


def test_async_with_options_keeps_the_async_client(pkg: Any, server: Loopback) -> None:
    async def call() -> tuple[Any, Any]:
        async with pkg.AsyncClient(endpoint=server.url, api_key="k") as client:
            copy = client.with_options(default_headers={"x-copy": "yes"})
            server.reply(200, DELETED)
            await copy.assistants.delete(assistant_id="a")
            return client, copy

    client, copy = asyncio.run(call())
    assert type(copy) is pkg.AsyncClient
    assert copy._client._http is client._client._http
    assert server.last().headers["x-copy"] == "yes"


def test_azure_deployment_fills_the_deployment_a_call_leaves_out(
    pkg: Any, server: Loopback, closing: Any
) -> None:
    parameters = inspect.signature(
        pkg.resources.embeddings.Embeddings.create
    ).parameters
    assert parameters["deployment_id"].default is pkg.NOT_GIVEN

    client = closing(
        pkg.Client(endpoint=server.url, api_key="k", azure_deployment="ada-2")
    )
    server.reply(200, EMBEDDINGS)
    client.embeddings.create(input="hi")
    assert server.last().path == "/openai/deployments/ada-2/embeddings"
    server.reply(200, EMBEDDINGS)
    client.embeddings.create(deployment_id="other", input="hi")  # the call wins
    assert server.last().path == "/openai/deployments/other/embeddings"
    server.reply(200, EMBEDDINGS)
    client.with_options(azure_deployment="ada-3").embeddings.create(input="hi")
    assert server.last().path == "/openai/deployments/ada-3/embeddings"
    server.reply(200, DELETED)
    client.assistants.delete(assistant_id="a")  # not deployment-scoped
    assert server.last().path == "/openai/assistants/a"

    bare = closing(pkg.Client(endpoint=server.url, api_key="k"))
    with pytest.raises(pkg.ConfigurationError) as info:
        bare.embeddings.create(input="hi")
    assert str(info.value) == (
        "POST /deployments/{deployment-id}/embeddings needs a deployment: pass "
        "deployment_id=... or create the client with azure_deployment=..."
    )
    assert len(server.requests) == 4

    async def call() -> None:
        async with pkg.AsyncClient(
            endpoint=server.url, api_key="k", azure_deployment="async-ada"
        ) as client:
            server.reply(200, EMBEDDINGS)
            await client.embeddings.create(input="hi")

    asyncio.run(call())
    assert server.last().path == "/openai/deployments/async-ada/embeddings"


def test_a_spec_without_deployments_has_no_deployment_option(build: Any) -> None:
    pkg = build(get_spec("open"))
    assert "azure_deployment" not in inspect.signature(pkg.Client).parameters
    assert "default_query" in inspect.signature(pkg.Client.with_options).parameters


def test_paths_and_models_named_like_the_new_members_leave_them_alone(
    build: Any, server: Loopback, closing: Any
) -> None:
    spec = get_spec("with_options", "things")
    nested = {"get": {**spec["paths"]["/things"]["get"], "operationId": "nested"}}
    spec["paths"]["/things/with_streaming_response"] = nested
    spec["components"] = {
        "schemas": {"ThingsWithStreamingResponse": {"type": "object"}}
    }
    pkg = build(spec)
    client = closing(pkg.Client(endpoint=server.url))
    assert type(client.with_options(max_retries=0)) is pkg.Client
    server.reply(200, {})
    client.with_options_.list()
    assert server.last().path == "/with_options"
    server.reply(200, {})
    with client.things.with_streaming_response.list() as response:
        assert response.json() == {}
    assert server.last().path == "/things"
    assert pkg.models.ThingsWithStreamingResponse is not None
