"""The documents of a spec (the root file and the files its `$ref`s name) and the
lookup of a `$ref` in them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import SpecError
from .loader import load_document
from .pointers import MissingToken, walk


class Documents:
    def __init__(self, path: Path, document: Any) -> None:
        self.path = path
        self.source = str(path)
        self.root = document
        self.external: dict[Path, Any] = {}

    def fail(self, pointer: str, message: str) -> SpecError:
        return SpecError(self.source, message, pointer=pointer or "/")

    def lookup(self, ref: Any, at: str) -> tuple[Any, str]:
        """Target of a local or external `$ref`, and the pointer naming it."""
        if not isinstance(ref, str):
            raise self.fail(at, "$ref must be a string")
        file_part, _, fragment = ref.partition("#")
        document = self.root
        if file_part:
            document = self.load(file_part, ref, at)
        if fragment and not fragment.startswith("/"):
            raise self.fail(at, f"unsupported $ref fragment: {ref}")
        try:
            return walk(document, fragment), ref
        except MissingToken as missing:
            raise self.fail(
                at, f"dangling $ref: {ref} (no {missing.key!r} there)"
            ) from None

    def load(self, file_part: str, ref: str, at: str) -> Any:
        try:
            target = (self.path.parent / file_part).resolve()
        except (ValueError, RuntimeError):  # a NUL byte, a symlink loop
            raise self.fail(at, f"$ref to a missing file: {ref}") from None
        if target not in self.external:
            if not target.is_file():
                raise self.fail(at, f"$ref to a missing file: {ref}")
            try:
                self.external[target] = load_document(target)
            except SpecError as exc:
                raise self.fail(at, f"$ref {ref}: {exc}") from None
        return self.external[target]

    def deref(self, node: Any, pointer: str) -> tuple[Any, str]:
        """Follows `$ref` chains of non-schema objects (parameters, responses, ...)."""
        hops = 0
        while isinstance(node, dict) and "$ref" in node:
            node, ref = self.lookup(node["$ref"], pointer + "/$ref")
            pointer = (
                ref.partition("#")[2] if not ref.startswith(("./", "../")) else pointer
            )
            hops += 1
            if hops > 50:
                raise self.fail(pointer, "$ref cycle")
        return node, pointer
