"""Python types and the few value expressions codegen emits, as a tree of values.

Each node renders its own source text, says how black may break it across lines
(`split`), and reports the names it uses as `Import`s, so a module's import block is
collected from the nodes it renders rather than scraped from its text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Mapping

from .pysource import py_value

# Where an imported name comes from: a standard module, or one of the generated
# package's own modules (imported relatively: `from ..models import X`).
LOCAL_MODULES = (
    "_api_client",
    "_base_client",
    "_pagination",
    "_response",
    "_retries",
    "_streaming",
    "_types",
    "models",
    "params",
)


@dataclass(frozen=True, order=True)
class Import:
    module: str
    name: str


@dataclass(frozen=True)
class Brackets:
    """A node black can break inside its brackets: `head` items `close`."""

    head: str
    items: tuple[Node, ...]
    close: str
    # a collection literal (tuple, list): split, black puts one item per line
    literal: bool = False


@dataclass(frozen=True)
class Operands:
    """A node black can break before each ` | ` (inside parentheses)."""

    members: tuple[Node, ...]


class Node:
    """A piece of an annotation or expression."""

    def render(self) -> str:
        raise NotImplementedError

    def split(self) -> Brackets | Operands | None:
        return None

    def children(self) -> tuple[Node, ...]:
        return ()

    def imports(self) -> Iterator[Import]:
        for child in self.children():
            yield from child.imports()

    def names(self) -> Iterator[Name]:
        """Every Name in the tree, this node included."""
        for child in self.children():
            yield from child.names()

    def replace(self, swap: Mapping[Name, Node]) -> Node:
        """The tree with each Name in `swap` replaced."""
        return self


@dataclass(frozen=True)
class Name(Node):
    """A name, with the module it is imported from (None: a builtin). A `qualified`
    name is written after its module, which is imported from its package
    (`chat_completion.Choice`, `from ..models import chat_completion`): nested
    classes repeat from module to module, so outside their own they go qualified."""

    name: str
    module: str | None = None
    qualified: bool = False

    def render(self) -> str:
        if self.qualified and self.module is not None:
            return f"{self.module.rpartition('.')[2]}.{self.name}"
        return self.name

    def imports(self) -> Iterator[Import]:
        if self.module is None:
            return
        if self.qualified:
            package, _, module = self.module.rpartition(".")
            yield Import(package, module)
        else:
            yield Import(self.module, self.name)

    def names(self) -> Iterator[Name]:
        yield self

    @property
    def plain(self) -> Name:
        """The name as its own module writes it."""
        return Name(self.name, self.module) if self.qualified else self

    def replace(self, swap: Mapping[Name, Node]) -> Node:
        return swap.get(self, self)


@dataclass(frozen=True)
class Subscript(Node):
    """A generic alias: `list[X]`, `dict[str, X]`, `Stream[X]`, `Required[X]`."""

    origin: Name
    args: tuple[Node, ...]

    def render(self) -> str:
        return f"{self.origin.name}[{', '.join(a.render() for a in self.args)}]"

    def split(self) -> Brackets:
        return Brackets(self.origin.name + "[", self.args, "]")

    def children(self) -> tuple[Node, ...]:
        return (self.origin, *self.args)

    def replace(self, swap: Mapping[Name, Node]) -> Node:
        origin = self.origin.replace(swap)
        assert isinstance(origin, Name)
        return Subscript(origin, tuple(a.replace(swap) for a in self.args))


@dataclass(frozen=True)
class Value(Node):
    """A Python literal of a JSON value (an item of Literal[...], a default)."""

    value: Any

    def render(self) -> str:
        return py_value(self.value)


@dataclass(frozen=True)
class Literal(Node):
    """`Literal[...]` of JSON values (strings, integers, booleans, None)."""

    values: tuple[Any, ...]

    def render(self) -> str:
        return "Literal[" + ", ".join(py_value(v) for v in self.values) + "]"

    def split(self) -> Brackets:
        return Brackets("Literal[", tuple(Value(v) for v in self.values), "]")

    def imports(self) -> Iterator[Import]:
        yield Import("typing", "Literal")


@dataclass(frozen=True)
class Union(Node):
    """`A | B | ...`; `subscripted` renders it `Union[A, B]`, the form a module-level
    alias evaluates."""

    members: tuple[Node, ...]
    subscripted: bool = False

    def render(self) -> str:
        if self.subscripted:
            return "Union[" + ", ".join(m.render() for m in self.members) + "]"
        return " | ".join(m.render() for m in self.members)

    def split(self) -> Brackets | Operands:
        if self.subscripted:
            return Brackets("Union[", self.members, "]")
        return Operands(self.members)

    def children(self) -> tuple[Node, ...]:
        return self.members

    def imports(self) -> Iterator[Import]:
        if self.subscripted:
            yield Import("typing", "Union")
        yield from super().imports()

    def replace(self, swap: Mapping[Name, Node]) -> Node:
        return union([m.replace(swap) for m in self.members], self.subscripted)


@dataclass(frozen=True)
class Code(Node):
    """Source text black never breaks: a dotted name, `key=value`, a literal."""

    text: str
    uses: tuple[Import, ...] = ()

    def render(self) -> str:
        return self.text

    def imports(self) -> Iterator[Import]:
        yield from self.uses


@dataclass(frozen=True)
class Call(Node):
    """`func(arg, ...)`."""

    func: Name
    args: tuple[Node, ...]

    def render(self) -> str:
        return f"{self.func.name}({', '.join(a.render() for a in self.args)})"

    def split(self) -> Brackets:
        return Brackets(self.func.name + "(", self.args, ")")

    def children(self) -> tuple[Node, ...]:
        return (self.func, *self.args)


@dataclass(frozen=True)
class Tuple(Node):
    """A tuple literal."""

    items: tuple[Node, ...]

    def render(self) -> str:
        inner = ", ".join(i.render() for i in self.items)
        return f"({inner},)" if len(self.items) == 1 else f"({inner})"

    def split(self) -> Brackets:
        return Brackets("(", self.items, ")", literal=True)

    def children(self) -> tuple[Node, ...]:
        return self.items


def tuple_of(*items: str) -> Tuple:
    """A tuple literal of source texts."""
    return Tuple(tuple(Code(item) for item in items))


def union(members: list[Node] | tuple[Node, ...], subscripted: bool = False) -> Node:
    """The union of `members`, nested unions flattened and repeats dropped; a single
    member stands for itself, and Any absorbs the rest."""
    flat: list[Node] = []
    for member in members:
        for part in member.members if isinstance(member, Union) else (member,):
            if part not in flat:
                flat.append(part)
    if ANY in flat:
        return ANY
    if len(flat) == 1:
        return flat[0]
    return Union(tuple(flat), subscripted)


def subscripted(node: Node) -> Node:
    """`node` as a module evaluates it when it runs (an alias's value, a functional
    TypedDict's field): every union written `Union[...]`."""
    if isinstance(node, Union):
        return Union(tuple(subscripted(m) for m in node.members), subscripted=True)
    if isinstance(node, Subscript):
        return Subscript(node.origin, tuple(subscripted(a) for a in node.args))
    return node


def optional(node: Node) -> Node:
    """`node | None`, unless it already admits None."""
    if admits_none(node):
        return node
    return union([node, NONE])


def admits_none(node: Node) -> bool:
    if node in (ANY, NONE):
        return True
    return isinstance(node, Union) and NONE in node.members


def without_none(node: Node) -> Node:
    if isinstance(node, Union):
        return union([m for m in node.members if m != NONE], node.subscripted)
    return node


ANY = Name("Any", "typing")
NONE = Name("None")
STR = Name("str")
INT = Name("int")
FLOAT = Name("float")
BOOL = Name("bool")
BYTES = Name("bytes")
LIST = Name("list")
DICT = Name("dict")

# JSON Schema's primitive types as Python types.
PRIMITIVES: dict[str, Node] = {
    "string": STR,
    "integer": INT,
    "number": FLOAT,
    "boolean": BOOL,
    "null": NONE,
    "any": ANY,
}
# Builtin names an attribute must not shadow inside its class's annotations.
BUILTIN_TYPE_NAMES = frozenset(
    n.name for n in (STR, INT, FLOAT, BOOL, BYTES, LIST, DICT)
)


def list_of(item: Node) -> Subscript:
    return Subscript(LIST, (item,))


def dict_of(value: Node) -> Subscript:
    return Subscript(DICT, (STR, value))


def typing_name(name: str) -> Name:
    return Name(name, "typing")
