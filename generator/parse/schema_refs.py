"""`$ref`s in schemas: to a root component (by name), to another document's schema
(named once, see `schema_names`), or to a nested location of the root (inlined)."""

from __future__ import annotations

from typing import Any, Callable
from urllib.parse import unquote

from ..ir import Schema
from .pointers import escape_pointer, unescape_pointer
from .refs import Documents
from .schema_keywords import SchemaKeywords
from .schema_names import SchemaNames


class SchemaRefs(SchemaKeywords):
    # the schema reader's entry point, which a target is read with
    schema: Callable[..., Schema]

    def __init__(
        self,
        docs: Documents,
        component_pointer: str,
        components: dict[str, Any],
        swagger2: bool = False,
    ) -> None:
        """`components`: the root's named schemas, found at `component_pointer`
        ("/components/schemas/", or "/definitions/" in Swagger 2.0)."""
        super().__init__(docs)
        self.swagger2 = swagger2
        self.names = SchemaNames(component_pointer, components)
        self.component_ref = "#" + component_pointer
        self.external: dict[str, Schema] = {}  # schemas of other documents, by name
        self.reached: list[str] = []  # their names, in the order the refs reach them
        self.defining: set[str] = set()
        self.resolving: list[str] = []
        self.depth = 0

    def components(self) -> dict[str, Schema]:
        """The root's named schemas, each read with its name. One that is only a
        `$ref` to another document's schema gives that schema its name."""
        pointer = self.names.component_pointer.rstrip("/")
        for name, node in self.names.components.items():
            ref = (
                node.get("$ref") if isinstance(node, dict) and len(node) == 1 else None
            )
            if isinstance(ref, str) and not ref.startswith("#"):
                at = f"{pointer}/{escape_pointer(name)}/$ref"
                where = self.final_target(*self.docs.lookup(ref, at))[1]
                if not self.docs.is_root(where):
                    self.names.claim(where, name)
        return {
            name: self.schema(node, f"{pointer}/{escape_pointer(name)}", name, name)
            for name, node in self.names.components.items()
        }

    def reference(
        self, node: dict[str, Any], pointer: str, hint: str, component: str | None
    ) -> Schema:
        ref = node["$ref"]
        prefix = self.component_ref
        if (
            isinstance(ref, str)
            and ref.startswith(prefix)
            and self.docs.is_root(pointer)
            and "/" not in ref[len(prefix) :]
        ):
            key = unescape_pointer(ref[len(prefix) :])
            if key not in self.names.components:  # a URI fragment: with%20space
                key = unescape_pointer(unquote(ref[len(prefix) :]))
            if key not in self.names.components:
                raise self.fail(pointer + "/$ref", f"dangling $ref: {ref}")
            meta = self.metadata(node, pointer)
            return Schema(type="ref", pointer=pointer, ref=key, name=component, **meta)
        target, where = self.docs.lookup(ref, pointer + "/$ref")
        if self.docs.is_root(where):
            name = self.names.root_component(where)
            if name is None:
                # A nested location of the root document is inlined where it is used.
                return self.inlined(ref, target, where, pointer, hint, component)
        else:
            target, where = self.final_target(target, where)
            name = (
                self.names.root_component(where) if self.docs.is_root(where) else None
            )
            if name is None:
                name = self.names.name(where)
                if name == component:  # components/schemas/NAME: {$ref: file}
                    return self.schema(target, where, name, name)
                self.define(name, target, where)
        meta = self.metadata(node, pointer)
        return Schema(type="ref", pointer=pointer, ref=name, name=component, **meta)

    def inlined(
        self,
        ref: str,
        target: Any,
        where: str,
        pointer: str,
        hint: str,
        component: str | None,
    ) -> Schema:
        if where in self.resolving:
            return Schema(
                type="any",
                pointer=pointer,
                name=component or hint,
                description=f"recursive $ref {ref}",
            )
        self.resolving.append(where)
        try:
            return self.schema(target, pointer, hint, component)
        finally:
            self.resolving.pop()

    def final_target(self, target: Any, where: str) -> tuple[Any, str]:
        """Through `{$ref: ...}` alone to the schema it stands for (a root component
        is a schema of its own, so the chain stops there)."""
        seen = {where}
        while (
            isinstance(target, dict)
            and len(target) == 1
            and "$ref" in target
            and not (self.docs.is_root(where) and self.names.root_component(where))
        ):
            target, where = self.docs.lookup(target["$ref"], where + "/$ref")
            if where in seen:
                raise self.fail(where, "$ref cycle")
            seen.add(where)
        return target, where

    def define(self, name: str, target: Any, where: str) -> None:
        """The schema of another document, read once into `external` (a root
        component that holds it reads it itself)."""
        if name in self.names.claimed or name in self.external or name in self.defining:
            return
        self.defining.add(name)
        self.reached.append(name)
        depth, self.depth = self.depth, 0  # its depth is its own, not its user's
        try:
            self.external[name] = self.schema(target, where, name, name)
        finally:
            self.depth = depth
            self.defining.discard(name)

    def external_schemas(self) -> dict[str, Schema]:
        """The schemas of other documents, in the order the refs reached them."""
        return {name: self.external[name] for name in self.reached}
