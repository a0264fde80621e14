"""Run by a fresh venv's Python holding only the built azure-openai-inference wheel
and its declared dependencies: the package imports by its stable name and its
runtime works over a real socket (a call per api-version, a stream, pages, an
error, models dumped). Standard library, the package and tests/loopback.py only.

    python distribution_smoke.py IMPORT_NAME DISTRIBUTION VERSION
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loopback import Loopback  # noqa: E402

CHAT = {
    "id": "c1",
    "object": "chat.completion",
    "created": 1,
    "model": "m",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"}}],
}


def main() -> None:
    import_name, distribution, version = sys.argv[1:4]
    sdk = importlib.import_module(import_name)
    assert sdk.__version__ == version, sdk.__version__
    assert Path(sdk.__file__).parent.joinpath("py.typed").is_file()
    with Loopback() as server:
        for api_version in sdk.API_VERSIONS:
            client = sdk.Client(
                endpoint=server.url, api_key="k", api_version=api_version
            )
            server.reply(200, CHAT)
            reply = client.chat.completions.create(
                deployment_id="d", messages=[{"role": "user", "content": "Hi"}]
            )
            assert reply.choices[0].message.content == "hi"
            sent = server.last()
            assert sent.query["api-version"] == [api_version], sent.query
            agent = sent.headers["user-agent"]
            assert agent.startswith(f"{distribution}/{version} Python/"), agent
        client = sdk.Client(endpoint=server.url, api_key="k", max_retries=0)
        chunk = dict(CHAT, object="chat.completion.chunk")
        chunk["choices"] = [{"index": 0, "delta": {"content": "x"}}]
        events = f"data: {json.dumps(chunk)}\n\ndata: [DONE]\n\n"
        server.reply(200, events, {"content-type": "text/event-stream"})
        stream = client.chat.completions.create(
            deployment_id="d", messages=[{"role": "user", "content": "Hi"}], stream=True
        )
        assert [c.choices[0].delta.content for c in stream] == ["x"]
        page = {"object": "list", "data": [], "has_more": False}
        server.reply(200, page)
        assert list(client.assistants.list(limit=1)) == []
        server.reply(429, {"error": {"code": "429", "message": "slow down"}})
        try:
            client.assistants.list()
        except sdk.RateLimitError as error:
            assert error.status_code == 429
        else:
            raise AssertionError("a 429 raised nothing")
    message = sdk.models.ChatCompletionRequestUserMessage(role="user", content="x")
    assert message.to_dict() == {"role": "user", "content": "x"}
    print("distribution smoke: ok")


if __name__ == "__main__":
    main()
