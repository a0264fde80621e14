"""Text from a spec never becomes code: descriptions, summaries, titles, examples,
defaults, enum values and names holding triple quotes, backslashes, control characters,
Jinja syntax or Python code end up as inert text in docstrings and literals."""

from __future__ import annotations

import builtins
import inspect
import subprocess
import sys
from typing import Any, Iterator

import pytest

from loopback import Loopback
from robust_support import call, generated, model, openapi

# Run, any of these would set builtins.SDKGEN_PWNED.
PWN = "__import__('builtins').__dict__.__setitem__('SDKGEN_PWNED', 1)"
HOSTILE = {
    "triple_double": f'"""\n{PWN}\n"""',
    "triple_single": f"'''\n{PWN}\n'''",
    "line_breaks": f"text\r\n{PWN}\r\nclass Evil: pass\u2028{PWN}",
    "backslashes": "a \\ b \\\\ c \\N{BULLET} \\x00 \\u0000 \\",
    "controls": "control:\x00\x01\x07\x08\x1b\x7f end",
    "jinja": "{{ 7 * 7 }} {% for x in range(3) %}{{ x }}{% endfor %} {# c #}",
    "code": PWN,
    "quotes": '" "" """ """" \' \'\' \'\'\'',
    "trailing_quote": 'ends with a quote"',
}
TEXTS = list(HOSTILE.values())


def _annotated(schema: dict[str, Any], index: int) -> dict[str, Any]:
    """`schema` with hostile text in every annotation keyword."""
    text = TEXTS[index % len(TEXTS)]
    return {
        **schema,
        "title": text,
        "description": text,
        "example": text,
        "default": text,
    }


SCHEMAS = {
    f"Model{key}": _annotated(
        {
            "type": "object",
            "properties": {
                text: _annotated({"type": "string"}, i + 1),
                "plain": {"type": "string", "enum": TEXTS},
            },
        },
        i,
    )
    for i, (key, text) in enumerate(HOSTILE.items())
}
SCHEMAS["Values"] = {
    "type": "object",
    "properties": {
        "choice": {"type": "string", "enum": TEXTS},
        "fixed": {"const": HOSTILE["triple_double"]},
    },
}
PATHS = {
    "/items/{id}": {
        "post": {
            "operationId": HOSTILE["triple_double"],
            "summary": HOSTILE["triple_single"],
            "description": HOSTILE["line_breaks"],
            "parameters": [
                {
                    "name": text,
                    "in": "query",
                    "description": text,
                    "example": text,
                    "schema": _annotated({"type": "string"}, i),
                }
                for i, text in enumerate(TEXTS)
            ]
            + [{"name": "id", "in": "path", "required": True, "schema": {}}],
            "requestBody": {
                "description": HOSTILE["jinja"],
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/Values"},
                        "example": {"choice": HOSTILE["code"]},
                    }
                },
            },
            "responses": {
                "200": {
                    "description": HOSTILE["controls"],
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/Values"}
                        }
                    },
                }
            },
        }
    }
}
SPEC = openapi(PATHS, SCHEMAS, info={"title": "Texts", "description": PWN})


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, dict]]:
    with generated(SPEC, tmp_path_factory.mktemp("texts")) as generation:
        yield generation


def _pwned() -> bool:
    return hasattr(builtins, "SDKGEN_PWNED")


def test_importing_runs_none_of_it_and_black_finds_nothing_to_change(
    texts: tuple[Any, dict],
) -> None:
    package, _ = texts
    assert not _pwned()
    black = subprocess.run(
        [sys.executable, "-m", "black", "--check", "--quiet", package.__path__[0]],
        capture_output=True,
        text=True,
    )
    assert black.returncode == 0, black.stderr


@pytest.mark.parametrize("key", sorted(HOSTILE))
def test_descriptions_are_docstrings_with_the_text_as_written(
    texts: tuple[Any, dict], key: str
) -> None:
    package, report = texts
    cls = model(package, report, f"Model{key}")
    doc = inspect.getdoc(cls) or ""
    text = HOSTILE[key]
    if key == "controls":
        assert doc == "control: end"  # control characters dropped, nothing else
    elif key == "line_breaks":
        assert doc.splitlines() == ["text", PWN, "class Evil: pass", PWN]
    else:  # a docstring ending in a quote gets a space before its closing quotes
        assert doc.rstrip() == text.strip()
    # wire names and enum values stay exact in literals
    assert [info.alias or name for name, info in cls.model_fields.items()] == [
        text,
        "plain",
    ]
    for value in TEXTS:
        assert cls.model_validate({"plain": value}).plain.value == value


def test_operation_texts_are_inert_and_values_exact_on_the_wire(
    texts: tuple[Any, dict], server: Loopback
) -> None:
    package, report = texts
    client = package.Client(endpoint=server.url)
    post = call(client, report, "POST", "/items/{id}")
    doc = " ".join((inspect.getdoc(post) or "").split())  # docstrings are wrapped
    assert PWN in doc and " ".join(HOSTILE["jinja"].split()) in doc
    # the query parameters, in spec order: each named and valued with one text
    common = {"extra_headers", "extra_query", "extra_body", "timeout", "max_retries"}
    names = [
        n
        for n in inspect.signature(post).parameters
        if n not in common | {"id", "choice", "fixed"}
    ]
    server.reply(200, {"choice": HOSTILE["jinja"], "fixed": HOSTILE["triple_double"]})
    with client:
        values = post(
            id=HOSTILE["quotes"],
            choice=HOSTILE["backslashes"],
            fixed=HOSTILE["triple_double"],
            **dict(zip(names, TEXTS, strict=True)),
        )
    request = server.last()
    assert request.query == {text: [text] for text in TEXTS}
    assert request.json() == {
        "choice": HOSTILE["backslashes"],
        "fixed": HOSTILE["triple_double"],
    }
    assert values.choice.value == HOSTILE["jinja"]
    assert not _pwned()
