"""Downloading a spec: http(s) only, a size limit and a deadline for the whole body."""

from __future__ import annotations

import time
from typing import Any

from .errors import UserError

DEFAULT_TIMEOUT = 30.0  # seconds for the whole download, not per read
DEFAULT_MAX_BYTES = 64 * 1024 * 1024  # the largest Azure OpenAI spec is under 1 MiB
_CHUNK = 1 << 16


def is_url(source: str) -> bool:
    return source[:8].lower().startswith(("http://", "https://"))


def download(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> bytes:
    """The body of a 200 response to GET `url`; any failure is a UserError naming it."""
    import urllib.error  # only a download pays for importing urllib
    import urllib.request

    if not is_url(url):
        raise UserError(url, "not an http(s) URL")
    deadline = time.monotonic() + timeout
    opener = urllib.request.build_opener(_http_only_redirects(urllib.request))
    request = urllib.request.Request(url, headers={"User-Agent": "sdkgen"})
    try:
        with opener.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise UserError(url, _too_large(max_bytes, f"{declared} bytes"))
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read1(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise UserError(url, _too_large(max_bytes, "more"))
                if time.monotonic() > deadline:
                    raise TimeoutError
                chunks.append(chunk)
            return b"".join(chunks)
    except urllib.error.HTTPError as exc:
        raise UserError(url, f"download failed: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise UserError(url, _timed_out(timeout)) from None
        raise UserError(url, f"download failed: {_reason(exc.reason)}") from None
    except TimeoutError:
        raise UserError(url, _timed_out(timeout)) from None
    except (OSError, ValueError) as exc:  # a reset connection, a malformed URL
        raise UserError(url, f"download failed: {_reason(exc)}") from None


def _http_only_redirects(request: Any) -> Any:
    """A redirect handler following http(s) only (urllib's would also follow ftp)."""

    class HttpOnlyRedirects(request.HTTPRedirectHandler):  # type: ignore[misc]
        def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
            if not is_url(newurl):
                raise UserError(
                    req.full_url, f"redirected to a non-http(s) URL: {newurl}"
                )
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return HttpOnlyRedirects


def _too_large(max_bytes: int, size: str) -> str:
    return f"download exceeds the size limit of {max_bytes} bytes ({size})"


def _timed_out(timeout: float) -> str:
    return f"download timed out after {timeout:g} s"


def _reason(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__
