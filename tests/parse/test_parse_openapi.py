"""The OpenAPI parser against the real pinned specs and small hand-written ones."""

from __future__ import annotations

import json
from pathlib import Path

import pydantic
import pytest

from inline_spec import spec
from real_specs import PINNED, spec_json, spec_path
from generator.errors import SpecError
from generator.parse.openapi import HTTP_METHODS, parse_openapi


@pytest.mark.parametrize("api_version", PINNED)
def test_every_operation_and_component_schema_is_parsed(api_version: str) -> None:
    raw = spec_json(api_version)
    api = parse_openapi(spec_path(api_version))
    expected_ops = {
        (method, path)
        for path, item in raw["paths"].items()
        for method in item
        if method in HTTP_METHODS
    }
    assert {(op.method, op.path) for op in api.operations} == expected_ops
    assert set(api.schemas) == set(raw["components"]["schemas"])
    assert len({op.operation_id for op in api.operations}) == len(api.operations)
    for op in api.operations:
        raw_op = raw["paths"][op.path][op.method]
        assert op.operation_id == raw_op.get("operationId", op.operation_id)
        assert {(p.name, p.location) for p in op.parameters} == {
            (p["name"], p["in"]) for p in raw_op.get("parameters", [])
        }
        assert {r.status for r in op.responses} == set(raw_op["responses"])


def test_chat_completions_operation_facts() -> None:
    api = parse_openapi(spec_path("2025-01-01-preview"))
    op = api.operation("post", "/deployments/{deployment-id}/chat/completions")
    assert op is not None and op.operation_id == "ChatCompletions_Create"
    deployment = next(p for p in op.parameters if p.name == "deployment-id")
    assert (
        deployment.location == "path"
        and deployment.required
        and deployment.schema.type == "string"
    )
    assert op.request_body is not None and op.request_body.required
    assert [m.media_type for m in op.request_body.content] == ["application/json"]
    body = op.request_body.content[0].schema
    assert body.type == "ref" and body.ref == "createChatCompletionRequest"
    assert [r.status for r in op.responses] == ["200", "default"]
    request = api.schemas["createChatCompletionRequest"]
    # allOf [chatCompletionsRequestCommon, {...}] keeps both parts for docs and diffs
    assert request.all_of[0].ref == "chatCompletionsRequestCommon"
    messages = request.all_of[1].property("messages")
    assert (
        messages.required
        and messages.schema.type == "array"
        and messages.schema.min_items == 1
    )
    temperature = (
        api.schemas["chatCompletionsRequestCommon"].property("temperature").schema
    )
    assert (temperature.minimum, temperature.maximum, temperature.default) == (0, 2, 1)
    assert temperature.nullable and temperature.examples == (1,)


def test_security_servers_and_examples() -> None:
    api = parse_openapi(spec_path("2025-01-01-preview"))
    assert api.servers[0].url == "https://{endpoint}/openai"
    assert api.servers[0].variables[0].name == "endpoint"
    schemes = {s.name: s for s in api.security_schemes}
    assert (
        schemes["apiKey"].location == "header"
        and schemes["apiKey"].parameter_name == "api-key"
    )
    assert schemes["bearer"].type == "oauth2"
    examples = [e for op in api.operations for e in op.examples]
    present = [e for e in examples if e.data is not None]
    folder = spec_path("2025-01-01-preview").parent / "examples"
    # every example whose file exists is loaded; the others are tolerated as absent
    assert {e.ref.split("/")[-1] for e in present} == {
        e.ref.split("/")[-1]
        for e in examples
        if (folder / e.ref.split("/")[-1]).is_file()
    }
    assert len(present) < len(examples)
    chat = api.operation("post", "/deployments/{deployment-id}/chat/completions")
    example = next(e for e in chat.examples if e.data is not None)
    assert "parameters" in example.data and "responses" in example.data


def test_openapi_31_spec_parses_with_normalized_nullability() -> None:
    raw = spec_json("2025-03-01-preview")
    api = parse_openapi(spec_path("2025-03-01-preview"))
    assert api.openapi == "3.1.0"
    nullable_names = [
        name
        for name, node in raw["components"]["schemas"].items()
        if node.get("nullable") is True
        or (isinstance(node.get("type"), list) and "null" in node["type"])
        or any(
            branch.get("type") == "null"
            for branch in node.get("anyOf", []) + node.get("oneOf", [])
        )
    ]
    assert nullable_names
    for name in nullable_names:
        assert api.schemas[name].nullable, name


def _write(tmp_path: Path, spec: dict) -> Path:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec))
    return path


def _spec(schemas: dict, openapi: str = "3.0.3") -> dict:
    return spec(schemas=schemas, openapi=openapi, title="t")


def test_30_and_31_forms_give_the_same_ir(tmp_path: Path) -> None:
    old = _spec(
        {
            "A": {
                "type": "integer",
                "nullable": True,
                "minimum": 0,
                "exclusiveMinimum": True,
                "example": 3,
            },
            "B": {"allOf": [{"$ref": "#/components/schemas/A"}], "description": "an A"},
        }
    )
    new = _spec(
        {
            "A": {"type": ["integer", "null"], "exclusiveMinimum": 0, "examples": [3]},
            "B": {"$ref": "#/components/schemas/A", "description": "an A"},
        },
        "3.1.0",
    )
    a = parse_openapi(_write(tmp_path, old))
    (tmp_path / "spec.json").unlink()
    b = parse_openapi(_write(tmp_path, new))
    assert a.schemas["A"] == b.schemas["A"]
    assert a.schemas["A"].exclusive_minimum == 0 and a.schemas["A"].minimum is None
    assert (a.schemas["B"].type, a.schemas["B"].ref, a.schemas["B"].description) == (
        "ref",
        "A",
        "an A",
    )
    assert a.schemas["B"] == b.schemas["B"]


def test_recursive_schemas_and_yaml(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text(
        "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        "    Node:\n      type: object\n      properties:\n        children:\n          type: array\n"
        "          items: {$ref: '#/components/schemas/Node'}\n"
    )
    api = parse_openapi(path)
    children = api.schemas["Node"].property("children").schema
    assert children.items.type == "ref" and children.items.ref == "Node"


def test_dangling_ref_names_the_pointer(tmp_path: Path) -> None:
    spec = _spec(
        {
            "A": {
                "type": "object",
                "properties": {"b": {"$ref": "#/components/schemas/Missing"}},
            }
        }
    )
    with pytest.raises(SpecError) as info:
        parse_openapi(_write(tmp_path, spec))
    assert str(info.value).endswith(
        "spec.json#/components/schemas/A/properties/b/$ref: dangling $ref: #/components/schemas/Missing"
    )


def test_invalid_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "openapi": "3.0.0",\n  "info": {\n}}}\n')
    with pytest.raises(SpecError) as info:
        parse_openapi(path)
    assert info.value.line == 4 and "invalid JSON" in info.value.message


def test_other_swagger_versions_are_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as info:
        parse_openapi(_write(tmp_path, {"swagger": "1.2", "info": {}, "paths": {}}))
    assert "unsupported Swagger version 1.2" in str(info.value)


def test_allof_of_a_ref_and_annotations_is_a_nullable_ref(
    build, tmp_path: Path
) -> None:
    """`allOf: [{$ref: X}, {nullable: true}]` (issue 12 item 5): the ref to X, null
    allowed, not an empty model of its own."""
    schemas = {
        "Run": {
            "type": "object",
            "required": ["tool_choice", "mode"],
            "properties": {
                "tool_choice": {
                    "allOf": [
                        {"$ref": "#/components/schemas/ToolChoice"},
                        {"nullable": True, "description": "which tool"},
                    ]
                },
                "mode": {
                    "allOf": [{"$ref": "#/components/schemas/Mode"}, {"nullable": True}]
                },
            },
        },
        "ToolChoice": {
            "oneOf": [
                {"type": "string", "enum": ["none", "auto"]},
                {
                    "type": "object",
                    "required": ["type"],
                    "properties": {"type": {"type": "string"}},
                },
            ]
        },
        "Mode": {"type": "string", "enum": ["auto", "manual"]},
    }
    spec = _spec(schemas)
    spec["paths"] = {
        "/runs": {
            "get": {
                "operationId": "getRun",
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Run"}
                            }
                        },
                    }
                },
            }
        }
    }
    api = parse_openapi(_write(tmp_path, spec))
    tool_choice = api.schemas["Run"].property("tool_choice")
    assert (tool_choice.schema.type, tool_choice.schema.ref) == ("ref", "ToolChoice")
    assert (
        tool_choice.schema.nullable and tool_choice.schema.description == "which tool"
    )
    models = build(spec).models
    run = models.Run.model_validate({"tool_choice": "auto", "mode": "auto"})
    assert run.tool_choice == "auto" and run.mode == models.Mode.AUTO
    run = models.Run.model_validate({"tool_choice": None, "mode": None})
    assert run.tool_choice is None and run.mode is None
    run = models.Run.model_validate({"tool_choice": {"type": "function"}, "mode": None})
    assert run.tool_choice.type == "function"
    with pytest.raises(pydantic.ValidationError):
        models.Run.model_validate({"tool_choice": None})  # mode is required
    assert not any(
        name.startswith("RunToolChoice") or name.startswith("RunMode")
        for name in models.__all__
    )
