"""Embeddings of two texts."""

import os

from azure_openai_2025_01_01_preview import Client

client = Client(
    endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
)
result = client.embeddings.create(
    deployment_id="text-embedding-3-small", input=["first text", "second text"]
)
for item in result.data:
    print(item.index, len(item.embedding), item.embedding[0])
print(result.usage.total_tokens)
