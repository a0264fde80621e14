"""Robustness bugs found in files this suite's author does not own (the client surface:
templates/package/__init__.py.j2, _client.py.j2, generator/codegen/resources.py and
render.py). Each is a strict xfail naming where the bug lives: when it is fixed the
test passes, fails as XPASS, and its marker is to be removed."""

from __future__ import annotations

import builtins
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from loopback import Loopback
from robust_support import call, generated, model, openapi

PWN = "__import__('builtins').__dict__.__setitem__('SDKGEN_PWNED', 1)"


def _operation(path: str, **operation: Any) -> dict[str, Any]:
    return {
        path: {
            "post": {
                "operationId": "op",
                "responses": {"204": {"description": "x"}},
                **operation,
            }
        }
    }


def _query(name: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "schema": {"type": "string"}}


@pytest.mark.xfail(
    strict=True,
    reason="templates/package/__init__.py.j2:1 and _client.py.j2:2 put info.title and "
    "info.version into a docstring raw (models.py.j2 passes them through docstring)",
)
def test_title_and_version_stay_inert(tmp_path: Path) -> None:
    spec = openapi(info={"title": f'T"""\n{PWN}\n"""', "version": f'1"""\n{PWN}\n"""'})
    try:
        with generated(spec, tmp_path):
            pass
    finally:  # never left set for the tests that look for it
        pwned = vars(builtins).pop("SDKGEN_PWNED", None)
    assert pwned is None


@pytest.mark.xfail(
    strict=True,
    reason="resources.py ClientPlan.method: keyword names are made unique against "
    "COMMON_KWARGS and self, not max_retries, which every method also takes",
)
def test_a_parameter_named_max_retries_compiles(tmp_path: Path) -> None:
    spec = openapi(_operation("/things", parameters=[_query("max_retries")]))
    with generated(spec, tmp_path):  # SyntaxError: duplicate argument
        pass


@pytest.mark.xfail(
    strict=True,
    reason="resources.py ClientPlan.method: a parameter may be named warnings, which "
    "the body of a deprecated method uses as the module (warnings.warn)",
)
def test_a_parameter_named_warnings_on_a_deprecated_operation(tmp_path: Path) -> None:
    spec = openapi(
        _operation("/things", deprecated=True, parameters=[_query("warnings")])
    )
    with generated(spec, tmp_path) as (package, report):
        client = package.Client(endpoint="http://127.0.0.1:9")
        with (
            pytest.warns(DeprecationWarning),
            pytest.raises(package.APIConnectionError),
        ):
            call(client, report, "POST", "/things")(warnings="w", max_retries=0)


@pytest.mark.xfail(
    strict=True,
    reason="resources.py: a top-level path segment becomes a Client attribute without "
    "checking the Client's own members; /close replaces Client.close()",
)
def test_a_path_named_close_keeps_client_close(tmp_path: Path) -> None:
    with generated(openapi(_operation("/close")), tmp_path) as (package, _):
        with package.Client(endpoint="http://x"):  # __exit__ calls self.close()
            pass


@pytest.mark.xfail(
    strict=True,
    reason="resources.py: a path segment named with_raw_response becomes a child "
    "resource (class ThingsWithRawResponse) that replaces the raw-response twin of the "
    "same name, so things.with_raw_response.create() posts to the child's path",
)
def test_a_path_segment_named_with_raw_response(
    tmp_path: Path, server: Loopback
) -> None:
    spec = openapi({**_operation("/things"), **_operation("/things/with_raw_response")})
    with generated(spec, tmp_path) as (package, _):
        server.reply(204, None)
        with package.Client(endpoint=server.url) as client:
            client.things.with_raw_response.create()
        assert server.last().path == "/api/things"


@pytest.mark.xfail(
    strict=True,
    reason="render.py _resource_view prefixes Async to resource class names that were "
    "made unique without it: a model AsyncThings is shadowed in resources/things.py",
)
def test_a_model_named_like_an_async_resource(tmp_path: Path) -> None:
    schemas = {
        "AsyncThings": {"type": "object", "properties": {"a": {"type": "string"}}}
    }
    ok = {
        "description": "ok",
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/AsyncThings"}}
        },
    }
    spec = openapi(_operation("/things", responses={"200": ok}), schemas)
    with generated(spec, tmp_path) as (package, report):
        things = sys.modules[package.__name__ + ".resources.things"]
        assert things.AsyncThings is model(package, report, "AsyncThings")


@pytest.mark.xfail(
    strict=True,
    reason="resources.py/render.py: a request body property named stream that is not "
    "a boolean still gets the stream=True/False overloads; mypy rejects them",
)
def test_a_body_property_named_stream_that_is_not_a_flag(tmp_path: Path) -> None:
    body = {"type": "object", "properties": {"stream": {"type": "string"}}}
    spec = openapi(
        _operation(
            "/things", requestBody={"content": {"application/json": {"schema": body}}}
        )
    )
    with generated(spec, tmp_path) as (package, _):
        root = Path(package.__file__).parent
        mypy = subprocess.run(
            [sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir",
             str(tmp_path / "mypy-cache"), root.name],
            capture_output=True, text=True, cwd=root.parent,
        )  # fmt: skip
        assert mypy.returncode == 0, mypy.stdout[-2000:]


@pytest.mark.xfail(
    strict=True,
    reason="render.py _field_source and _signature measure lines with len(), black "
    "with East Asian width (layout.fits): wide names come out unformatted",
)
def test_wide_characters_are_measured_as_black_measures_them(tmp_path: Path) -> None:
    name = "日本語" * 12  # 36 characters, 72 columns
    spec = openapi(
        _operation("/things", parameters=[_query(name)]),
        {"M": {"type": "object", "properties": {name: {"type": "string"}}}},
    )
    with generated(spec, tmp_path) as (package, _):
        black = subprocess.run(
            [sys.executable, "-m", "black", "--check", "--quiet", package.__path__[0]],
            capture_output=True,
            text=True,
        )
        assert black.returncode == 0
