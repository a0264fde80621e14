"""The diff on the real Azure OpenAI specs, checked against changes found by hand in
the JSON files (and the published Markdown diff)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.diff import diff_apis
from generator.diff.python import python_report
from generator.diff.render import markdown_body
from generator.diff.rules import Change
from generator.load import load_api

CHAT = "POST /deployments/{deployment-id}/chat/completions"
COMPLETIONS = "POST /deployments/{deployment-id}/completions"
S = "/components/schemas/"

# Every difference between the two JSON files other than info.version and the
# api-version parameter's `example`, read off the files by hand.
DEC_TO_JAN = {
    (
        "request-property-added",
        S + "createChatCompletionRequest/allOf/1/properties/modalities",
    ),
    (
        "request-property-added",
        S + "createChatCompletionRequest/allOf/1/properties/prediction",
    ),
    (
        "request-property-added",
        S + "createChatCompletionRequest/allOf/1/properties/audio",
    ),
    (
        "request-variant-added",
        S + "chatCompletionRequestUserMessageContentPart/oneOf/2",
    ),
    ("response-property-added", S + "chatCompletionResponseMessage/properties/audio"),
    (
        "response-property-added",
        S + "completionUsage/properties/prompt_tokens_details/properties/audio_tokens",
    ),
    *(
        (
            "response-property-added",
            S
            + f"completionUsage/properties/completion_tokens_details/properties/{name}",
        )
        for name in (
            "accepted_prediction_tokens",
            "audio_tokens",
            "rejected_prediction_tokens",
        )
    ),
    ("description-changed", S + "userSecurityContext/properties/end_user_tenant_id"),
    ("schema-added", S + "chatCompletionRequestMessageContentPartAudio"),
    ("schema-added", S + "PredictionContent"),
    ("schema-added", S + "ChatCompletionModalities"),
}


def raw(specs: Path, version: str) -> Any:
    return json.loads((specs / version / "inference.json").read_text(encoding="utf-8"))


def operation_keys(document: Any) -> set[str]:
    return {
        f"{method.upper()} {path}"
        for path, item in document["paths"].items()
        for method in item
    }


@pytest.fixture(scope="module")
def dec_to_jan(real_specs: Path) -> list[Change]:
    return diff_apis(load_api("2024-12-01-preview"), load_api("2025-01-01-preview"))


@pytest.fixture(scope="module")
def jan_to_mar(real_specs: Path) -> list[Change]:
    return diff_apis(load_api("2025-01-01-preview"), load_api("2025-03-01-preview"))


def test_dec_to_jan_reports_exactly_the_changes_in_the_json(
    dec_to_jan: list[Change],
) -> None:
    assert {(c.id, c.location) for c in dec_to_jan} == DEC_TO_JAN
    assert len(dec_to_jan) == len(DEC_TO_JAN)


def test_dec_to_jan_has_nothing_breaking(dec_to_jan: list[Change]) -> None:
    assert [c for c in dec_to_jan if c.severity == "breaking"] == []


def test_dec_to_jan_leaves_unchanged_operations_alone(
    real_specs: Path, dec_to_jan: list[Change]
) -> None:
    # No operation changed in itself (only the api-version example did) ...
    assert [c for c in dec_to_jan if c.operation is not None] == []
    reached = {op for c in dec_to_jan for op in c.operations}
    # ... and completionUsage is the only changed schema the completions endpoint uses.
    assert reached == {CHAT, COMPLETIONS}
    assert {c.schema for c in dec_to_jan if COMPLETIONS in c.operations} == {
        "completionUsage"
    }
    untouched = operation_keys(raw(real_specs, "2025-01-01-preview")) - reached
    assert "GET /assistants" in untouched and len(untouched) == 40


def test_dec_to_jan_does_not_follow_the_markdown_reference(
    dec_to_jan: list[Change],
) -> None:
    # The published Markdown diff adds modalities/prediction/audio to the Completions
    # request table too; the JSON adds them to createChatCompletionRequest only.
    assert not [c for c in dec_to_jan if c.schema == "createCompletionRequest"]


def test_jan_to_mar_reports_the_additions_only(
    real_specs: Path, jan_to_mar: list[Change]
) -> None:
    old, new = raw(real_specs, "2025-01-01-preview"), raw(
        real_specs, "2025-03-01-preview"
    )
    added_ops = operation_keys(new) - operation_keys(old)
    added_schemas = (
        new["components"]["schemas"].keys() - old["components"]["schemas"].keys()
    )
    assert {
        "POST /responses",
        "POST /vector_stores/{vector_store_id}/search",
    } <= added_ops
    assert {c.operation for c in jan_to_mar if c.id == "operation-added"} == added_ops
    assert {c.schema for c in jan_to_mar if c.id == "schema-added"} == added_schemas
    assert len(jan_to_mar) == len(added_ops) + len(added_schemas)


def test_jan_to_mar_reports_no_30_to_31_spelling_changes(
    jan_to_mar: list[Change],
) -> None:
    spelling = ("nullable", "constraint", "default", "type-changed", "enum")
    assert [c for c in jan_to_mar if any(word in c.id for word in spelling)] == []


def to_31(schema: Any) -> Any:
    """A 3.0 schema spelled the OpenAPI 3.1 way: "null" types, `examples`, numeric
    exclusive bounds."""
    if isinstance(schema, list):
        return [to_31(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {
        k: (v if k in ("example", "enum", "default") else to_31(v))
        for k, v in schema.items()
    }
    if "example" in out:
        out["examples"] = [out.pop("example")]
    for key, plain in (
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ):
        if out.get(key) is True:
            out[key] = out.pop(plain)
    if out.pop("nullable", False) is not True:
        return out
    if isinstance(out.get("type"), str):
        out["type"] = [out["type"], "null"]
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
        return out
    if "$ref" in out:
        return {"anyOf": [{"$ref": out.pop("$ref")}, {"type": "null"}], **out}
    for key in ("oneOf", "anyOf"):
        if key in out:
            out[key] = [*out[key], {"type": "null"}]
            return out
    notes = {k: out.pop(k) for k in ("description", "title", "default") if k in out}
    return {"anyOf": [out, {"type": "null"}], **notes}


def test_real_spec_respelled_as_31_has_no_changes(
    real_specs: Path, tmp_path: Path
) -> None:
    document = raw(real_specs, "2025-01-01-preview")
    document["openapi"] = "3.1.0"
    document["components"]["schemas"] = {
        name: to_31(schema)
        for name, schema in document["components"]["schemas"].items()
    }
    for item in document["paths"].values():
        for operation in item.values():
            for parameter in operation.get("parameters", ()):
                parameter["schema"] = to_31(parameter["schema"])
            bodies = [
                operation.get("requestBody", {}),
                *operation["responses"].values(),
            ]
            for media in (
                m for body in bodies for m in body.get("content", {}).values()
            ):
                media["schema"] = to_31(media["schema"])
    text = json.dumps(document)
    assert '"nullable"' not in text and text.count('"null"') > 150  # really respelled
    respelled = tmp_path / "inference.json"
    respelled.write_text(text, encoding="utf-8")
    assert diff_apis(load_api("2025-01-01-preview"), load_api(str(respelled))) == []


def test_dec_to_jan_changelog_names_what_python_callers_touch(
    dec_to_jan: list[Change],
) -> None:
    old, new = load_api("2024-12-01-preview"), load_api("2025-01-01-preview")
    report = python_report("dec", "jan", old, new, dec_to_jan)
    python = {c.location.rsplit("/", 1)[-1]: c.python for c in report.changes}
    assert python["prediction"] == (
        "client.chat.completions.create(prediction=...)",
        "CreateChatCompletionRequest.prediction",
    )
    assert python["accepted_prediction_tokens"] == (
        "completion_usage.CompletionTokensDetails.accepted_prediction_tokens",
    )
    assert python["PredictionContent"] == ("PredictionContent",)
    text = markdown_body(report, level=2)
    assert "### `client.chat.completions.create()` (`POST " in text
    assert (
        "Used by: `client.completions.create()`, `client.chat.completions.create()`."
        in text
    )
    # the description change shows the words that changed
    assert "~~multitenant.~~ **multi tenant.**" in text
