"""The one error type sdkgen reports to users: it names the file and where in it."""

from __future__ import annotations


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
        return f"{where}: {self.message}"
