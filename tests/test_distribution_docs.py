"""The distribution's api.md states each method as the package declares it: the
signature of its implementation (after `self`, without the keyword arguments every
method takes) and, where an argument picks the result, one row per `@overload`: that
argument as the overload types it, and what it returns. Read from the generated
source (inspect, typing.get_overloads), not from the generator's plans."""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
import typing
from pathlib import Path
from typing import Any, Callable

COMMON = ("extra_headers", "extra_query", "extra_body", "timeout", "max_retries")
SECTION = re.compile(r"^### `(client\.[\w.]+)`\n(.*?)(?=^### |^## )", re.M | re.S)
SIGNATURE = re.compile(r"```python\n(.*?)\n```", re.S)
ROW = re.compile(r"^\| `(.+?)` \| `(.+?)` \|$", re.M)


def _parameters(node: ast.FunctionDef) -> list[str]:
    """`name: annotation[ = default]` per keyword-only parameter, normalized by ast."""
    out = []
    for arg, default in zip(node.args.kwonlyargs, node.args.kw_defaults):
        if arg.arg in COMMON:
            continue
        assert arg.annotation is not None, arg.arg
        text = f"{arg.arg}: {ast.unparse(arg.annotation)}"
        out.append(text + (f" = {ast.unparse(default)}" if default else ""))
    return out


def _declared(func: Callable[..., Any]) -> tuple[list[str], str]:
    node = ast.parse(textwrap.dedent(inspect.getsource(func))).body[0]
    assert isinstance(node, ast.FunctionDef) and node.returns is not None
    return _parameters(node), ast.unparse(node.returns)


def _documented(signature: str) -> tuple[list[str], str]:
    node = ast.parse(signature + ":\n    ...").body[0]
    assert isinstance(node, ast.FunctionDef) and node.returns is not None
    return _parameters(node), ast.unparse(node.returns)


def _normalized(cell: str, kind: str) -> str:
    """A table cell (`|` escaped) as ast writes it: a parameter or an annotation."""
    text = cell.replace("\\|", "|")
    if kind == "parameter":
        (parameter,) = _documented(f"def f(*, {text}) -> None")[0]
        return parameter
    return ast.unparse(ast.parse(text, mode="eval").body)


def test_api_md_shows_each_method_and_overload_as_declared(
    generation: tuple[Path, dict[str, Any]], package: Any
) -> None:
    out, report = generation
    api_md = (out / report["distribution"] / "api.md").read_text(encoding="utf-8")
    sections = {m[1]: m[2] for m in SECTION.finditer(api_md + "\n## end")}
    calls = {"client." + op["call"] for op in report["operations"]}
    assert set(sections) == calls
    client = package.Client(endpoint="https://example.openai.azure.com", api_key="k")
    overloaded = 0
    for call, section in sections.items():
        target: Any = client
        for attribute in call.split(".")[1:]:
            target = getattr(target, attribute)
        func = target.__func__
        signature = SIGNATURE.search(section)
        assert signature, call
        assert _documented(signature[1]) == _declared(func), call
        rows = ROW.findall(section)
        overloads = typing.get_overloads(func)
        assert len(rows) == len(overloads), call
        for (given, returns), overload in zip(rows, overloads):
            parameters, result = _declared(overload)
            assert _normalized(given, "parameter") in parameters, (call, given)
            assert _normalized(returns, "annotation") == result, (call, returns)
        overloaded += bool(overloads)
    # the streaming calls and the transcription formats, at least
    assert overloaded >= 4, overloaded
