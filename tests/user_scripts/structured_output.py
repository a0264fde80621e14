"""Structured output: a json_schema response format, the reply parsed as JSON."""

import json
import os

from azure_openai import Client

client = Client(
    endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
    api_version="2025-01-01-preview",
)
reply = client.chat.completions.create(
    deployment_id="gpt-4o",
    messages=[{"role": "user", "content": "Invent a person."}],
    response_format={
        "type": "json_schema",
        "json_schema": {
            "name": "person",
            "strict": True,
            "schema": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "age": {"type": "integer"},
                },
                "required": ["name", "age"],
                "additionalProperties": False,
            },
        },
    },
)
content = reply.choices[0].message.content
assert content is not None
person = json.loads(content)
print(person["name"], person["age"])
