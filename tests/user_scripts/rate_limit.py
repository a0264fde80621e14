"""A 429 caught as a typed error, with its status and request id."""

import os

from azure_openai import Client, RateLimitError

client = Client(
    endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
    api_version="2025-01-01-preview",
    max_retries=0,
)
try:
    client.chat.completions.create(
        deployment_id="gpt-4o", messages=[{"role": "user", "content": "Hi"}]
    )
except RateLimitError as error:
    print(error.status_code, error.request_id)
