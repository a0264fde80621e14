"""Contract tests from the spec's own examples: every example file of 2025-01-01-preview
(the pin whose example files are published) drives its operation through the
distribution's client, once per pinned api-version, against a loopback server that
answers with the example's response; the request on the wire and the typed parse are
checked. Where an api-version's own spec lacks the operation or an argument the example
passes, the call must be refused before anything is sent."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from generator.codegen.models import ModelPlan
from generator.codegen.resources import ClientPlan, Method
from generator.conventions import AZURE_OPENAI
from generator.parse.openapi import parse_openapi
from loopback import Loopback
from real_specs import PINNED, spec_path

VERSION = "2025-01-01-preview"
API = parse_openapi(spec_path(VERSION))
PLAN = ClientPlan(API, ModelPlan(API), AZURE_OPENAI)


def _surface(api_version: str) -> dict[str, set[str]]:
    """Each operation of a pin's own spec and the keyword arguments it takes there."""
    api = parse_openapi(spec_path(api_version))
    plan = ClientPlan(api, ModelPlan(api), AZURE_OPENAI)
    return {m.operation.key: {a.name for a in m.arguments} for _, m in plan.methods}


SURFACES = {api_version: _surface(api_version) for api_version in PINNED}
EXAMPLES: dict[str, tuple[tuple[str, ...], Method, Any]] = {}
for _path, _method in PLAN.methods:
    for _example in _method.operation.examples:
        _params = _example.data["parameters"] if _example.data else {}
        # One file serves two operations upstream; it belongs to the one whose path
        # parameters it gives.
        if _example.data is not None and all(
            p.name in _params
            for p in _method.operation.parameters
            if p.location == "path"
        ):
            EXAMPLES.setdefault(
                Path(_example.ref or "").name, (_path, _method, _example.data)
            )


def _multipart_file(raw: str) -> tuple[str, bytes]:
    """The file a published multipart example body carries: (filename, content)."""
    match = re.search(r'filename="([^"]+)"\n(?:[^\n]+\n)*\n(.*?)\n--', raw, re.S)
    assert match, raw
    return match.group(1), match.group(2).encode()


def _arguments(method: Method, parameters: dict[str, Any]) -> dict[str, Any]:
    kwargs: dict[str, Any] = {}
    body = parameters.get("body")
    for arg in method.arguments:
        if arg.location in ("path", "query", "header") and arg.wire in parameters:
            kwargs[arg.name] = parameters[arg.wire]
        elif arg.location == "file" and isinstance(body, str):
            kwargs[arg.name] = _multipart_file(body)
        elif arg.location == "body" and isinstance(body, dict) and arg.wire in body:
            kwargs[arg.name] = body[arg.wire]
    return kwargs


def test_every_present_example_file_is_exercised() -> None:
    folder = spec_path(VERSION).parent / "examples"
    assert set(EXAMPLES) == {p.name for p in folder.glob("*.json")}
    assert len(EXAMPLES) == 38


@pytest.mark.parametrize("api_version", PINNED)
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example(name: str, api_version: str, sdk: Any, server: Loopback) -> None:
    resource_path, method, data = EXAMPLES[name]
    op = method.operation
    parameters = data["parameters"]
    status, response = next(iter(data["responses"].items()))
    reply_body = response.get("body", response.get("example"))
    if method.response_kind == "bytes":
        server.reply(
            int(status),
            reply_body.encode(),
            {"content-type": "application/octet-stream"},
        )
    else:
        server.reply(int(status), reply_body)
    client = sdk(api_version).Client(endpoint=server.url, api_key="example-key")
    target: Any = client
    for attribute in resource_path + (method.name,):
        target = getattr(target, attribute)
    arguments = _arguments(method, parameters)
    surface = SURFACES[api_version]
    lacking = set(arguments) - surface.get(op.key, set())
    if op.key not in surface or lacking:
        with pytest.raises(sdk(api_version).APIVersionError) as refused:
            target(**arguments)
        message = str(refused.value)
        assert f" is not available in api-version {api_version}; it was " in message
        if op.key in surface:
            assert any(f"({name}=...)" in message for name in lacking), message
        assert server.requests == []
        return
    result = target(**arguments)

    request = server.last()
    expected_path = op.path
    for param in op.parameters:
        if param.location == "path":
            expected_path = expected_path.replace(
                "{" + param.name + "}", quote(str(parameters[param.name]), safe="")
            )
    assert (request.method, request.path) == (
        op.method.upper(),
        "/openai" + expected_path,
    )
    expected_query = {"api-version": [api_version]}
    for param in op.parameters:
        if (
            param.location == "query"
            and param.name in parameters
            and param.name != "api-version"
        ):
            expected_query[param.name] = [str(parameters[param.name])]
    assert request.query == expected_query
    assert request.headers["api-key"] == "example-key"
    body = parameters.get("body")
    if isinstance(body, dict) and method.body_kind == "json":
        assert request.json() == body
    elif isinstance(body, dict) and method.body_kind == "multipart":
        for key, value in body.items():
            assert f'name="{key}"\r\n\r\n{value}\r\n'.encode() in request.body
    elif isinstance(body, str):
        filename, content = _multipart_file(body)
        assert (
            f'filename="{filename}"'.encode() in request.body
            and content in request.body
        )

    if method.response_kind == "bytes":
        assert result == reply_body.encode()
    elif isinstance(reply_body, str):
        assert result == reply_body
    else:
        pkg = sdk(api_version)
        assert not isinstance(result, (dict, list))
        # the typed result dumps back to exactly the example's JSON
        dumped = pkg._types.to_jsonable(
            result.response if isinstance(result, pkg.SyncPage) else result
        )
        assert dumped == reply_body
