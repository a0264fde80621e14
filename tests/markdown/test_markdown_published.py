"""The published references parse into the IR: counts against their JSON specs, and
facts checked by hand against the Markdown files (line numbers cite them)."""

from __future__ import annotations

from generator.ir import Api, Operation, Property, Schema
from generator.parse.markdown import MarkdownResult
from markdown_fixtures import GA, PREVIEW, published, spec

AZURE = "https://{endpoint}/openai"


def operation(api: Api, method: str, url: str) -> Operation:
    assert url.startswith(api.servers[0].url)
    found = api.operation(method, url[len(api.servers[0].url) :])
    assert found is not None, f"{method} {url} not parsed"
    return found


def prop(schema: Schema, path: str) -> Property:
    found: Property | None = None
    for name in path.split("."):
        found = schema.property(name)
        assert found is not None, f"no property {path}"
        schema = found.schema
    assert found is not None
    return found


def body(op: Operation, media_type: str = "application/json") -> Schema:
    assert op.request_body is not None
    media = next(m for m in op.request_body.content if m.media_type == media_type)
    assert media.schema is not None
    return media.schema


def warning_lines(result: MarkdownResult) -> dict[int, str]:
    return {int(w.split(":")[1]): w.split(":", 2)[2].strip() for w in result.warnings}


# -- 2024-10-21 (GA, older layout) -----------------------------------------------------


def test_ga_has_every_operation_and_schema_of_its_spec() -> None:
    doc, json_api = published(GA).api, spec(GA)
    assert [(o.method, o.path) for o in doc.operations] == [
        (o.method, o.path) for o in json_api.operations
    ]
    assert len(doc.operations) == 6
    assert list(doc.schemas) == list(json_api.schemas)
    assert len(doc.schemas) == 99
    assert doc.version == "2024-10-21"


def test_ga_request_line_parameters_and_headers() -> None:
    api = published(GA).api
    # the format does not mark where the server URL ends: scheme, host and the shared
    # first segment, as in the spec
    assert api.servers[0].url == "https://{endpoint}/openai" == spec(GA).servers[0].url
    assert [v.name for v in api.servers[0].variables] == ["endpoint"]
    op = operation(api, "post", f"{AZURE}/deployments/{{deployment-id}}/completions")
    assert op.operation_id == "Completions"  # `## Completions`
    assert (
        op.summary
        == "Creates a completion for the provided prompt, parameters, and chosen model."
    )
    params = {p.name: p for p in op.parameters}
    assert list(params) == ["deployment-id", "api-version"]  # endpoint is the server's
    assert (params["deployment-id"].location, params["deployment-id"].required) == (
        "path",
        True,
    )
    assert (params["api-version"].location, params["api-version"].description) == (
        "query",
        "API version",
    )
    assert op.security == ((("api-key", ()),),)  # only api-key in the older layout
    (scheme,) = api.security_schemes
    assert (scheme.type, scheme.location, scheme.parameter_name) == (
        "apiKey",
        "header",
        "api-key",
    )


def test_ga_completions_body_types_defaults_and_cell_escapes() -> None:
    schema = body(
        operation(
            published(GA).api,
            "post",
            f"{AZURE}/deployments/{{deployment-id}}/completions",
        )
    )
    assert [p.name for p in schema.properties] == [
        "prompt", "best_of", "echo", "frequency_penalty", "logit_bias", "logprobs", "max_tokens",
        "n", "presence_penalty", "seed", "stop", "stream", "suffix", "temperature", "top_p", "user",
    ]  # fmt: skip
    prompt = prop(schema, "prompt")
    assert prompt.required and prompt.schema.type == "union"
    assert [m.type for m in prompt.schema.one_of] == [
        "string",
        "array",
    ]  # "string or array"
    assert "<|endoftext|>" in (prompt.schema.description or "")  # &#124; in the cell
    best_of = prop(schema, "best_of").schema
    assert (best_of.type, best_of.has_default, best_of.default) == ("integer", True, 1)
    assert "return â€“ `best_of`" in (best_of.description or "")  # mojibake kept
    assert prop(schema, "echo").schema.default is False  # "False"
    logit_bias = prop(schema, "logit_bias").schema
    assert (logit_bias.has_default, logit_bias.default) == (True, None)  # "None"
    assert prop(schema, "max_tokens").schema.default == 16
    assert not prop(schema, "seed").schema.has_default


def test_ga_responses_and_inline_response_properties() -> None:
    api = published(GA).api
    completions = operation(
        api, "post", f"{AZURE}/deployments/{{deployment-id}}/completions"
    )
    ok, default = completions.responses
    assert (ok.status, ok.description, default.status) == ("200", "OK", "default")
    (media,) = ok.content
    assert media.schema is not None and media.schema.ref == "createCompletionResponse"
    assert (media.schema.description or "").startswith(
        "Represents a completion response from the API."
    )
    transcriptions = operation(
        api, "post", f"{AZURE}/deployments/{{deployment-id}}/audio/transcriptions"
    )
    assert [m.media_type for m in transcriptions.request_body.content] == ["multipart/form-data"]  # type: ignore[union-attr]
    json_media, text_media = transcriptions.responses[0].content
    assert [m.ref for m in json_media.schema.one_of] == ["audioResponse", "audioVerboseResponse"]  # type: ignore[union-attr]
    assert (text_media.media_type, text_media.schema.type) == ("text/plain", "string")  # type: ignore[union-attr]
    # Embeddings lists its inline 200 body before the status, usage's in sub-tables.
    embeddings = operation(
        api, "post", f"{AZURE}/deployments/{{deployment-id}}/embeddings"
    )
    inline = embeddings.responses[0].content[0].schema
    assert inline is not None and [p.name for p in inline.properties] == [
        "object",
        "model",
        "data",
        "usage",
    ]
    assert [p.name for p in prop(inline, "usage").schema.properties] == [
        "prompt_tokens",
        "total_tokens",
    ]


def test_ga_examples() -> None:
    api = published(GA).api
    completions = operation(
        api, "post", f"{AZURE}/deployments/{{deployment-id}}/completions"
    )
    (example,) = completions.examples
    assert (
        example.name
        == "Creates a completion for the provided prompt, parameters, and chosen model."
    )
    assert example.data["parameters"]["body"] == {
        "prompt": ["tell me a joke about mango"],
        "max_tokens": 32,
        "temperature": 1.0,
        "n": 1,
    }
    assert (
        example.data["responses"]["200"]["body"]["id"]
        == "cmpl-7QmVI15qgYVllxK0FtxVGG6ywfzaq"
    )
    chat = operation(
        api, "post", f"{AZURE}/deployments/{{deployment-id}}/chat/completions"
    )
    assert len(chat.examples) == 4


def test_ga_components() -> None:
    result = published(GA)
    schemas = result.api.schemas
    size = schemas["imageSize"]  # **Enum Values** table
    assert (size.type, size.enum, size.default) == (
        "string",
        ("1792x1024", "1024x1792", "1024x1024"),
        "1024x1024",
    )
    assert size.extension("x-ms-enum") == {"name": "Size"}
    assert schemas["audioResponseFormat"].enum == (
        "json",
        "text",
        "srt",
        "verbose_json",
        "vtt",
    )  # a list
    assert not schemas["audioResponseFormat"].has_default  # "**Default**: " empty
    system = schemas["chatCompletionRequestSystemMessage"]
    role = prop(system, "role")
    assert role.required and role.schema.enum == (
        "system",
    )  # "enum" + "Possible values: system"
    assert not prop(system, "name").required
    # `### Properties for function` / `#### name`: nested, Required not stated
    tool_call = schemas["chatCompletionMessageToolCall"]
    name = prop(tool_call, "function.name")
    assert name.schema.type == "string"
    assert name.schema.pointer in result.unstated_required
    assert prop(tool_call, "id").schema.pointer not in result.unstated_required
    assert (
        schemas["chatCompletionRequestMessage"].type == "union"
    )  # an empty member list
    assert schemas["promptFilterResults"].type == "any"  # "No properties defined"
    request = schemas["createChatCompletionRequest"]
    parallel = prop(request, "parallel_tool_calls").schema
    assert (parallel.ref, parallel.default) == ("ParallelToolCalls", True)
    assert [m.ref for m in prop(request, "response_format").schema.one_of] == [
        "ResponseFormatText",
        "ResponseFormatJsonObject",
        "ResponseFormatJsonSchema",
    ]


def test_ga_warns_about_the_closing_notes_only() -> None:
    # `### Completions extensions`, `### Chatmessage`, `### Text to speech` are prose.
    assert sorted(warning_lines(published(GA))) == [2313, 2317, 2321]


# -- 2025-03-01-preview (newer layout) ---------------------------------------------------


def test_preview_has_every_operation_and_schema_of_its_spec_and_more() -> None:
    doc, json_api = published(PREVIEW).api, spec(PREVIEW)
    server = json_api.servers[0].url
    documented = {(o.method, doc.servers[0].url + o.path) for o in doc.operations}
    defined = {(o.method, server + o.path) for o in json_api.operations}
    assert len(json_api.operations) == 49 and defined <= documented
    assert documented - defined == {
        ("post", f"{AZURE}/deployments/{{deployment-id}}/images/edits")
    }
    assert len(json_api.schemas) == 333 and set(json_api.schemas) <= set(doc.schemas)
    assert set(doc.schemas) - set(json_api.schemas) == {
        "imageBackground",
        "imageEditsRequest",
        "imageOutputFormat",
        "imageSafety",
    }


def test_preview_authorization_header_table() -> None:
    api = published(PREVIEW).api
    schemes = {s.type: s for s in api.security_schemes}
    assert set(schemes) == {"oauth2", "apiKey"}
    assert schemes["oauth2"].flows == (
        (
            "implicit",
            {
                "authorizationUrl": "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
                "scopes": {},
            },
        ),
    )
    assert schemes["apiKey"].parameter_name == "api-key"
    op = operation(api, "get", f"{AZURE}/assistants")
    assert op.security == (
        (("oauth2", ("https://cognitiveservices.azure.com/.default",)),),
        (("api-key", ()),),
    )


def test_preview_query_parameters_with_possible_values() -> None:
    op = operation(published(PREVIEW).api, "get", f"{AZURE}/assistants")
    params = {p.name: p for p in op.parameters}
    assert list(params) == ["limit", "order", "after", "before", "api-version"]
    assert (params["limit"].schema.type, params["limit"].required) == ("integer", False)  # type: ignore[union-attr]
    assert params["order"].schema.enum == ("asc", "desc")  # type: ignore[union-attr]
    assert params["api-version"].required


def test_preview_nested_rows() -> None:
    api = published(PREVIEW).api
    chat = body(
        operation(
            api, "post", f"{AZURE}/deployments/{{deployment-id}}/chat/completions"
        )
    )
    audio = prop(chat, "audio")
    assert audio.schema.type == "object" and [
        p.name for p in audio.schema.properties
    ] == ["format", "voice"]
    assert prop(chat, "audio.format").schema.enum == (
        "wav",
        "mp3",
        "flac",
        "opus",
        "pcm16",
    )
    assert prop(chat, "audio.voice").schema.enum == (
        "alloy",
        "echo",
        "fable",
        "onyx",
        "nova",
        "shimmer",
    )
    # `└─ code_interpreter` / `  └─ file_ids`: two levels (lines 1589-1593)
    assistant = body(operation(api, "post", f"{AZURE}/assistants"))
    file_ids = prop(assistant, "tool_resources.code_interpreter.file_ids").schema
    assert (file_ids.type, file_ids.default) == ("array", [])
    assert [
        p.name for p in prop(assistant, "tool_resources.file_search").schema.properties
    ] == [
        "vector_store_ids",
        "vector_stores",
    ]
    usage = api.schemas["completionUsage"]
    assert [
        p.name for p in prop(usage, "completion_tokens_details").schema.properties
    ] == [
        "accepted_prediction_tokens",
        "audio_tokens",
        "reasoning_tokens",
        "rejected_prediction_tokens",
    ]
    speech = body(
        operation(api, "post", f"{AZURE}/deployments/{{deployment-id}}/audio/speech"),
        "multipart/form-data",
    )
    assert prop(speech, "speed").schema.default == 1.0


def test_preview_enums_discriminators_and_unions() -> None:
    schemas = published(PREVIEW).api.schemas
    inner = schemas["innerErrorCode"]  # | Property | Value | table
    assert (inner.type, inner.enum) == ("string", ("ResponsibleAIPolicyViolation",))
    effort = schemas["ReasoningEffort"]
    assert (effort.enum, effort.default) == (("low", "medium", "high"), "medium")
    quality = schemas["imageQuality"]
    assert quality.enum == ("standard", "hd", "low", "medium", "high")
    assert quality.default == "standard (for DALL-E)\nhigh (for GPT-image-1)"
    extension = schemas["azureChatExtensionConfiguration"]
    assert (
        extension.discriminator is not None
        and extension.discriminator.property_name == "type"
    )
    assert extension.discriminator.mapping[0] == (
        "azure_search",
        "azureSearchChatExtensionConfiguration",
    )
    assert len(extension.discriminator.mapping) == 5
    assert prop(extension, "type").schema.ref == "azureChatExtensionType"
    input_item = schemas["InputItem"]  # a discriminator without mapping, then members
    assert (
        input_item.discriminator is not None and input_item.discriminator.mapping == ()
    )
    assert [m.ref for m in input_item.one_of] == [
        "EasyInputMessage",
        "Item",
        "ItemReference",
    ]
    assert len(schemas["chatCompletionRequestMessage"].one_of) == 6


def test_preview_streaming_event_sections() -> None:
    schemas = published(PREVIEW).api.schemas
    (created,) = schemas["threadStreamEvent"].one_of
    assert created.title == "thread.created"
    assert prop(created, "data").schema.ref == "threadObject"
    assert prop(created, "event").schema.enum == (
        "thread.created",
    )  # **Event Enum** table
    runs = schemas["runStreamEvent"].one_of
    assert (
        len(runs) == 9
        and runs[0].title == "thread.run.created"
        and runs[-1].title == "thread.run.expired"
    )
    assert "thread.created" not in schemas  # a member, not a component
    done = schemas["doneEvent"]  # **event Enum** and **data Enum**
    assert (prop(done, "event").schema.enum, prop(done, "data").schema.enum) == (
        ("done",),
        ("[DONE]",),
    )


def test_preview_warnings_point_at_the_broken_lines() -> None:
    lines = warning_lines(published(PREVIEW))
    assert (
        "not valid JSON" in lines[189] and "not valid JSON" in lines[1418]
    )  # trailing commas
    assert "malformed property row" in lines[1230]  # a stray ` | No | auto |` row
    assert "malformed property row" in lines[6219]
    assert (
        "2025-04-01-preview" in lines[1333]
    )  # Image generations - Edit's request line
    assert len(lines) == 5
