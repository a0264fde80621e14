"""Pinned upstream specs (<pins folder>/<api-version>.toml) and where to find their bytes.

A pin names a spec's sha256, where its copy sits in the project's mirror folder and,
when known, the upstream repo, commit and path (like Azure SDK's tsp-location.yaml) or
a URL. `resolve` reads the mirror first, then the download cache, then downloads the
file; whichever it reads, the sha256 must match.

    api-version = "2025-01-01-preview"
    [openapi]                       # and optionally [markdown], the same keys
    repo = "Azure/azure-rest-api-specs"
    commit = "4c95bb2873f0a0c29340e1fe1e7963fcbf9dc0b2"
    path = "specification/.../inference.json"
    url = "https://..."             # instead of repo/commit/path
    mirror-path = "azure-openai/2025-01-01-preview/inference.json"
    sha256 = "b99d4fa6..."
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from .caches import cache_root
from .errors import UserError
from .tomltext import toml_value

if TYPE_CHECKING:
    from .config import Project

# Where pinned files are downloaded from when the mirror lacks them; SDKGEN_SPEC_URL
# overrides it (an internal mirror of GitHub's raw files, or a test server).
RAW_URL = "https://raw.githubusercontent.com/{repo}/{commit}/{path}"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_UPSTREAM = ("repo", "commit", "path")
_FILE_KEYS = (*_UPSTREAM, "url", "mirror-path", "sha256")
_PIN_KEYS = ("api-version", "openapi", "markdown")


def raw_url_template() -> str:
    return os.environ.get("SDKGEN_SPEC_URL") or RAW_URL


@dataclass(frozen=True)
class PinnedFile:
    mirror_path: str  # relative to the mirror folder
    sha256: str
    pin_file: Path
    repo: str | None = None
    commit: str | None = None
    path: str | None = None
    url: str | None = None  # where to download it when there is no repo/commit/path

    @property
    def download_url(self) -> str | None:
        if self.repo and self.commit and self.path:
            return raw_url_template().format(
                repo=self.repo, commit=self.commit, path=self.path
            )
        return self.url


@dataclass(frozen=True)
class Pin:
    api_version: str
    openapi: PinnedFile
    markdown: PinnedFile | None
    pin_file: Path


def _pinned_file(table: Any, pin_file: Path, section: str) -> PinnedFile:
    source = str(pin_file)
    if not isinstance(table, dict):
        raise UserError(source, f"{section}: expected a table [{section}]")
    for key, value in table.items():
        if key not in _FILE_KEYS:
            raise UserError(source, f"unknown key {section}.{key}")
        if not isinstance(value, str) or not value:
            raise UserError(source, f"{section}.{key}: expected a non-empty string")
    for key in ("mirror-path", "sha256"):
        if key not in table:
            raise UserError(source, f"[{section}] lacks {key!r}")
    given = [key for key in _UPSTREAM if key in table]
    if given and len(given) != len(_UPSTREAM):
        missing = next(key for key in _UPSTREAM if key not in table)
        raise UserError(source, f"[{section}] has {given[0]!r} but lacks {missing!r}")
    mirror_path = PurePosixPath(table["mirror-path"])
    if mirror_path.is_absolute() or ".." in mirror_path.parts:
        raise UserError(source, f"{section}.mirror-path: must stay inside the mirror")
    sha256 = table["sha256"].lower()
    if not _SHA256.match(sha256):
        raise UserError(source, f"{section}.sha256: not a sha256 hex digest")
    return PinnedFile(
        mirror_path=str(mirror_path),
        sha256=sha256,
        pin_file=pin_file,
        repo=table.get("repo"),
        commit=table.get("commit"),
        path=table.get("path"),
        url=table.get("url"),
    )


def read_pin(pin_file: Path) -> Pin:
    source = str(pin_file)
    try:
        data = tomllib.loads(pin_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(source, f"cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise UserError(source, f"invalid TOML: {exc}") from None
    for key in data:
        if key not in _PIN_KEYS:
            raise UserError(source, f"unknown key {key}")
    api_version = data.get("api-version")
    if not isinstance(api_version, str) or not api_version:
        raise UserError(source, "api-version: expected a non-empty string")
    if "openapi" not in data:
        raise UserError(source, "lacks an [openapi] table")
    markdown = data.get("markdown")
    return Pin(
        api_version=api_version,
        openapi=_pinned_file(data["openapi"], pin_file, "openapi"),
        markdown=_pinned_file(markdown, pin_file, "markdown") if markdown else None,
        pin_file=pin_file,
    )


def load_pins(pins_dir: Path | None) -> dict[str, Pin]:
    """Every pin in the folder, by api-version, in api-version order."""
    pins: dict[str, Pin] = {}
    if pins_dir is None:
        return pins
    for pin_file in sorted(pins_dir.glob("*.toml")):
        pin = read_pin(pin_file)
        if pin.api_version in pins:
            raise UserError(
                str(pin_file),
                f"api-version {pin.api_version} is pinned twice "
                f"(also in {pins[pin.api_version].pin_file})",
            )
        pins[pin.api_version] = pin
    return dict(sorted(pins.items()))


def require_pins(project: Project) -> dict[str, Pin]:
    """The project's pins, or a UserError saying how to pin a spec."""
    pins = load_pins(project.pins)
    if pins:
        return pins
    if project.config_file is None:
        raise UserError(
            "sdkgen",
            f"no SPEC given and no sdkgen.toml in {Path.cwd()} or above: name a spec "
            "file, or run `sdkgen init` and pin one with `sdkgen pin FILE_OR_URL`",
        )
    raise UserError(
        str(project.pins),
        "no pinned api-versions: pin a spec with `sdkgen pin FILE_OR_URL`",
    )


def cache_dir() -> Path:
    return cache_root() / "specs"


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def digest_mismatch(pinned: PinnedFile, actual: str) -> str:
    return (
        f"sha256 mismatch: expected {pinned.sha256} (pinned in {pinned.pin_file}), "
        f"actual {actual}"
    )


def resolve(pinned: PinnedFile, mirror: Path | None) -> Path:
    """A local path holding exactly the pinned bytes."""
    if mirror is not None:
        mirrored = mirror / pinned.mirror_path
        if mirrored.is_file():
            actual = sha256_of(mirrored)
            if actual != pinned.sha256:
                raise UserError(str(mirrored), digest_mismatch(pinned, actual))
            return mirrored
    cached = cache_dir() / pinned.sha256 / PurePosixPath(pinned.mirror_path).name
    if cached.is_file() and sha256_of(cached) == pinned.sha256:
        return cached
    url = pinned.download_url
    if url is None:
        raise UserError(
            str(pinned.pin_file),
            f"{pinned.mirror_path} is not in the mirror {mirror} and the pin names "
            "no upstream to download it from",
        )
    from .download import DownloadFailed, download

    try:
        payload = download(url)
    except DownloadFailed as exc:
        raise UserError(
            url, f"download failed: {exc} ({pinned.mirror_path} is not in the mirror)"
        ) from None
    actual = hashlib.sha256(payload).hexdigest()
    if actual != pinned.sha256:
        raise UserError(url, digest_mismatch(pinned, actual))
    from .files import write_file

    write_file(cached, payload)
    return cached


@dataclass(frozen=True)
class SpecSource:
    """A spec named on the command line: its file, and the api-version when pinned."""

    path: Path
    api_version: str | None
    pin: Pin | None


def spec_source(argument: str, project: Project) -> SpecSource:
    """A pinned api-version name or a path to an OpenAPI JSON/YAML file."""
    pins = load_pins(project.pins)
    if argument in pins:
        pin = pins[argument]
        path = resolve(pin.openapi, project.mirror)
        return SpecSource(path=path, api_version=argument, pin=pin)
    path = Path(argument)
    if path.exists():
        return SpecSource(path=path, api_version=None, pin=None)
    if project.config_file is None:
        raise UserError(
            argument,
            "no such file (and no sdkgen.toml in this folder or above to pin "
            "api-versions in)",
        )
    known = ", ".join(pins) or "none"
    raise UserError(
        argument, f"no such file, and not a pinned api-version (pinned: {known})"
    )


def pin_document(pin: Pin) -> str:
    """The pin file's text; `read_pin` reads it back to the same Pin."""
    lines = [
        f"# Pinned spec for api-version {pin.api_version}, written by `sdkgen pin`: read",
        "# from the mirror folder, else downloaded from the upstream or URL it names;",
        "# always sha256-verified.",
        f"api-version = {toml_value(pin.api_version)}",
    ]
    for section, pinned in (("openapi", pin.openapi), ("markdown", pin.markdown)):
        if pinned is None:
            continue
        lines += ["", f"[{section}]"]
        lines += [f"{k} = {toml_value(v)}" for k, v in pinned_values(pinned).items()]
    return "\n".join(lines) + "\n"


def pinned_values(pinned: PinnedFile) -> dict[str, str]:
    """A pinned file's keys as a pin file writes them, the ones it has."""
    values = {
        "repo": pinned.repo,
        "commit": pinned.commit,
        "path": pinned.path,
        "url": pinned.url,
        "mirror-path": pinned.mirror_path,
        "sha256": pinned.sha256,
    }
    return {k: v for k, v in values.items() if v}
