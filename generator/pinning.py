"""`sdkgen pin`'s work: fetch a spec (or the Markdown reference published beside it),
check it parses, copy it into the mirror, pin it.

Everything that can fail (the download, the parse, the api-version, an existing file in
the way) is checked before anything is written; then the mirror copy and the pin file
are each written whole, and a failed pin write puts the mirror back as it was.
"""

from __future__ import annotations

import hashlib
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from .config import Project
from .download import (
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT,
    DownloadFailed,
    download,
    is_url,
)
from .errors import SpecError, UserError
from .files import write_file
from .ir import Api
from .specs import Pin, PinnedFile, load_pins, pin_document, raw_url_template

# An api-version names the pin file and the mirror folder: keep it a plain file name.
_API_VERSION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_COMMIT = re.compile(r"^[0-9a-f]{40}$")
_FILE_NAME = re.compile(r"[^A-Za-z0-9._-]")


@dataclass(frozen=True)
class Upstream:
    repo: str  # OWNER/NAME
    commit: str
    path: str


@dataclass(frozen=True)
class Pinned:
    pin: Pin
    api: Api  # of the file pinned: the spec, or the Markdown reference
    mirrored: Path  # the copy in the mirror folder
    copied: bool  # False when the mirror already held these bytes


def upstream_of_url(url: str) -> Upstream | None:
    """OWNER/REPO, COMMIT and PATH of a raw-file URL (raw.githubusercontent.com, or the
    SDKGEN_SPEC_URL server) whose ref is a full commit hash."""
    prefix, marker, rest = raw_url_template().partition("{repo}")
    if not marker or rest != "/{commit}/{path}" or not url.startswith(prefix):
        return None
    parts = url[len(prefix) :].split("?")[0].split("/", 3)
    if len(parts) == 4 and all(parts) and _COMMIT.match(parts[2]):
        return Upstream(f"{parts[0]}/{parts[1]}", parts[2], parts[3])
    return None


def pin_spec(
    project: Project,
    source: str,
    *,
    api_version: str | None = None,
    upstream: Upstream | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    markdown: bool = False,
) -> Pinned:
    """Pins `source` as an api-version's spec or, with `markdown`, as the Markdown
    reference of an api-version already pinned (a reference names no api-version)."""
    if project.pins is None or project.mirror is None:
        raise UserError(
            "sdkgen",
            "no sdkgen.toml in this folder or above to pin into: run `sdkgen init` "
            "first (or pass --pins and --mirror)",
        )
    pins = load_pins(project.pins)
    if markdown and not api_version:
        raise UserError("--markdown", "needs --api-version: the pinned spec it is for")
    if markdown and api_version not in pins:
        known = ", ".join(pins) or "none"
        raise UserError(
            "--api-version",
            f"{api_version!r} is not pinned (pinned: {known}); pin its spec first",
        )
    payload, name, api = _fetch(source, timeout, max_bytes, markdown)
    if is_url(source):
        upstream = upstream or upstream_of_url(source)
    version = api_version or api.version
    if not _API_VERSION.match(version):
        rule = f"{version!r} cannot name a pin file (letters, digits, '.', '_', '-')"
        if api_version:
            raise UserError("--api-version", rule)
        raise UserError(source, f"info.version {rule}; pass --api-version")
    existing = pins.get(version)
    mirror_path = _inside(project.mirror, source) or f"{version}/{name}"
    pin_file = existing.pin_file if existing else project.pins / f"{version}.toml"
    pinned_file = PinnedFile(
        mirror_path=mirror_path,
        sha256=hashlib.sha256(payload).hexdigest(),
        pin_file=pin_file,
        repo=upstream.repo if upstream else None,
        commit=upstream.commit if upstream else None,
        path=upstream.path if upstream else None,
        url=source if is_url(source) and upstream is None else None,
    )
    if existing and markdown:
        pin = Pin(version, existing.openapi, pinned_file, pin_file)
        was = existing.markdown
    else:
        pin = Pin(
            version, pinned_file, existing.markdown if existing else None, pin_file
        )
        was = existing.openapi if existing else None
    target = project.mirror / mirror_path
    before = _read_if_file(target)
    if before is not None and before != payload:
        if was is None or was.mirror_path != mirror_path:
            raise UserError(
                str(target),
                f"exists with other bytes than {source} and no pin names it; "
                "not overwriting it",
            )
    copied = before != payload
    made = [
        f for f in target.parents if not f.exists() and f.is_relative_to(project.mirror)
    ]
    if copied:
        _refuse_read_only(project.mirror, target)
        write_file(target, payload)
    try:
        if not markdown and _inside(project.mirror, source) is None:
            _check_copy_alone(source, api, target)
        write_file(pin_file, pin_document(pin))
    except UserError:
        if copied and before is None:
            target.unlink(missing_ok=True)
            for folder in made:  # innermost first: the folders the copy made
                folder.rmdir()
        elif copied and before is not None:
            write_file(target, before)
        raise
    return Pinned(pin, api, target, copied)


def _check_copy_alone(source: str, api: Api, copy: Path) -> None:
    """A pin copies one file. When the spec's $refs read other local files, its copy
    in the mirror must still parse without them (a missing example is fine, a missing
    schema file is not)."""
    from .parse.openapi import parse_openapi

    root = Path(source).resolve()
    if not any(
        digest and not is_url(named) and Path(where).resolve() != root
        for named, where, digest in api.files_read
    ):
        return
    try:
        parse_openapi(copy)
    except SpecError as exc:
        raise UserError(
            source,
            f"its copy in the mirror does not parse without the files beside it "
            f"({exc.message}): put the spec's files in the mirror folder and pin it "
            "from there",
        ) from None


def _refuse_read_only(mirror: Path, target: Path) -> None:
    """A mirror whose folder is marked read-only (a shared one) is not written to, even
    by a user the file system would let: only files already in it can be pinned."""
    folder = target.parent
    while not folder.exists() and folder != mirror and folder != folder.parent:
        folder = folder.parent
    if folder.exists() and not folder.stat().st_mode & stat.S_IWUSR:
        raise UserError(
            str(folder),
            "the mirror folder is read-only: pin a file already in it, or point "
            "paths.mirror at a folder of the project",
        )


def _fetch(
    source: str, timeout: float, max_bytes: int, markdown: bool
) -> tuple[bytes, str, Api]:
    """The bytes of a file or URL, the file name for its mirror copy, and its IR."""
    from .parse.openapi import parse_openapi

    if is_url(source):
        try:
            payload = download(source, timeout=timeout, max_bytes=max_bytes)
        except DownloadFailed as exc:
            raise UserError(source, f"download failed: {exc}") from None
        name = _file_name(unquote(PurePosixPath(urlsplit(source).path).name), markdown)
        if markdown:
            return payload, name, _parse_markdown(source, payload)
        return payload, name, _parse_download(source, name, payload)
    local = Path(source)
    payload = _read(local)
    if markdown:
        return (
            payload,
            _file_name(local.name, markdown),
            _parse_markdown(source, payload),
        )
    # parsed in place, so that its relative $refs resolve from where it is
    return payload, _file_name(local.name, markdown), parse_openapi(local)


def _parse_markdown(source: str, payload: bytes) -> Api:
    from .parse.markdown import parse_markdown_text

    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SpecError(source, f"not UTF-8 text (byte {exc.start})") from None
    return parse_markdown_text(text, source).api


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UserError(str(path), "no such file") from None
    except IsADirectoryError:
        raise UserError(str(path), "is a folder, not a spec file") from None
    except OSError as exc:
        raise UserError(str(path), f"cannot read: {exc.strerror}") from None


def _read_if_file(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def _file_name(name: str, markdown: bool) -> str:
    """A file name for the mirror copy; the parser tells JSON from YAML by content."""
    cleaned = _FILE_NAME.sub("_", name).lstrip(".")
    return cleaned or ("reference.md" if markdown else "openapi.json")


def _parse_download(url: str, name: str, payload: bytes) -> Api:
    """Parsed from a private temporary copy; errors name the URL, not the copy."""
    from .parse.openapi import parse_openapi

    with tempfile.TemporaryDirectory(prefix="sdkgen-pin-") as folder:
        copy = Path(folder) / name
        copy.write_bytes(payload)
        try:
            return parse_openapi(copy)
        except SpecError as exc:
            raise SpecError(
                url, exc.message, pointer=exc.pointer, line=exc.line
            ) from None


def _inside(mirror: Path, source: str) -> str | None:
    """The mirror-relative path of a local source already in the mirror."""
    if is_url(source):
        return None
    try:
        relative = Path(source).resolve().relative_to(mirror.resolve())
    except ValueError:
        return None
    return relative.as_posix()
