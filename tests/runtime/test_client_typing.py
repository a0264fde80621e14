"""The client conveniences type-check in user code the way openai's do: a user script
run through `mypy --strict`, its types pinned with `assert_type` (errors inside the
generated package are the surface tests' concern, so imports are followed silently)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from real_specs import PROJECT

PACKAGE = PROJECT.package.import_name

USER_SCRIPT = f"""
import asyncio
from pathlib import Path
from typing import Iterator, assert_type

from {PACKAGE} import (
    AsyncClient,
    AsyncStreamedResponse,
    Client,
    ConfigurationError,
    StreamedResponse,
)
from {PACKAGE}.models import EmbeddingsCreateResponse


class TracedClient(Client):
    pass


def sync_calls() -> None:
    client = Client(azure_deployment="ada", default_query={{"trace": "1"}})
    quick = client.with_options(timeout=5.0, max_retries=0)
    assert_type(quick, Client)
    assert_type(TracedClient(api_key="k").with_options(api_key="k2"), TracedClient)
    with TracedClient(api_key="k") as traced:
        assert_type(traced, TracedClient)

    result = quick.embeddings.create(input="hi")
    assert_type(result, EmbeddingsCreateResponse)
    assert_type(result._request_id, str | None)
    assert_type(result.to_dict(), dict[str, object])
    assert_type(result.to_json(indent=None, exclude_none=True), str)

    with client.embeddings.with_streaming_response.create(input="hi") as response:
        assert_type(response, StreamedResponse[EmbeddingsCreateResponse])
        assert_type(response.status_code, int)
        assert_type(response.request_id, str | None)
        assert_type(response.iter_lines(), Iterator[str])
        assert_type(response.parse(), EmbeddingsCreateResponse)
        response.stream_to_file(Path("embeddings.json"))


async def async_calls() -> None:
    async with AsyncClient(token_provider=lambda: "token") as client:
        assert_type(client.with_options(max_retries=1), AsyncClient)
        streaming = client.embeddings.with_streaming_response
        async with streaming.create(input="hi") as response:
            assert_type(response, AsyncStreamedResponse[EmbeddingsCreateResponse])
            assert_type(await response.parse(), EmbeddingsCreateResponse)
            async for line in response.iter_lines():
                assert_type(line, str)


try:
    sync_calls()
    asyncio.run(async_calls())
except ConfigurationError as error:
    print(error)
"""


def test_the_conveniences_type_check_under_mypy_strict(
    generated_root: Path, tmp_path: Path
) -> None:
    script = tmp_path / "user_script.py"
    script.write_text(USER_SCRIPT, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--follow-imports=silent",
            "--no-incremental",
            "--cache-dir",
            "/dev/null",
            str(script),
        ],
        capture_output=True,
        text=True,
        env={"MYPYPATH": str(generated_root), "PATH": ""},
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout
