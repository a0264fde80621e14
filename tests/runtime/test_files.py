"""Files over real sockets: multipart uploads from a path, a handle or bytes, and text
and binary responses, a binary one streamed to a file (sync and async)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from loopback import Loopback


def test_multipart_upload_text_and_binary_responses(
    pkg: Any, server: Loopback, tmp_path: Path
) -> None:
    client = pkg.Client(endpoint=server.url, api_key="k")
    audio = tmp_path / "speech.wav"
    audio.write_bytes(b"RIFF-audio")
    server.reply(200, "hello there")
    text = client.audio.transcriptions.create(
        deployment_id="whisper", file=audio, response_format="text", temperature=0.5
    )
    request = server.last()
    assert text == "hello there"
    assert request.path == "/openai/deployments/whisper/audio/transcriptions"
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert (
        b'name="file"; filename="speech.wav"' in request.body
        and b"RIFF-audio" in request.body
    )
    assert b'name="response_format"\r\n\r\ntext\r\n' in request.body
    assert b'name="temperature"\r\n\r\n0.5\r\n' in request.body

    server.reply(200, {"text": "hello"})
    with audio.open("rb") as handle:
        result = client.audio.translations.create(deployment_id="whisper", file=handle)
    assert result.text == "hello"
    assert b'filename="speech.wav"' in server.last().body

    server.reply(200, {"text": "raw"})
    client.audio.transcriptions.create(deployment_id="whisper", file=b"bytes-audio")
    assert b'filename="upload"' in server.last().body

    server.reply(200, b"ID3-mp3-bytes", {"content-type": "application/octet-stream"})
    speech = client.audio.speech.create(deployment_id="tts", input="Hi", voice="fable")
    assert speech == b"ID3-mp3-bytes"
    assert server.last().headers["content-type"].startswith("multipart/form-data")


def test_binary_response_streams_to_a_file(
    pkg: Any, server: Loopback, tmp_path: Path
) -> None:
    audio = bytes(range(256)) * 4096  # 1 MiB
    server.reply(200, audio, {"content-type": "audio/mpeg"})
    client = pkg.Client(endpoint=server.url, api_key="k")
    raw = client.audio.speech.with_raw_response.create(
        deployment_id="tts", input="Hi", voice="fable"
    )
    assert raw.status_code == 200 and not raw.http_response.is_stream_consumed
    raw.stream_to_file(tmp_path / "speech.mp3")
    assert (
        tmp_path / "speech.mp3"
    ).read_bytes() == audio and raw.http_response.is_closed

    server.reply(200, audio, {"content-type": "audio/mpeg"})

    async def fetch() -> Any:
        async with pkg.AsyncClient(endpoint=server.url, api_key="k") as client:
            raw = await client.audio.speech.with_raw_response.create(
                deployment_id="tts", input="Hi", voice="fable"
            )
            await raw.astream_to_file(tmp_path / "async.mp3")
            return raw

    assert asyncio.run(fetch()).status_code == 200
    assert (tmp_path / "async.mp3").read_bytes() == audio
