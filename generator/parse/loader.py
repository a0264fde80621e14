"""Reads a JSON or YAML document from disk, turning syntax errors into SpecErrors.

A YAML document is brought to what the same document in JSON would load as (string
keys, no dates, no shared or self-containing nodes), so the parser sees one data model.
rapidyaml reads it when it can tell it reads it as PyYAML does (yaml_fast), PyYAML
otherwise: the data are PyYAML's either way, and so are the errors.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..errors import SpecError

# How many nodes a YAML document may expand to through its aliases: a "billion laughs"
# document is a few lines long and expands to 10**9. Real specs stay far below.
MAX_YAML_NODES = 2_000_000
# JSON's grammar lets a \u escape of half a surrogate pair stand alone, but that is no
# character, and no generated file could be written with it.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])"
    r"|(?<![0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)
# What a parse found at a path it looked at without reading a document there
# (generator.parse.refs.Documents.looked_at).
NO_FILE = ""  # nothing: a missing example, or a name tried before its %-decoded form
UNREAD = "unread"  # a file it left alone: an example outside the spec's folder


def load_document(path: Path) -> Any:
    return load_bytes(_read(path), str(path), path.suffix)


def read_document(path: Path) -> tuple[Any, str]:
    """The document, and the content_digest of the bytes it was read from."""
    raw = _read(path)
    return load_bytes(raw, str(path), path.suffix), content_digest(raw)


def content_digest(data: bytes) -> str:
    """What tells a later run whether a file still holds the bytes a parse read
    (generator.codegen.memo). BLAKE2 built into Python: hashlib would load OpenSSL
    first, which costs a `sdkgen diff` of two small files a third of its time."""
    try:
        from _blake2 import blake2b
    except ImportError:  # an interpreter without CPython's built-in module
        from hashlib import blake2b
    return blake2b(data, digest_size=32).hexdigest()


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SpecError(str(path), "file not found") from None
    except OSError as exc:
        raise SpecError(str(path), f"cannot read: {exc.strerror}") from None


def load_bytes(raw: bytes, source: str, suffix: str) -> Any:
    """A document from its bytes (a file's, or a fetched URL's); `suffix` is the
    name's extension, `source` how errors name it."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecError(source, f"not UTF-8 text (byte {exc.start})") from None
    if not text.strip():
        raise SpecError(source, "empty file")
    if suffix.lower() == ".json" or text.lstrip()[:1] in ("{", "["):
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SpecError(
                source, f"invalid JSON: {exc.msg} (column {exc.colno})", line=exc.lineno
            ) from None
        except RecursionError:
            raise SpecError(source, "invalid JSON: nested too deeply") from None
        except ValueError as exc:  # an integer of more than 4300 digits
            raise SpecError(source, f"invalid JSON: {_value_error(exc)}") from None
        if _SURROGATE_ESCAPE.search(text) and not _encodable(document):
            lone = _LONE_SURROGATE.search(text)
            raise SpecError(
                source,
                "invalid JSON: a \\u escape is half a surrogate pair, not a character",
                line=text.count("\n", 0, lone.start()) + 1 if lone else None,
            )
        return document
    from .yaml_fast import DECLINED, fast_load

    document = fast_load(raw.removeprefix(b"\xef\xbb\xbf"), MAX_YAML_NODES)
    return load_yaml_with_pyyaml(text, source) if document is DECLINED else document


def load_yaml_with_pyyaml(text: str, source: str) -> Any:
    """What the fast path must equal; the only reader of what it declines."""
    import yaml  # type: ignore[import-untyped]  # only what rapidyaml declines pays for it

    try:
        document = yaml.load(text, Loader=_yaml_loader(yaml))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "syntax error"
        raise SpecError(source, f"invalid YAML: {problem}", line=line) from None
    except yaml.YAMLError as exc:
        raise SpecError(source, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise SpecError(source, "invalid YAML: nested too deeply") from None
    except ValueError as exc:  # a huge integer, a !!timestamp 2024-13-45
        raise SpecError(source, f"invalid YAML: {_value_error(exc)}") from None
    try:
        return _PlainYaml(source).node(document, ())
    except RecursionError:
        raise SpecError(source, "invalid YAML: nested too deeply") from None


class _PlainYaml:
    """A loaded YAML document as JSON would have it; every alias use is a copy."""

    def __init__(self, source: str) -> None:
        import datetime  # only PyYAML makes dates (an explicit !!timestamp)

        self.source = source
        self.nodes = 0
        self.dates = (datetime.date, datetime.datetime)

    def node(self, value: Any, containing: tuple[int, ...]) -> Any:
        self.nodes += 1
        if self.nodes > MAX_YAML_NODES:
            raise SpecError(
                self.source,
                f"invalid YAML: its aliases expand to more than {MAX_YAML_NODES} nodes",
            )
        if isinstance(value, (dict, list)):
            if id(value) in containing:
                raise SpecError(
                    self.source, "invalid YAML: an alias refers to a node containing it"
                )
            inner = containing + (id(value),)
            if isinstance(value, list):
                return [self.node(item, inner) for item in value]
            return {self.key(k): self.node(v, inner) for k, v in value.items()}
        if isinstance(value, self.dates):
            return value.isoformat()
        if value is None or isinstance(value, (str, int, float)):
            return value
        return str(value)  # !!binary, !!set

    def key(self, key: Any) -> str:
        """A mapping key as JSON writes it: `200:` and `true:` are YAML keys too."""
        if isinstance(key, str):
            return key
        if key is None or isinstance(key, (bool, int, float)):
            return json.dumps(key)
        if isinstance(key, self.dates):
            return key.isoformat()
        return str(key)


def _yaml_loader(yaml: Any) -> Any:
    """The safe loader, leaving timestamps as strings as JSON would (an unquoted
    `version: 2024-10-21` is a string then, and `2024-13-45` no error)."""

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        yaml_implicit_resolvers = {
            first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
            for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }

    return Loader


def _value_error(exc: ValueError) -> str:
    return str(exc).split(";")[0]  # not Python's advice on sys.set_int_max_str_digits


def _encodable(document: Any) -> bool:
    try:
        json.dumps(document, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
