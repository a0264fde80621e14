"""An audio file uploaded for transcription."""

import os
import sys
from pathlib import Path

from azure_openai_2025_01_01_preview import Client

client = Client(
    endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
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
