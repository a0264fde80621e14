"""Checked reads of spec nodes: each wrong shape fails naming the file and pointer."""

from __future__ import annotations

from typing import Any

from ..errors import SpecError
from .pointers import escape_pointer
from .refs import Documents


class NodeReader:
    """What every part of the OpenAPI reader shares: the documents, and typed access
    to their nodes."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs

    def fail(self, pointer: str, message: str) -> SpecError:
        return self.docs.fail(pointer, message)

    def warn(self, pointer: str, message: str) -> None:
        """Input read leniently: said once on stderr, naming the file and pointer."""
        self.docs.warn(pointer, message)

    def obj(self, node: Any, pointer: str, what: str) -> dict[str, Any]:
        if not isinstance(node, dict):
            raise self.fail(pointer, f"{what} must be an object, got {json_type(node)}")
        return node

    def array(self, node: Any, pointer: str, what: str) -> list[Any]:
        if not isinstance(node, list):
            raise self.fail(pointer, f"{what} must be an array, got {json_type(node)}")
        return node

    def string(self, node: dict[str, Any], key: str, pointer: str) -> str | None:
        value = node.get(key)
        if value is not None and not isinstance(value, str):
            raise self.fail(
                f"{pointer}/{escape_pointer(key)}",
                f"{key} must be a string, got {json_type(value)}",
            )
        return value

    def referable_text(self, value: Any, pointer: str) -> str | None:
        """A text field; some published specs put a `$ref` to another text there."""
        if isinstance(value, dict) and "$ref" in value:
            value, _ = self.docs.lookup(value["$ref"], pointer + "/$ref")
        return value if isinstance(value, str) else None


def doc_text(value: Any) -> str | None:
    """Documentation text; a non-string there is ignored rather than fatal."""
    return value if isinstance(value, str) else None


def bool_or_none(value: Any) -> bool | None:
    """A boolean keyword the spec may leave unsaid (`explode`): None when unsaid or
    not a boolean, so the default of its context applies."""
    return value if isinstance(value, bool) else None


def extensions(
    node: dict[str, Any], skip: tuple[str, ...] = ()
) -> tuple[tuple[str, Any], ...]:
    return tuple(
        (k, v) for k, v in node.items() if k.startswith("x-") and k not in skip
    )


def json_type(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return type(value).__name__
