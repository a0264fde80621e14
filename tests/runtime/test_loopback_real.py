"""Round trips of the generated distribution over real sockets, once per pinned
api-version, with the spec's own example payloads (2025-01-01-preview publishes them):
the request on the wire, with that api-version, and the typed response; a call that
api-version's spec lacks is refused before anything is sent."""

from __future__ import annotations

from typing import Any

import pytest

from loopback import Loopback
from pinned_surface import assert_refused, in_spec
from preview_examples import example
from real_specs import PINNED


@pytest.fixture(params=PINNED)
def api_version(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def client(sdk: Any, server: Loopback, api_version: str) -> Any:
    return sdk(api_version).Client(endpoint=server.url, api_key="test-key")


def served(api_version: str, method: str, path: str) -> bool:
    return in_spec(api_version, method, "/openai" + path)


def assert_wire(
    server: Loopback, api_version: str, method: str, path: str, body: Any = None
) -> None:
    request = server.last()
    assert (request.method, request.path) == (method, "/openai" + path)
    assert request.query == {"api-version": [api_version]}
    assert request.headers["api-key"] == "test-key"
    if body is not None:
        assert request.headers["content-type"] == "application/json"
        assert request.json() == body
    else:
        assert request.body == b""


def test_chat_completions(
    sdk: Any, client: Any, server: Loopback, api_version: str
) -> None:
    data = example("chat_completions.json")
    body = data["parameters"]["body"]
    server.reply(200, data["responses"]["200"]["body"], {"apim-request-id": "r-1"})
    result = client.chat.completions.create(deployment_id="gpt-4o", **body)
    assert_wire(
        server, api_version, "POST", "/deployments/gpt-4o/chat/completions", body
    )
    models = sdk(api_version).models
    assert isinstance(result, models.CreateChatCompletionResponse)
    assert result.id == "chatcmpl-7R1nGnsXO8n4oi9UPz2f3UHdgAYMn"
    choice = result.choices[0]
    assert choice.finish_reason == "stop" and choice.message.content.startswith(
        "Ahoy matey!"
    )
    assert (
        result.usage.total_tokens
        == data["responses"]["200"]["body"]["usage"]["total_tokens"]
    )


def test_chat_completions_with_typed_messages(
    sdk: Any, client: Any, server: Loopback, api_version: str
) -> None:
    models = sdk(api_version).models
    server.reply(200, example("chat_completions.json")["responses"]["200"]["body"])
    message = models.ChatCompletionRequestUserMessage(role="user", content="hi")
    client.chat.completions.create(
        deployment_id="d", messages=[message], temperature=0.5, stop=["\n"]
    )
    assert server.last().json() == {
        "messages": [{"role": "user", "content": "hi"}],
        "temperature": 0.5,
        "stop": ["\n"],
    }


def test_embeddings(sdk: Any, client: Any, server: Loopback, api_version: str) -> None:
    data = example("embeddings.json")
    body = data["parameters"]["body"]
    server.reply(200, data["responses"]["200"]["body"])
    result = client.embeddings.create(deployment_id="ada", **body)
    assert_wire(server, api_version, "POST", "/deployments/ada/embeddings", body)
    expected = data["responses"]["200"]["body"]
    assert result.data[0].embedding == expected["data"][0]["embedding"]
    assert result.usage.prompt_tokens == expected["usage"]["prompt_tokens"]


def test_assistants_create_retrieve_list_delete(
    sdk: Any, client: Any, server: Loopback, api_version: str
) -> None:
    models = sdk(api_version).models
    created = example("create_assistant.json")
    if not served(api_version, "POST", "/assistants"):
        body = created["parameters"]["body"]
        assert_refused(lambda: client.assistants.create(**body), server, api_version)
        return
    server.reply(200, created["responses"]["200"]["body"])
    assistant = client.assistants.create(**created["parameters"]["body"])
    assert_wire(
        server, api_version, "POST", "/assistants", created["parameters"]["body"]
    )
    assert isinstance(assistant, models.AssistantObject)
    assert (assistant.id, assistant.name, assistant.description) == (
        "asst_4nsG2qgNzimRPE7MazXTXbU7",
        "Math Tutor",
        None,
    )
    assert assistant.tools[0].type == "code_interpreter"

    server.reply(200, created["responses"]["200"]["body"])
    fetched = client.assistants.retrieve(assistant_id=assistant.id)
    assert_wire(server, api_version, "GET", f"/assistants/{assistant.id}")
    assert fetched == assistant

    listed = example("list_assistants.json")
    server.reply(200, listed["responses"]["200"]["body"])
    page = client.assistants.list(limit=20, order="desc")
    request = server.last()
    assert (request.method, request.path) == ("GET", "/openai/assistants")
    assert request.query == {
        "api-version": [api_version],
        "limit": ["20"],
        "order": ["desc"],
    }
    assert [a.id for a in page.data] == [
        a["id"] for a in listed["responses"]["200"]["body"]["data"]
    ]
    assert page.has_more is listed["responses"]["200"]["body"]["has_more"]

    deleted = example("delete_assistant.json")
    server.reply(200, deleted["responses"]["200"]["body"])
    result = client.assistants.delete(assistant_id=assistant.id)
    assert_wire(server, api_version, "DELETE", f"/assistants/{assistant.id}")
    assert result.deleted is True and result.id == assistant.id


def test_token_provider_compatible_with_azure_identity(
    sdk: Any, server: Loopback, api_version: str
) -> None:
    # azure.identity.get_bearer_token_provider returns a zero-argument callable -> str
    client = sdk(api_version).Client(
        endpoint=server.url, token_provider=lambda: "aad-token"
    )
    data = example("embeddings.json")
    server.reply(200, data["responses"]["200"]["body"])
    client.embeddings.create(deployment_id="ada", **data["parameters"]["body"])
    request = server.last()
    assert (
        request.headers["authorization"] == "Bearer aad-token"
        and "api-key" not in request.headers
    )


def test_error_from_the_service(
    sdk: Any, client: Any, server: Loopback, api_version: str
) -> None:
    pkg = sdk(api_version)
    error_body = {"error": {"code": "429", "message": "Rate limit is exceeded."}}
    server.reply(429, error_body, {"apim-request-id": "b0d1f5a2"})
    with pytest.raises(pkg.RateLimitError) as info:
        client.chat.completions.create(
            deployment_id="d",
            messages=[{"role": "user", "content": "x"}],
            max_retries=0,
        )
    assert info.value.request_id == "b0d1f5a2" and info.value.status_code == 429
    assert info.value.error.error.message == "Rate limit is exceeded."
