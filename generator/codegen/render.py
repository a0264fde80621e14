"""IR -> the files of one generated package, rendered by the Jinja templates."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Iterable, Iterator

import jinja2

from ..conventions import Conventions
from ..ir import Api
from ..naming import field_name, snake
from ..specs import cache_dir
from .connection import ConnectionPlan
from .imports import import_block, import_line, whole
from .layout import (
    assignment,
    class_header,
    def_line,
    hint,
    returned,
    statement,
    text,
)
from .models import EnumClass, ModelClass, ModelField, ModelPlan, TypeAlias
from .params import ParamAlias, ParamClass
from .pysource import clean_lines, docstring, py_str, py_tuple
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
from .resources import Argument, ClientPlan, Method, Resource
from .results import ASYNC_NAMES
from .views import (
    AliasView,
    ChildView,
    ClassView,
    EnumView,
    FieldView,
    FlavorView,
    MethodView,
    ParamClassView,
    ParamFieldView,
    ParamView,
    RawWrapperView,
    ResourceView,
    SignatureView,
    TwinView,
    WireView,
)

STATIC_FILES = (
    "_constants.py",
    "_types.py",
    "_api_client.py",
    "_base_client.py",
    "_config.py",
    "_errors.py",
    "_logs.py",
    "_pagination.py",
    "_response.py",
    "_retries.py",
    "_streaming.py",
    "py.typed",
    "resources/__init__.py",
)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        bytecode_cache=_bytecode_cache(),
        keep_trailing_newline=True,
        autoescape=False,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["py_str"] = py_str
    env.filters["py_tuple"] = py_tuple
    env.filters["attribute"] = field_name
    env.filters["docstring"] = docstring
    env.filters["class_header"] = class_header
    env.globals["statement"] = statement
    env.globals["assignment"] = assignment
    env.globals["hint"] = hint
    env.globals["code"] = text
    env.globals["def_line"] = def_line
    env.globals["returned"] = returned
    env.globals["call"] = lambda func, *args: Call(Name(func), tuple(map(Code, args)))
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates cached on disk: compiling them costs more than rendering."""
    folder = cache_dir().parent / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


@dataclass
class GeneratedPackage:
    name: str
    files: dict[str, str]  # path inside the package -> text
    models: ModelPlan
    client: ClientPlan


def render_package(
    api: Api, package: str, api_version: str, conventions: Conventions
) -> GeneratedPackage:
    models = ModelPlan(api)
    client = ClientPlan(api, models, conventions)
    env = environment()
    files: dict[str, str] = {}
    context = {
        "api": api,
        "api_version": api_version,
        "conventions": conventions,
        "connection": client.connection,
        "deployment_arguments": client.deployment_arguments,
        "secured_operation_lines": [
            text(_TUPLE.with_args(py_str(method), py_str(path)), 8, suffix=",")
            for method, path in client.connection.secured_operations
        ],
    }
    for name in STATIC_FILES:
        files[name] = (
            _render(env, f"package/{name}.j2", context) if name != "py.typed" else ""
        )
    files["__init__.py"] = _render(env, "package/__init__.py.j2", context)
    definitions = [_definition_view(d) for d in models.ordered()]
    files["models.py"] = _render(
        env,
        "package/models.py.j2",
        {
            **context,
            "definitions": definitions,
            "imports": import_block(_model_imports(definitions), ".", MODELS),
        },
    )
    params = [_param_view(d) for d in client.params.ordered()]
    files["params.py"] = _render(
        env,
        "package/params.py.j2",
        {
            **context,
            "definitions": params,
            "imports": import_block(_param_imports(params), ".", PARAMS),
        },
    )
    for top in client.root.children.values():
        subtree = _subtree(top)
        resources = [_resource_view(r, f) for f in ("sync", "async") for r in subtree]
        files[f"resources/{top.path[0]}.py"] = _render(
            env,
            "package/resources/resource.py.j2",
            {
                "module_path": top.path[0],
                "resources": resources,
                "imports": import_block(_resource_imports(resources), "..", ""),
            },
        )
    files["_client.py"] = _render(
        env, "package/_client.py.j2", _client_context(api, api_version, client)
    )
    return GeneratedPackage(package, files, models, client)


def _render(env: jinja2.Environment, template: str, context: dict[str, Any]) -> str:
    return env.get_template(template).render(context).rstrip("\n") + "\n"


def _subtree(resource: Resource) -> list[Resource]:
    out = [resource]
    for child in resource.children.values():
        out.extend(_subtree(child))
    return out


# A tuple literal: a call of nothing.
_TUPLE = Call(Name(""), ())


# -- models ---------------------------------------------------------------------------

MODELS = "models"
_BASE_MODEL = Name("BaseModel", "_types")
_CONFIG_DICT = Name("ConfigDict", "pydantic")
_FIELD = Name("Field", "pydantic")
_TYPE_ALIAS = Name("TypeAlias", "typing")


def _definition_view(
    definition: ModelClass | EnumClass | TypeAlias,
) -> ClassView | EnumView | AliasView:
    if isinstance(definition, ModelClass):
        return ClassView(
            name=definition.name,
            base=_BASE_MODEL.name,
            doc=tuple(definition.doc),
            closed=definition.closed,
            fields=tuple(_field_view(f) for f in definition.fields),
        )
    if isinstance(definition, EnumClass):
        return EnumView(
            name=definition.name,
            base=definition.base,
            doc=tuple(definition.doc),
            members=tuple(definition.members),
        )
    return AliasView(
        name=definition.name,
        annotation=_TYPE_ALIAS,
        value=definition.value,
        doc=tuple(definition.doc),
    )


def _field_view(f: ModelField) -> FieldView:
    keywords: list[Node] = []
    if not f.required:
        keywords.append(Code("default=None"))
    if f.name != f.wire:
        keywords.append(Code(f"alias={py_str(f.wire)}"))
    keywords.extend(Code(f"{key}={value}") for key, value in f.constraints)
    value: Node | None = None
    if keywords == [Code("default=None")]:
        value = Code("None")
    elif keywords:
        value = Call(_FIELD, tuple(keywords))
    return FieldView(f.name, f.annotation, value, tuple(f.doc))


def _model_imports(
    definitions: list[ClassView | EnumView | AliasView],
) -> Iterator[Import]:
    for d in definitions:
        if isinstance(d, ClassView):
            yield from _BASE_MODEL.imports()
            if d.closed:
                yield from _CONFIG_DICT.imports()
            for f in d.fields:
                yield from f.annotation.imports()
                if f.value is not None:
                    yield from f.value.imports()
        elif isinstance(d, EnumView):
            yield Import("_types", d.base)
        else:
            yield from d.annotation.imports()
            yield from d.value.imports()


# -- params ---------------------------------------------------------------------------

PARAMS = "params"
_TYPED_DICT = Import("typing", "TypedDict")


def _param_view(definition: ParamClass | ParamAlias) -> ParamClassView | AliasView:
    if isinstance(definition, ParamAlias):
        return AliasView(
            name=definition.name,
            annotation=_TYPE_ALIAS,
            value=subscripted(definition.value),
            doc=tuple(definition.doc),
        )
    functional = definition.functional
    return ParamClassView(
        name=definition.name,
        doc=tuple(definition.doc),
        fields=tuple(
            ParamFieldView(
                f.key,
                subscripted(f.annotation) if functional else f.annotation,
                tuple(f.doc),
            )
            for f in definition.fields
        ),
        kind="functional" if functional else "class",
    )


def _param_imports(definitions: list[ParamClassView | AliasView]) -> Iterator[Import]:
    for d in definitions:
        if isinstance(d, ParamClassView):
            yield _TYPED_DICT
            for f in d.fields:
                yield from f.annotation.imports()
        else:
            yield from d.annotation.imports()
            yield from d.value.imports()


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
        ("The same methods, returning the raw HTTP response (`.parse()` for the result).",),
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
_API_CLIENT = {
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


def _resource_view(resource: Resource, flavor: str) -> ResourceView:
    prefix = "Async" if flavor == "async" else ""
    return ResourceView(
        class_name=prefix + resource.class_name,
        client_class=_API_CLIENT[flavor].name,
        dotted=".".join(resource.path),
        children=tuple(
            ChildView(c.attribute, prefix + c.class_name)
            for c in resource.children.values()
        ),
        methods=tuple(_method_view(m, flavor) for m in resource.methods),
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


def _resource_imports(resources: list[ResourceView]) -> Iterator[Import]:
    for resource in resources:
        yield from _RESOURCE_IMPORTS
        yield Import("_api_client", resource.client_class)
        for twin in resource.twins:
            for wrapper in twin.wrappers:
                yield from wrapper.value.imports()
        yield from _method_imports(resource.methods)


def _method_imports(methods: Iterable[MethodView]) -> Iterator[Import]:
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


def _method_view(method: Method, flavor: str) -> MethodView:
    op = method.operation
    groups = []
    for group, location in (
        ("path_params", "path"),
        ("query", "query"),
        ("headers", "header"),
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
        body_whole=method.body_whole.name if method.body_whole else None,
        body_kind=method.body_kind,
        response_kind=method.response_kind,
        response_type=_runtime(method.response_model),
        error_type=_runtime(method.error_model),
        stream_type=_runtime(method.stream_type),
        stream_parses_named_events=method.stream_parses_named_events,
        paginated=method.page_item is not None,
    )


def _runtime(node: Node | None) -> Node | None:
    """A type the method body passes to the runtime, evaluated on each call: its
    unions subscripted, list and dict spelled the typing way (an argument may be
    named `list`)."""
    return subscripted(_annotation(node)) if node is not None else None


def _client_context(api: Api, api_version: str, client: ClientPlan) -> dict[str, Any]:
    connection = client.connection
    url = connection.server_url
    doc = clean_lines(api.description) or [api.title]
    doc = [
        doc[0],
        "",
        f"api-version {api_version}; endpoint template {url or '(none)'}.",
        *_environment_doc(connection),
    ] + ([""] + doc[1:] if len(doc) > 1 else [])
    flavors = []
    for flavor, prefix in (("sync", ""), ("async", "Async")):
        flavors.append(
            FlavorView(
                is_async=flavor == "async",
                client=f"{prefix}Client",
                api_client=_API_CLIENT[flavor].name,
                http_client=(
                    "httpx.AsyncClient" if flavor == "async" else "httpx.Client"
                ),
                token_provider=(
                    "Callable[[], str | Awaitable[str]]"
                    if flavor == "async"
                    else "Callable[[], str]"
                ),
                resources=tuple(
                    ChildView(r.attribute, prefix + r.class_name)
                    for r in client.root.children.values()
                ),
                methods=tuple(_method_view(m, flavor) for m in client.root.methods),
            )
        )
    imports = [
        whole("httpx"),
        Import("functools", "cached_property"),
        Import("typing", "Any"),
        Import("typing", "Callable"),
        Import("typing", "Mapping"),
        Import("_retries", "DEFAULT_MAX_RETRIES"),
        Import("types", "TracebackType"),
        Import("typing", "Awaitable"),
        Import("typing", "Self"),
        Import("_types", "NOT_GIVEN"),
        Import("_types", "NotGiven"),
        Import("_types", "Timeout"),
        *(_API_CLIENT[f].imports() for f in ("sync", "async")),
        *_method_imports(m for f in flavors for m in f.methods),
    ]
    return {
        "api": api,
        "api_version": api_version,
        "connection": connection,
        "flavors": flavors,
        "client_doc": doc,
        "imports": import_block(_flatten(imports), ".", ""),
        "resource_imports": [
            import_line(
                f".resources.{r.path[0]}", {r.class_name, "Async" + r.class_name}
            )
            for r in client.root.children.values()
        ],
    }


def _flatten(items: Iterable[Import | Iterable[Import]]) -> Iterator[Import]:
    for item in items:
        if isinstance(item, Import):
            yield item
        else:
            yield from item


def _environment_doc(connection: ConnectionPlan) -> list[str]:
    """Which environment variables the client reads for options it is not given."""
    names = [
        f"{option} from {variable}"
        for option, variable in (
            ("endpoint", connection.endpoint_env),
            ("api_key", connection.api_key_env),
            ("api_version", connection.api_version_env),
        )
        if variable
    ]
    if not names:
        return []
    text = f"Options not given are read from the environment: {', '.join(names)}."
    return textwrap.wrap(text, 84)


def package_name(api: Api, api_version: str, service: str | None) -> str:
    return snake(f"{service or api.title} {api_version}")
