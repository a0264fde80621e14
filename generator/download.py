"""Downloading over http(s): a size limit, a deadline for the whole body, and redirects
followed only where the caller allows. Used for pinned specs and remote `$ref`s."""

from __future__ import annotations

import time
from typing import Any, Callable

DEFAULT_TIMEOUT = 30.0  # seconds for the whole download, not per read
DEFAULT_MAX_BYTES = 64 * 1024 * 1024  # the largest Azure OpenAI spec is under 1 MiB
_CHUNK = 1 << 16


class DownloadFailed(Exception):
    """Why a download failed, in one line; the caller names the URL."""


def is_url(source: str) -> bool:
    return source[:8].lower().startswith(("http://", "https://"))


def download(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    may_follow: Callable[[str], bool] = is_url,
) -> bytes:
    """The body of a 200 response to GET `url`, or DownloadFailed saying why not."""
    import urllib.error  # only a download pays for importing urllib
    import urllib.request

    if not is_url(url):
        raise DownloadFailed("not an http(s) URL")
    deadline = time.monotonic() + timeout
    opener = urllib.request.build_opener(_redirects(urllib.request, may_follow))
    request = urllib.request.Request(url, headers={"User-Agent": "sdkgen"})
    try:
        with opener.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise DownloadFailed(f"larger than {max_bytes} bytes")
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read1(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise DownloadFailed(f"larger than {max_bytes} bytes")
                if time.monotonic() > deadline:
                    raise TimeoutError
                chunks.append(chunk)
            return b"".join(chunks)
    except urllib.error.HTTPError as exc:
        raise DownloadFailed(f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise DownloadFailed(_timed_out(timeout)) from None
        raise DownloadFailed(_reason(exc.reason)) from None
    except TimeoutError:
        raise DownloadFailed(_timed_out(timeout)) from None
    except (OSError, ValueError) as exc:  # a reset connection, a malformed URL
        raise DownloadFailed(_reason(exc)) from None


def _redirects(request: Any, may_follow: Callable[[str], bool]) -> Any:
    """A redirect handler that follows only what `may_follow` allows (urllib's own
    would follow any http, https or ftp URL)."""

    class Redirects(request.HTTPRedirectHandler):  # type: ignore[misc]
        def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
            if not (is_url(newurl) and may_follow(newurl)):
                raise DownloadFailed(f"redirected to {newurl}, not allowed")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return Redirects


def _timed_out(timeout: float) -> str:
    return f"timed out after {timeout:g} s"


def _reason(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__
