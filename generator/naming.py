"""Turning spec names into valid, unique, deterministic Python names."""

from __future__ import annotations

import keyword
import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(
    r"[A-Z]+(?=[A-Z][a-z0-9])|[A-Z]?[a-z0-9]+|[A-Z]+|[^\W_]+", re.UNICODE
)

# Names a generated pydantic model field must not take: BaseModel's own attributes.
PYDANTIC_RESERVED = frozenset(
    {
        "model_config",
        "model_fields",
        "model_computed_fields",
        "model_extra",
        "model_fields_set",
        "model_construct",
        "model_copy",
        "model_dump",
        "model_dump_json",
        "model_json_schema",
        "model_parametrized_name",
        "model_post_init",
        "model_rebuild",
        "model_validate",
        "model_validate_json",
        "model_validate_strings",
        "copy",
        "dict",
        "json",
        "parse_obj",
        "parse_raw",
        "parse_file",
        "from_orm",
        "construct",
        "schema",
        "schema_json",
        "validate",
        "update_forward_refs",
        "fields",
        "mro",  # every class has it: pydantic warns that the field shadows it
    }
)
# pydantic's protected_namespaces: a field starting with one is rejected with a warning.
PYDANTIC_PROTECTED = ("model_validate", "model_dump")


def name_words(text: str) -> list[str]:
    """The words a spec name is made of, split at case changes and punctuation."""
    text = unicodedata.normalize("NFKC", text)
    return _WORD.findall(text)


@lru_cache(maxsize=None)
def pascal(text: str) -> str:
    out = "".join(w[:1].upper() + w[1:] for w in name_words(text))
    return _valid(out or "Model", "_")


@lru_cache(maxsize=None)
def snake(text: str) -> str:
    out = "_".join(w.lower() for w in name_words(text))
    return _valid(out or "value", "_")


def _valid(name: str, prefix: str) -> str:
    # Python reads identifiers NFKC-normalized; case changes can undo the form
    # name_words() gave (\u01c6.upper() is not NFKC), and __all__ must name what Python
    # defines.
    name = unicodedata.normalize("NFKC", name)
    if not name.isidentifier():
        name = "".join(
            ch if (ch + "a").isidentifier() or ch.isdigit() else "_" for ch in name
        )
    if name[:1].isdigit():
        name = prefix + name
    # Soft keywords (match, case, type) are valid names, and which words are soft
    # keywords depends on the Python version: escaping them would make output differ.
    if keyword.iskeyword(name):
        name += "_"
    return name


def constant(text: str) -> str:
    """An UPPER_CASE name, e.g. for an enum member."""
    return _valid(snake(text).upper(), "_")


@lru_cache(maxsize=None)
def field_name(wire: str) -> str:
    """A model attribute / keyword argument for a wire name; never a pydantic internal."""
    name = snake(wire)
    if name.startswith(PYDANTIC_PROTECTED):
        name = "field_" + name  # pydantic warns even about model_dump_ and the like
    elif name in PYDANTIC_RESERVED or name.startswith("model_"):
        name += "_"
    if name.startswith("_"):
        name = "field" + name
    return name


def unique(name: str, taken: set[str]) -> str:
    """`name`, or `name2`, `name3`, ... whichever is not taken yet; records it."""
    candidate, n = name, 1
    while candidate in taken or candidate.lower() in taken:
        n += 1
        candidate = f"{name}{n}"
    taken.add(candidate)
    taken.add(candidate.lower())
    return candidate
