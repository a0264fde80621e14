"""The views of resource and client classes: each method's signatures (with the
overloads that pick its result), docstring and request, and the imports they need."""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Iterator

from .imports import whole
from .pysource import py_str
from .pytypes import (
    DICT,
    LIST,
    Call,
    Code,
    Import,
    Name,
    Node,
    subscripted,
    typing_name,
    union,
)
from .resources import Argument, Method, Resource
from .results import ASYNC_NAMES
from .styles import style_entries
from .views import (
    ChildView,
    MethodView,
    ParamView,
    RawWrapperView,
    ResourceView,
    SignatureView,
    TwinView,
    WireView,
)

# -- client and resources -----------------------------------------------------------------

# A resource method named `list` shadows the builtin inside its class: its
# annotations spell list and dict the typing way.
_SHADOW_FREE = {LIST: typing_name("List"), DICT: typing_name("Dict")}
_NOT_GIVEN = Name("NotGiven", "_types")
_NOT_GIVEN_VALUE = Import("_types", "NOT_GIVEN")
# The twins of every resource class: (suffix, attribute, doc, wrapper per flavor).
_TWINS = (
    (
        "WithRawResponse",
        "with_raw_response",
        (
            "The same methods, returning the raw HTTP response (`.parse()` for the result).",
        ),
        {"sync": "to_raw_response", "async": "to_async_raw_response"},
    ),
    (
        "WithStreamingResponse",
        "with_streaming_response",
        (
            "The same methods as context managers over the response, its body unread",
            "until read (`with ... as response:`, then `.parse()` or `.iter_lines()`).",
        ),
        {"sync": "to_streamed_response", "async": "to_async_streamed_response"},
    ),
)
API_CLIENT = {
    "sync": Name("SyncAPIClient", "_api_client"),
    "async": Name("AsyncAPIClient", "_api_client"),
}
# What every method signature and resource class uses besides its own types.
_METHOD_IMPORTS = (
    Import("typing", "Mapping"),
    Import("typing", "cast"),
    Import("_types", "NotGiven"),
    Import("_types", "Timeout"),
    _NOT_GIVEN_VALUE,
)
_RESOURCE_IMPORTS = (Import("functools", "cached_property"),)


def resource_view(resource: Resource, flavor: str) -> ResourceView:
    prefix = "Async" if flavor == "async" else ""
    return ResourceView(
        class_name=prefix + resource.class_name,
        client_class=API_CLIENT[flavor].name,
        dotted=".".join(resource.path),
        children=tuple(
            ChildView(c.attribute, prefix + c.class_name)
            for c in resource.children.values()
        ),
        methods=tuple(method_view(m, flavor) for m in resource.methods),
        twins=tuple(
            TwinView(
                suffix,
                attribute,
                doc,
                tuple(
                    RawWrapperView(
                        f"self.{m.name}",
                        Call(
                            Name(wrappers[flavor], "_response"),
                            (Code(f"resource.{m.name}"),),
                        ),
                    )
                    for m in resource.methods
                ),
            )
            for suffix, attribute, doc, wrappers in _TWINS
        ),
    )


def resource_imports(resources: list[ResourceView]) -> Iterator[Import]:
    for resource in resources:
        yield from _RESOURCE_IMPORTS
        yield Import("_api_client", resource.client_class)
        for twin in resource.twins:
            for wrapper in twin.wrappers:
                yield from wrapper.value.imports()
        yield from method_imports(resource.methods)


def method_imports(methods: Iterable[MethodView]) -> Iterator[Import]:
    for method in methods:
        yield from _METHOD_IMPORTS
        if method.deprecation:
            yield whole("warnings")
        if len(method.signatures) > 1:
            yield Import("typing", "overload")
        for sig in method.signatures:
            yield from sig.return_type.imports()
            for param in sig.params:
                yield from param.annotation.imports()
        for node in (method.response_type, method.error_type, method.stream_type):
            if node is not None:
                yield from node.imports()


def _annotation(node: Node) -> Node:
    return node.replace(_SHADOW_FREE)


def _param(arg: Argument) -> ParamView:
    annotation = _annotation(arg.annotation)
    if arg.required:
        return ParamView(arg.name, annotation, ",")
    return ParamView(arg.name, union([annotation, _NOT_GIVEN]), " = NOT_GIVEN,")


def _method_doc(method: Method) -> list[str]:
    lines = list(method.doc) or [
        f"{method.operation.method.upper()} {method.operation.path}"
    ]
    documented = [a for a in method.arguments if a.doc]
    if documented:
        lines += ["", "Args:"]
        for arg in documented:
            lines.append(f"    {arg.name}: {arg.doc[0]}")
            lines.extend(f"        {line}" if line else "" for line in arg.doc[1:])
    return lines


def _signatures(method: Method, flavor: str) -> tuple[SignatureView, ...]:
    """The method's signature, preceded by an `@overload` per value of the argument
    that picks the result (the stream flag, a response format)."""
    swap = {**_SHADOW_FREE, **(ASYNC_NAMES if flavor == "async" else {})}
    params = [_param(a) for a in method.arguments]
    returns = method.return_type.replace(swap)
    implementation = SignatureView(False, tuple(params), returns)
    out = []
    for case in method.overloads:
        at = next(i for i, a in enumerate(method.arguments) if a.wire == case.wire)
        chosen = replace(
            method.arguments[at], annotation=case.annotation, required=not case.optional
        )
        out.append(
            SignatureView(
                True,
                tuple(_replaced(params, at, _param(chosen))),
                case.returns.replace(swap),
            )
        )
    return (*out, implementation)


def _replaced(params: list[ParamView], at: int, param: ParamView) -> list[ParamView]:
    """`params` with the one `at` replaced; a parameter made required moves up to
    the required ones (keyword-only: the order is for readers)."""
    rest = params[:at] + params[at + 1 :]
    if param.tail != ",":
        return params[:at] + [param] + params[at + 1 :]
    required = sum(1 for p in rest if p.tail == ",")
    return rest[:required] + [param] + rest[required:]


def method_view(method: Method, flavor: str) -> MethodView:
    op = method.operation
    groups = []
    for group, location in (
        ("path_params", "path"),
        ("query", "query"),
        ("headers", "header"),
        ("cookies", "cookie"),
        ("json_body", "body"),
        ("files", "file"),
    ):
        args = [
            WireView(a.wire, a.name)
            for a in method.arguments
            if a.location == location and a is not method.body_whole
        ]
        if args:
            groups.append((group, tuple(args)))
    signatures = _signatures(method, flavor)
    return MethodView(
        name=method.name,
        is_async=flavor == "async",
        signatures=signatures,
        result=py_str(signatures[-1].return_type.render()),
        doc=tuple(_method_doc(method)),
        deprecation=(
            f"{op.method.upper()} {op.path} ({op.operation_id}) is deprecated"
            if op.deprecated
            else None
        ),
        http_method=op.method.upper(),
        path=op.path,
        groups=tuple(groups),
        styles=style_entries(method),
        body_optional=bool(
            method.body_kind and op.request_body and not op.request_body.required
        ),
        body_whole=method.body_whole.name if method.body_whole else None,
        body_kind=method.body_kind,
        file_checks=_file_checks(method.file_switch),
        response_kind=method.response_kind,
        response_type=_runtime(method.response_model),
        error_type=_runtime(method.error_model),
        stream_type=_runtime(method.stream_type),
        stream_events=method.stream_events,
        paginated=method.page_item is not None,
    )


def _runtime(node: Node | None) -> Node | None:
    """A type the method body passes to the runtime, evaluated on each call: its
    unions subscripted, list and dict spelled the typing way (an argument may be
    named `list`)."""
    return subscripted(_annotation(node)) if node is not None else None


def _file_checks(files: list[str]) -> tuple[Node, ...]:
    """`isinstance(<file>, NotGiven)` per file argument that switches the body to
    multipart when given."""
    return tuple(Call(Name("isinstance"), (Code(f), Code("NotGiven"))) for f in files)
