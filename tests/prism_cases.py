"""The calls the Prism conformance test makes: for every operation of a pinned spec, its
arguments built from the schema (required only, every optional field, and `stream=True`
where the body has a stream flag), sent once through the generated client and once as
a control request that this module builds by hand from the spec (plain httpx, none of
the generated code), plus a probe Prism must refuse, which shows Prism judges the call.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

from generator.ir import Api, MediaType, Operation
from generator.parse.openapi import parse_openapi
from real_specs import PINNED, spec_path
from schema_values import ValueBuilder

API_KEY = "prism-test-key"
# Parameters the client itself sends (its api-version and credentials).
CLIENT_PARAMS = {
    ("query", "api-version"),
    ("header", "api-key"),
    ("header", "authorization"),
}
AUDIO = ("speech.wav", b"RIFF\x24\x00\x00\x00WAVEfmt ", "audio/wav")
MODES = ("static", "dynamic")


@dataclass(frozen=True)
class Case:
    api_version: str
    mode: str  # static | dynamic (prism mock -d)
    operation_id: str
    variant: str  # required | full | stream

    @property
    def id(self) -> str:
        return f"{self.api_version}-{self.mode}-{self.operation_id}-{self.variant}"


@dataclass
class Values:
    """One call's arguments, by where they travel."""

    params: dict[tuple[str, str], Any] = field(default_factory=dict)
    media_type: str | None = None
    body: Any = None  # the JSON body (fields of a multipart body)
    files: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=None)
def api_of(api_version: str) -> Api:
    return parse_openapi(spec_path(api_version))


def operation(api_version: str, operation_id: str) -> Operation:
    return next(
        o for o in api_of(api_version).operations if o.operation_id == operation_id
    )


def body_media(op: Operation) -> MediaType | None:
    """The media type a caller sends: JSON when the spec offers it, as the client does."""
    if op.request_body is None or not op.request_body.content:
        return None
    content = op.request_body.content
    return next((m for m in content if "json" in m.media_type), content[0])


def has_stream_flag(api: Api, op: Operation) -> bool:
    media = body_media(op)
    if media is None or media.schema is None:
        return False
    target = api.resolve(media.schema)
    builder = ValueBuilder(api, full=True)
    target = builder.merged(target) if target.all_of else target
    flag = target.property("stream")
    return flag is not None and api.resolve(flag.schema).type == "boolean"


def all_cases() -> list[Case]:
    out = []
    for api_version in PINNED:
        api = api_of(api_version)
        for mode in MODES:
            for op in api.operations:
                variants = ["required", "full"]
                if has_stream_flag(api, op):
                    variants.append("stream")
                out += [Case(api_version, mode, op.operation_id, v) for v in variants]
    return out


def _is_file(api: Api, schema: Any) -> bool:
    target = api.resolve(schema)
    return target.type == "string" and target.format == "binary"


def values_for(case: Case) -> Values:
    api = api_of(case.api_version)
    op = operation(case.api_version, case.operation_id)
    builder = ValueBuilder(api, full=case.variant == "full")
    values = Values()
    for param in op.parameters:
        key = (param.location, param.name)
        if key in CLIENT_PARAMS or param.schema is None:
            continue
        if param.required or case.variant == "full":
            values.params[key] = builder.value(param.schema)
    media = body_media(op)
    if media is None or media.schema is None:
        return values
    values.media_type = media.media_type
    body = builder.value(media.schema)
    if (
        isinstance(body, dict)
        and case.variant != "required"
        and "stream" in _fields(api, media)
    ):
        body["stream"] = case.variant == "stream"
    if media.media_type.startswith("multipart/"):
        fields = _fields(api, media)
        for name in list(body):
            if name in fields and _is_file(api, fields[name]):
                values.files[name] = AUDIO
                del body[name]
    values.body = body
    return values


def _fields(api: Api, media: MediaType) -> dict[str, Any]:
    target = api.resolve(media.schema) if media.schema else None
    if target is None:
        return {}
    target = ValueBuilder(api, full=True).merged(target) if target.all_of else target
    return {p.name: p.schema for p in target.properties}


def stream_accept(case: Case) -> str:
    """What a streaming call asks for: text/event-stream where the spec documents it.
    Where the spec gives only JSON for `stream: true` (a fault of the spec: the service
    streams events), both calls ask for JSON, so Prism, which answers 406 to anything
    the spec does not list, still judges the request."""
    op = operation(case.api_version, case.operation_id)
    success = next((r for r in op.responses if r.status.startswith("2")), None)
    types = [m.media_type for m in success.content] if success else []
    return "text/event-stream" if "text/event-stream" in types else "application/json"


def base_path(api: Api) -> str:
    url = api.servers[0].url if api.servers else ""
    return urlsplit(url.replace("{", "").replace("}", "")).path.rstrip("/")


# -- the control: the same call written by hand from the spec ---------------------------


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


def control(
    http: httpx.Client, url: str, case: Case, values: Values, probe: bool = False
) -> httpx.Response:
    """The call as the spec describes it (OpenAPI's default parameter styles, the only
    ones the pinned specs use). A probe breaks it: the body becomes a number, or, with
    no body, the required api-version is left out."""
    api = api_of(case.api_version)
    op = operation(case.api_version, case.operation_id)
    path = op.path
    takes_version = any(
        p.location == "query" and p.name == "api-version" and p.required
        for p in op.parameters
    )
    breaks = probe and values.media_type is None
    query: list[tuple[str, str]] = []
    if not (breaks and takes_version):
        query.append(("api-version", case.api_version))
    headers = {} if breaks and not takes_version else {"api-key": API_KEY}
    if case.variant == "stream":
        headers["Accept"] = stream_accept(case)
    styled = {(p.location, p.name): p for p in op.parameters}
    for (location, name), value in values.params.items():
        param = styled[(location, name)]
        if param.style not in (None, "form", "simple") or param.explode is False:
            raise NotImplementedError(f"control: {name} has style {param.style}")
        if location == "path":
            path = path.replace("{" + name + "}", quote(_text(value), safe=""))
        elif location == "query":
            items = value if isinstance(value, list) else [value]
            query += [(name, _text(item)) for item in items]
        elif location == "header":
            headers[name] = _text(value)
        else:
            raise NotImplementedError(f"control: {location} parameter {name}")
    content: dict[str, Any] = {}
    if values.media_type and "json" in values.media_type:
        body = 12345 if probe else values.body
        content = {
            "content": json.dumps(body).encode(),
            "headers": {**headers, "Content-Type": values.media_type},
        }
    elif values.media_type and values.media_type.startswith("multipart/"):
        parts = (
            []
            if probe
            else [
                (name, (None, _text(item).encode()))
                for name, value in (values.body or {}).items()
                for item in (value if isinstance(value, list) else [value])
            ]
            + [(name, file) for name, file in values.files.items()]
        )
        # an empty multipart body still needs its boundary
        parts = parts or [("", (None, b""))]
        content = {"files": parts, "headers": headers}
    request = http.build_request(
        op.method.upper(),
        url + base_path(api) + path,
        params=query,
        **(content or {"headers": headers}),
    )
    return http.send(request)


# -- the generated client ------------------------------------------------------------------


def sdk_kwargs(report_op: dict[str, Any], values: Values) -> dict[str, Any]:
    """Keyword arguments for the generated method, from the report's argument table;
    a value with no keyword to carry it is an error of the client."""
    kwargs: dict[str, Any] = {}
    pending = {("param", k): v for k, v in values.params.items()}
    body = values.body
    if isinstance(body, dict):
        pending.update({("body", k): v for k, v in body.items()})
    pending.update({("file", k): v for k, v in values.files.items()})
    for arg in report_op["arguments"]:
        where, wire = arg["in"], arg["wire"]
        if where == "body" and wire == "":
            if body is not None:
                kwargs[arg["name"]] = body
                pending = {k: v for k, v in pending.items() if k[0] != "body"}
            continue
        key = (
            ("param", (where, wire)) if where not in ("body", "file") else (where, wire)
        )
        if key in pending:
            kwargs[arg["name"]] = pending.pop(key)
    if pending:
        names = ", ".join(f"{k[0]} {k[1]}" for k in pending)
        raise AssertionError(f"the client has no keyword for {names}")
    return kwargs


def method_of(client: Any, call: str) -> Any:
    target = client
    for part in call.split("."):
        target = getattr(target, part)
    return target
