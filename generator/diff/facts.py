"""One walk over two IRs that records every difference as a neutral Fact.

A fact says what changed and where, never how bad it is: rules.py judges that. Inline
schemas are walked where they sit; a `$ref` to a component is compared by name only, and
every component schema is walked once, on its own (usage.py finds who reaches it).
Examples and the api-version string itself are never compared. The schema part of the
walk is schema_facts.py; pure comparisons of two values live in compare.py, those of
security, servers, tags and governance extensions in metadata.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..ir import JSON, Api, MediaType, Operation, Parameter
from ..parse.pointers import escape_pointer
from . import metadata
from .schema_facts import ANY, SchemaWalk

_PATH_PARAM = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class Fact:
    """One difference the walk found, before a rule judges it."""

    kind: str
    # what changed, readable: "`messages[].content`", "query parameter `x`"
    subject: str
    location: str  # JSON pointer: in the new spec, or in the old one when in_base
    operation: str | None = None  # "POST /path" for facts inside an operation
    schema: str | None = None  # component name for facts inside a component schema
    side: str | None = None  # "request"/"response" inside an operation; None elsewhere
    old: JSON = None
    new: JSON = None
    detail: str = ""
    # Where data flows one way only: a readOnly property is only read ("response"), a
    # writeOnly one only sent ("request"); None: both ways.
    only: str | None = None
    in_base: bool = False  # `location` points into the old spec (a removal)


@dataclass(frozen=True)
class _Where:
    """Whom a fact belongs to and how to name the spot inside it."""

    operation: str | None = None
    schema: str | None = None
    side: str | None = None
    root: str = ""  # "request body", "response 200", "query parameter `x`"
    path: str = ""  # "a.b[]"
    only: str | None = None

    def child(self, segment: str) -> _Where:
        joined = not self.path or segment.startswith(("[", "/"))
        path = self.path + segment if joined else f"{self.path}.{segment}"
        return replace(self, path=path)

    @property
    def subject(self) -> str:
        if self.path:
            return f"`{self.path}`" + (f" ({self.root})" if self.root else "")
        if self.root:
            return self.root
        return f"schema `{self.schema}`" if self.schema else "operation"


def collect_facts(old: Api, new: Api) -> list[Fact]:
    return _Walk(old, new).run()


class _Walk(SchemaWalk):
    def __init__(self, old: Api, new: Api) -> None:
        self.old, self.new = old, new
        self.facts: list[Fact] = []

    def run(self) -> list[Fact]:
        self.api()
        self.operations()
        self.components()
        return self.facts

    def add(
        self,
        kind: str,
        where: _Where,
        location: str,
        old: JSON = None,
        new: JSON = None,
        detail: str = "",
        in_base: bool = False,
    ) -> None:
        self.facts.append(
            Fact(
                kind=kind,
                subject=where.subject,
                location=location,
                operation=where.operation,
                schema=where.schema,
                side=where.side,
                old=old,
                new=new,
                detail=detail,
                only=where.only,
                in_base=in_base,
            )
        )

    def items(self, items: Iterable[metadata.Item], where: _Where) -> None:
        for item in items:
            at = replace(where, root=item.subject)
            self.add(
                item.kind,
                at,
                item.location,
                item.old,
                item.new,
                item.detail,
                item.in_base,
            )

    def api(self) -> None:
        top = _Where()
        self.items(metadata.servers(self.old.servers, self.new.servers), top)
        self.items(
            metadata.security_schemes(
                self.old.security_schemes, self.new.security_schemes
            ),
            top,
        )
        self.items(
            metadata.requirements(self.old.security, self.new.security, "/security"),
            top,
        )

    # -- operations -----------------------------------------------------------------

    def operations(self) -> None:
        old_ops = {op.key: op for op in self.old.operations}
        new_ops = {op.key: op for op in self.new.operations}
        # An operation whose path differs only in its parameters' names was renamed.
        unmatched = {
            _template(op): op for key, op in old_ops.items() if key not in new_ops
        }
        paired: set[str] = set()
        for key, op in new_ops.items():
            if key in old_ops:
                self.operation(old_ops[key], op, {})
            elif _template(op) in unmatched:
                before = unmatched.pop(_template(op))
                paired.add(before.key)
                self.operation(before, op, self.path_renames(before, op))
            else:
                self.add("operation-added", _Where(operation=key), op.pointer)
        for key, op in old_ops.items():
            if key not in new_ops and key not in paired:
                self.add(
                    "operation-removed", _Where(operation=key), op.pointer, in_base=True
                )

    def path_renames(self, a: Operation, b: Operation) -> dict[str, str]:
        renames = {}
        for was, now in zip(_PATH_PARAM.findall(a.path), _PATH_PARAM.findall(b.path)):
            if was != now:
                renames[was] = now
                where = _Where(
                    operation=b.key, side="request", root=f"path parameter `{was}`"
                )
                detail = f"`{a.path}` is now `{b.path}`"
                self.add("path-parameter-renamed", where, b.pointer, was, now, detail)
        return renames

    def operation(self, a: Operation, b: Operation, renames: dict[str, str]) -> None:
        where = _Where(operation=b.key)
        if a.operation_id != b.operation_id:
            self.add(
                "operation-id-changed", where, b.pointer, a.operation_id, b.operation_id
            )
        if a.summary != b.summary:
            self.add("summary-changed", where, b.pointer, a.summary, b.summary)
        if a.description != b.description:
            self.add(
                "description-changed", where, b.pointer, a.description, b.description
            )
        self.deprecation(
            a.deprecated, b.deprecated, "operation-deprecated", where, b.pointer
        )
        self.items(metadata.tags(a.tags, b.tags, b.pointer + "/tags"), where)
        self.items(
            metadata.governance(a.extensions, b.extensions, "", b.pointer),
            where,
        )
        if a.security is not None or b.security is not None:
            self.items(
                metadata.requirements(
                    self.old.security if a.security is None else a.security,
                    self.new.security if b.security is None else b.security,
                    b.pointer + "/security",
                ),
                where,
            )
        self.parameters(a, b, renames)
        self.request_body(a, b, replace(where, side="request", root="request body"))
        self.responses(a, b, replace(where, side="response"))

    def request_body(self, a: Operation, b: Operation, where: _Where) -> None:
        location = b.pointer + "/requestBody"
        old, new = a.request_body, b.request_body
        if old is None or new is None:
            if new is not None:
                required = "required-" if new.required else ""
                self.add(f"{required}request-body-added", where, location)
            elif old is not None:
                self.add(
                    "request-body-removed",
                    where,
                    a.pointer + "/requestBody",
                    in_base=True,
                )
            return
        if old.required != new.required:
            became = "required" if new.required else "optional"
            self.add(f"request-body-became-{became}", where, location)
        if old.description != new.description:
            self.add(
                "description-changed", where, location, old.description, new.description
            )
        self.content(old.content, new.content, where, location + "/content")

    def parameters(self, a: Operation, b: Operation, renames: dict[str, str]) -> None:
        old = {
            (
                renames.get(p.name, p.name) if p.location == "path" else p.name,
                p.location,
            ): p
            for p in a.parameters
        }
        new = {(p.name, p.location): p for p in b.parameters}
        for key, param in new.items():
            where = _Where(operation=b.key, side="request", root=_param_root(param))
            if key in old:
                self.parameter(old[key], param, where)
            else:
                kind = (
                    "required-parameter-added" if param.required else "parameter-added"
                )
                self.add(kind, where, param.pointer)
        for key, param in old.items():
            if key not in new:
                where = _Where(operation=b.key, side="request", root=_param_root(param))
                self.add("parameter-removed", where, param.pointer, in_base=True)

    def parameter(self, a: Parameter, b: Parameter, where: _Where) -> None:
        if a.required != b.required:
            kind = (
                "parameter-became-required"
                if b.required
                else "parameter-became-optional"
            )
            self.add(kind, where, b.pointer)
        self.deprecation(
            a.deprecated, b.deprecated, "parameter-deprecated", where, b.pointer
        )
        if a.description != b.description:
            self.add(
                "description-changed", where, b.pointer, a.description, b.description
            )
        if a.serialization != b.serialization:
            self.add(
                "parameter-style-changed",
                where,
                b.pointer,
                _style_label(a),
                _style_label(b),
            )
        self.items(
            metadata.governance(a.extensions, b.extensions, where.root, b.pointer),
            replace(where, side=None),
        )
        self.schema(a.schema or ANY, b.schema or ANY, where)

    def content(
        self,
        a: tuple[MediaType, ...],
        b: tuple[MediaType, ...],
        where: _Where,
        location: str,
    ) -> None:
        old = {m.media_type: m for m in a}
        new = {m.media_type: m for m in b}
        several = len(old.keys() | new.keys()) > 1
        for name, media in new.items():
            at = f"{location}/{escape_pointer(name)}"
            if name in old:
                inner = (
                    replace(where, root=f"{where.root} {name}") if several else where
                )
                self.schema(old[name].schema or ANY, media.schema or ANY, inner)
            else:
                self.add("media-type-added", where, at, new=name)
        for name in old:
            if name not in new:
                self.add(
                    "media-type-removed",
                    where,
                    f"{location}/{escape_pointer(name)}",
                    old=name,
                )

    def responses(self, a: Operation, b: Operation, where: _Where) -> None:
        old = {r.status: r for r in a.responses}
        new = {r.status: r for r in b.responses}
        for status, response in new.items():
            location = f"{b.pointer}/responses/{status}"
            here = replace(where, root=f"response {status}")
            if status not in old:
                self.add(_status_kind(status, "added"), here, location, new=status)
                continue
            before = old[status]
            if before.description != response.description:
                self.add(
                    "description-changed",
                    here,
                    location,
                    before.description,
                    response.description,
                )
            self.content(before.content, response.content, here, location + "/content")
            headers = {h.name.lower(): h for h in before.headers}
            for header in response.headers:
                at = replace(where, root=f"response {status} header `{header.name}`")
                previous = headers.pop(header.name.lower(), None)
                if previous is None:
                    self.add("header-added", at, header.schema.pointer)
                    continue
                if previous.required != header.required:
                    became = "required" if header.required else "optional"
                    self.add(f"header-became-{became}", at, header.schema.pointer)
                self.schema(previous.schema, header.schema, at)
            for header in headers.values():
                at = replace(where, root=f"response {status} header `{header.name}`")
                kind = (
                    "required-header-removed" if header.required else "header-removed"
                )
                self.add(kind, at, header.schema.pointer, in_base=True)
        for status in old:
            if status in new:
                continue
            here = replace(where, root=f"response {status}")
            location = f"{a.pointer}/responses/{status}"
            self.add(
                _status_kind(status, "removed"),
                here,
                location,
                old=status,
                in_base=True,
            )

    # -- schemas --------------------------------------------------------------------

    def components(self) -> None:
        old, new = self.old.schemas, self.new.schemas
        for name in sorted(old.keys() | new.keys()):
            where = _Where(schema=name)
            if name not in old:
                self.add("schema-added", where, new[name].pointer)
            elif name not in new:
                self.add("schema-removed", where, old[name].pointer, in_base=True)
            else:
                self.schema(old[name], new[name], where)


def _template(op: Operation) -> str:
    """The operation's key with its path parameters unnamed: GET /books/{}."""
    return f"{op.method.upper()} {_PATH_PARAM.sub('{}', op.path)}"


def _style_label(param: Parameter) -> str:
    style, explode = param.serialization
    return f"{style}, {'exploded' if explode else 'not exploded'}"


def _param_root(param: Parameter) -> str:
    return f"{param.location} parameter `{param.name}`"


def _status_kind(status: str, change: str) -> str:
    family = "success" if status.startswith("2") else "error"
    return f"{family}-status-{change}"
