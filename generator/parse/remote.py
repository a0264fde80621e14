"""Fetching a remote `$ref` target over http(s), only from allowed hosts, within a
time and size limit. Nothing here runs unless a remote ref was explicitly allowed."""

from __future__ import annotations

from typing import Any

# Limits of one fetch; the --allow-remote-refs help states them.
TIMEOUT_SECONDS = 10.0
MAX_BYTES = 10 * 1024 * 1024


class RemoteRefused(Exception):
    """Why a remote document was not fetched (one line, for the error message)."""


def host_allowed(url: str, hosts: tuple[str, ...]) -> bool:
    from urllib.parse import urlsplit

    split = urlsplit(url)
    return split.scheme in ("http", "https") and (
        "*" in hosts or (split.hostname or "") in hosts
    )


def fetch(url: str, hosts: tuple[str, ...], timeout: float, max_bytes: int) -> bytes:
    import urllib.error
    import urllib.request

    class Redirects(urllib.request.HTTPRedirectHandler):
        """Follows a redirect only to an allowed host (the allow-list holds there too)."""

        def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:  # type: ignore[override]
            if not host_allowed(newurl, hosts):
                raise RemoteRefused(f"redirected to {newurl}, a host not allowed")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    opener = urllib.request.build_opener(Redirects)
    request = urllib.request.Request(url, headers={"User-Agent": "sdkgen"})
    try:
        with opener.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise RemoteRefused(f"larger than {max_bytes} bytes")
            payload: bytes = response.read(max_bytes + 1)
    except urllib.error.HTTPError as exc:
        raise RemoteRefused(f"HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise RemoteRefused(f"fetch failed: {reason}") from None
    if len(payload) > max_bytes:
        raise RemoteRefused(f"larger than {max_bytes} bytes")
    return payload
