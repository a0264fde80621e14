"""Stoplight Prism (`prism mock`) on a loopback port, started and stopped by the tests.

Prism is pinned in the repo's package.json/package-lock.json and installed into
node_modules by `make test` (`make node-tools`). A missing install is an error that
says what to run, never a skip.
"""

from __future__ import annotations

import atexit
import json
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

REPO_ROOT = Path(__file__).resolve().parent.parent
PRISM = REPO_ROOT / "node_modules" / ".bin" / "prism"
BOOT_TIMEOUT = 120.0  # seconds; a loaded 2-core machine boots eight at once


def prism_command() -> list[str]:
    if shutil.which("node") is None:
        raise RuntimeError(
            "node not found: install Node.js 20+ with npm (Debian: apt-get install "
            "nodejs npm), then `make node-tools`"
        )
    if not PRISM.exists():
        raise RuntimeError(
            f"{PRISM} missing: run `make node-tools` (npm ci installs "
            "@stoplight/prism-cli as package-lock.json pins it)"
        )
    return [str(PRISM), "mock"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PrismMock:
    """One `prism mock` process serving one spec; static examples, or `-d` dynamic
    responses (seeded, so a rerun answers alike)."""

    def __init__(self, spec: dict[str, Any], dynamic: bool, name: str) -> None:
        self.dynamic = dynamic
        self.name = name
        self.folder = Path(tempfile.mkdtemp(prefix="sdkgen-prism-"))
        self.spec_file = self.folder / "spec.json"
        self.spec_file.write_text(json.dumps(spec), encoding="utf-8")
        self.log_file = self.folder / "prism.log"
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.port = _free_port()
        command = prism_command() + [str(self.spec_file), "-h", "127.0.0.1"]
        command += ["-p", str(self.port), "-v", "warn"]
        if self.dynamic:
            command += ["-d", "--seed", "sdkgen"]
        with open(self.log_file, "wb") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
        atexit.register(self.stop)  # even when a test run is cut short

    def wait_ready(self) -> None:
        assert self.process is not None
        deadline = time.monotonic() + BOOT_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"prism mock for {self.name} exited with {self.process.returncode}:"
                    f" {self.log_tail()}"
                )
            try:
                httpx.get(self.url + "/", timeout=1.0)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError(
            f"prism mock for {self.name} did not start: {self.log_tail()}"
        )

    def log_tail(self) -> str:
        text = self.log_file.read_text(encoding="utf-8", errors="replace")
        return " | ".join(text.strip().splitlines()[-5:])

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def start_all(mocks: list[PrismMock]) -> None:
    """Boots every mock at once (each takes seconds), stopping all if one fails."""
    try:
        for mock in mocks:
            mock.start()
        for mock in mocks:
            mock.wait_ready()
    except BaseException:
        stop_all(mocks)
        raise


def stop_all(mocks: list[PrismMock]) -> None:
    for mock in mocks:
        mock.stop()


def violations(response: httpx.Response, side: str) -> list[str]:
    """Prism's findings for one exchange (its `sl-violations` header), for the request
    or the response side: `location: message` each."""
    raw = response.headers.get("sl-violations")
    found = json.loads(raw) if raw else []
    return [
        f"{'.'.join(str(p) for p in v['location'][1:])}: {v['message']}"
        for v in found
        if v["location"] and v["location"][0] == side
    ]


def for_prism(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec as Prism can serve it, meaning unchanged:
    - `x-ms-examples` left out: vendor data pointing at example files the pin does not
      carry (Prism resolves every $ref, even inside an extension, and stops on one);
    - paths under the server's base path (`/openai/deployments/...`), the full path
      the client sends (Prism matches paths alone, ignoring `servers`);
    - a typeless `nullable: true` (3.0's keyword, which Azure writes in its 3.1 files
      too, and which Prism's validator ajv honours wherever it appears) written as
      `anyOf [schema, {type: null}]`: ajv cannot compile `nullable` without `type`,
      and Prism then silently skips validating the whole schema, accepting anything."""
    servers = spec.get("servers") or [{"url": ""}]
    url = servers[0]["url"].replace("{", "").replace("}", "")
    base = urlsplit(url).path.rstrip("/")

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        out = {k: walk(v) for k, v in node.items() if k != "x-ms-examples"}
        if out.get("nullable") is True and "type" not in out:
            del out["nullable"]
            return {"anyOf": [out, {"type": "null"}]}
        return out

    derived = walk(spec)
    derived["paths"] = {base + path: item for path, item in derived["paths"].items()}
    return derived
