"""Writing one file whole or not at all, with failures reported as one line."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .errors import UserError


def write_file(path: Path, data: bytes | str) -> None:
    """Written beside the target under a temporary name, then moved into place: a
    reader never sees half a file, and a failed write leaves the old one."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(tmp, "xb") as handle:
                handle.write(payload)
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise UserError(str(path), f"cannot write: {exc.strerror}") from None


def write_output(text: str, output: Path | None) -> None:
    """To the file named by --output, or to stdout when there is none."""
    if output is None:
        sys.stdout.write(text)
    else:
        write_file(output, text)
