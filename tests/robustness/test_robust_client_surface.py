"""Names and text that used to break the client surface (package docstrings, method
keywords, resource attributes, class names, stream flags, wide characters): each
generates a package that imports, type-checks and behaves."""

from __future__ import annotations

import builtins
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from loopback import Loopback
from robust_support import call, generated, model, openapi
from typecheck import mypy_strict

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


def test_title_and_version_stay_inert(tmp_path: Path) -> None:
    spec = openapi(info={"title": f'T"""\n{PWN}\n"""', "version": f'1"""\n{PWN}\n"""'})
    try:
        with generated(spec, tmp_path):
            pass
    finally:  # never left set for the tests that look for it
        pwned = vars(builtins).pop("SDKGEN_PWNED", None)
    assert pwned is None


def test_a_parameter_named_max_retries_compiles(tmp_path: Path) -> None:
    spec = openapi(_operation("/things", parameters=[_query("max_retries")]))
    with generated(spec, tmp_path):  # SyntaxError: duplicate argument
        pass


def test_a_parameter_named_warnings_on_a_deprecated_operation(
    tmp_path: Path, server: Loopback
) -> None:
    # The method body uses the warnings module, so the keyword is warnings_; the wire
    # name stays exact.
    spec = openapi(
        _operation("/things", deprecated=True, parameters=[_query("warnings")])
    )
    with generated(spec, tmp_path) as (package, report):
        server.reply(204, None)
        with package.Client(endpoint=server.url) as client:
            with pytest.warns(DeprecationWarning):
                call(client, report, "POST", "/things")(warnings_="w")
        assert server.last().query["warnings"] == ["w"]


def test_a_path_named_close_keeps_client_close(tmp_path: Path) -> None:
    with generated(openapi(_operation("/close")), tmp_path) as (package, _):
        with package.Client(endpoint="http://x"):  # __exit__ calls self.close()
            pass


def test_a_path_segment_named_with_raw_response(
    tmp_path: Path, server: Loopback
) -> None:
    spec = openapi({**_operation("/things"), **_operation("/things/with_raw_response")})
    with generated(spec, tmp_path) as (package, _):
        server.reply(204, None)
        with package.Client(endpoint=server.url) as client:
            client.things.with_raw_response.create()
        assert server.last().path == "/api/things"


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


def test_a_body_property_named_stream_that_is_not_a_flag(tmp_path: Path) -> None:
    body = {"type": "object", "properties": {"stream": {"type": "string"}}}
    spec = openapi(
        _operation(
            "/things", requestBody={"content": {"application/json": {"schema": body}}}
        )
    )
    with generated(spec, tmp_path) as (package, _):
        root = Path(package.__file__).parent
        assert mypy_strict([root], [root.parent], tmp_path / "mypy-cache") == ""


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


def test_a_method_never_shadows_a_resource_of_the_same_name(
    tmp_path: Path, server: Loopback
) -> None:
    # guilds.prune(...) (an action on a guild) beside guilds.prune.list(...), and
    # segments.delete(id) beside segments.delete.create() (a bulk delete)
    item = [{"name": "id", "in": "path", "required": True, "schema": {}}]
    spec = openapi(
        {
            **_operation(
                "/guilds/{id}/prune", operationId="prune_guild", parameters=item
            ),
            "/guilds/{id}/prune/count": {
                "get": {
                    "operationId": "count_prune",
                    "parameters": item,
                    "responses": {"204": {"description": "x"}},
                }
            },
            "/segments/{id}": {
                "delete": {
                    "operationId": "delete_segment",
                    "parameters": item,
                    "responses": {"204": {"description": "x"}},
                }
            },
            **_operation("/segments/delete"),
        }
    )
    with (
        generated(spec, tmp_path) as (package, report),
        package.Client(endpoint=server.url) as client,
    ):
        calls = {op["operation_id"]: op["call"] for op in report["operations"]}
        assert len(set(calls.values())) == 4
        for operation_id, path in [
            ("prune_guild", "/api/guilds/1/prune"),
            ("count_prune", "/api/guilds/1/prune/count"),
            ("delete_segment", "/api/segments/1"),
            ("op", "/api/segments/delete"),
        ]:
            target = client
            for attribute in calls[operation_id].split("."):
                target = getattr(target, attribute)
            server.reply(204, None)
            target(**({"id": "1"} if "{id}" in path or "/1" in path else {}))
            assert server.last().path == path, (operation_id, calls[operation_id])
