"""Parameter serialization by OpenAPI `style`/`explode`, over real sockets: every style
of every location, arrays and objects, sent by a generated client. The expected wire
forms are the OpenAPI specification's own style examples (color = blue, black, brown /
R=100, G=200, B=150); Stoplight Prism, serving the same spec, judges each request too.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any, Iterator

import black
import httpx
import pytest

from generator.codegen.generate import generate_all
from inline_spec import spec
from loopback import Loopback
from prism import PrismMock, start_all, stop_all, violations

ARRAY = ["blue", "black", "brown"]
OBJECT = {"R": 100, "G": 200, "B": 150}
ARRAY_SCHEMA = {"type": "array", "items": {"type": "string"}}
OBJECT_SCHEMA = {
    "type": "object",
    "properties": {k: {"type": "integer"} for k in OBJECT},
}
R_G_B = "R,100,G,200,B,150"

# (location, style or None for the default, explode or None, value, expected wire form:
# the raw query for query parameters, the path segment, the header or cookie value)
CASES: list[tuple[str, str | None, bool | None, Any, str]] = [
    ("query", None, None, "blue", "color=blue"),
    ("query", None, None, ARRAY, "color=blue&color=black&color=brown"),
    ("query", None, None, OBJECT, "R=100&G=200&B=150"),
    ("query", "form", False, ARRAY, "color=blue,black,brown"),
    ("query", "form", False, OBJECT, f"color={R_G_B}"),
    ("query", "spaceDelimited", False, ARRAY, "color=blue%20black%20brown"),
    ("query", "spaceDelimited", False, OBJECT, "color=R%20100%20G%20200%20B%20150"),
    ("query", "pipeDelimited", False, ARRAY, "color=blue|black|brown"),
    ("query", "pipeDelimited", False, OBJECT, "color=R|100|G|200|B|150"),
    (
        "query",
        "deepObject",
        True,
        OBJECT,
        "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150",
    ),
    ("query", None, None, "a b&c,d/é", "color=a%20b%26c%2Cd%2F%C3%A9"),
    ("path", None, None, "blue", "blue"),
    ("path", None, None, ARRAY, "blue,black,brown"),
    ("path", "simple", False, OBJECT, R_G_B),
    ("path", "simple", True, OBJECT, "R=100,G=200,B=150"),
    ("path", "label", False, "blue", ".blue"),
    ("path", "label", False, ARRAY, ".blue,black,brown"),
    ("path", "label", True, ARRAY, ".blue.black.brown"),
    ("path", "label", False, OBJECT, f".{R_G_B}"),
    ("path", "label", True, OBJECT, ".R=100.G=200.B=150"),
    ("path", "matrix", False, "blue", ";color=blue"),
    ("path", "matrix", False, ARRAY, ";color=blue,black,brown"),
    ("path", "matrix", True, ARRAY, ";color=blue;color=black;color=brown"),
    ("path", "matrix", False, OBJECT, f";color={R_G_B}"),
    ("path", "matrix", True, OBJECT, ";R=100;G=200;B=150"),
    ("path", None, None, "a/b c", "a%2Fb%20c"),
    ("header", None, None, ARRAY, "blue,black,brown"),
    ("header", None, None, OBJECT, R_G_B),
    ("header", "simple", True, OBJECT, "R=100,G=200,B=150"),
    ("cookie", None, None, "blue", "color=blue"),
    ("cookie", "form", False, ARRAY, "color=blue,black,brown"),
]
HEADER = "X-Color"
# One worker runs this module, so one mock serves it.
pytestmark = pytest.mark.xdist_group("prism-styles")
# Cases Prism 5.16 cannot judge, with why; the loopback test above covers each against
# the OpenAPI specification's own example. (A crash takes the whole mock down.)
DELIMITED_OBJECT = (
    "Prism's delimited deserializer crashes on objects (OpenAPI 3.1 allows them)"
)
PATH_COMMA = "Prism crashes on a path parameter holding ',' (TypeError: value.split)"
PATH_PREFIX_COMMA = (
    "Prism crashes on a label/matrix path parameter holding ',' (startsWith)"
)
PRISM_LIMITS = {
    6: DELIMITED_OBJECT,
    8: DELIMITED_OBJECT,
    12: PATH_COMMA,
    13: PATH_COMMA,
    14: PATH_COMMA,
    16: PATH_PREFIX_COMMA,
    18: PATH_PREFIX_COMMA,
    19: "Prism leaves label-exploded object members as strings (color.R must be integer)",
    21: PATH_PREFIX_COMMA,
    23: PATH_PREFIX_COMMA,
}


def case_id(case: tuple[str, str | None, bool | None, Any, str]) -> str:
    location, style, explode, value, _ = case
    kind = type(value).__name__
    return f"{location}-{style or 'default'}-{explode}-{kind}-{CASES.index(case)}"


def operation(index: int) -> tuple[str, dict[str, Any]]:
    location, style, explode, value, _ = CASES[index]
    schema = (
        ARRAY_SCHEMA
        if isinstance(value, list)
        else OBJECT_SCHEMA if isinstance(value, dict) else {"type": "string"}
    )
    param: dict[str, Any] = {
        "name": HEADER if location == "header" else "color",
        "in": location,
        "required": True,
        "schema": schema,
    }
    if style is not None:
        param["style"] = style
    if explode is not None:
        param["explode"] = explode
    path = f"/case{index}" + ("/{color}" if location == "path" else "")
    return path, {
        "post": {
            "operationId": f"case{index}",
            "parameters": [param],
            "responses": {
                "200": {
                    "description": "ok",
                    "content": {
                        "application/json": {
                            "schema": {"type": "object"},
                            "example": {"ok": True},
                        }
                    },
                }
            },
        }
    }


SPEC = spec(
    dict(operation(i) for i in range(len(CASES))),
    title="Styles",
    servers=[{"url": "http://localhost"}],
)


@pytest.fixture(scope="module")
def styles_pkg(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("styles")
    spec_file = folder / "styles.json"
    spec_file.write_text(json.dumps(SPEC), encoding="utf-8")
    generate_all([str(spec_file)], folder / "out", package="param_styles_pkg")
    sys.path.insert(0, str(folder / "out"))
    return importlib.import_module("param_styles_pkg")


@pytest.fixture(scope="module")
def prism_styles() -> Iterator[PrismMock]:
    judged = {
        path: item
        for index, (path, item) in enumerate(SPEC["paths"].items())
        if index not in PRISM_LIMITS
    }
    mock = PrismMock({**SPEC, "paths": judged}, dynamic=False, name="styles")
    start_all([mock])
    yield mock
    stop_all([mock])


def call(pkg: Any, url: str, index: int, http: httpx.Client | None = None) -> Any:
    location, _, _, value, _ = CASES[index]
    with pkg.Client(endpoint=url, max_retries=0, http_client=http) as client:
        resource = getattr(client, f"case{index}")
        keyword = "x_color" if location == "header" else "color"
        method = resource.update if location == "path" else resource.create
        return method(**{keyword: value})


def wire_form(request: Any, location: str, index: int) -> str:
    if location == "query":
        return str(request.raw_query)
    if location == "path":
        return str(request.path).removeprefix(f"/case{index}/")
    name = HEADER.lower() if location == "header" else "cookie"
    return str(request.headers[name])


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_parameter_goes_out_in_its_style(
    styles_pkg: Any, server: Loopback, case: tuple[Any, ...]
) -> None:
    index = CASES.index(case)
    location, expected = case[0], case[4]
    server.reply(200, {"ok": True})
    call(styles_pkg, server.url, index)
    assert wire_form(server.last(), location, index) == expected


@pytest.mark.parametrize(
    "case", [c for i, c in enumerate(CASES) if i not in PRISM_LIMITS], ids=case_id
)
def test_prism_accepts_every_style(
    styles_pkg: Any, prism_styles: PrismMock, case: tuple[Any, ...]
) -> None:
    """Prism's own deserializers read back what the client sent, as the schema says."""
    index = CASES.index(case)
    seen: list[httpx.Response] = []
    call(
        styles_pkg,
        prism_styles.url,
        index,
        httpx.Client(event_hooks={"response": [seen.append]}),
    )
    assert (seen[-1].status_code, violations(seen[-1], "request")) == (200, [])


def test_long_parameter_names_keep_the_call_black_exact(
    tmp_path: Path, server: Loopback
) -> None:
    """Names long enough that black wraps a `styles` entry each of its two ways."""
    names = ["tags_" + "x" * 40, "tags_" + "y" * 72]
    parameters = [
        {
            "name": name,
            "in": "query",
            "required": True,
            "style": "pipeDelimited",
            "explode": False,
            "schema": ARRAY_SCHEMA,
        }
        for name in names
    ]
    spec = {
        **SPEC,
        "paths": {
            "/tagged": {
                "get": {
                    "operationId": "listTagged",
                    "parameters": parameters,
                    "responses": SPEC["paths"]["/case0"]["post"]["responses"],
                }
            }
        },
    }
    spec_file = tmp_path / "long.json"
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    generate_all([str(spec_file)], tmp_path / "out", package="long_styles_pkg")
    for module in (tmp_path / "out" / "long_styles_pkg").rglob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert black.format_str(text, mode=black.Mode()) == text, module.name
    sys.path.insert(0, str(tmp_path / "out"))
    pkg = importlib.import_module("long_styles_pkg")
    server.reply(200, {"ok": True})
    with pkg.Client(endpoint=server.url) as client:
        client.tagged.list(**{name: ["a", "b"] for name in names})
    assert server.last().raw_query == "&".join(f"{n}=a|b" for n in names)
