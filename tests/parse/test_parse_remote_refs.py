"""Remote `$ref`s, fetched from a real loopback server: refused unless their host is
allowed, fetched with the refs relative to them, and held to their size, time and
redirect limits."""

from __future__ import annotations

import importlib
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

import pytest

from generator.parse.refs import RefPolicy
from multi_file import error_of, get_returning, root_spec, write_tree
from robustness.robust_support import refused, sdkgen


class _Files(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: Any, client_address: Any) -> None:
        # a client that gave up (the timeout and size cases) closed its end early
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture
def remote(tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server of pet.yaml, which refers to ./tags.yaml: (base URL,
    the paths it was asked for). /slow answers after 2 s; /moved redirects to
    `localhost`, a host name the tests do not allow."""
    folder = tmp_path / "site"
    write_tree(
        folder,
        {
            "pet.yaml": {
                "type": "object",
                "properties": {"tag": {"$ref": "./tags.yaml#/Tag"}},
            },
            "tags.yaml": {"Tag": {"type": "string", "enum": ["a", "b"]}},
        },
    )
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            asked.append(self.path)
            if self.path == "/slow":
                time.sleep(2)
            if self.path == "/moved":
                self.send_response(302)
                port = self.server.server_address[1]
                self.send_header("Location", f"http://localhost:{port}/pet.yaml")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = folder / self.path.lstrip("/")
            body = target.read_bytes() if target.is_file() else b""
            self.send_response(200 if target.is_file() else 404)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = _Files(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()


def remote_spec(tmp_path: Path, url: str) -> Path:
    return write_tree(
        tmp_path / "spec",
        {"openapi.yaml": root_spec({"/pets": get_returning({"$ref": url})})},
    )


def test_remote_refs_are_refused_without_the_opt_in(
    remote: tuple[str, list[str]], tmp_path: Path
) -> None:
    base, asked = remote
    root = remote_spec(tmp_path, f"{base}/pet.yaml")
    assert refused(str(root), tmp_path, tmp_path / "out") == (
        f"sdkgen: error: {root}#/paths/~1pets/get/responses/200/content/"
        f"application~1json/schema/$ref: remote $ref {base}/pet.yaml not fetched; "
        "pass --allow-remote-refs 127.0.0.1 to fetch it\n"
    )
    assert "not fetched" in error_of(root, RefPolicy(remote_hosts=("example.com",)))
    assert asked == []


def test_allowed_remote_refs_are_fetched_with_their_relative_refs(
    remote: tuple[str, list[str]], tmp_path: Path
) -> None:
    base, asked = remote
    root = remote_spec(tmp_path, f"{base}/pet.yaml")
    out = tmp_path / "out"
    result = sdkgen(
        "generate",
        str(root),
        "--out",
        str(out),
        "--package",
        "remote_pets",
        "--allow-remote-refs",
        "example.com,127.0.0.1",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert asked == ["/pet.yaml", "/tags.yaml"]
    sys.path.insert(0, str(out))
    try:
        models = importlib.import_module("remote_pets.models")
    finally:
        sys.path.remove(str(out))
    assert models.Pet.model_validate({"tag": "a"}).tag == models.Tag.A


@pytest.mark.parametrize(
    ("path", "policy", "message"),
    [
        ("/pet.yaml", RefPolicy(("127.0.0.1",), max_bytes=50), "larger than 50 bytes"),
        ("/slow", RefPolicy(("127.0.0.1",), timeout=0.3), "timed out after 0.3 s"),
        (
            "/moved",
            RefPolicy(("127.0.0.1",)),
            "redirected to http://localhost:{port}/pet.yaml, not allowed",
        ),
        ("/absent.yaml", RefPolicy(("127.0.0.1",)), "HTTP 404 Not Found"),
    ],
    ids=["size", "timeout", "redirect", "missing"],
)
def test_remote_fetches_stay_within_their_limits(
    remote: tuple[str, list[str]],
    tmp_path: Path,
    path: str,
    policy: RefPolicy,
    message: str,
) -> None:
    base, asked = remote
    root = remote_spec(tmp_path, base + path)
    port = base.rpartition(":")[2]
    assert error_of(root, policy).endswith(
        f"remote $ref {base}{path}: {message.format(port=port)}"
    )
    assert asked == [path]
