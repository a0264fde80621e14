"""The documents of a spec (the root file and every file or URL its `$ref`s reach)
and the lookup of a `$ref` in them.

Every node is named by one pointer string. In the root document it is a JSON
pointer ("/components/schemas/Pet"); in another document the pointer is prefixed
with that document's path relative to the root's folder, or its URL, and "#"
("schemas/pet.yaml#/properties/owner"). So a pointer says which file an error is
in, and which file a relative `$ref` found there is resolved against.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from urllib.parse import unquote, urljoin, urlsplit

from ..errors import SpecError
from . import remote
from .loader import NO_FILE, UNREAD, content_digest, load_bytes, read_document
from .pointers import MissingToken, walk


@dataclass(frozen=True)
class RefPolicy:
    """Which `$ref`s beyond the spec's own folder are followed."""

    # hosts remote (http/https) refs may be fetched from; "*" for any, () for none
    remote_hosts: tuple[str, ...] = ()
    # files outside the folder of the root spec
    outside_folder: bool = False
    timeout: float = remote.TIMEOUT_SECONDS
    max_bytes: int = remote.MAX_BYTES


def print_warning(message: str) -> None:
    print(f"sdkgen: warning: {message}", file=sys.stderr)


@dataclass
class _Document:
    """A document the parse read: the root spec or one a `$ref` reached."""

    node: Any
    display: str  # how messages name it: a path as the user would open it, or a URL
    location: str  # absolute path or URL: what its relative refs resolve against
    prefix: str  # what its pointers start with: "" for the root, "REL#" otherwise
    digest: str  # content_digest of the bytes it was read from


class Documents:
    def __init__(
        self,
        path: Path,
        document: Any,
        digest: str,
        policy: RefPolicy = RefPolicy(),
        warn: Callable[[str], None] = print_warning,
    ) -> None:
        self.path = path
        self.source = str(path)
        self.root = document
        self.policy = policy
        self.folder = path.resolve().parent
        self.warn_callback = warn
        self.warned: set[str] = set()
        root = _Document(document, self.source, str(path.resolve()), "", digest)
        self.by_location: dict[str, _Document] = {root.location: root}
        self.by_prefix: dict[str, _Document] = {"": root}
        # Every path the parse looked at, as it named it (links unresolved) -> where
        # it led and what was there (a content_digest, NO_FILE or UNREAD): all a
        # later run needs to tell whether it would read the same.
        self.looked_at: dict[str, tuple[str, str]] = {
            self.source: (root.location, digest)
        }

    def document(self, pointer: str) -> tuple[_Document, str]:
        """The document a pointer is in, and the JSON pointer inside it."""
        if not pointer or pointer[0] == "/":
            return self.by_prefix[""], pointer
        prefix, _, fragment = pointer.partition("#")
        return self.by_prefix[prefix + "#"], fragment

    def is_root(self, pointer: str) -> bool:
        return not pointer or pointer[0] == "/"

    def fail(self, pointer: str, message: str) -> SpecError:
        document, fragment = self.document(pointer)
        return SpecError(document.display, message, pointer=fragment or "/")

    def warn(self, pointer: str, message: str) -> None:
        text = str(self.fail(pointer, message))
        if text not in self.warned:
            self.warned.add(text)
            self.warn_callback(text)

    def lookup(self, ref: Any, at: str) -> tuple[Any, str]:
        """Target of a `$ref` found at pointer `at`, and the pointer naming it."""
        if not isinstance(ref, str):
            raise self.fail(at, "$ref must be a string")
        address, _, fragment = ref.partition("#")
        document = self.document(at)[0]
        if address:
            document = self.load(address, document, ref, at)
        if fragment and not fragment.startswith("/"):
            raise self.fail(at, f"unsupported $ref fragment: {ref}")
        try:
            node = walk(document.node, fragment)
        except MissingToken as missing:
            raise self.fail(
                at, f"dangling $ref: {ref} (no {missing.key!r} there)"
            ) from None
        return node, document.prefix + fragment

    def deref(self, node: Any, pointer: str) -> tuple[Any, str]:
        """Follows `$ref` chains of non-schema objects (parameters, responses, ...)."""
        hops = 0
        while isinstance(node, dict) and "$ref" in node:
            node, pointer = self.lookup(node["$ref"], pointer + "/$ref")
            hops += 1
            if hops > 50:
                raise self.fail(pointer, "$ref cycle")
        return node, pointer

    def location_of(self, pointer: str) -> str:
        """The absolute path or URL of the document `pointer` is in, which relative
        refs found there resolve against."""
        return self.document(pointer)[0].location

    def display(self, path: str) -> str:
        """A file as the user would open it: beside the root spec as they named it."""
        relative = os.path.relpath(path, self.folder)
        return os.path.normpath(os.path.join(os.path.dirname(self.source), relative))

    # -- loading other documents ----------------------------------------------------

    def load(self, address: str, base: _Document, ref: str, at: str) -> _Document:
        remote = _is_url(address) or _is_url(base.location)
        if remote:
            location = named = urljoin(base.location, address)
        elif len(urlsplit(address).scheme) > 1:  # file:, ftp:, ... (C: is a drive)
            raise self.fail(at, f"unsupported $ref scheme: {ref}")
        else:
            named, location = self.file_location(address, base, ref, at)
        known = self.by_location.get(location)
        if known is None:
            if remote:
                node, digest = self.fetch(location, ref, at)
                display = prefix = location
            else:
                node, digest = self.read(Path(location), ref, at)
                display = self.display(location)
                prefix = Path(os.path.relpath(location, self.folder)).as_posix()
            known = _Document(node, display, location, prefix + "#", digest)
            self.by_location[location] = known
            self.by_prefix[known.prefix] = known
        self.looked_at[named] = (location, known.digest)
        return known

    def file_location(
        self, address: str, base: _Document, ref: str, at: str
    ) -> tuple[str, str]:
        """The path a `$ref` names (relative to its document's folder) and the file
        it leads to."""
        folder = Path(base.location).parent
        try:
            named = folder / address
            target = self.look(named)
            if not target.is_file() and "%" in address:
                named = folder / unquote(address)
                target = self.look(named)
        except (ValueError, RuntimeError, OSError):  # a NUL byte, a symlink loop
            raise self.fail(at, f"$ref to a missing file: {ref}") from None
        if not self.policy.outside_folder and not target.is_relative_to(self.folder):
            raise self.fail(
                at,
                f"$ref {ref} leaves the spec's folder; pass --allow-outside-refs "
                "to follow it",
            )
        if not target.is_file():
            raise self.fail(at, f"$ref to a missing file: {ref}")
        return str(named), str(target)

    def look(self, named: Path) -> Path:
        """Where a path leads, noted as looked at (with NO_FILE or UNREAD until a
        document is read there)."""
        target = named.resolve()
        self.looked_at.setdefault(
            str(named), (str(target), UNREAD if target.is_file() else NO_FILE)
        )
        return target

    def read_file(self, named: Path, target: Path) -> Any:
        """The document at `target`, which `look(named)` found, noted as read."""
        node, digest = read_document(target)
        self.looked_at[str(named)] = (str(target), digest)
        return node

    def read(self, path: Path, ref: str, at: str) -> tuple[Any, str]:
        try:
            return read_document(path)
        except SpecError as exc:
            exc.source = self.display(exc.source)
            raise self.fail(at, f"$ref {ref}: {exc}") from None

    def fetch(self, url: str, ref: str, at: str) -> tuple[Any, str]:
        hosts = self.policy.remote_hosts
        if not remote.host_allowed(url, hosts):
            host = urlsplit(url).hostname or url
            raise self.fail(
                at,
                f"remote $ref {url} not fetched; pass --allow-remote-refs {host} "
                "to fetch it",
            )
        try:
            raw = remote.fetch(url, hosts, self.policy.timeout, self.policy.max_bytes)
        except remote.RemoteRefused as refused:
            raise self.fail(at, f"remote $ref {url}: {refused}") from None
        try:
            node = load_bytes(raw, url, os.path.splitext(urlsplit(url).path)[1])
        except SpecError as exc:
            raise self.fail(at, f"$ref {ref}: {exc}") from None
        return node, content_digest(raw)

    def files_read(self) -> tuple[tuple[str, str, str], ...]:
        """(path as named, where it led, what was there) for each path looked at."""
        return tuple((named, *seen) for named, seen in self.looked_at.items())


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))
