"""A spec file is parsed once per process while it is unchanged."""

from __future__ import annotations

import json
import os
from pathlib import Path

from generator.load import load_api, load_openapi
from inline_spec import spec


def _spec(version: str) -> str:
    return json.dumps(spec(openapi="3.0.0", title="t", version=version))


def test_the_same_file_gives_the_same_ir_and_a_changed_one_a_new_ir(
    tmp_path: Path,
) -> None:
    path = tmp_path / "spec.json"
    path.write_text(_spec("1"))
    first = load_openapi(path)
    assert load_api(str(path)) is first and load_openapi(path) is first
    path.write_text(_spec("22"))
    os.utime(path, ns=(0, path.stat().st_mtime_ns + 1))
    assert load_openapi(path).version == "22"
