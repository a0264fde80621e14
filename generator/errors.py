"""The one error type sdkgen reports to users: it names the file and where in it."""

from __future__ import annotations

import unicodedata


class SpecError(Exception):
    """Bad input. Rendered as `FILE:LINE: message` or `FILE#/json/pointer: message`."""

    def __init__(
        self,
        source: str,
        message: str,
        *,
        pointer: str | None = None,
        line: int | None = None,
    ) -> None:
        super().__init__(message)
        self.source = source
        self.message = message
        self.pointer = pointer
        self.line = line

    def __str__(self) -> str:
        where = self.source
        if self.line is not None:
            where += f":{self.line}"
        if self.pointer is not None:
            where += f"#{self.pointer}"
        return _one_line(f"{where}: {self.message}")


def _one_line(text: str) -> str:
    """Line breaks and other control characters (a pointer can hold any key of the
    spec) escaped the way Python writes them, so an error stays on one line."""
    if all(unicodedata.category(ch) not in ("Cc", "Zl", "Zp") for ch in text):
        return text
    return "".join(
        repr(ch)[1:-1] if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in text
    )
