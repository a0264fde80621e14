"""Reconcile: findings on the published references, each checked by hand against the
Markdown file (line cited) and the JSON spec; kinds the published files do not show are
provoked by editing a rendered reference; equivalent shapes are not findings."""

from __future__ import annotations

from collections import Counter

from generator.docs import render_markdown
from generator.parse.markdown import parse_markdown_text
from generator.reconcile import Finding, reconcile
from generator.reconcile.findings import KINDS
from generator.reconcile.messages import DIFFERING, ONE_SIDED
from markdown_fixtures import GA, PREVIEW, published, spec

DEPLOYMENT = "https://{endpoint}/openai/deployments/{deployment-id}"


def findings(api_version: str) -> list[Finding]:
    return list(reconcile(published(api_version), spec(api_version)).findings)


def find(found: list[Finding], kind: str, where: str) -> list[Finding]:
    return [f for f in found if f.kind == kind and f.where == where]


def one(found: list[Finding], kind: str, where: str) -> Finding:
    matches = find(found, kind, where)
    assert (
        len(matches) == 1
    ), f"{kind} at {where}: {matches or [f.where for f in found if f.kind == kind]}"
    return matches[0]


# -- 2024-10-21 ------------------------------------------------------------------------


def test_ga_counts() -> None:
    report = reconcile(published(GA), spec(GA))
    assert (report.markdown.operations, report.markdown.schemas) == (6, 99)
    assert (report.openapi.operations, report.openapi.schemas) == (6, 99)


def test_ga_omits_token_authentication_on_every_operation() -> None:
    # The spec's security is [{bearer}, {apiKey}]; the Request Header tables list api-key.
    found = [f for f in findings(GA) if f.kind == "security-mismatch"]
    assert len(found) == 6
    assert {(f.markdown, f.openapi) for f in found} == {(None, "oauth2")}
    assert all(f.where.endswith("header Authorization") for f in found)
    assert found[0].line == 11  # `## Completions`


def test_ga_omits_inherited_properties() -> None:
    found = findings(GA)
    # error is allOf [errorBase (code, message)] + param, type, inner_error; line 957
    code = one(found, "property-missing", "schema error, property code")
    assert (code.markdown, code.openapi, code.line) == (None, "string", 957)
    filtered = one(
        found,
        "property-missing",
        "schema contentFilterDetectedWithCitationResult, property filtered",
    )
    assert "required" in filtered.message


def test_ga_required_default_enum_discriminator_and_member_findings() -> None:
    found = findings(GA)
    # contentFilterSeverityResult: required [severity, filtered]; line 1044 says No, string
    severity = "schema contentFilterSeverityResult, property severity"
    required = one(found, "required-mismatch", severity)
    assert (required.markdown, required.openapi, required.line) == (
        "optional",
        "required",
        1044,
    )
    values = one(found, "enum-mismatch", severity)
    assert (values.markdown, values.openapi) == (None, "safe, low, medium, high")
    assert not find(
        found, "type-mismatch", severity
    )  # one finding for a plain string vs enum
    default = one(
        found, "default-mismatch", "schema createCompletionRequest, property prompt"
    )
    assert (default.markdown, default.openapi) == (None, "<|endoftext|>")
    # `This component can be one of the following:` with an empty list (line 1279)
    members = find(found, "variant-mismatch", "schema chatCompletionRequestMessage")
    assert {f.openapi for f in members} == {
        "chatCompletionRequestSystemMessage",
        "chatCompletionRequestUserMessage",
        "chatCompletionRequestAssistantMessage",
        "chatCompletionRequestToolMessage",
        "chatCompletionRequestFunctionMessage",
    }
    # oneOf of one member (an alias in the IR) against an empty member list
    alias = one(
        found,
        "variant-mismatch",
        "schema chatCompletionRequestSystemMessageContentPart",
    )
    assert alias.openapi == "chatCompletionRequestMessageContentPartText"
    discriminator = one(
        found, "discriminator-mismatch", "schema azureChatExtensionConfiguration"
    )
    assert discriminator.markdown is None
    assert (
        discriminator.openapi is not None
        and "azure_search=azureSearchChatExtensionConfiguration"
        in discriminator.openapi
    )


def test_ga_finding_kinds() -> None:
    assert set(Counter(f.kind for f in findings(GA))) == {
        "security-mismatch",
        "property-missing",
        "required-mismatch",
        "default-mismatch",
        "enum-mismatch",
        "variant-mismatch",
        "discriminator-mismatch",
    }


# -- 2025-03-01-preview -------------------------------------------------------------------


def test_preview_documents_an_operation_and_schemas_the_spec_lacks() -> None:
    found = findings(PREVIEW)
    edits = one(found, "operation-missing", f"POST {DEPLOYMENT}/images/edits")
    assert (edits.openapi, edits.line) == (None, 1333)
    missing = [f for f in found if f.kind == "schema-missing"]
    assert {f.where for f in missing} == {
        "schema imageBackground",
        "schema imageEditsRequest",
        "schema imageOutputFormat",
        "schema imageSafety",
    }
    assert all(f.openapi is None for f in missing)
    output_format = one(
        found,
        "property-missing",
        f"POST {DEPLOYMENT}/images/generations, request body (application/json), property output_format",
    )
    assert (output_format.markdown, output_format.line) == ("imageOutputFormat", 1228)


def test_preview_shows_some_unions_as_merged_objects() -> None:
    found = findings(PREVIEW)
    # responseStreamEvent is anyOf 29 events; line 9193 shows one table merging them
    stream = one(found, "kind-mismatch", "schema responseStreamEvent")
    assert (stream.markdown, stream.openapi) == (
        "an object with 17 properties",
        "a union of 29 members",
    )
    assert one(found, "kind-mismatch", "schema OutputItem").line == 8746


def test_preview_responses_create_has_no_request_header_table() -> None:
    found = [f for f in findings(PREVIEW) if f.kind == "security-mismatch"]
    assert {f.where for f in found} == {
        "POST https://{endpoint}/openai/responses, header Authorization",
        "POST https://{endpoint}/openai/responses, header api-key",
    }
    assert {f.line for f in found} == {4585}


def test_preview_type_required_default_enum_and_discriminator_findings() -> None:
    found = findings(PREVIEW)
    # line 323: `application/json | object`; the spec: oneOf the two response schemas
    chat = one(
        found,
        "type-mismatch",
        f"POST {DEPLOYMENT}/chat/completions, response 200 (application/json)",
    )
    assert (chat.markdown, chat.openapi, chat.line) == (
        "object",
        "createChatCompletionResponse or createChatCompletionStreamResponse",
        323,
    )
    # line 5035: `└─ format ... | No |`; the spec: audio.required [voice, format]
    audio = one(
        found,
        "required-mismatch",
        "schema createChatCompletionRequest, property audio.format",
    )
    assert (audio.markdown, audio.openapi, audio.line) == ("optional", "required", 5035)
    effort = one(
        found,
        "default-mismatch",
        "schema createChatCompletionRequest, property reasoning_effort",
    )
    assert (effort.markdown, effort.openapi) == (None, "medium")
    # line 8283 lists `computer_use_preview`; the spec's enum is ["computer-preview"]
    computer = one(found, "enum-mismatch", "schema ComputerTool, property type")
    assert (computer.markdown, computer.openapi) == (
        "computer_use_preview",
        "computer-preview",
    )
    quality = one(found, "enum-mismatch", "schema imageQuality")
    assert "`low`, `medium`, `high`" in quality.message
    item = one(found, "discriminator-mismatch", "schema Item")
    assert (item.markdown, item.openapi) == (None, "`type`")
    embeddings = one(
        found,
        "property-missing",
        f"POST {DEPLOYMENT}/embeddings, response 200, property object",
    )
    assert embeddings.openapi == "string"


def test_equivalent_shapes_are_not_findings() -> None:
    found = findings(PREVIEW)
    wheres = {f.where for f in found}
    # oneOf of one inline object: an object in the IR, a one-member union in the file
    assert "schema threadStreamEvent" not in wheres
    # oneOf of one $ref: an alias in the IR, `- [member]` in the file
    assert "schema chatCompletionRequestSystemMessageContentPart" not in wheres
    # oneOf [string enum, $ref]: the file lists only the $ref
    assert "schema chatCompletionToolChoiceOption" not in wheres
    # allOf [$ref]: shown as the target's properties
    assert not [
        w
        for w in wheres
        if w.startswith("schema onYourDataSystemAssignedManagedIdentity")
    ]
    # server URL + path split differently on each side
    assert not [
        f for f in found if f.kind == "operation-missing" and f.markdown is None
    ]


# -- kinds the published files do not show ----------------------------------------------


def edited(old: str, new: str) -> list[Finding]:
    """Findings after one edit of the rendered GA reference (which reconciles clean)."""
    api = spec(GA)
    text = render_markdown(api)
    assert old in text
    result = parse_markdown_text(text.replace(old, new, 1), "edited.md")
    return list(reconcile(result, api).findings)


def test_status_and_media_type_mismatches() -> None:
    status = edited("**Status Code:** default", "**Status Code:** 404")
    completions = f"POST {DEPLOYMENT}/completions"
    assert {(f.kind, f.where, f.markdown, f.openapi) for f in status} == {
        ("status-mismatch", f"{completions}, response 404", "404", None),
        ("status-mismatch", f"{completions}, response default", None, "default"),
    }
    media = edited(
        "**Content-Type**: multipart/form-data", "**Content-Type**: application/json"
    )
    transcriptions = f"POST {DEPLOYMENT}/audio/transcriptions, request body"
    assert {(f.kind, f.where, f.markdown, f.openapi) for f in media} == {
        ("media-type-mismatch", transcriptions, "application/json", None),
        ("media-type-mismatch", transcriptions, None, "multipart/form-data"),
    }


def test_parameter_findings() -> None:
    location = edited("| api-version | query | Yes |", "| api-version | header | Yes |")
    assert [(f.kind, f.markdown, f.openapi) for f in location] == [
        ("location-mismatch", "header", "query")
    ]
    row = "| deployment-id | path | Yes | string | Deployment id of the model which was deployed. |\n"
    missing = edited(row, "")
    assert [(f.kind, f.where, f.markdown) for f in missing] == [
        (
            "parameter-missing",
            f"POST {DEPLOYMENT}/completions, parameter deployment-id",
            None,
        )
    ]


def test_type_required_and_default_on_a_property() -> None:
    row = "| max_tokens | integer |"
    assert [
        (f.kind, f.markdown, f.openapi) for f in edited(row, "| max_tokens | number |")
    ] == [("type-mismatch", "number", "integer")]
    found = edited(
        "| n | integer | How many completions to generate for each prompt.",
        "| n | integer | x",
    )
    assert found == []  # descriptions are not compared
    echo = "| echo | boolean | Echo back the prompt in addition to the completion | No | False |"
    found = edited(
        echo,
        "| echo | boolean | Echo back the prompt in addition to the completion | Yes | True |",
    )
    assert sorted((f.kind, f.markdown, f.openapi) for f in found) == [
        ("default-mismatch", "True", "False"),
        ("required-mismatch", "required", "optional"),
    ]


def test_every_finding_kind_has_a_report_heading() -> None:
    # The text report lists findings under the KINDS headings: a kind missing there
    # would drop its findings from the report, and a heading no case makes is stale.
    kinds = {row[0] for row in (*ONE_SIDED.values(), *DIFFERING.values())}
    assert kinds == set(KINDS)
