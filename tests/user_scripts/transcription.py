"""An audio file uploaded for transcription."""

import os
import sys
from pathlib import Path

from azure_openai import Client

client = Client(
    endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
    api_version="2025-01-01-preview",
)
with Path(sys.argv[1]).open("rb") as audio:
    transcript = client.audio.transcriptions.create(
        deployment_id="whisper", file=audio, language="en"
    )
print(transcript.text)
with Path(sys.argv[1]).open("rb") as audio:
    subtitles = client.audio.transcriptions.create(
        deployment_id="whisper", file=audio, response_format="srt"
    )
print(subtitles.splitlines()[0])
