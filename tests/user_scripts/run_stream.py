"""A run streamed: its events handled by name, the reply printed as it arrives."""

import os

from azure_openai import Client

client = Client(
    endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
    api_version="2025-01-01-preview",
)
stream = client.threads.runs.create(
    thread_id="thread_abc123", assistant_id="asst_abc123", stream=True
)
for event in stream:
    if event.event == "thread.run.created":
        print(event.data.id, event.data.status)
    elif event.event == "thread.message.delta":
        for part in event.data.delta.content or []:
            if part.type == "text" and part.text and part.text.value:
                print(part.text.value, end="")
    elif event.event == "thread.run.completed":
        usage = event.data.usage
        print()
        print(event.data.status, usage.total_tokens if usage else 0)
