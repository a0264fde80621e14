"""A chat completion."""

import os

from azure_openai import Client

client = Client(
    endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
    api_version="2025-01-01-preview",
)
reply = client.chat.completions.create(
    deployment_id="gpt-4o",
    messages=[
        {"role": "system", "content": "You answer in one word."},
        {"role": "user", "content": "Hi"},
    ],
    temperature=0.2,
    max_tokens=20,
)
print(reply.choices[0].message.content)
print(reply.choices[0].finish_reason)
if reply.choices[0].finish_reason == "stop" and reply.usage is not None:
    print(reply.usage.total_tokens)
