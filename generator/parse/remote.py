"""Fetching a remote `$ref` target over http(s), only from allowed hosts, within a
time and size limit. Nothing here runs unless a remote ref was explicitly allowed."""

from __future__ import annotations

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
    """The document at `url`; redirects are followed only to allowed hosts."""
    from ..download import DownloadFailed, download

    try:
        return download(
            url,
            timeout=timeout,
            max_bytes=max_bytes,
            may_follow=lambda target: host_allowed(target, hosts),
        )
    except DownloadFailed as exc:
        raise RemoteRefused(str(exc)) from None
