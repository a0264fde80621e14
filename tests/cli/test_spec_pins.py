"""Spec pins: every pin in the project's pins folder matches its mirrored file; missing
files are downloaded and verified; a file whose bytes differ from the pin is refused."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path

import pytest

from generator.errors import UserError
from generator.specs import pin_document, read_pin, resolve, spec_source
from loopback import Loopback
from real_specs import PINS, PROJECT


@pytest.mark.parametrize("api_version", list(PINS))
def test_every_pin_matches_its_mirrored_file_and_names_a_whole_upstream(
    api_version: str,
) -> None:
    pin = PINS[api_version]
    assert pin.pin_file.name == f"{api_version}.toml"
    for pinned in filter(None, (pin.openapi, pin.markdown)):
        path = resolve(pinned, PROJECT.mirror)
        assert hashlib.sha256(path.read_bytes()).hexdigest() == pinned.sha256
        if pinned.repo:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+", pinned.repo)
            assert re.fullmatch(r"[0-9a-f]{40}", pinned.commit or "")
            assert pinned.path and pinned.path.endswith(Path(path).suffix)
    # the pin file is exactly what `sdkgen pin` would write for it
    assert pin.pin_file.read_text(encoding="utf-8") == pin_document(pin)
    assert read_pin(pin.pin_file) == pin


def test_a_mirror_file_that_differs_from_the_pin_is_refused(tmp_path: Path) -> None:
    api_version, pin = next(iter(PINS.items()))
    assert PROJECT.mirror is not None
    tampered = tmp_path / pin.openapi.mirror_path
    tampered.parent.mkdir(parents=True)
    original = (PROJECT.mirror / pin.openapi.mirror_path).read_bytes()
    tampered.write_bytes(original + b" ")
    actual = hashlib.sha256(original + b" ").hexdigest()
    with pytest.raises(UserError) as raised:
        spec_source(api_version, replace(PROJECT, mirror=tmp_path))
    assert str(raised.value) == (
        f"{tampered}: sha256 mismatch: expected {pin.openapi.sha256} "
        f"(pinned in {pin.pin_file}), actual {actual}"
    )


def test_missing_from_the_mirror_is_downloaded_verified_and_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: Loopback
) -> None:
    pin = next(p for p in PINS.values() if p.openapi.repo)
    assert PROJECT.mirror is not None
    original = (PROJECT.mirror / pin.openapi.mirror_path).read_bytes()
    empty = tmp_path / "empty"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("SDKGEN_SPEC_URL", server.url + "/{repo}/{commit}/{path}")
    server.reply(200, original)
    path = resolve(pin.openapi, empty)
    assert path.read_bytes() == original and str(path).startswith(
        str(tmp_path / "cache")
    )
    assert (
        server.last().path
        == f"/{pin.openapi.repo}/{pin.openapi.commit}/{pin.openapi.path}"
    )
    assert resolve(pin.openapi, empty) == path and len(server.requests) == 1  # cached

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache2"))
    server.reply(200, original + b"\n")
    with pytest.raises(UserError, match="sha256 mismatch: expected "):
        resolve(pin.openapi, empty)
    assert not (tmp_path / "cache2" / "sdkgen" / "specs" / pin.openapi.sha256).exists()

    server.reply(404, b"gone")
    with pytest.raises(UserError) as raised:
        resolve(pin.openapi, empty)
    assert str(raised.value) == (
        f"{server.url}/{pin.openapi.repo}/{pin.openapi.commit}/{pin.openapi.path}: "
        f"download failed: HTTP 404 Not Found ({pin.openapi.mirror_path} is not in "
        "the mirror)"
    )
