"""The errors sdkgen reports to users: one line naming the file and where in it, exit 2.

`SpecError` means the API description itself is wrong (a spec, a Markdown reference).
`UserError` means something around it is: the project config, a pin or its mirrored
file, a command-line argument, an output file sdkgen will not overwrite, a lock file,
a download.
"""

from __future__ import annotations

import unicodedata


class SdkgenError(Exception):
    """Rendered as `FILE: message`, `FILE:LINE: message` or `FILE#/pointer: message`."""

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


class SpecError(SdkgenError):
    """Bad input in an API description."""


class UserError(SdkgenError):
    """Bad input outside the API description: config, pins, arguments, files, network."""


def _one_line(text: str) -> str:
    """Line breaks and other control characters (a pointer can hold any key of the
    spec) escaped the way Python writes them, so an error stays on one line."""
    if all(unicodedata.category(ch) not in ("Cc", "Zl", "Zp") for ch in text):
        return text
    return "".join(
        repr(ch)[1:-1] if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in text
    )
