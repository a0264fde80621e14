"""Everyday scripts, written the way users of the official `openai` package write
them (dicts, strings, `reply.choices[0].message.content`, `for chunk in stream`),
against the distribution by its stable name (`azure_openai`, its client on api-version
2025-01-01-preview as openai's is; tests/user_scripts/), and each one's
twin against `openai.AzureOpenAI`, derived by the few edits that tell the two clients
apart (`TWIN_EDITS`). Every script runs against a loopback server (the request on the
wire and the printed result are checked), and both twins type-check with no error
under `mypy --strict` and `pyright`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from loopback import Loopback
from run_events import THREAD, event_stream, run_events
from typecheck import mypy_strict, pyright_errors

SCRIPTS = Path(__file__).resolve().parents[1] / "user_scripts"
TWINS = ("sdkgen", "openai")
# How a script written for the generated package reads with openai.AzureOpenAI.
TWIN_EDITS = (
    ("from azure_openai import Client", "from openai import AzureOpenAI"),
    ("client = Client(", "client = AzureOpenAI("),
    ("    endpoint=", "    azure_endpoint="),
    ("deployment_id=", "model="),
    ("client.assistants.", "client.beta.assistants."),  # openai keeps them in beta
    ("client.threads.", "client.beta.threads."),
)


def _openai_twin(source: str) -> str:
    for old, new in TWIN_EDITS[:3]:  # every script imports and builds a client
        assert old in source
    for old, new in TWIN_EDITS:
        source = source.replace(old, new)
    return source


@pytest.fixture(scope="module")
def scripts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Folder of the scripts per twin; the openai twins written out."""
    folder = tmp_path_factory.mktemp("openai_twins")
    for script in SCRIPTS.glob("*.py"):
        (folder / script.name).write_text(_openai_twin(script.read_text()))
    return {"sdkgen": SCRIPTS, "openai": folder}


DEPLOYMENT = "/openai/deployments/gpt-4o"


def _chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 1700000000,
        "model": "gpt-4o",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def _events(*chunks: dict[str, Any]) -> str:
    return "".join(f"data: {json.dumps(c)}\n\n" for c in chunks) + "data: [DONE]\n\n"


def _completion(content: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1700000000,
        "model": "gpt-4o",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": content},
            }
        ],
        "usage": {"prompt_tokens": 5, "completion_tokens": 1, "total_tokens": 6},
    }


def _assistant(number: int) -> dict[str, Any]:
    return {
        "id": f"asst_{number}",
        "object": "assistant",
        "created_at": 1700000000,
        "name": "Math tutor",
        "description": None,
        "model": "gpt-4o",
        "instructions": "You are a personal math tutor.",
        "tools": [{"type": "code_interpreter"}],
        "metadata": {"team": "math"},
    }


def _tool_call(**fields: Any) -> dict[str, Any]:
    return {"tool_calls": [{"index": 0, **fields}]}


SSE = {"content-type": "text/event-stream"}
# script -> (replies queued, requests expected as (method, path, JSON keys), output)
CASES: dict[str, tuple[list[tuple[int, Any, dict[str, str]]], list[Any], str]] = {
    "chat": (
        [(200, _completion("Hello"), {})],
        [
            (
                "POST",
                f"{DEPLOYMENT}/chat/completions",
                {"messages", "temperature", "max_tokens"},
            )
        ],
        "Hello\nstop\n6\n",
    ),
    "stream_tools": (
        [
            (
                200,
                _events(
                    _chunk(
                        {
                            "role": "assistant",
                            **_tool_call(
                                id="call_1",
                                type="function",
                                function={"name": "get_weather", "arguments": ""},
                            ),
                        }
                    ),
                    _chunk(_tool_call(function={"arguments": '{"city": '})),
                    _chunk(_tool_call(function={"arguments": '"Paris"}'})),
                    _chunk({}, "tool_calls"),
                    {**_chunk({}), "choices": []},
                ),
                SSE,
            )
        ],
        [
            (
                "POST",
                f"{DEPLOYMENT}/chat/completions",
                {"messages", "tools", "tool_choice", "stream", "stream_options"},
            )
        ],
        "0 call_1 get_weather {'city': 'Paris'}\n",
    ),
    "structured_output": (
        [(200, _completion('{"name": "Ada", "age": 36}'), {})],
        [("POST", f"{DEPLOYMENT}/chat/completions", {"messages", "response_format"})],
        "Ada 36\n",
    ),
    "embeddings": (
        [
            (
                200,
                {
                    "object": "list",
                    "model": "text-embedding-3-small",
                    "data": [
                        {"index": 0, "object": "embedding", "embedding": [0.5, 0.25]},
                        {"index": 1, "object": "embedding", "embedding": [0.75, 1.0]},
                    ],
                    "usage": {"prompt_tokens": 4, "total_tokens": 4},
                },
                {},
            )
        ],
        [
            (
                "POST",
                "/openai/deployments/text-embedding-3-small/embeddings",
                {"input"},
            )
        ],
        "0 2 0.5\n1 2 0.75\n4\n",
    ),
    "transcription": (
        [
            (200, {"text": "hello world"}, {}),
            (200, "1\n00:00:00,000 --> 00:00:01,000\nhello world\n", {}),
        ],
        [
            ("POST", "/openai/deployments/whisper/audio/transcriptions", None),
            ("POST", "/openai/deployments/whisper/audio/transcriptions", None),
        ],
        "hello world\n1\n",
    ),
    "assistants": (
        [
            (200, _assistant(3), {}),
            (
                200,
                {
                    "object": "list",
                    "data": [_assistant(2), _assistant(1)],
                    "first_id": "asst_2",
                    "last_id": "asst_1",
                    "has_more": True,
                },
                {},
            ),
            (
                200,
                {
                    "object": "list",
                    "data": [_assistant(0)],
                    "first_id": "asst_0",
                    "last_id": "asst_0",
                    "has_more": False,
                },
                {},
            ),
        ],
        [
            (
                "POST",
                "/openai/assistants",
                {"model", "name", "instructions", "tools", "metadata"},
            ),
            ("GET", "/openai/assistants", None),
            ("GET", "/openai/assistants", None),
        ],
        "asst_3 Math tutor\n" + "".join(f"asst_{n} Math tutor\n" for n in (2, 1, 0)),
    ),
    "run_stream": (
        [(200, event_stream(run_events("Hello", " there")), SSE)],
        [("POST", f"/openai/threads/{THREAD}/runs", {"assistant_id", "stream"})],
        "run_abc123 queued\nHello there\ncompleted 42\n",
    ),
    "rate_limit": (
        [
            (
                429,
                {"error": {"code": "429", "message": "Rate limit reached"}},
                {"apim-request-id": "req-42", "x-request-id": "req-42"},
            )
        ],
        [("POST", f"{DEPLOYMENT}/chat/completions", {"messages"})],
        "429 req-42\n",
    ),
}


def _env(generated_root: Path, server: Loopback) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(generated_root),
        "AZURE_OPENAI_ENDPOINT": server.url,
        "AZURE_OPENAI_API_KEY": "test-key",
        "OPENAI_LOG": "",
    }


@pytest.mark.parametrize("twin", TWINS)
@pytest.mark.parametrize("script", sorted(CASES))
def test_script_runs_against_a_loopback_server(
    script: str,
    twin: str,
    scripts: dict[str, Path],
    generated_root: Path,
    server: Loopback,
    tmp_path: Path,
) -> None:
    replies, expected, output = CASES[script]
    for status, body, headers in replies:
        server.reply(status, body, headers)
    audio = tmp_path / "speech.wav"
    audio.write_bytes(b"RIFF....WAVEfmt ")
    result = subprocess.run(
        [sys.executable, str(scripts[twin] / f"{script}.py"), str(audio)],
        capture_output=True,
        text=True,
        env=_env(generated_root, server),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout == output
    assert len(server.requests) == len(expected)
    for request, (method, path, keys) in zip(server.requests, expected):
        assert (request.method, request.path) == (method, path)
        assert request.headers["api-key"] == "test-key"
        assert request.query["api-version"] == ["2025-01-01-preview"]
        if keys is not None:
            sent = set(request.json())
            # openai also sends the deployment as `model`, and its own defaults
            assert sent == keys if twin == "sdkgen" else keys <= sent
    if script == "transcription":
        for request in server.requests:
            assert request.headers["content-type"].startswith("multipart/form-data")
            assert b'filename="speech.wav"' in request.body
    if script == "assistants":
        assert server.requests[2].query["after"] == ["asst_1"]


@pytest.mark.parametrize("twin", TWINS)
def test_scripts_pass_mypy_strict(
    twin: str, scripts: dict[str, Path], generated_root: Path, tmp_path: Path
) -> None:
    found = mypy_strict([scripts[twin]], [generated_root], tmp_path / "cache")
    assert found == ""


@pytest.mark.parametrize("twin", TWINS)
def test_scripts_pass_pyright(
    twin: str, scripts: dict[str, Path], generated_root: Path, tmp_path: Path
) -> None:
    files = sorted(scripts[twin].glob("*.py"))
    assert pyright_errors(files, [generated_root], tmp_path) == []
