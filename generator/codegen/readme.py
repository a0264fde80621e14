"""The distribution's README.md and api.md, from the plans of the generated package:
how to install, authenticate and call it (one example per resource group, with the
spec's own example values where a pin has them), and every method (its signature as
the package has it, the result per overload), request type and model."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..ir import Api, Operation
from .layout import hint
from .method_views import method_view
from .models import EnumClass, ModelClass
from .params import ITERABLE, ParamClass
from .pysource import clean_lines, py_value
from .pytypes import FLOAT, INT, LIST, STR, Subscript, Union, without_none
from .versioning import Availability

if TYPE_CHECKING:
    import jinja2

    from ..config import PackageMetadata
    from .render import GeneratedPackage
    from .resources import Argument, Method

PYTHON = "3.11"  # the emitted code uses typing.Self
# Longest line of an example argument before it is shown as a placeholder.
_EXAMPLE_WIDTH = 80


def readme(
    env: jinja2.Environment,
    package: PackageMetadata,
    apis: dict[str, Api],
    generated: GeneratedPackage,
) -> str:
    plan = generated.client
    connection = plan.connection
    newest = list(apis)[-1]
    api = apis[newest]
    calls = _calls(plan)
    examples = []
    for top in plan.root.children.values():
        methods = [(p, m) for p, m in calls if p[: len(top.path)] == top.path]
        path, method = next(
            ((p, m) for p, m in methods if m.name == "create"), methods[0]
        )
        examples.append(
            {
                "title": f"client.{'.'.join(top.path)}",
                "code": _call_code(path, method, apis, "result = "),
            }
        )
    streaming = next(((p, m) for p, m in calls if m.stream_type and m.overloads), None)
    paged = next(((p, m) for p, m in calls if m.page_item), None)
    variables = [f"`{option}` from `{v}`" for option, v in connection.environment]
    text = env.get_template("distribution/README.md.j2").render(
        package=package,
        summary=package.description or f"Python client for {api.title}.",
        description=clean_lines(api.description),
        python=PYTHON,
        api_versions=list(apis),
        connection=connection,
        endpoint_example=_endpoint(api, connection.base_path),
        variables=variables,
        examples=examples,
        error_call=_indented(_call_code(*calls[0], apis, "")) if calls else "...",
        stream_example=_stream_code(*streaming, apis) if streaming else "",
        page_example=_page_code(*paged, apis) if paged else "",
    )
    return text.rstrip("\n") + "\n"


def api_reference(
    env: jinja2.Environment,
    package: PackageMetadata,
    versions: tuple[str, ...],
    generated: GeneratedPackage,
    available: Availability | None,
) -> str:
    groups: dict[str, list[dict[str, Any]]] = {}
    for path, method in _calls(generated.client):
        op = method.operation
        title = "client." + ".".join(path) if path else "client"
        having = available.operations.get(op.key) if available else None
        later = [
            f"`{a.name}` ({_versions_text(spans, versions)})"
            for a in method.arguments
            for spans in [
                available.arguments.get((op.key, a.name)) if available else None
            ]
            if spans
        ]
        groups.setdefault(title, []).append(
            {
                "call": ".".join(("client", *path, method.name)),
                "http": f"{op.method.upper()} {op.path}",
                "api_versions": _versions_text(having, versions) if having else "",
                "arguments": later,
                **_signatures(method),
            }
        )
    models = []
    # a nested class after its module (`create_chat_completion_response.Choice`)
    for key, definition in generated.models.definitions.items():
        name = generated.models.reference(key).render()
        kind = (
            "model"
            if isinstance(definition, ModelClass)
            else "enum" if isinstance(definition, EnumClass) else "type alias"
        )
        doc = definition.doc[0] if definition.doc else ""
        models.append({"name": name, "kind": kind, "doc": _cell(doc)})
    params = [
        {
            "name": generated.client.params.scopes.reference(key).render(),
            "kind": "TypedDict" if isinstance(d, ParamClass) else "type alias",
            "doc": _cell(d.doc[0] if d.doc else ""),
        }
        for key, d in generated.client.params.definitions.items()
    ]
    text = env.get_template("distribution/api.md.j2").render(
        package=package,
        api_versions=list(versions),
        groups=[{"title": t, "methods": m} for t, m in groups.items()],
        models=models,
        first_model=next((m["name"] for m in models if "." not in m["name"]), "*"),
        params=params,
        first_param=next((p["name"] for p in params if "." not in p["name"]), "*"),
    )
    return text.rstrip("\n") + "\n"


def _calls(plan: Any) -> list[tuple[tuple[str, ...], Method]]:
    return list(plan.methods)


def _versions_text(having: tuple[str, ...], versions: tuple[str, ...]) -> str:
    """`2024-12-01-preview and later`, or the list when it has gaps or an end."""
    start = versions.index(having[0])
    if having == versions[start:]:
        return f"{having[0]} and later" if start else "all"
    return ", ".join(having)


def _signatures(method: Method) -> dict[str, Any]:
    """The method's signature as the package declares it (keyword-only; the common
    keyword arguments left out) and, where an argument's value picks the result, a
    row per `@overload`: that argument as the overload types it, and the result."""
    *overloads, implementation = method_view(method, "sync").signatures
    params = implementation.params
    if params:
        lines = [f"def {method.name}(", "    *,"]
        lines += [hint(f"{p.name}: ", p.annotation, p.tail, 4) for p in params]
        lines.append(hint(") -> ", implementation.return_type, "", 0))
    else:
        lines = [hint(f"def {method.name}() -> ", implementation.return_type, "", 0)]
    chooser = next(
        (
            a.name
            for a in method.arguments
            for o in method.overloads[:1]
            if a.wire == o.wire
        ),
        None,
    )
    rows = []
    for signature in overloads:
        param = next(p for p in signature.params if p.name == chooser)
        given = f"{param.name}: {param.annotation.render()}{param.tail.rstrip(',')}"
        rows.append(
            {"given": _cell(given), "returns": _cell(signature.return_type.render())}
        )
    return {"signature": "\n".join(lines), "chooser": chooser, "overloads": rows}


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _endpoint(api: Api, base_path: str) -> str:
    if not api.servers:
        return "https://..."
    server = api.servers[0]
    url = server.url
    for variable in server.variables:
        url = url.replace("{" + variable.name + "}", variable.default)
    if base_path and url.endswith(base_path):
        url = url[: -len(base_path)]
    return url if "://" in url else "https://" + url.lstrip("/")


def _example_values(op: Operation, apis: dict[str, Api]) -> dict[str, Any]:
    """Wire name -> value from the newest pin with example data for `op`."""
    for api in reversed(list(apis.values())):
        same = api.operation(op.method, op.path)
        for example in same.examples if same else ():
            if isinstance(example.data, dict):
                params = example.data.get("parameters") or {}
                body = params.get("body")
                values = {k: v for k, v in params.items() if k != "body"}
                return {**values, **(body if isinstance(body, dict) else {})}
    return {}


def _arguments_code(method: Method, apis: dict[str, Api]) -> list[str]:
    values = _example_values(method.operation, apis)
    out = []
    for argument in method.arguments:
        if argument.wire in values and argument.location != "file":
            value = py_value(values[argument.wire])
            if len(value) > _EXAMPLE_WIDTH:
                value = _placeholder(argument)
        elif argument.required:
            value = _placeholder(argument)
        else:
            continue
        out.append(f"{argument.name}={value}")
    return out


def _placeholder(argument: Argument) -> str:
    """A stand-in value for an argument without an example, by its type (the first
    member of a union)."""
    if argument.location == "file":
        return 'open("file.bin", "rb")'
    node = without_none(argument.annotation)
    if isinstance(node, Union):
        node = node.members[0]
    if isinstance(node, Subscript) and node.origin in (LIST, ITERABLE):
        return "[...]"
    return {STR: '"..."', INT: "1", FLOAT: "1.0"}.get(node, "...")


def _call(
    path: tuple[str, ...], method: Method, arguments: list[str], head: str
) -> str:
    call = ".".join(("client", *path, method.name))
    one_line = f"{head}{call}({', '.join(arguments)})"
    if len(one_line) <= 88:
        return one_line
    inner = "\n".join(f"    {a}," for a in arguments)
    return f"{head}{call}(\n{inner}\n)"


def _call_code(
    path: tuple[str, ...], method: Method, apis: dict[str, Api], head: str
) -> str:
    return _call(path, method, _arguments_code(method, apis), head)


def _indented(code: str) -> str:
    """Code for a `try:` block: its lines after the first indented once."""
    return code.replace("\n", "\n    ")


def _stream_code(path: tuple[str, ...], method: Method, apis: dict[str, Api]) -> str:
    wire = method.overloads[0].wire
    flag = next(a.name for a in method.arguments if a.wire == wire)
    arguments = [a for a in _arguments_code(method, apis) if not a.startswith(flag)]
    call = _call(path, method, arguments + [f"{flag}=True"], "stream = ")
    return f"{call}\nfor chunk in stream:\n    print(chunk)"


def _page_code(path: tuple[str, ...], method: Method, apis: dict[str, Api]) -> str:
    call = _call_code(path, method, apis, "page = ")
    return f"{call}\nfor item in page:  # every following page is fetched as needed\n    print(item)"
