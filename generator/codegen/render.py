"""IR -> the files of one generated package, rendered by the Jinja templates."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Iterator

import jinja2

from ..conventions import Conventions
from ..ir import Api
from ..naming import field_name, snake
from ..specs import cache_dir
from ..tomltext import toml_value
from .connection import ConnectionPlan
from .definition_views import (
    MODELS,
    PARAMS,
    definition_view,
    model_imports,
    param_imports,
    param_view,
)
from .identity import Identity, identity_files
from .imports import import_block, import_line, whole
from .layout import (
    assignment,
    class_header,
    def_line,
    dict_entry,
    hint,
    returned,
    statement,
    text,
)
from .method_views import (
    API_CLIENT,
    method_imports,
    method_view,
    resource_imports,
    resource_view,
)
from .models import ModelPlan
from .pysource import clean_lines, docstring, py_str, py_tuple
from .pytypes import Call, Code, Import, Name, tuple_of
from .resources import ClientPlan
from .views import ChildView, FlavorView

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
    env.filters.update(
        py_str=py_str,
        py_tuple=py_tuple,
        attribute=field_name,
        docstring=docstring,
        class_header=class_header,
        toml=toml_value,
    )
    # The layout functions, which templates call with the column they write at.
    env.globals.update(
        statement=statement,
        assignment=assignment,
        hint=hint,
        code=text,
        def_line=def_line,
        dict_entry=dict_entry,
        returned=returned,
        call=lambda func, *args: Call(Name(func), tuple(map(Code, args))),
    )
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
            text(tuple_of(py_str(method), py_str(path)), 8, suffix=",")
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
    definitions = [definition_view(d) for d in models.ordered()]
    files["models.py"] = _render(
        env,
        "package/models.py.j2",
        {
            **context,
            "definitions": definitions,
            "imports": import_block(model_imports(definitions), ".", MODELS),
        },
    )
    params = [param_view(d) for d in client.params.ordered()]
    files["params.py"] = _render(
        env,
        "package/params.py.j2",
        {
            **context,
            "definitions": params,
            "imports": import_block(param_imports(params), ".", PARAMS),
        },
    )
    for top in client.root.children.values():
        resources = [
            resource_view(r, f) for f in ("sync", "async") for r in top.subtree()
        ]
        files[f"resources/{top.path[0]}.py"] = _render(
            env,
            "package/resources/resource.py.j2",
            {
                "module_path": top.path[0],
                "resources": resources,
                "imports": import_block(resource_imports(resources), "..", ""),
            },
        )
    files["_client.py"] = _render(
        env, "package/_client.py.j2", _client_context(api, api_version, client)
    )
    return GeneratedPackage(package, files, models, client)


def _render(env: jinja2.Environment, template: str, context: dict[str, Any]) -> str:
    return env.get_template(template).render(context).rstrip("\n") + "\n"


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
                api_client=API_CLIENT[flavor].name,
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
                methods=tuple(method_view(m, flavor) for m in client.root.methods),
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
        *(API_CLIENT[f].imports() for f in ("sync", "async")),
        *method_imports(m for f in flavors for m in f.methods),
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
    names = [f"{option} from {variable}" for option, variable in connection.environment]
    if not names:
        return []
    text = f"Options not given are read from the environment: {', '.join(names)}."
    return textwrap.wrap(text, 84)


def package_name(api: Api, api_version: str, prefix: str | None) -> str:
    """<prefix>_<api-version>, or after the API's title when there is no prefix."""
    return snake(f"{prefix or api.title} {api_version}")
