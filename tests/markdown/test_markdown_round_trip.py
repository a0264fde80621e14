"""Render then parse gives back the view (generator.docs.view: every field the format
carries) of the IR it came from, for every pinned api-version, and reconciles clean."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

import pytest

from generator.docs import render_markdown
from generator.docs.from_ir import reference_view
from generator.parse.markdown import parse_markdown_text
from generator.reconcile.compare import compare
from markdown_fixtures import PINNED, PREVIEW, published, spec


def first_difference(a: Any, b: Any, path: str = "view") -> str | None:
    """Where two views differ, for a readable failure."""
    if a == b:
        return None
    if is_dataclass(a) and type(a) is type(b):
        for f in fields(a):
            if f.compare:
                found = first_difference(
                    getattr(a, f.name), getattr(b, f.name), f"{path}.{f.name}"
                )
                if found:
                    return found
    if isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            found = first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
    return f"{path}: {a!r:.200} != {b!r:.200}"


@pytest.mark.parametrize("api_version", PINNED)
def test_rendered_reference_parses_back_to_the_same_view(api_version: str) -> None:
    api = spec(api_version)
    text = render_markdown(api)
    result = parse_markdown_text(text, f"{api_version}.md")
    assert result.warnings == ()
    assert not result.unstated_required  # the renderer always writes Required
    source, back = reference_view(api), reference_view(
        result.api, result.unstated_required
    )
    assert first_difference(source, back) is None
    assert compare(back, source) == []
    assert len(back.operations) == len(api.operations)
    assert len(back.schemas) == len(api.schemas)


@pytest.mark.parametrize("api_version", PINNED)
def test_round_trip_carries_content_not_just_names(api_version: str) -> None:
    """Guards against a view too thin to be worth comparing."""
    view = reference_view(spec(api_version))
    properties = [p for s in view.schemas for p in s.properties]
    assert sum(1 for p in properties if len(p.path) > 1) > 0  # `└─` rows
    assert sum(1 for p in properties if p.default) > 10
    assert sum(1 for p in properties if p.values) > 10
    assert sum(1 for s in view.schemas if s.enum) > 10
    assert any(s.discriminator and s.discriminator.mapping for s in view.schemas)
    assert all(op.parameters and op.responses for op in view.operations)


def test_examples_round_trip_where_the_spec_has_their_files() -> None:
    # Only 2025-01-01-preview's mirror holds the x-ms-examples files (38 of 50).
    api = spec("2025-01-01-preview")
    view = reference_view(api)
    examples = [e for op in view.operations for e in op.examples]
    assert len(examples) == sum(
        1 for op in api.operations for e in op.examples if e.data is not None
    )
    assert len(examples) >= 30
    assert all(e.responses for e in examples)
    text = render_markdown(api)
    assert '"tell me a joke about mango"' in text
    assert reference_view(parse_markdown_text(text, "x.md").api) == view


def test_published_newer_layout_rerenders_to_the_same_view() -> None:
    """Markdown in, Markdown out: the renderer writes the layout the parser reads."""
    result = published(PREVIEW)
    text = render_markdown(result.api)
    again = parse_markdown_text(text, "again.md")
    assert (
        first_difference(reference_view(result.api), reference_view(again.api)) is None
    )
