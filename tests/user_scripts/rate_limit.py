"""A 429 caught as a typed error, with its status and request id."""

import os

from azure_openai_2025_01_01_preview import Client, RateLimitError

client = Client(
    endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
    max_retries=0,
)
try:
    client.chat.completions.create(
        deployment_id="gpt-4o", messages=[{"role": "user", "content": "Hi"}]
    )
except RateLimitError as error:
    print(error.status_code, error.request_id)
