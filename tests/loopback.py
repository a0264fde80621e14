"""A real HTTP server on 127.0.0.1 that records requests and answers from a queue."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    raw_query: str = ""
    peer_port: int = 0  # the client's side of the connection: equal on a reused one

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Reply:
    status: int = 200
    body: bytes | str | dict | list | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    # Set: the headers go out at once, the body only once the event is set.
    hold_body: threading.Event | None = None

    def encoded(self) -> tuple[bytes, str]:
        if isinstance(self.body, (dict, list)):
            return json.dumps(self.body).encode(), "application/json"
        if isinstance(self.body, str):
            return self.body.encode(), "text/plain; charset=utf-8"
        return self.body or b"", "application/octet-stream"


class Loopback:
    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.replies: list[Reply] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # headers and body in one segment: no Nagle/delayed-ACK stall per request
            disable_nagle_algorithm = True
            wbufsize = 1 << 16

            def log_message(self, *args: Any) -> None:
                pass

            def handle_one(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                split = urlsplit(self.path)
                owner.requests.append(
                    Recorded(
                        self.command,
                        split.path,
                        parse_qs(split.query, keep_blank_values=True),
                        {k.lower(): v for k, v in self.headers.items()},
                        body,
                        split.query,
                        self.client_address[1],
                    )
                )
                if owner.replies:
                    reply = owner.replies.pop(0)
                else:
                    reply = Reply(500, {"error": "no reply queued"})
                if reply.delay:
                    time.sleep(reply.delay)
                payload, content_type = reply.encoded()
                self.send_response(reply.status)
                headers = {"content-type": content_type, **reply.headers}
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                try:
                    if reply.hold_body is not None:
                        self.wfile.flush()
                        reply.hold_body.wait(timeout=10)
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client hung up first (a timeout test)

            do_GET = do_POST = do_DELETE = do_PUT = do_PATCH = handle_one
            # QUERY (OpenAPI 3.2) and PURGE (an `additionalOperations` method)
            do_QUERY = do_PURGE = handle_one

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        # a short poll: stopping the server waits for the loop's next turn
        self.thread = threading.Thread(
            target=self.server.serve_forever,
            kwargs={"poll_interval": 0.02},
            daemon=True,
        )

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def reply(
        self,
        status: int = 200,
        body: Any = None,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
        hold_body: threading.Event | None = None,
    ) -> None:
        self.replies.append(Reply(status, body, headers or {}, delay, hold_body))

    def last(self) -> Recorded:
        return self.requests[-1]

    def __enter__(self) -> Loopback:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()
