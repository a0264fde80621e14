"""The golden record: what sdkgen emits for a small inline spec and for one real pin,
committed under tests/golden/ so that a change to emitted code shows in review as a
change to those files.

`make golden` runs this file, which rewrites each record folder with exactly what the
generator renders now; tests/codegen/test_golden_record.py renders the same in memory
and compares it byte for byte with the committed files.
"""

from __future__ import annotations

import difflib
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.codegen.generate import render_all
from generator.config import Project

GOLDEN = Path(__file__).resolve().parent / "golden"
SHOWN_FILES = 3  # differing files whose diff a failure prints
SHOWN_LINES = 60  # of each such diff


@dataclass(frozen=True)
class Record:
    path: Path  # the folder holding it, tests/golden/NAME
    spec: str  # a spec file or a pinned api-version
    project: Project  # whose conventions and pins

    def label(self, name: str = "") -> str:
        """A file of the record as a reader finds it: from the repo's root."""
        root = GOLDEN.parent.parent
        folder = (
            self.path.relative_to(root) if self.path.is_relative_to(root) else self.path
        )
        return f"{folder.as_posix()}/{name}"


def records() -> tuple[Record, ...]:
    """The small spec with the default conventions (a user without a config), and the
    2024-10-21 pin as this repo's project generates it alone."""
    from real_specs import PROJECT

    return (
        Record(GOLDEN / "small", str(GOLDEN / "small.yaml"), Project()),
        Record(GOLDEN / "2024-10-21", "2024-10-21", PROJECT),
    )


def render(record: Record) -> dict[str, bytes]:
    """Path under the record folder -> the bytes sdkgen writes there."""
    rendered = render_all([record.spec], record.path, project=record.project)
    return {name: text.encode("utf-8") for name, text in rendered.files.items()}


def committed(record: Record) -> dict[str, bytes]:
    """Path under the record folder -> the bytes committed there."""
    return {
        path.relative_to(record.path).as_posix(): path.read_bytes()
        for path in sorted(record.path.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def write(record: Record) -> int:
    """Replaces the record folder (it holds nothing but the record) with the
    rendering; returns how many files it holds."""
    files = render(record)
    shutil.rmtree(record.path, ignore_errors=True)
    for name, data in files.items():
        target = record.path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return len(files)


def differences(record: Record) -> str:
    """What differs between the rendering and the committed record, for a reader:
    files missing and extra, then a unified diff of the first differing files; empty
    when they are the same byte for byte."""
    new, old = render(record), committed(record)
    lines = [
        f"{record.label(n)}: in the record, not emitted"
        for n in sorted(old.keys() - new.keys())
    ]
    lines += [
        f"{record.label(n)}: emitted, not in the record"
        for n in sorted(new.keys() - old.keys())
    ]
    changed = sorted(n for n in new.keys() & old.keys() if new[n] != old[n])
    for name in changed[:SHOWN_FILES]:
        label = record.label(name)
        diff = list(
            difflib.unified_diff(
                old[name].decode("utf-8", "replace").splitlines(),
                new[name].decode("utf-8", "replace").splitlines(),
                f"{label} (committed)",
                f"{label} (emitted)",
                lineterm="",
            )
        )
        lines += diff[:SHOWN_LINES]
        if len(diff) > SHOWN_LINES:
            lines.append(f"... {len(diff) - SHOWN_LINES} more diff lines in {label}")
    if len(changed) > SHOWN_FILES:
        lines.append(f"... and {len(changed) - SHOWN_FILES} more files differ")
    return "\n".join(lines)


def main() -> int:
    for record in records():
        count = write(record)
        print(f"{record.label()}: {count} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
