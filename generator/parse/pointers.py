"""JSON pointer tokens (RFC 6901) and walking a document along a `$ref` fragment."""

from __future__ import annotations

from typing import Any


def escape_pointer(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def unescape_pointer(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


class MissingToken(LookupError):
    """A fragment names a key or index the document does not have."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def walk(document: Any, fragment: str) -> Any:
    """The node at `fragment` ("" or "/a/b") of `document`."""
    node = document
    for token in fragment.split("/")[1:] if fragment else ():
        key = unescape_pointer(token)
        if isinstance(node, dict) and key not in node and "%" in token:
            from urllib.parse import unquote  # rare: a URI fragment, with%20space

            key = unescape_pointer(unquote(token))
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        else:
            raise MissingToken(key)
    return node
