"""Pinned upstream specs (specs/*.toml) and where to find their bytes.

A pin names the upstream repo, commit, path and sha256 of a spec, like Azure SDK's
tsp-location.yaml. `resolve` looks in the mirror folder first (SDKGEN_SPEC_MIRROR,
default ../shared/specs beside the checkout), then downloads the raw file into a
cache; either way the sha256 must match.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import SpecError

REPO_ROOT = Path(__file__).resolve().parent.parent
PINS_DIR = REPO_ROOT / "specs"
DEFAULT_MIRROR = REPO_ROOT.parent / "shared" / "specs"
# Where pinned files are downloaded from when the mirror lacks them; SDKGEN_SPEC_URL
# overrides it (an internal mirror of GitHub's raw files, or a test server).
RAW_URL = "https://raw.githubusercontent.com/{repo}/{commit}/{path}"


@dataclass(frozen=True)
class PinnedFile:
    repo: str
    commit: str
    path: str
    mirror_path: str
    sha256: str

    @property
    def url(self) -> str:
        template = os.environ.get("SDKGEN_SPEC_URL") or RAW_URL
        return template.format(repo=self.repo, commit=self.commit, path=self.path)


@dataclass(frozen=True)
class Pin:
    api_version: str
    service: str
    openapi: PinnedFile
    markdown: PinnedFile | None
    pin_file: Path


def _pinned_file(table: dict, pin_file: Path, section: str) -> PinnedFile:
    try:
        return PinnedFile(
            repo=table["repo"],
            commit=table["commit"],
            path=table["path"],
            mirror_path=table["mirror-path"],
            sha256=table["sha256"].lower(),
        )
    except KeyError as exc:
        raise SpecError(str(pin_file), f"[{section}] lacks {exc.args[0]!r}") from None


def load_pins(pins_dir: Path = PINS_DIR) -> dict[str, Pin]:
    """Every pin, by api-version, in api-version order."""
    pins = {}
    for pin_file in sorted(pins_dir.glob("*.toml")):
        try:
            data = tomllib.loads(pin_file.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise SpecError(str(pin_file), f"invalid TOML: {exc}") from None
        markdown = data.get("markdown")
        pin = Pin(
            api_version=data["api-version"],
            service=data.get("service", ""),
            openapi=_pinned_file(data["openapi"], pin_file, "openapi"),
            markdown=_pinned_file(markdown, pin_file, "markdown") if markdown else None,
            pin_file=pin_file,
        )
        pins[pin.api_version] = pin
    return dict(sorted(pins.items()))


def mirror_dir() -> Path:
    configured = os.environ.get("SDKGEN_SPEC_MIRROR")
    return Path(configured) if configured else DEFAULT_MIRROR


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sdkgen" / "specs"


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def resolve(pinned: PinnedFile) -> Path:
    """A local path holding exactly the pinned bytes."""
    mirrored = mirror_dir() / pinned.mirror_path
    if mirrored.is_file():
        actual = sha256_of(mirrored)
        if actual != pinned.sha256:
            raise SpecError(
                str(mirrored),
                f"sha256 mismatch: pinned {pinned.sha256}, mirror has {actual}",
            )
        return mirrored
    cached = cache_dir() / pinned.sha256 / Path(pinned.path).name
    if cached.is_file() and sha256_of(cached) == pinned.sha256:
        return cached
    import urllib.request  # only a download pays for importing it

    try:
        with urllib.request.urlopen(pinned.url, timeout=30) as response:
            payload = response.read()
    except OSError as exc:
        raise SpecError(
            pinned.mirror_path,
            f"not in mirror {mirror_dir()} and download of {pinned.url} failed: {exc}",
        ) from None
    actual = hashlib.sha256(payload).hexdigest()
    if actual != pinned.sha256:
        raise SpecError(
            pinned.url, f"sha256 mismatch: pinned {pinned.sha256}, got {actual}"
        )
    cached.parent.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(".part")
    tmp.write_bytes(payload)
    tmp.replace(cached)
    return cached


@dataclass(frozen=True)
class SpecSource:
    """A spec named on the command line: its file, and the api-version when pinned."""

    path: Path
    api_version: str | None
    pin: Pin | None


def spec_source(argument: str) -> SpecSource:
    """A pinned api-version name or a path to an OpenAPI JSON/YAML file."""
    pins = load_pins()
    if argument in pins:
        pin = pins[argument]
        return SpecSource(path=resolve(pin.openapi), api_version=argument, pin=pin)
    path = Path(argument)
    if path.exists():
        return SpecSource(path=path, api_version=None, pin=None)
    known = ", ".join(pins) or "none"
    raise SpecError(
        argument, f"no such file, and not a pinned api-version (pinned: {known})"
    )
