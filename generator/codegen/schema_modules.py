"""The files of a schema package (`models/`, `params/`): one module per root schema
with its nested definitions, and an `__init__` re-exporting every root.

Modules import each other by module (`from .chat_completion import ChatCompletion`).
Recursive schemas make modules import each other in a cycle; Python runs such a
cycle only if no module asks for a name of one that has not defined it yet. So within
a cycle (a strongly connected component of the import graph) the imports that class
annotations alone use, which are read once every module is loaded, go last in the
module; a name a module evaluates while it runs (an alias, a functional TypedDict)
from a module of its own cycle cannot be had, and is typed as `fallback` there.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from typing import Any, Callable, Iterable, Mapping, Sequence

from .imports import import_block
from .parallel import Job
from .pytypes import Import, Name, Node, Tuple, Code
from .schema_kinds import depth_first
from .views import AliasView, ClassView, EnumView, ParamClassView, ParamFieldView

View = ClassView | EnumView | AliasView | ParamClassView
# A definition's view, with its own module's nested names written plainly.
ViewOf = Callable[[Any, Mapping[Name, Node]], View]
ImportsOf = Callable[[list[View]], Iterable[Import]]
# The types a definition names: what its module imports other modules for.
NodesOf = Callable[[Any], Iterable[Node]]
Render = Callable[[str, dict[str, Any]], str]  # template, context -> text


@dataclass(frozen=True)
class SchemaPackage:
    package: str  # models | params
    template: str  # the folder of its templates
    view: ViewOf
    imports: ImportsOf
    nodes: NodesOf
    fallback: Node  # what a name a cycle keeps from a running module becomes
    init_imports: tuple[Import, ...] = ()  # what the __init__ needs besides its roots
    rebuild: bool = False  # whether the __init__ completes every model


def render_schema_package(
    render: Render,
    kind: SchemaPackage,
    definitions: Sequence[tuple[Name, Any]],
    roots: set[Name],
    title: str,
) -> dict[str, Job]:
    """`definitions`: (name, definition) in definition order; `roots`: the names
    the package re-exports. Returns the rendering of each file, by its path."""
    modules: dict[str, list[tuple[Name, Any]]] = {}
    for name, definition in definitions:
        modules.setdefault(name.module or "", []).append((name, definition))
    edges = {m: _edges(kind, m, members) for m, members in modules.items()}
    component = _components(list(edges), lambda m: sorted(edges[m]))
    files: dict[str, Job] = {}
    for module, members in modules.items():
        cyclic = {t for t in edges[module] if component[t] == component[module]}
        root = next(n.name for n, _ in members if n in roots)
        files[f"{module.rpartition('.')[2]}.py"] = partial(
            _module_text,
            render,
            kind,
            module,
            members,
            cyclic,
            f"{root} and the types nested in it. {title}",
        )
    exported = [(n, module) for module, members in modules.items() for n, _ in members]
    names = [n.name for n, _ in exported if n in roots]
    # completed after the modules they refer to: a model is then built from complete
    # classes of other modules (pydantic 2.4 reads an incomplete one's annotations in
    # the namespace of the model it is building)
    order = depth_first(list(edges), lambda m: sorted(edges[m]))
    tails = [m.rpartition(".")[2] for m in order]
    init = [Import(kind.package, tail) for tail in tails]
    init += [Import(n.module or "", n.name) for n, _ in exported if n in roots]
    if kind.rebuild and tails:
        init += kind.init_imports
    files["__init__.py"] = partial(
        render,
        f"package/{kind.template}/__init__.py.j2",
        {
            "title": title,
            "imports": import_block(init, "..", f"{kind.package}.__init__"),
            "names": names,
            "modules": (
                Tuple(tuple(Code(t) for t in tails)) if kind.rebuild and tails else None
            ),
        },
    )
    return {f"{kind.package}/{path}": job for path, job in files.items()}


def _module_text(
    render: Render,
    kind: SchemaPackage,
    module: str,
    members: list[tuple[Name, Any]],
    cyclic: set[str],
    title: str,
) -> str:
    """A module of the package: its definitions, the imports that `cyclic` modules
    (of its own import cycle) import this one through placed last."""
    local = {Name(n.name, module, True): n for n, _ in members}
    views = [_cut(kind.view(d, local), cyclic, kind.fallback) for _, d in members]
    early, late = [], []
    for view in views:
        for item in kind.imports([view]):
            target = _target(item, kind.package)
            if target in cyclic and _lazy(view):
                late.append(item)
            else:
                early.append(item)
    late = [i for i in late if i not in early]
    return render(
        f"package/{kind.template}/module.py.j2",
        {
            "title": title,
            "definitions": views,
            "imports": import_block(early, "..", module),
            "late_imports": import_block(late, "..", module),
        },
    )


def _target(item: Import, package: str) -> str | None:
    """The package module an import reads, if it is one."""
    if item.module == package:
        return f"{package}.{item.name}"
    if item.module.startswith(package + "."):
        return item.module
    return None


def _edges(
    kind: SchemaPackage, module: str, members: list[tuple[Name, Any]]
) -> set[str]:
    out = set()
    for _, definition in members:
        for node in kind.nodes(definition):
            for item in node.imports():
                target = _target(item, kind.package)
                if target is not None and target != module:
                    out.add(target)
    return out


def _lazy(view: View) -> bool:
    """Whether a definition's names are read only once every module is loaded:
    a class's annotations (postponed), not an alias's value."""
    return isinstance(view, ClassView) or (
        isinstance(view, ParamClassView) and view.kind == "class"
    )


def _cut(view: View, cyclic: set[str], fallback: Node) -> View:
    """A definition that runs with a name from a module of its own cycle: that name
    is `fallback` (the module cannot have it yet)."""
    if _lazy(view) or not cyclic:
        return view
    nodes: list[Node] = []
    if isinstance(view, AliasView):
        nodes = [view.value]
    elif isinstance(view, ParamClassView):
        nodes = [f.annotation for f in view.fields]
    swap: dict[Name, Node] = {
        n: fallback for node in nodes for n in node.names() if n.module in cyclic
    }
    if not swap:
        return view
    if isinstance(view, AliasView):
        return replace(view, value=view.value.replace(swap))
    assert isinstance(view, ParamClassView)
    fields = tuple(
        ParamFieldView(f.key, f.annotation.replace(swap), f.doc) for f in view.fields
    )
    return replace(view, fields=fields)


def _components(nodes: list[str], deps: Callable[[str], list[str]]) -> dict[str, int]:
    """Each node's strongly connected component (Kosaraju, on depth_first)."""
    order = depth_first(nodes, deps)
    reverse: dict[str, list[str]] = {n: [] for n in nodes}
    for node in nodes:
        for dep in deps(node):
            reverse[dep].append(node)
    component: dict[str, int] = {}
    done: set[str] = set()
    for index, node in enumerate(reversed(order)):
        for member in depth_first([node], lambda n: reverse[n], done=done):
            component[member] = index
    return component
