"""Spec pins: every pin matches its mirrored file; missing files are downloaded and
verified; a file whose bytes differ from the pin is refused."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.errors import SpecError
from generator.specs import load_pins, mirror_dir, resolve, spec_source
from loopback import Loopback


def test_every_pin_names_its_upstream_and_matches_the_mirror() -> None:
    pins = load_pins()
    assert list(pins) == [
        "2024-10-21",
        "2024-12-01-preview",
        "2025-01-01-preview",
        "2025-03-01-preview",
    ]
    for pin in pins.values():
        assert (
            pin.openapi.repo == "Azure/azure-rest-api-specs"
            and len(pin.openapi.commit) == 40
        )
        assert pin.openapi.path.endswith(f"/{pin.api_version}/inference.json")
        path = resolve(pin.openapi)
        assert hashlib.sha256(path.read_bytes()).hexdigest() == pin.openapi.sha256
    assert {v for v, p in pins.items() if p.markdown} == {
        "2024-10-21",
        "2025-03-01-preview",
    }


def test_a_mirror_file_that_differs_from_the_pin_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pin = load_pins()["2024-10-21"]
    tampered = tmp_path / pin.openapi.mirror_path
    tampered.parent.mkdir(parents=True)
    tampered.write_bytes((mirror_dir() / pin.openapi.mirror_path).read_bytes() + b" ")
    monkeypatch.setenv("SDKGEN_SPEC_MIRROR", str(tmp_path))
    with pytest.raises(SpecError, match="sha256 mismatch: pinned 8efc665c"):
        spec_source("2024-10-21")


def test_missing_from_the_mirror_is_downloaded_verified_and_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: Loopback
) -> None:
    pin = load_pins()["2024-10-21"]
    original = (mirror_dir() / pin.openapi.mirror_path).read_bytes()
    monkeypatch.setenv("SDKGEN_SPEC_MIRROR", str(tmp_path / "empty"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("SDKGEN_SPEC_URL", server.url + "/{repo}/{commit}/{path}")
    server.reply(200, original)
    path = resolve(pin.openapi)
    assert path.read_bytes() == original and str(path).startswith(
        str(tmp_path / "cache")
    )
    assert (
        server.last().path
        == f"/{pin.openapi.repo}/{pin.openapi.commit}/{pin.openapi.path}"
    )
    assert resolve(pin.openapi) == path and len(server.requests) == 1  # cached

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache2"))
    server.reply(200, original.replace(b"2024-10-21", b"2099-01-01"))
    with pytest.raises(SpecError, match="sha256 mismatch"):
        resolve(pin.openapi)
    assert not (tmp_path / "cache2" / "sdkgen" / "specs" / pin.openapi.sha256).exists()
