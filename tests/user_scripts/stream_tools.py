"""A streamed chat completion whose tool calls are accumulated from the deltas."""

import json
import os

from azure_openai import Client

client = Client(
    endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
    api_version="2025-01-01-preview",
)
stream = client.chat.completions.create(
    deployment_id="gpt-4o",
    messages=[{"role": "user", "content": "What is the weather in Paris?"}],
    tools=[
        {
            "type": "function",
            "function": {
                "name": "get_weather",
                "description": "The weather in a city.",
                "parameters": {
                    "type": "object",
                    "properties": {"city": {"type": "string"}},
                    "required": ["city"],
                },
            },
        }
    ],
    tool_choice="auto",
    stream=True,
    stream_options={"include_usage": True},
)
calls: dict[int, dict[str, str]] = {}
for chunk in stream:
    if not chunk.choices:
        continue
    delta = chunk.choices[0].delta
    if delta.content:
        print(delta.content, end="")
    for call in delta.tool_calls or []:
        entry = calls.setdefault(call.index, {"id": "", "name": "", "arguments": ""})
        if call.id:
            entry["id"] = call.id
        if call.function and call.function.name:
            entry["name"] += call.function.name
        if call.function and call.function.arguments:
            entry["arguments"] += call.function.arguments
for index, entry in sorted(calls.items()):
    print(index, entry["id"], entry["name"], json.loads(entry["arguments"]))
