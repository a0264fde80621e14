"""Generated client runtime beside openai.AzureOpenAI, same loopback server, same run.

- round trip: per-request wall time of a small chat completion over HTTP;
- parse: turning a large chat completion (200 choices with tool calls and logprobs) into
  typed objects, without the network;
- streaming: SSE chunks parsed per second through a real HTTP stream.

The server runs in its own process so it does not share the clients' GIL.

    python bench/runtime.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
VERSION = "2025-01-01-preview"

SERVER = r"""
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
payloads = {"/small": (open(sys.argv[1], "rb").read(), "application/json"),
            "/large": (open(sys.argv[2], "rb").read(), "application/json"),
            "/stream": (open(sys.argv[3], "rb").read(), "text/event-stream")}
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # headers and body leave in one segment: no Nagle/delayed-ACK stall per request
    disable_nagle_algorithm = True
    wbufsize = 1 << 16
    def log_message(self, *a): pass
    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length") or 0))
        model = self.path.split("/deployments/")[1].split("/")[0]
        body, ctype = payloads["/" + model]
        self.send_response(200)
        self.send_header("content-type", ctype)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
server = ThreadingHTTPServer(("127.0.0.1", 0), H)
print(server.server_address[1], flush=True)
server.serve_forever()
"""


def chat(choices: int, with_tools: bool) -> dict[str, Any]:
    def choice(i: int) -> dict[str, Any]:
        message: dict[str, Any] = {
            "role": "assistant",
            "content": f"answer {i} " * 8,
            "refusal": None,
        }
        logprobs = None
        if with_tools:
            message["tool_calls"] = [
                {
                    "id": f"call_{i}_{j}",
                    "type": "function",
                    "function": {
                        "name": "lookup",
                        "arguments": json.dumps({"q": i, "j": j}),
                    },
                }
                for j in range(3)
            ]
            logprobs = {
                "content": [
                    {
                        "token": f"t{k}",
                        "logprob": -0.1 * k,
                        "bytes": [116, 48 + k % 10],
                        "top_logprobs": [
                            {"token": f"a{k}", "logprob": -1.0, "bytes": [97]}
                        ],
                    }
                    for k in range(10)
                ],
                "refusal": None,
            }
        return {
            "index": i,
            "finish_reason": "stop",
            "message": message,
            "logprobs": logprobs,
        }

    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1,
        "model": "gpt-4o",
        "system_fingerprint": "fp",
        "choices": [choice(i) for i in range(choices)],
        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
    }


def sse_body(chunks: int) -> bytes:
    lines = []
    for i in range(chunks):
        chunk = {
            "id": "c",
            "object": "chat.completion.chunk",
            "created": 1,
            "model": "gpt-4o",
            "choices": [
                {"index": 0, "delta": {"content": f"tok{i} "}, "finish_reason": None}
            ],
        }
        lines.append(f"data: {json.dumps(chunk)}\n\n")
    lines.append("data: [DONE]\n\n")
    return "".join(lines).encode()


def best_of(rounds: int, fn: Callable[[], Any]) -> list[float]:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--chunks", type=int, default=5000)
    args = parser.parse_args()

    import openai

    work = Path(tempfile.mkdtemp(prefix="sdkgen-runtime-"))
    subprocess.run(
        [str(ROOT / ".venv/bin/sdkgen"), "generate", VERSION, "--out", str(work)],
        check=True,
        capture_output=True,
    )
    sys.path.insert(0, str(work))
    pkg = __import__("azure_openai_" + VERSION.replace("-", "_"))
    from openai._models import construct_type
    from openai.types.chat import ChatCompletion

    small, large = work / "small.json", work / "large.json"
    small.write_text(json.dumps(chat(1, False)))
    large_bytes = json.dumps(chat(200, True)).encode()
    large.write_bytes(large_bytes)
    stream = work / "stream.txt"
    stream.write_bytes(sse_body(args.chunks))
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(small), str(large), str(stream)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        port = int(server.stdout.readline())
        url = f"http://127.0.0.1:{port}"
        theirs = openai.AzureOpenAI(
            azure_endpoint=url, api_key="k", api_version=VERSION, max_retries=0
        )
        ours = pkg.Client(endpoint=url, api_key="k", max_retries=0)
        messages = [{"role": "user", "content": "hi"}]
        cases = {
            "round trip (s/request)": (
                lambda: [
                    theirs.chat.completions.create(model="small", messages=messages)
                    for _ in range(args.requests)
                ],
                lambda: [
                    ours.chat.completions.create(
                        deployment_id="small", messages=messages
                    )
                    for _ in range(args.requests)
                ],
                args.requests,
            ),
            "parse 200 choices (s)": (
                lambda: construct_type(
                    type_=ChatCompletion, value=json.loads(large_bytes)
                ),
                lambda: pkg._types.parse_json(
                    pkg.models.CreateChatCompletionResponse, large_bytes
                ),
                1,
            ),
            "large response round trip (s)": (
                lambda: theirs.chat.completions.create(
                    model="large", messages=messages
                ),
                lambda: ours.chat.completions.create(
                    deployment_id="large", messages=messages
                ),
                1,
            ),
            "stream (s/chunk)": (
                lambda: sum(
                    1
                    for _ in theirs.chat.completions.create(
                        model="stream", messages=messages, stream=True
                    )
                ),
                lambda: sum(
                    1
                    for _ in ours.chat.completions.create(
                        deployment_id="stream", messages=messages, stream=True
                    )
                ),
                args.chunks,
            ),
        }
        print(
            f"generated client vs openai {openai.__version__}, {args.rounds} rounds, median"
        )
        results = {}
        for name, (their_fn, our_fn, per) in cases.items():
            their_fn(), our_fn()  # warm-up
            their, our = [], []
            for _ in range(args.rounds):  # alternate the two
                their += best_of(1, their_fn)
                our += best_of(1, our_fn)
            t, o = statistics.median(their) / per, statistics.median(our) / per
            results[name] = {"openai": t, "sdkgen": o, "speedup": t / o}
            print(
                f"  {name:30s} openai {t * 1e3:9.4f} ms   sdkgen {o * 1e3:9.4f} ms   x{t / o:5.2f}"
            )
        chunk_rate = {
            k: 1 / v for k, v in results["stream (s/chunk)"].items() if k != "speedup"
        }
        print(
            f"  SSE chunks/s: openai {chunk_rate['openai']:,.0f}   sdkgen {chunk_rate['sdkgen']:,.0f}"
        )
        out = ROOT / "bench" / "results"
        out.mkdir(exist_ok=True)
        (out / "runtime.json").write_text(json.dumps(results, indent=2))
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
