"""Path items and operations -> `ir.Operation`: parameters, security requirements
and examples here; request bodies and responses in `messages`."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from ..ir import Example, Operation, Parameter, RequestBody
from ..naming import pascal, snake
from .messages import FORM, MessageReader
from .nodes import bool_or_none, doc_text, extensions
from .pointers import escape_pointer

# `query` is OpenAPI 3.2's (the HTTP QUERY method: a safe request with a body).
HTTP_METHODS = (
    "get",
    "put",
    "post",
    "delete",
    "options",
    "head",
    "patch",
    "trace",
    "query",
)
PARAMETER_LOCATIONS = ("path", "query", "header", "cookie")

SecurityRequirements = tuple[tuple[tuple[str, tuple[str, ...]], ...], ...]
# spec nodes, each with its pointer
Located = list[tuple[Any, str]]


class OperationReader(MessageReader):
    def operations(self, paths: dict[str, Any]) -> tuple[Operation, ...]:
        out = []
        for path, item in paths.items():
            item_pointer = f"/paths/{escape_pointer(path)}"
            if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in path):
                raise self.fail(item_pointer, "path contains a control character")
            item, item_pointer = self.path_item(item, item_pointer)
            shared = [
                (raw, f"{item_pointer}/parameters/{i}")
                for i, raw in enumerate(
                    self.array(
                        item.get("parameters") or [],
                        item_pointer + "/parameters",
                        "parameters",
                    )
                )
            ]
            for method in HTTP_METHODS:
                if method in item:
                    at = f"{item_pointer}/{method}"
                    out.append(self.operation(path, method, item[method], shared, at))
            for method, node in self.additional_operations(item, item_pointer):
                at = f"{item_pointer}/additionalOperations/{escape_pointer(method)}"
                out.append(self.operation(path, method.lower(), node, shared, at))
        return tuple(out)

    def additional_operations(
        self, item: dict[str, Any], item_pointer: str
    ) -> list[tuple[str, Any]]:
        """OpenAPI 3.2's operations of other HTTP methods (LINK, PURGE, ...)."""
        pointer = item_pointer + "/additionalOperations"
        raw = self.obj(
            item.get("additionalOperations") or {}, pointer, "additionalOperations"
        )
        for method in raw:
            if method.lower() in HTTP_METHODS or not method.isalpha():
                raise self.fail(
                    f"{pointer}/{escape_pointer(method)}",
                    f"additionalOperations holds {method!r}, not another HTTP method",
                )
        return list(raw.items())

    def path_item(self, node: Any, pointer: str) -> tuple[dict[str, Any], str]:
        """A path item; one written as a `$ref` is the target, with the fields
        written beside the `$ref` laid over it."""
        beside = (
            {k: v for k, v in node.items() if k != "$ref"}
            if isinstance(node, dict) and "$ref" in node
            else {}
        )
        node, pointer = self.docs.deref(node, pointer)
        node = self.obj(node, pointer, "path item")
        return ({**node, **beside} if beside else node), pointer

    def operation(
        self, path: str, method: str, node: Any, shared: Located, pointer: str
    ) -> Operation:
        """`shared`: the path item's parameters, with their pointers."""
        # An operation written as a `$ref` (one file per operation) is its target.
        node, pointer = self.docs.deref(node, pointer)
        node = self.obj(node, pointer, "operation")
        if not node:
            raise self.fail(pointer, "empty operation object")
        # Without an operationId, one is derived from method and path: post_responses.
        operation_id = self.string(node, "operationId", pointer) or snake(
            f"{method} {path}"
        )
        hint = pascal(operation_id)
        parameters, body = self.inputs(node, pointer, shared, hint)
        responses = tuple(
            self.response(
                str(status),
                raw,
                f"{pointer}/responses/{escape_pointer(str(status))}",
                hint,
            )
            for status, raw in self.obj(
                node.get("responses") or {}, f"{pointer}/responses", "responses"
            ).items()
        )
        security = (
            self.security(node["security"] or [], pointer + "/security")
            if "security" in node
            else None
        )
        tags = node.get("tags")
        return Operation(
            method=method,
            path=path,
            operation_id=operation_id,
            pointer=pointer,
            tags=(
                tuple(t for t in tags if isinstance(t, str))
                if isinstance(tags, list)
                else ()
            ),
            summary=doc_text(node.get("summary")),
            description=doc_text(node.get("description")),
            deprecated=bool(node.get("deprecated", False)),
            parameters=parameters,
            request_body=body,
            responses=responses,
            security=security,
            examples=self.examples(
                node.get("x-ms-examples") or {}, f"{pointer}/x-ms-examples"
            ),
            extensions=extensions(node, skip=("x-ms-examples",)),
        )

    def inputs(
        self,
        node: dict[str, Any],
        pointer: str,
        shared: list[Any],
        hint: str,
    ) -> tuple[tuple[Parameter, ...], RequestBody | None]:
        """The parameters (the path item's, then the operation's own, which win)
        and the request body."""
        params: dict[tuple[str, str], Parameter] = {}
        for raw, at in self.parameter_nodes(node, pointer, shared):
            param = self.parameter(raw, at, hint)
            params[(param.name, param.location)] = param
        body = None
        if "requestBody" in node:
            body = self.request_body(
                node["requestBody"], f"{pointer}/requestBody", hint
            )
        return tuple(params.values()), body

    def parameter_nodes(
        self, node: dict[str, Any], pointer: str, shared: Located
    ) -> Located:
        own = self.array(
            node.get("parameters") or [], pointer + "/parameters", "parameters"
        )
        return shared + [
            (raw, f"{pointer}/parameters/{i}") for i, raw in enumerate(own)
        ]

    def parameter(self, raw: Any, pointer: str, hint: str) -> Parameter:
        node, pointer = self.docs.deref(raw, pointer)
        node = self.obj(node, pointer, "parameter")
        name, location = node.get("name"), node.get("in")
        if isinstance(name, str) and location == "querystring":
            return self.querystring(node, pointer, hint + pascal(name))
        if not isinstance(name, str) or location not in PARAMETER_LOCATIONS:
            raise self.fail(
                pointer,
                "parameter needs a 'name' and 'in' (path, query, header or cookie)",
            )
        schema = None
        if "schema" in node:
            schema = self.schemas.schema(
                node["schema"], pointer + "/schema", hint + pascal(name)
            )
        elif "content" in node:
            media: Any = next(
                iter(
                    self.obj(node["content"], pointer + "/content", "content").values()
                ),
                {},
            )
            media = self.obj(media or {}, pointer + "/content", "media type")
            if "schema" in media:
                schema = self.schemas.schema(
                    media["schema"], pointer + "/content", hint + pascal(name)
                )
        return Parameter(
            name=name,
            location=location,
            schema=schema,
            required=bool(node.get("required", location == "path")),
            description=doc_text(node.get("description")),
            deprecated=bool(node.get("deprecated", False)),
            style=self.string(node, "style", pointer),
            explode=bool_or_none(node.get("explode")),
            pointer=pointer,
            extensions=extensions(node),
        )

    def querystring(self, node: dict[str, Any], pointer: str, hint: str) -> Parameter:
        """OpenAPI 3.2's `in: querystring`: the whole query string as one form-encoded
        object, which is what a query parameter of style form, exploded, sends."""
        content = self.obj(node.get("content") or {}, pointer + "/content", "content")
        if list(content) != [FORM]:
            raise self.fail(
                pointer + "/content",
                f"in: querystring with content {', '.join(content) or 'none'} is not "
                f"supported (only {FORM})",
            )
        media_pointer = f"{pointer}/content/{escape_pointer(FORM)}"
        media = self.obj(content[FORM] or {}, media_pointer, "media type")
        return Parameter(
            name=str(node["name"]),
            location="query",
            schema=self.schemas.schema(
                media.get("schema", {}), media_pointer + "/schema", hint
            ),
            required=bool(node.get("required", False)),
            description=doc_text(node.get("description")),
            deprecated=bool(node.get("deprecated", False)),
            style="form",
            explode=True,
            pointer=pointer,
            extensions=extensions(node),
        )

    def examples(self, node: Any, pointer: str) -> tuple[Example, ...]:
        out = []
        for name, value in (node.items() if isinstance(node, dict) else ()):
            ref = value.get("$ref") if isinstance(value, dict) else None
            if not isinstance(ref, str):
                out.append(Example(name=name, ref=None, data=value))
                continue
            out.append(
                Example(name=name, ref=ref, data=self.example_file(ref, pointer))
            )
        return tuple(out)

    def example_file(self, ref: str, pointer: str) -> Any:
        """An example file's content; None when it is absent (tolerated: specs ship
        without some of them), remote, or outside the spec's folder."""
        address = ref.partition("#")[0]
        base = self.docs.location_of(pointer)
        if not address or "://" in address or "://" in base:
            return None
        named = Path(base).parent / address
        target = self.docs.look(named)
        if not target.is_file() or not (
            self.docs.policy.outside_folder or target.is_relative_to(self.docs.folder)
        ):
            return None
        return self.docs.read_file(named, target)

    def security(self, node: Any, pointer: str) -> SecurityRequirements:
        out = []
        for i, requirement in enumerate(self.array(node, pointer, "security")):
            r_pointer = f"{pointer}/{i}"
            schemes = []
            for name, scopes in self.obj(
                requirement, r_pointer, "security requirement"
            ).items():
                s_pointer = f"{r_pointer}/{escape_pointer(name)}"
                scopes = self.array(scopes or [], s_pointer, "scopes")
                schemes.append((name, tuple(str(scope) for scope in scopes)))
            out.append(tuple(schemes))
        return tuple(out)
