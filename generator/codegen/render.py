"""IR -> the files of one generated package, rendered by the Jinja templates."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from ..conventions import Conventions
from ..ir import Api
from ..naming import field_name, snake
from ..specs import cache_dir
from ..tomltext import toml_value
from .connection import ConnectionPlan
from .identity import Identity, identity_files
from .layout import (
    annotation_lines,
    bracketed,
    class_header,
    fits,
    return_annotation,
    statement,
)
from .models import (
    EnumClass,
    ModelClass,
    ModelField,
    ModelPlan,
    TypeAlias,
)
from .pysource import clean_lines, docstring, py_str, py_tuple
from .resources import Argument, ClientPlan, Method, Resource
from .styles import style_entries

STATIC_FILES = (
    "_constants.py",
    "_types.py",
    "_api_client.py",
    "_base_client.py",
    "_body.py",
    "_config.py",
    "_errors.py",
    "_logs.py",
    "_pagination.py",
    "_params.py",
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
    env.filters["return_annotation"] = return_annotation
    env.filters["toml"] = toml_value
    env.globals["statement"] = statement
    env.globals["fits"] = fits
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates cached on disk: compiling them costs more than rendering."""
    folder = cache_dir().parent / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


class View(dict):  # type: ignore[type-arg]
    """What a template reads: a dict whose keys are also attributes, so Jinja's
    `x.name` finds them at the first lookup."""

    __getattr__ = dict.__getitem__


@dataclass
class GeneratedPackage:
    name: str
    files: dict[str, str]  # path inside the package -> text
    models: ModelPlan
    client: ClientPlan


def render_package(
    api: Api,
    package: str,
    api_version: str,
    conventions: Conventions,
    identity: Identity | None = None,
) -> GeneratedPackage:
    """`identity`: the distribution and the api-versions served (by default this
    package alone, version 0.0.0, serving `api_version`)."""
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
            bracketed("(", [py_str(method), py_str(path)], ")", 8, ",")
            for method, path in client.connection.secured_operations
        ],
    }
    for name in STATIC_FILES:
        files[name] = (
            _render(env, f"package/{name}.j2", context) if name != "py.typed" else ""
        )
    files["__init__.py"] = _render(env, "package/__init__.py.j2", context)
    alone = Identity(
        package, "0.0.0", (api_version,), None, conventions.user_agent_header
    )
    files.update(identity_files(env, identity or alone, client))
    files["models.py"] = _render(
        env,
        "package/models.py.j2",
        {**context, "definitions": [_definition_view(d) for d in models.ordered()]},
    )
    model_names = set(models.definitions)
    for top in client.root.children.values():
        subtree = _subtree(top)
        files[f"resources/{top.path[0]}.py"] = _with_imports(
            _render(
                env,
                "package/resources/resource.py.j2",
                {
                    "module_path": top.path[0],
                    "sync_resources": [_resource_view(r, "sync") for r in subtree],
                    "async_resources": [_resource_view(r, "async") for r in subtree],
                    "imports": IMPORTS_PLACEHOLDER,
                },
            ),
            model_names,
            "..",
        )
    files["_client.py"] = _with_imports(
        _render(
            env, "package/_client.py.j2", _client_context(api, api_version, client)
        ),
        model_names,
        ".",
    )
    return GeneratedPackage(package, files, models, client)


IMPORTS_PLACEHOLDER = "# -- imports --"


def _with_imports(text: str, model_names: set[str], parent: str) -> str:
    """Fills the import block in from what the rendered module actually uses."""
    head, _, body = text.partition(IMPORTS_PLACEHOLDER)
    return head + _imports(body, model_names, parent) + body


def _render(env: jinja2.Environment, template: str, context: dict[str, Any]) -> str:
    return env.get_template(template).render(context).rstrip("\n") + "\n"


def _subtree(resource: Resource) -> list[Resource]:
    out = [resource]
    for child in resource.children.values():
        out.extend(_subtree(child))
    return out


# -- models ---------------------------------------------------------------------------


def _definition_view(definition: ModelClass | EnumClass | TypeAlias) -> dict[str, Any]:
    if isinstance(definition, ModelClass):
        return View(
            {
                "kind": "class",
                "name": definition.name,
                "doc": definition.doc,
                "closed": definition.closed,
                "fields": [
                    {"source": _field_source(f), "doc": f.doc}
                    for f in definition.fields
                ],
            }
        )
    if isinstance(definition, EnumClass):
        return View(
            {
                "kind": "enum",
                "name": definition.name,
                "doc": definition.doc,
                "base": definition.base,
                "members": definition.members,
            }
        )
    parts = definition.parts
    expr = parts[0] if len(parts) == 1 else "Union[" + ", ".join(parts) + "]"
    return View(
        {
            "kind": "alias",
            "name": definition.name,
            "doc": definition.doc,
            "source": statement(f"{definition.name}: TypeAlias", expr, 0),
        }
    )


def _field_source(f: ModelField) -> str:
    keywords = []
    if not f.required:
        keywords.append("default=None")
    if f.name != f.wire:
        keywords.append(f"alias={py_str(f.wire)}")
    keywords.extend(f"{key}={value}" for key, value in f.constraints)
    target = f"{f.name}: {f.annotation}"
    if not keywords:
        return statement(target, "None", 4) if not f.required else f"    {target}"
    if keywords == ["default=None"]:
        line = f"    {target} = None"
        if fits(line):
            return line
    return statement(target, "Field(" + ", ".join(keywords) + ")", 4)


# -- client and resources -----------------------------------------------------------------


def _resource_view(resource: Resource, flavor: str) -> dict[str, Any]:
    prefix = "Async" if flavor == "async" else ""
    return View(
        {
            "class_name": prefix + resource.class_name,
            "dotted": ".".join(resource.path),
            "children": [
                View({"attribute": c.attribute, "class_name": prefix + c.class_name})
                for c in resource.children.values()
            ],
            "methods": [_method_view(m, flavor) for m in resource.methods],
        }
    )


def _resource_annotation(expr: str) -> str:
    """`list[...]`/`dict[...]` as typing.List/Dict: a resource method named `list`
    shadows the builtin inside its class."""
    out, quote = [], ""
    i = 0
    while i < len(expr):
        ch = expr[i]
        if quote:
            quote = "" if ch == quote and expr[i - 1] != "\\" else quote
        elif ch in "\"'":
            quote = ch
        elif expr.startswith(("list[", "dict["), i) and (
            i == 0 or not (expr[i - 1].isalnum() or expr[i - 1] in "_.")
        ):
            out.append(expr[i].upper())
            i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _signature(arg: Argument) -> str:
    """One parameter line; black wraps an over-long annotation in parentheses."""
    annotation = _resource_annotation(arg.annotation)
    annotation = annotation if arg.required else f"{annotation} | NotGiven"
    default = "" if arg.required else " = NOT_GIVEN"
    if fits(f"        {arg.name}: {annotation}{default},"):
        return f"{arg.name}: {annotation}{default}"
    return f"{arg.name}: (\n{annotation_lines(annotation, 12)}\n        ){default}"


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


def _return_types(method: Method, flavor: str) -> tuple[str, str | None]:
    """(plain return type, streamed return type or None) for a flavor."""
    returned = _resource_annotation(method.return_type)
    if method.page_item:
        page = "AsyncPage" if flavor == "async" else "SyncPage"
        returned = f"{page}[{_resource_annotation(method.page_item)}]"
    if not method.stream_type:
        return returned, None
    chunk = _resource_annotation(method.stream_type)
    if not method.stream_parses_named_events and chunk != "ServerSentEvent":
        chunk += " | ServerSentEvent"
    stream = "AsyncStream" if flavor == "async" else "Stream"
    return returned, f"{stream}[{chunk}]"


def _signatures(method: Method, flavor: str) -> list[dict[str, Any]]:
    """The method's signature, preceded by `@overload`s when it can stream: the
    `stream` flag's literal value picks the return type."""
    plain, streamed = _return_types(method, flavor)
    lines = [_signature(a) for a in method.arguments]
    if streamed is None:
        return [{"overload": False, "arguments": lines, "return_type": plain}]
    flag = next(
        i for i, a in enumerate(method.arguments) if a.wire == method.stream_flag
    )
    name = method.arguments[flag].name
    not_streaming = list(lines)
    not_streaming[flag] = f"{name}: Literal[False] | None | NotGiven = NOT_GIVEN"
    streaming = list(lines)
    streaming[flag] = f"{name}: Literal[True]"
    return [
        {"overload": True, "arguments": not_streaming, "return_type": plain},
        {"overload": True, "arguments": streaming, "return_type": streamed},
        {"overload": False, "arguments": lines, "return_type": f"{plain} | {streamed}"},
    ]


def _method_view(method: Method, flavor: str) -> dict[str, Any]:
    op = method.operation
    groups = []
    for group, locations in (
        ("path_params", ("path",)),
        ("query", ("query",)),
        ("headers", ("header",)),
        ("cookies", ("cookie",)),
        ("json_body", ("body",)),
        ("files", ("file",)),
    ):
        args = [
            a
            for a in method.arguments
            if a.location in locations and a is not method.body_whole
        ]
        if args:
            groups.append(
                (group, [View({"wire": a.wire, "name": a.name}) for a in args])
            )
    return View(
        {
            "name": method.name,
            "signatures": _signatures(method, flavor),
            "async": flavor == "async",
            "doc": _method_doc(method),
            "deprecated": op.deprecated,
            "deprecation": f"{op.method.upper()} {op.path} ({op.operation_id}) is deprecated",
            "http_method": op.method.upper(),
            "path": op.path,
            "groups": groups,
            "body_whole": method.body_whole.name if method.body_whole else None,
            "body_kind": method.body_kind,
            "body_optional": bool(
                method.body_kind and op.request_body and not op.request_body.required
            ),
            "styles": style_entries(method),
            "response_kind": method.response_kind,
            "response_type": method.response_model,
            "error_type": method.error_model,
            "stream_type": method.stream_type,
            "stream_parses_named_events": method.stream_parses_named_events,
            "paginated": method.page_item is not None,
        }
    )


# Names resource and client modules import when their code uses them.
_IMPORTABLE = {
    "typing": [
        "Any",
        "Awaitable",
        "Callable",
        "Dict",
        "List",
        "Literal",
        "Mapping",
        "Self",
        "overload",
    ],
    "functools": ["cached_property"],
    "types": ["TracebackType"],
    "_api_client": ["AsyncAPIClient", "SyncAPIClient"],
    "_pagination": ["AsyncPage", "SyncPage"],
    "_response": [
        "to_async_raw_response",
        "to_async_streamed_response",
        "to_raw_response",
        "to_streamed_response",
    ],
    "_retries": ["DEFAULT_MAX_RETRIES"],
    "_streaming": ["AsyncStream", "ServerSentEvent", "Stream"],
    "_types": ["NOT_GIVEN", "FileTypes", "NotGiven", "Timeout"],
}


# A name, or a string literal to skip (its words are not names the code uses).
_NAME_OR_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|(\w+)')


def _imports(body: str, model_names: set[str], parent: str) -> str:
    """The import block for a module body: what the body uses, nothing else."""
    used = set(_NAME_OR_STRING.findall(body))
    blocks = []
    stdlib = ["import warnings"] if "warnings" in used else []
    for module in ("functools", "types", "typing"):
        names = [n for n in _IMPORTABLE[module] if n in used]
        if names:
            stdlib.append(_import_line(module, names))
    blocks.append("\n".join(sorted(stdlib)))
    if "httpx" in used:
        blocks.append("import httpx")
    local = []
    for module in sorted(m for m in _IMPORTABLE if m.startswith("_")):
        names = [n for n in _IMPORTABLE[module] if n in used]
        if names:
            local.append(_import_line(f"{parent}{module}", names))
    models = sorted(used & model_names)
    if models:
        local.append(_import_line(f"{parent}models", models))
    blocks.append("\n".join(local))
    return "\n\n".join(b for b in blocks if b)


def _import_line(module: str, names: list[str]) -> str:
    line = f"from {module} import {', '.join(names)}"
    if fits(line):
        return line
    return bracketed(f"from {module} import (", names, ")", 0)


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
            {
                "is_async": flavor == "async",
                "client": f"{prefix}Client",
                "api_client": (
                    "AsyncAPIClient" if flavor == "async" else "SyncAPIClient"
                ),
                "http_client": (
                    "httpx.AsyncClient" if flavor == "async" else "httpx.Client"
                ),
                "token_provider": (
                    "Callable[[], str | Awaitable[str]]"
                    if flavor == "async"
                    else "Callable[[], str]"
                ),
                "resources": [
                    View(
                        {"attribute": r.attribute, "class_name": prefix + r.class_name}
                    )
                    for r in client.root.children.values()
                ],
                "methods": [_method_view(m, flavor) for m in client.root.methods],
            }
        )
    return View(
        {
            "api": api,
            "api_version": api_version,
            "connection": connection,
            "flavors": flavors,
            "client_doc": doc,
            "imports": IMPORTS_PLACEHOLDER,
            "resource_imports": [
                _import_line(
                    f".resources.{r.path[0]}", [r.class_name, "Async" + r.class_name]
                )
                for r in client.root.children.values()
            ],
        }
    )


def _environment_doc(connection: ConnectionPlan) -> list[str]:
    """Which environment variables the client reads for options it is not given."""
    names = [f"{option} from {variable}" for option, variable in connection.environment]
    if not names:
        return []
    text = f"Options not given are read from the environment: {', '.join(names)}."
    return textwrap.wrap(text, 84)


def package_name(api: Api, api_version: str, prefix: str | None) -> str:
    """<prefix>_<api-version>, or after the API's title when there is no prefix."""
    return snake(f"{prefix or api.title} {api_version}")


def module_of(package: str, path: Path) -> str:
    return package + "." + ".".join(path.with_suffix("").parts)
