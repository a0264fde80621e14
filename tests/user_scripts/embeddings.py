"""Embeddings of two texts."""

import os

from azure_openai import Client

client = Client(
    endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
    api_version="2025-01-01-preview",
)
result = client.embeddings.create(
    deployment_id="text-embedding-3-small", input=["first text", "second text"]
)
for item in result.data:
    print(item.index, len(item.embedding), item.embedding[0])
print(result.usage.total_tokens)
