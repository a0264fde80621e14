"""What a parse collects besides the IR: warnings, and what the reference leaves unsaid."""

from __future__ import annotations

from dataclasses import dataclass, field


def line_pointer(line: int) -> str:
    """IR `pointer` of something read from the reference: its line, GitHub style."""
    return f"L{line}"


def pointer_line(pointer: str) -> int | None:
    return int(pointer[1:]) if pointer[:1] == "L" and pointer[1:].isdigit() else None


@dataclass
class Context:
    source: str
    warnings: list[str] = field(default_factory=list)
    # pointers of properties listed in tables without a Required column (the older
    # `### Properties for X` layout): their `required` is not stated, not False
    unstated_required: set[str] = field(default_factory=set)

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(f"{self.source}:{line}: {message}")
