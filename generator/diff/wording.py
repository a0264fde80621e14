"""A shortened word diff of two descriptions, for changelogs: the words removed and
added, with a few unchanged words around each change and `…` for the rest."""

from __future__ import annotations

import re

SAME, REMOVED, ADDED = " ", "-", "+"
_WORD = re.compile(r"\S+")


def word_diff(
    old: str | None, new: str | None, context: int = 4
) -> list[tuple[str, str]]:
    """(SAME | REMOVED | ADDED, text) segments; runs of unchanged words longer than
    twice `context` keep `context` words on each side of the elision `…`."""
    from difflib import SequenceMatcher  # only reports with a changed text pay for it

    a, b = _WORD.findall(old or ""), _WORD.findall(new or "")
    segments: list[tuple[str, str]] = []
    matcher = SequenceMatcher(a=a, b=b, autojunk=False)
    opcodes = matcher.get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            words = a[i1:i2]
            first, last = index == 0, index == len(opcodes) - 1
            keep_head = 0 if first else context
            keep_tail = 0 if last else context
            if len(words) > keep_head + keep_tail + 1:
                head, tail = words[:keep_head], words[len(words) - keep_tail :]
                text = " ".join([*head, "…", *tail])
            else:
                text = " ".join(words)
            segments.append((SAME, text))
            continue
        if i2 > i1:
            segments.append((REMOVED, " ".join(a[i1:i2])))
        if j2 > j1:
            segments.append((ADDED, " ".join(b[j1:j2])))
    return segments


def plain(segments: list[tuple[str, str]], removed: str, added: str) -> str:
    """The segments joined, removed and added words wrapped by the `removed`/`added`
    format strings (e.g. "[-{}-]", "{{+{}+}}")."""
    out = []
    for kind, text in segments:
        if kind == REMOVED:
            out.append(removed.format(text))
        elif kind == ADDED:
            out.append(added.format(text))
        else:
            out.append(text)
    return " ".join(part for part in out if part)
