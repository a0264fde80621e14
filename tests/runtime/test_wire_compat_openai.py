"""Wire compatibility with the official `openai` package: the same calls made through
openai.AzureOpenAI and through the generated client reach the same recording loopback
server, and the requests must match (method, path, api-version, auth header, JSON body
or multipart fields), once per pinned api-version. A call that api-version's spec does
not have is sent by openai (which does not know) and refused by ours before sending.

One difference is by design of the two APIs and normalized here: openai puts the
deployment in the body as `model` (its own API routes by it); Azure routes by the
`/deployments/{deployment-id}` path, which both clients send, and its spec has no `model`
field for these operations.
"""

from __future__ import annotations

import json
from typing import Any

import openai
import pytest

# openai marks its Assistants API deprecated; the wire is what is compared here.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

from loopback import Loopback  # noqa: E402
from pinned_surface import assert_refused, in_spec  # noqa: E402
from real_specs import PINNED  # noqa: E402
from wire_pairs import (  # noqa: E402
    ASSISTANT,
    CHAT,
    RUN,
    THREAD,
    compare,
    multipart_fields,
    without_model,
)


@pytest.fixture(params=PINNED)
def api_version(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def clients(sdk: Any, server: Loopback, api_version: str) -> tuple[Any, Any]:
    theirs = openai.AzureOpenAI(
        azure_endpoint=server.url,
        api_key="wire-key",
        api_version=api_version,
        max_retries=0,
    )
    ours = sdk(api_version).Client(
        endpoint=server.url, api_key="wire-key", max_retries=0
    )
    return theirs, ours


def test_chat_completions(clients: Any, server: Loopback) -> None:
    theirs, ours = clients
    messages = [
        {"role": "system", "content": "be brief"},
        {"role": "user", "content": "hi"},
    ]
    tools = [
        {
            "type": "function",
            "function": {"name": "f", "parameters": {"type": "object"}},
        }
    ]
    their_result, our_result = compare(
        server,
        CHAT,
        lambda: theirs.chat.completions.create(
            model="gpt-4o",
            messages=messages,
            temperature=0.2,
            max_tokens=5,
            tools=tools,
            seed=1,
        ),
        lambda: ours.chat.completions.create(
            deployment_id="gpt-4o",
            messages=messages,
            temperature=0.2,
            max_tokens=5,
            tools=tools,
            seed=1,
        ),
        deployment_scoped=True,
    )
    assert (
        our_result.choices[0].message.content == their_result.choices[0].message.content
    )


def test_chat_completions_streaming(clients: Any, server: Loopback) -> None:
    theirs, ours = clients
    chunk = {
        "id": "c1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "gpt-4o",
        "choices": [{"index": 0, "delta": {"content": "hey"}, "finish_reason": None}],
    }
    stream = f"data: {json.dumps(chunk)}\n\ndata: [DONE]\n\n".encode()
    messages = [{"role": "user", "content": "hi"}]
    their_chunks, our_chunks = compare(
        server,
        stream,
        lambda: list(
            theirs.chat.completions.create(
                model="gpt-4o", messages=messages, stream=True
            )
        ),
        lambda: list(
            ours.chat.completions.create(
                deployment_id="gpt-4o", messages=messages, stream=True
            )
        ),
        deployment_scoped=True,
        headers={"content-type": "text/event-stream"},
    )
    assert [c.choices[0].delta.content for c in our_chunks] == [
        c.choices[0].delta.content for c in their_chunks
    ]


def test_embeddings(clients: Any, server: Loopback) -> None:
    theirs, ours = clients
    reply = {
        "object": "list",
        "model": "ada",
        "data": [{"object": "embedding", "index": 0, "embedding": [0.5, -0.25]}],
        "usage": {"prompt_tokens": 1, "total_tokens": 1},
    }
    their_result, our_result = compare(
        server,
        reply,
        lambda: theirs.embeddings.create(
            model="ada", input=["a", "b"], encoding_format="float"
        ),
        lambda: ours.embeddings.create(
            deployment_id="ada", input=["a", "b"], encoding_format="float"
        ),
        deployment_scoped=True,
    )
    assert (
        our_result.data[0].embedding == their_result.data[0].embedding == [0.5, -0.25]
    )


def test_transcription_upload(clients: Any, server: Loopback) -> None:
    theirs, ours = clients
    audio = ("clip.wav", b"RIFF....WAVEfmt ")
    compare(
        server,
        {"text": "hello"},
        lambda: theirs.audio.transcriptions.create(
            model="whisper", file=audio, language="en"
        ),
        lambda: ours.audio.transcriptions.create(
            deployment_id="whisper", file=audio, language="en"
        ),
        deployment_scoped=True,
    )
    fields = multipart_fields(server.last())
    assert fields["file"] == ("clip.wav", audio[1]) and fields["language"] == (
        None,
        b"en",
    )


def test_speech(clients: Any, server: Loopback, api_version: str) -> None:
    """The Azure spec declares multipart/form-data for speech where openai sends JSON;
    the generated client follows the spec, so the fields are compared, not the encoding.
    """
    theirs, ours = clients
    server.reply(200, b"ID3", {"content-type": "application/octet-stream"})
    theirs.audio.speech.create(model="tts", input="Hi there", voice="alloy").read()

    def speak() -> bytes:
        return ours.audio.speech.create(
            deployment_id="tts", input="Hi there", voice="alloy"
        )

    if not in_spec(api_version, "POST", server.last().path):
        assert_refused(speak, server, api_version)
        return
    server.reply(200, b"ID3", {"content-type": "application/octet-stream"})
    assert speak() == b"ID3"
    their_request, our_request = server.requests[-2:]
    assert (our_request.method, our_request.path) == (
        their_request.method,
        their_request.path,
    )
    assert our_request.query == their_request.query
    their_fields = without_model(their_request.json())
    assert {
        k: v.decode() for k, (_, v) in multipart_fields(our_request).items()
    } == their_fields


def test_image_generation(clients: Any, server: Loopback) -> None:
    theirs, ours = clients
    reply = {
        "created": 1,
        "data": [{"url": "https://example.com/i.png", "revised_prompt": "cat"}],
    }
    their_result, our_result = compare(
        server,
        reply,
        lambda: theirs.images.generate(
            model="dalle3", prompt="a cat", n=1, size="1024x1024"
        ),
        lambda: ours.images.generations.create(
            deployment_id="dalle3", prompt="a cat", n=1, size="1024x1024"
        ),
        deployment_scoped=True,
    )
    assert our_result.data[0].url == their_result.data[0].url


def test_assistants_threads_and_runs_crud(clients: Any, server: Loopback) -> None:
    theirs, ours = clients
    beta = theirs.beta
    compare(
        server,
        ASSISTANT,
        lambda: beta.assistants.create(
            model="gpt-4o", name="n", instructions="be brief"
        ),
        lambda: ours.assistants.create(
            model="gpt-4o", name="n", instructions="be brief"
        ),
    )
    compare(
        server,
        ASSISTANT,
        lambda: beta.assistants.retrieve("asst_1"),
        lambda: ours.assistants.retrieve(assistant_id="asst_1"),
    )
    compare(
        server,
        ASSISTANT,
        lambda: beta.assistants.update("asst_1", name="m"),
        lambda: ours.assistants.update(assistant_id="asst_1", name="m"),
    )
    listing = {
        "object": "list",
        "data": [ASSISTANT],
        "first_id": "asst_1",
        "last_id": "asst_1",
        "has_more": False,
    }
    compare(
        server,
        listing,
        lambda: beta.assistants.list(limit=5, order="asc"),
        lambda: ours.assistants.list(limit=5, order="asc"),
    )
    deleted = {"id": "asst_1", "object": "assistant.deleted", "deleted": True}
    compare(
        server,
        deleted,
        lambda: beta.assistants.delete("asst_1"),
        lambda: ours.assistants.delete(assistant_id="asst_1"),
    )

    messages = [{"role": "user", "content": "hello"}]
    compare(
        server,
        THREAD,
        lambda: beta.threads.create(messages=messages),
        lambda: ours.threads.create(messages=messages),
    )
    compare(
        server,
        THREAD,
        lambda: beta.threads.retrieve("thread_1"),
        lambda: ours.threads.retrieve(thread_id="thread_1"),
    )
    compare(
        server,
        THREAD,
        lambda: beta.threads.update("thread_1", metadata={"k": "v"}),
        lambda: ours.threads.update(thread_id="thread_1", metadata={"k": "v"}),
    )
    compare(
        server,
        RUN,
        lambda: beta.threads.runs.create("thread_1", assistant_id="asst_1"),
        lambda: ours.threads.runs.create(thread_id="thread_1", assistant_id="asst_1"),
    )
    compare(
        server,
        RUN,
        lambda: beta.threads.runs.retrieve("run_1", thread_id="thread_1"),
        lambda: ours.threads.runs.retrieve(thread_id="thread_1", run_id="run_1"),
    )
    compare(
        server,
        RUN,
        lambda: beta.threads.runs.cancel("run_1", thread_id="thread_1"),
        lambda: ours.threads.runs.cancel(thread_id="thread_1", run_id="run_1"),
    )
    thread_deleted = {"id": "thread_1", "object": "thread.deleted", "deleted": True}
    compare(
        server,
        thread_deleted,
        lambda: beta.threads.delete("thread_1"),
        lambda: ours.threads.delete(thread_id="thread_1"),
    )
