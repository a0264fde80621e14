"""An assistant created, then every assistant listed page by page."""

import os

from azure_openai import Client

client = Client(
    endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
    api_version="2025-01-01-preview",
)
assistant = client.assistants.create(
    model="gpt-4o",
    name="Math tutor",
    instructions="You are a personal math tutor.",
    tools=[{"type": "code_interpreter"}],
    metadata={"team": "math"},
)
print(assistant.id, assistant.name)
for listed in client.assistants.list(order="desc", limit=2):
    print(listed.id, listed.name)
