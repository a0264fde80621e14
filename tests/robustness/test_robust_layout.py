"""Clean as emitted on any input (hypothesis): specs drawn with long names, long
literals, nested unions, nullable arrays, deep nesting and no models at all give a
package whose every file is exactly as black writes it and which passes
`mypy --strict`; plus each shape that once broke it, as a minimal spec."""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import black
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from robust_support import SETTINGS, generated, openapi
from typecheck import mypy_strict

REF = "#/components/schemas/"

long_names = st.text(string.ascii_letters + "_- ", min_size=30, max_size=90).filter(
    lambda n: n.strip(" -_") != ""
)
names = st.one_of(
    long_names, st.sampled_from(["id", "type", "list", "class", "from", "a-b", "日本"])
)
long_strings = st.text(string.ascii_letters + " ./-", min_size=15, max_size=70)


def schemas(refs: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    leaves: list[st.SearchStrategy[dict[str, Any]]] = [
        st.sampled_from(["string", "integer", "number", "boolean"]).map(
            lambda t: {"type": t}
        ),
        st.lists(long_strings, min_size=1, max_size=6, unique=True).map(
            lambda values: {"type": "string", "enum": values}
        ),
        long_strings.map(lambda value: {"const": value}),
        st.just({"type": "string", "format": "binary"}),
    ]
    if refs:
        leaves.append(st.sampled_from(refs).map(lambda r: {"$ref": REF + r}))

    def nested(inner: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy:
        return st.one_of(
            inner.map(lambda items: {"type": "array", "items": items}),
            inner.map(lambda items: {"type": ["array", "null"], "items": items}),
            st.lists(inner, min_size=2, max_size=4).map(lambda vs: {"oneOf": vs}),
            inner.map(lambda v: {"anyOf": [{"type": "null"}, v]}),
            inner.map(lambda v: {"type": "object", "additionalProperties": v}),
            st.dictionaries(names, inner, min_size=1, max_size=3).map(
                lambda props: {"type": "object", "properties": props}
            ),
        )

    return st.recursive(st.one_of(leaves), nested, max_leaves=8)


@st.composite
def specs(draw: st.DrawFn) -> dict[str, Any]:
    components = draw(st.lists(long_names, max_size=3, unique=True))
    found = {}
    for i, name in enumerate(components):
        properties = draw(
            st.dictionaries(names, schemas(components[:i]), min_size=1, max_size=4)
        )
        required = [p for p in properties if draw(st.booleans())]
        found[name] = {"type": "object", "properties": properties, "required": required}
    body = {
        "type": "object",
        "properties": draw(
            st.dictionaries(names, schemas(components), min_size=1, max_size=4)
        ),
    }
    result = draw(st.one_of(schemas(components), st.just(None)))
    segment = draw(long_names).replace(" ", "-")
    content_type = draw(st.sampled_from(["application/json", "multipart/form-data"]))
    operation: dict[str, Any] = {
        "operationId": draw(long_names),
        "summary": draw(long_strings),
        "parameters": [
            {"name": name, "in": "query", "schema": schema}
            for name, schema in draw(
                st.dictionaries(names, schemas(components), max_size=2)
            ).items()
        ],
        "requestBody": {"content": {content_type: {"schema": body}}},
        "responses": {
            "200": (
                {"description": "ok"}
                if result is None
                else {
                    "description": "ok",
                    "content": {"application/json": {"schema": result}},
                }
            )
        },
    }
    return openapi({f"/{segment}/{{id}}/things": {"post": operation}}, found, "3.1.0")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("layout")


def assert_clean(spec: dict[str, Any], workdir: Path) -> None:
    """Every emitted file as black writes it, and the package mypy --strict clean."""
    with generated(spec, workdir) as (package, _):
        root = Path(package.__file__).parent
        for path in sorted(root.rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            assert black.format_str(source, mode=black.Mode()) == source, path.name
        cache = workdir / "mypy-cache"
        assert mypy_strict([root], [root.parent], cache, incremental=True) == ""


@settings(SETTINGS, max_examples=25)
@given(spec=specs())
def test_drawn_specs_are_black_exact_and_mypy_strict_clean(
    workdir: Path, spec: dict[str, Any]
) -> None:
    assert_clean(spec, workdir)


LONG = "a_very_long_property_name_that_a_real_spec_really_does_use_somewhere_x"
MINIMAL = {
    # no models at all: once an `__all__ = [\n]` black rewrote
    "no models": openapi(),
    # oneOf [string, array of oneOf [null, $ref]]: once `list[SnowflakeType, None]`
    "nullable ref items": openapi(
        schemas={
            "SnowflakeType": {"type": "string"},
            "Holder": {
                "type": "object",
                "properties": {
                    "ids": {
                        "oneOf": [
                            {"type": "string"},
                            {
                                "type": "array",
                                "items": {
                                    "oneOf": [
                                        {"type": "null"},
                                        {"$ref": REF + "SnowflakeType"},
                                    ]
                                },
                            },
                        ]
                    }
                },
            },
        }
    ),
    # long names left on over-long lines, an annotation wrapped unlike black
    "long names": openapi(
        {
            f"/{LONG}": {
                "post": {
                    "operationId": LONG,
                    "parameters": [
                        {"name": LONG, "in": "query", "schema": {"enum": [LONG, "b"]}}
                    ],
                    "responses": {"204": {"description": "x"}},
                }
            }
        },
        {
            LONG
            * 2: {
                "type": "object",
                "properties": {
                    LONG: {
                        "type": "array",
                        "nullable": True,
                        "items": {"enum": [LONG + "1", LONG + "2"]},
                    }
                },
            }
        },
    ),
    # a body taken as JSON or as multipart: the file arguments switch the form
    "json or multipart": openapi(
        {
            "/uploads": {
                "post": {
                    "operationId": "upload",
                    "requestBody": {
                        "content": {
                            media: {"schema": {"$ref": REF + "Upload"}}
                            for media in ("application/json", "multipart/form-data")
                        }
                    },
                    "responses": {"204": {"description": "x"}},
                }
            }
        },
        {
            "Upload": {
                "type": "object",
                "properties": {
                    "title": {"type": "string"},
                    LONG: {"type": "string", "format": "binary"},
                    "image": {"type": "string", "format": "binary"},
                },
            }
        },
    ),
}


@pytest.mark.parametrize("case", sorted(MINIMAL))
def test_shapes_that_once_broke_the_layout(case: str, workdir: Path) -> None:
    assert_clean(MINIMAL[case], workdir)
