"""What a call returns when an argument's value decides it: `@overload`s keyed on
the `stream` flag (the response, or a stream of chunks) and on a `response_format`
enum whose values name the result (`json`, `verbose_json`: JSON models; `text`,
`srt`: a string), the way the openai package types them."""

from __future__ import annotations

from dataclasses import dataclass

from ..ir import Api, Schema
from ..naming import name_words
from .models import ModelPlan, enum_values
from .pytypes import (
    BOOL,
    NONE,
    STR,
    Literal,
    Name,
    Node,
    Subscript,
    union,
)

STREAM = Name("Stream", "_streaming")
SYNC_PAGE = Name("SyncPage", "_pagination")
# The async flavor's names for what a sync method returns.
ASYNC_NAMES: dict[Name, Node] = {
    STREAM: Name("AsyncStream", "_streaming"),
    SYNC_PAGE: Name("AsyncPage", "_pagination"),
}
FORMAT_ARGUMENT = "response_format"


@dataclass(frozen=True)
class Overload:
    """One `@overload`: the selecting argument's type in it, and the result."""

    wire: str
    annotation: Node
    optional: bool  # the argument may be left out
    returns: Node


def stream_overloads(
    flag: str, returned: Node, chunk: Node
) -> tuple[list[Overload], Node]:
    """The `flag` omitted or False: the response; True: a Stream of chunks; a plain
    bool: either. Also the implementation's result."""
    streamed = Subscript(STREAM, (chunk,))
    either = union([returned, streamed])
    return [
        Overload(flag, union([Literal((False,)), NONE]), True, returned),
        Overload(flag, Literal((True,)), False, streamed),
        Overload(flag, BOOL, False, either),
    ], either


def format_overloads(
    api: Api,
    models: ModelPlan,
    selector: Schema,
    variants: tuple[Schema, ...],
    open_enum: bool,
) -> list[Overload]:
    """Overloads on a response format whose values name JSON variants or text: a
    value naming `json` returns the JSON variant whose name holds the value's other
    words (`verbose_json` -> AudioVerboseResponse), plain `json` (the default when
    left out) the others; any other value returns the text."""
    values = [v for v in enum_values(api.resolve(selector)) or [] if isinstance(v, str)]
    json_values = [v for v in values if "json" in _words(v)]
    text_values = [v for v in values if v not in json_values]
    if not json_values or not text_values or not variants:
        return []
    claimed: dict[str, list[Schema]] = {}
    for value in json_values:
        wanted = _words(value) - {"json"}
        claimed[value] = [
            v for v in variants if wanted and wanted <= _words(_variant_name(v))
        ]
    specific = {id(s) for picks in claimed.values() for s in picks}
    plain = [v for v in variants if id(v) not in specific]
    overloads = []
    for value in json_values:
        picks = claimed[value] or plain or list(variants)
        returns = union([models.type_of(v) for v in picks])
        # plain `json` is also what the service answers when the format is left out
        default = not _words(value) - {"json"}
        overloads.append(Overload(FORMAT_ARGUMENT, Literal((value,)), default, returns))
    overloads.sort(key=lambda o: not o.optional)
    overloads.append(
        Overload(FORMAT_ARGUMENT, Literal(tuple(text_values)), False, STR)
    )
    if open_enum:
        everything = union([models.type_of(v) for v in variants] + [STR])
        overloads.append(Overload(FORMAT_ARGUMENT, STR, False, everything))
    return overloads


def _variant_name(schema: Schema) -> str:
    return schema.ref or schema.name or ""


def _words(text: str) -> set[str]:
    return {w.lower() for w in name_words(text)}
