"""IR -> the files of one generated package, rendered by the Jinja templates."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2

from ..ir import Api
from ..naming import snake
from ..specs import REPO_ROOT, cache_dir
from .layout import annotation_lines, bracketed, class_header, statement
from .models import (
    EnumClass,
    ModelClass,
    ModelField,
    ModelPlan,
    TypeAlias,
    _identifiers,
)
from .pysource import clean_lines, docstring, py_str
from .resources import Argument, ClientPlan, Method, Resource

TEMPLATES = REPO_ROOT / "templates"
STATIC_FILES = (
    "_types.py",
    "_base_client.py",
    "_errors.py",
    "py.typed",
    "resources/__init__.py",
)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        bytecode_cache=_bytecode_cache(),
        keep_trailing_newline=True,
        autoescape=False,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["py_str"] = py_str
    env.filters["docstring"] = docstring
    env.filters["class_header"] = class_header
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


def render_package(api: Api, package: str, api_version: str) -> GeneratedPackage:
    models = ModelPlan(api)
    client = ClientPlan(api, models)
    env = environment()
    files: dict[str, str] = {}
    context = {"api": api}
    for name in STATIC_FILES:
        files[name] = (
            _render(env, f"package/{name}.j2", context) if name != "py.typed" else ""
        )
    files["__init__.py"] = _render(env, "package/__init__.py.j2", context)
    files["models.py"] = _render(
        env,
        "package/models.py.j2",
        {**context, "definitions": [_definition_view(d) for d in models.ordered()]},
    )
    model_names = set(models.definitions)
    for top in client.root.children.values():
        subtree = _subtree(top)
        methods = [m for r in subtree for m in r.methods]
        files[f"resources/{top.path[0]}.py"] = _render(
            env,
            "package/resources/resource.py.j2",
            {
                "module_path": top.path[0],
                "resources": [_resource_view(r) for r in subtree],
                "uses_warnings": any(m.operation.deprecated for m in methods),
                **_imports(methods, model_names, ".."),
            },
        )
    files["_client.py"] = _render(
        env,
        "package/_client.py.j2",
        _client_context(api, api_version, client, model_names),
    )
    return GeneratedPackage(package, files, models, client)


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
        return {
            "kind": "class",
            "name": definition.name,
            "doc": definition.doc,
            "closed": definition.closed,
            "fields": [
                {"source": _field_source(f), "doc": f.doc} for f in definition.fields
            ],
        }
    if isinstance(definition, EnumClass):
        return {
            "kind": "enum",
            "name": definition.name,
            "doc": definition.doc,
            "base": definition.base,
            "members": definition.members,
        }
    parts = definition.parts
    expr = parts[0] if len(parts) == 1 else "Union[" + ", ".join(parts) + "]"
    return {
        "kind": "alias",
        "name": definition.name,
        "doc": definition.doc,
        "source": statement(f"{definition.name}: TypeAlias", expr, 0),
    }


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
        if len(line) <= 88:
            return line
    return statement(target, "Field(" + ", ".join(keywords) + ")", 4)


# -- client and resources -----------------------------------------------------------------


def _resource_view(resource: Resource) -> dict[str, Any]:
    return {
        "class_name": resource.class_name,
        "dotted": ".".join(resource.path),
        "children": [
            {"attribute": c.attribute, "class_name": c.class_name}
            for c in resource.children.values()
        ],
        "methods": [_method_view(m) for m in resource.methods],
    }


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
    if len(f"        {arg.name}: {annotation}{default},") <= 88:
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


def _method_view(method: Method) -> dict[str, Any]:
    op = method.operation
    groups = []
    for group, locations in (
        ("path_params", ("path",)),
        ("query", ("query",)),
        ("headers", ("header",)),
        ("json_body", ("body",)),
        ("files", ("file",)),
    ):
        args = [
            a
            for a in method.arguments
            if a.location in locations and a is not method.body_whole
        ]
        if args:
            groups.append((group, [{"wire": a.wire, "name": a.name} for a in args]))
    return {
        "name": method.name,
        "arguments": [{"signature": _signature(a)} for a in method.arguments],
        "return_type": _resource_annotation(method.return_type),
        "doc": _method_doc(method),
        "deprecated": op.deprecated,
        "deprecation": f"{op.method.upper()} {op.path} ({op.operation_id}) is deprecated",
        "http_method": op.method.upper(),
        "path": op.path,
        "groups": groups,
        "body_whole": method.body_whole.name if method.body_whole else None,
        "body_kind": method.body_kind,
        "response_kind": method.response_kind,
        "response_type": method.response_model,
        "error_type": method.error_model,
    }


def _imports(
    methods: list[Method], model_names: set[str], parent: str
) -> dict[str, str]:
    used: set[str] = set()
    for m in methods:
        for expr in [a.annotation for a in m.arguments] + [
            m.return_type,
            m.error_model or "",
        ]:
            used.update(_identifiers(_resource_annotation(expr)))
    typing_names = ["Any", "Dict", "List", "Literal"]
    typing_used = [n for n in typing_names if n in used] + ["Mapping"]
    types_names = (
        ["NOT_GIVEN"]
        + (["FileTypes"] if "FileTypes" in used else [])
        + ["NotGiven", "Timeout"]
    )
    models = sorted(used & model_names)
    return {
        "typing_import": _import_line("typing", sorted(typing_used)),
        "types_import": _import_line(f"{parent}_types", types_names),
        "model_imports": _import_line(f"{parent}models", models) if models else "",
    }


def _import_line(module: str, names: list[str]) -> str:
    line = f"from {module} import {', '.join(names)}"
    if len(line) <= 88:
        return line
    return bracketed(f"from {module} import (", names, ")", 0)


def _client_context(
    api: Api, api_version: str, client: ClientPlan, model_names: set[str]
) -> dict[str, Any]:
    server = api.servers[0] if api.servers else None
    url = server.url if server else ""
    split = urlsplit(url.replace("{", "").replace("}", "")) if url else None
    base_path = split.path.rstrip("/") if split else ""
    templated_host = bool(
        server and server.variables and "{" in url.split("/")[2 if "//" in url else 0]
    )
    default_endpoint = None
    if split and split.scheme and not templated_host:
        default_endpoint = f"{split.scheme}://{split.netloc}"
    api_key_header = next(
        (
            s.parameter_name
            for s in api.security_schemes
            if s.type == "apiKey" and s.location == "header"
        ),
        "api-key",
    )
    sends_api_version = any(
        p.location == "query" and p.name == "api-version"
        for op in api.operations
        for p in op.parameters
    )
    top = [
        {"module": r.path[0], "class_name": r.class_name, "attribute": r.attribute}
        for r in client.root.children.values()
    ]
    root_methods = client.root.methods
    imports = _imports(root_methods, model_names, ".") if root_methods else {}
    doc = clean_lines(api.description) or [api.title]
    doc = [
        doc[0],
        "",
        f"api-version {api_version}; endpoint template {url or '(none)'}.",
    ] + ([""] + doc[1:] if len(doc) > 1 else [])
    return {
        "api": api,
        "api_version": api_version,
        "server_url": url,
        "base_path": base_path,
        "default_endpoint": default_endpoint,
        "api_key_header": api_key_header,
        "sends_api_version": sends_api_version,
        "top_resources": top,
        "root_methods": [_method_view(m) for m in root_methods],
        "root_imports": imports.get("model_imports", ""),
        "client_doc": doc,
    }


def package_name(api: Api, api_version: str, service: str | None) -> str:
    return snake(f"{service or api.title} {api_version}")


def module_of(package: str, path: Path) -> str:
    return package + "." + ".".join(path.with_suffix("").parts)
