"""OpenAPI 3.0 / 3.1 (JSON or YAML) -> IR.

Representation differences between 3.0 and 3.1 are normalized here so that nothing
downstream sees them: `nullable: true`, a `"null"` member of `type`, and a `{type: null}`
branch of oneOf/anyOf all become `Schema.nullable`; `example` and `examples` become
`Schema.examples`; boolean `exclusiveMinimum` becomes a numeric bound.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..errors import SpecError
from ..ir import (
    Api,
    Discriminator,
    Encoding,
    Example,
    Header,
    MediaType,
    Operation,
    Parameter,
    Property,
    RequestBody,
    Response,
    Schema,
    SecurityScheme,
    Server,
    ServerVariable,
)
from ..naming import pascal, snake
from .loader import load_document

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_COMPONENT_SCHEMA = "#/components/schemas/"
_PRIMITIVES = {"string", "integer", "number", "boolean", "object", "array", "null"}
# Deeper schemas are refused: generating code for them recurses once per level, and
# no real spec comes close (the Azure OpenAI ones nest under 20 levels).
MAX_SCHEMA_DEPTH = 100


def escape_pointer(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def parse_openapi(path: str | Path) -> Api:
    path = Path(path)
    document = load_document(path)
    return _Parser(path, document).api()


class _Parser:
    def __init__(self, path: Path, document: Any) -> None:
        self.path = path
        self.source = str(path)
        self.doc = document
        self.external: dict[Path, Any] = {}
        self.resolving: list[str] = []
        self.depth = 0

    # -- errors and references ------------------------------------------------------

    def fail(self, pointer: str, message: str) -> SpecError:
        return SpecError(self.source, message, pointer=pointer or "/")

    def lookup(self, ref: str, at: str) -> tuple[Any, str]:
        """Target of a local or external `$ref`, and the pointer naming it."""
        if not isinstance(ref, str):
            raise self.fail(at, "$ref must be a string")
        file_part, _, fragment = ref.partition("#")
        document = self.doc
        if file_part:
            try:
                target = (self.path.parent / file_part).resolve()
            except (ValueError, RuntimeError):  # a NUL byte, a symlink loop
                raise self.fail(at, f"$ref to a missing file: {ref}") from None
            if target not in self.external:
                if not target.is_file():
                    raise self.fail(at, f"$ref to a missing file: {ref}")
                try:
                    self.external[target] = load_document(target)
                except SpecError as exc:
                    raise self.fail(at, f"$ref {ref}: {exc}") from None
            document = self.external[target]
        node = document
        if fragment and not fragment.startswith("/"):
            raise self.fail(at, f"unsupported $ref fragment: {ref}")
        for token in fragment.split("/")[1:] if fragment else ():
            key = _unescape(token)
            if isinstance(node, dict) and key not in node:
                key = _unescape(unquote(token))  # a URI fragment: with%20space
            if isinstance(node, dict) and key in node:
                node = node[key]
            elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
                node = node[int(key)]
            else:
                raise self.fail(at, f"dangling $ref: {ref} (no {key!r} there)")
        return node, ref

    def deref(self, node: Any, pointer: str) -> tuple[Any, str]:
        """Follows `$ref` chains of non-schema objects (parameters, responses, ...)."""
        hops = 0
        while isinstance(node, dict) and "$ref" in node:
            node, ref = self.lookup(node["$ref"], pointer + "/$ref")
            pointer = (
                ref.partition("#")[2] if not ref.startswith(("./", "../")) else pointer
            )
            hops += 1
            if hops > 50:
                raise self.fail(pointer, "$ref cycle")
        return node, pointer

    def text(self, value: Any, pointer: str) -> str | None:
        """A text field; some published specs put a `$ref` to another text there."""
        if isinstance(value, dict) and "$ref" in value:
            value, _ = self.lookup(value["$ref"], pointer + "/$ref")
        return value if isinstance(value, str) else None

    def obj(self, node: Any, pointer: str, what: str) -> dict[str, Any]:
        if not isinstance(node, dict):
            raise self.fail(
                pointer, f"{what} must be an object, got {_json_type(node)}"
            )
        return node

    def array(self, node: Any, pointer: str, what: str) -> list[Any]:
        if not isinstance(node, list):
            raise self.fail(pointer, f"{what} must be an array, got {_json_type(node)}")
        return node

    def string(self, node: dict[str, Any], key: str, pointer: str) -> str | None:
        value = node.get(key)
        if value is not None and not isinstance(value, str):
            raise self.fail(
                f"{pointer}/{escape_pointer(key)}",
                f"{key} must be a string, got {_json_type(value)}",
            )
        return value

    # -- the document ---------------------------------------------------------------

    def api(self) -> Api:
        doc = self.doc
        if not isinstance(doc, dict):
            raise self.fail(
                "", f"not an OpenAPI document: top level is {_json_type(doc)}"
            )
        if "swagger" in doc:
            raise self.fail(
                "/swagger",
                f"this is Swagger {doc.get('swagger')}, not OpenAPI 3.0/3.1; "
                "convert it first (e.g. with swagger2openapi)",
            )
        if "asyncapi" in doc:
            raise self.fail(
                "/asyncapi",
                f"this is AsyncAPI {doc.get('asyncapi')}, not OpenAPI 3.0/3.1",
            )
        version = doc.get("openapi")
        if not isinstance(version, str):
            raise self.fail(
                "/openapi", "not an OpenAPI document: no 'openapi' version field"
            )
        if not version.startswith(("3.0", "3.1")):
            raise self.fail(
                "/openapi",
                f"unsupported OpenAPI version {version}; sdkgen reads 3.0 and 3.1",
            )
        self.v31 = version.startswith("3.1")
        info = self.obj(doc.get("info", {}), "/info", "info")
        components = self.obj(doc.get("components") or {}, "/components", "components")
        raw_schemas = self.obj(
            components.get("schemas") or {}, "/components/schemas", "schemas"
        )
        schemas = {
            name: self.schema(
                node, f"/components/schemas/{escape_pointer(name)}", name, name
            )
            for name, node in raw_schemas.items()
        }
        return Api(
            source=self.source,
            openapi=version,
            title=str(info.get("title", "")),
            version=str(info.get("version", "")),
            description=_text(info.get("description")),
            servers=tuple(
                self.server(s, f"/servers/{i}")
                for i, s in enumerate(
                    self.array(doc.get("servers") or [], "/servers", "servers")
                )
            ),
            security_schemes=tuple(
                self.security_scheme(
                    name, node, f"/components/securitySchemes/{escape_pointer(name)}"
                )
                for name, node in self.obj(
                    components.get("securitySchemes") or {},
                    "/components/securitySchemes",
                    "securitySchemes",
                ).items()
            ),
            security=self.security(doc.get("security") or [], "/security"),
            operations=self.operations(
                self.obj(doc.get("paths") or {}, "/paths", "paths")
            ),
            schemas=schemas,
        )

    def server(self, node: Any, pointer: str) -> Server:
        node = self.obj(node, pointer, "server")
        variables = []
        raw_variables = node.get("variables") or {}
        for name, var in self.obj(
            raw_variables, pointer + "/variables", "variables"
        ).items():
            v_pointer = f"{pointer}/variables/{escape_pointer(name)}"
            var = self.obj(var, v_pointer, "server variable")
            enum = self.array(var.get("enum") or [], v_pointer + "/enum", "enum")
            variables.append(
                ServerVariable(
                    name=name,
                    default=str(var.get("default", "")),
                    enum=tuple(str(value) for value in enum),
                    description=_text(var.get("description")),
                )
            )
        url = self.string(node, "url", pointer) or ""
        try:  # what the client does with it: a URL once the {variables} are filled
            urlsplit(url.replace("{", "").replace("}", ""))
        except ValueError as exc:
            raise self.fail(pointer + "/url", f"invalid server url: {exc}") from None
        return Server(
            url=url,
            description=_text(node.get("description")),
            variables=tuple(variables),
        )

    def security_scheme(self, name: str, node: Any, pointer: str) -> SecurityScheme:
        node, pointer = self.deref(node, pointer)
        node = self.obj(node, pointer, "security scheme")
        kind = str(node.get("type", ""))
        location = self.string(node, "in", pointer)
        parameter_name = self.string(node, "name", pointer)
        if kind == "apiKey" and (location is None or parameter_name is None):
            raise self.fail(pointer, "an apiKey security scheme needs 'name' and 'in'")
        flows = self.obj(node.get("flows") or {}, pointer + "/flows", "flows")
        return SecurityScheme(
            name=name,
            type=kind,
            description=_text(node.get("description")),
            location=location,
            parameter_name=parameter_name,
            scheme=self.string(node, "scheme", pointer),
            bearer_format=self.string(node, "bearerFormat", pointer),
            flows=tuple(flows.items()),
        )

    def security(
        self, node: Any, pointer: str
    ) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], ...]:
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

    # -- operations -----------------------------------------------------------------

    def operations(self, paths: dict[str, Any]) -> tuple[Operation, ...]:
        out = []
        for path, item in paths.items():
            item_pointer = f"/paths/{escape_pointer(path)}"
            if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in path):
                raise self.fail(item_pointer, "path contains a control character")
            item, item_pointer = self.deref(item, item_pointer)
            item = self.obj(item, item_pointer, "path item")
            shared = self.array(
                item.get("parameters") or [], item_pointer + "/parameters", "parameters"
            )
            for method in HTTP_METHODS:
                if method in item:
                    out.append(
                        self.operation(path, method, item[method], shared, item_pointer)
                    )
        return tuple(out)

    def operation(
        self, path: str, method: str, node: Any, shared: list[Any], item_pointer: str
    ) -> Operation:
        pointer = f"{item_pointer}/{method}"
        node = self.obj(node, pointer, "operation")
        # Without an operationId, one is derived from method and path: post_responses.
        operation_id = self.string(node, "operationId", pointer) or snake(
            f"{method} {path}"
        )
        hint = pascal(operation_id)
        params: dict[tuple[str, str], Parameter] = {}
        for i, raw in enumerate(shared):
            param = self.parameter(raw, f"{item_pointer}/parameters/{i}", hint)
            params[(param.name, param.location)] = param
        own = self.array(
            node.get("parameters") or [], pointer + "/parameters", "parameters"
        )
        for i, raw in enumerate(own):
            param = self.parameter(raw, f"{pointer}/parameters/{i}", hint)
            params[(param.name, param.location)] = param
        body = None
        if "requestBody" in node:
            body = self.request_body(
                node["requestBody"], f"{pointer}/requestBody", hint
            )
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
            summary=_text(node.get("summary")),
            description=_text(node.get("description")),
            deprecated=bool(node.get("deprecated", False)),
            parameters=tuple(params.values()),
            request_body=body,
            responses=responses,
            security=security,
            examples=self.examples(
                node.get("x-ms-examples") or {}, f"{pointer}/x-ms-examples"
            ),
            extensions=_extensions(node, skip=("x-ms-examples",)),
        )

    def parameter(self, raw: Any, pointer: str, hint: str) -> Parameter:
        node, pointer = self.deref(raw, pointer)
        node = self.obj(node, pointer, "parameter")
        name, location = node.get("name"), node.get("in")
        if not isinstance(name, str) or location not in (
            "path",
            "query",
            "header",
            "cookie",
        ):
            raise self.fail(
                pointer,
                "parameter needs a 'name' and 'in' (path, query, header or cookie)",
            )
        schema = None
        if "schema" in node:
            schema = self.schema(
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
                schema = self.schema(
                    media["schema"], pointer + "/content", hint + pascal(name)
                )
        return Parameter(
            name=name,
            location=location,
            schema=schema,
            required=bool(node.get("required", location == "path")),
            description=_text(node.get("description")),
            deprecated=bool(node.get("deprecated", False)),
            style=self.string(node, "style", pointer),
            explode=_flag(node.get("explode")),
            pointer=pointer,
            extensions=_extensions(node),
        )

    def request_body(self, raw: Any, pointer: str, hint: str) -> RequestBody:
        node, pointer = self.deref(raw, pointer)
        node = self.obj(node, pointer, "requestBody")
        return RequestBody(
            content=self.content(
                node.get("content") or {}, pointer + "/content", hint + "Request"
            ),
            required=bool(node.get("required", False)),
            description=_text(node.get("description")),
        )

    def response(self, status: str, raw: Any, pointer: str, hint: str) -> Response:
        node, pointer = self.deref(raw, pointer)
        node = self.obj(node, pointer, "response")
        suffix = "Response" if status in ("200", "201") else f"Response{pascal(status)}"
        headers = []
        raw_headers = self.obj(
            node.get("headers") or {}, pointer + "/headers", "headers"
        )
        for name, header in raw_headers.items():
            h_pointer = f"{pointer}/headers/{escape_pointer(name)}"
            header, h_pointer = self.deref(header, h_pointer)
            header = self.obj(header, h_pointer, "header")
            schema = header.get("schema", {})
            headers.append(
                Header(
                    name=name,
                    schema=self.schema(
                        schema, h_pointer + "/schema", hint + pascal(name)
                    ),
                    description=_text(header.get("description")),
                    required=bool(header.get("required", False)),
                    deprecated=bool(header.get("deprecated", False)),
                )
            )
        return Response(
            status=status,
            description=_text(node.get("description")),
            content=self.content(
                node.get("content") or {}, pointer + "/content", hint + suffix
            ),
            headers=tuple(headers),
        )

    def content(self, node: Any, pointer: str, hint: str) -> tuple[MediaType, ...]:
        node = self.obj(node, pointer, "content")
        out = []
        for media_type, media in node.items():
            m_pointer = f"{pointer}/{escape_pointer(media_type)}"
            media = self.obj(media or {}, m_pointer, "media type")
            schema = None
            if "schema" in media:
                schema = self.schema(media["schema"], m_pointer + "/schema", hint)
            raw_encoding = self.obj(
                media.get("encoding") or {}, m_pointer + "/encoding", "encoding"
            )
            encoding = []
            for name, enc in raw_encoding.items():
                e_pointer = f"{m_pointer}/encoding/{escape_pointer(name)}"
                enc = self.obj(enc, e_pointer, "encoding")
                encoding.append(
                    Encoding(
                        property_name=name,
                        content_type=self.string(enc, "contentType", e_pointer),
                        style=self.string(enc, "style", e_pointer),
                        explode=_flag(enc.get("explode")),
                    )
                )
            examples = tuple(
                self.obj(
                    media.get("examples") or {}, m_pointer + "/examples", "examples"
                ).items()
            )
            if "example" in media:
                examples = (("example", media["example"]),) + examples
            out.append(
                MediaType(
                    media_type=media_type,
                    schema=schema,
                    encoding=tuple(encoding),
                    examples=examples,
                )
            )
        return tuple(out)

    def examples(self, node: Any, pointer: str) -> tuple[Example, ...]:
        out = []
        for name, value in (node.items() if isinstance(node, dict) else ()):
            ref = value.get("$ref") if isinstance(value, dict) else None
            if not isinstance(ref, str):
                out.append(Example(name=name, ref=None, data=value))
                continue
            file_part = ref.partition("#")[0]
            target = self.path.parent / file_part
            data = None
            if file_part and target.is_file():  # absent example files are tolerated
                data = load_document(target)
            out.append(Example(name=name, ref=ref, data=data))
        return tuple(out)

    # -- schemas --------------------------------------------------------------------

    def schema(
        self, node: Any, pointer: str, hint: str, component: str | None = None
    ) -> Schema:
        if self.depth >= MAX_SCHEMA_DEPTH:
            raise self.fail(
                pointer, f"schema nested deeper than {MAX_SCHEMA_DEPTH} levels"
            )
        self.depth += 1
        try:
            return self.schema_node(node, pointer, hint, component)
        finally:
            self.depth -= 1

    def schema_node(
        self, node: Any, pointer: str, hint: str, component: str | None
    ) -> Schema:
        if node is True or node == {}:
            return Schema(type="any", pointer=pointer, name=component or hint)
        if node is False:
            return Schema(
                type="any",
                pointer=pointer,
                name=component or hint,
                not_=Schema(type="any", pointer=pointer),
            )
        node = self.obj(node, pointer, "schema")
        if "$ref" in node:
            return self.reference(node, pointer, hint, component)
        return self.schema_body(node, pointer, hint, component)

    def reference(
        self, node: dict[str, Any], pointer: str, hint: str, component: str | None
    ) -> Schema:
        ref = node["$ref"]
        if (
            isinstance(ref, str)
            and ref.startswith(_COMPONENT_SCHEMA)
            and "/" not in ref[len(_COMPONENT_SCHEMA) :]
        ):
            name = _unescape(ref[len(_COMPONENT_SCHEMA) :])
            schemas = (self.doc.get("components") or {}).get("schemas") or {}
            if name not in schemas:  # a URI fragment: #/components/schemas/with%20space
                name = _unescape(unquote(ref[len(_COMPONENT_SCHEMA) :]))
            if name not in schemas:
                raise self.fail(pointer + "/$ref", f"dangling $ref: {ref}")
            meta = self.metadata(node, pointer)
            return Schema(type="ref", pointer=pointer, ref=name, name=component, **meta)
        # Any other target (external file, a nested location) is inlined where it is used.
        target, where = self.lookup(ref, pointer + "/$ref")
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

    def metadata(self, node: dict[str, Any], pointer: str) -> dict[str, Any]:
        """The annotation keywords a schema (or a $ref with siblings) may carry."""
        meta: dict[str, Any] = {}
        for key in ("title", "description"):
            if key in node:
                meta[key] = self.text(node[key], f"{pointer}/{key}")
        if node.get("nullable") is True:
            meta["nullable"] = True
        for key, attr in (
            ("readOnly", "read_only"),
            ("writeOnly", "write_only"),
            ("deprecated", "deprecated"),
        ):
            if node.get(key) is True:
                meta[attr] = True
        if "default" in node:
            meta["has_default"] = True
            meta["default"] = node["default"]
        examples: list[Any] = []
        if "example" in node:
            examples.append(node["example"])
        if isinstance(node.get("examples"), list):
            examples.extend(node["examples"])
        if examples:
            meta["examples"] = tuple(examples)
        return meta

    def schema_body(
        self, node: dict[str, Any], pointer: str, hint: str, component: str | None
    ) -> Schema:
        meta = self.metadata(node, pointer)
        name = component or hint
        raw_type = node.get("type")
        types: list[str]
        if raw_type is None:
            types = []
        elif isinstance(raw_type, str):
            types = [raw_type]
        elif isinstance(raw_type, list) and all(isinstance(t, str) for t in raw_type):
            types = list(raw_type)
        else:
            raise self.fail(
                pointer + "/type",
                f"'type' must be a string or a list of strings, got {json.dumps(raw_type)[:60]}",
            )
        for t in types:
            if t not in _PRIMITIVES:
                raise self.fail(pointer + "/type", f"unknown type {t!r}")
        if "null" in types:
            meta["nullable"] = True
            types = [t for t in types if t != "null"]
            if not types and not _has_composition(node):
                types = ["null"]

        one_of = self.variants(node, "oneOf", pointer, name)
        any_of = self.variants(node, "anyOf", pointer, name)
        all_of = self.variants(node, "allOf", pointer, name)
        # A {type: null} branch of a union is nullability, not a variant.
        for attr, variants in (("one_of", one_of), ("any_of", any_of)):
            kept = tuple(v for v in variants if not _is_null(v))
            if len(kept) != len(variants):
                meta["nullable"] = True
                if attr == "one_of":
                    one_of = kept
                else:
                    any_of = kept
        if (
            not types
            and len(one_of) + len(any_of) == 1
            and not all_of
            and not _has_own_shape(node)
        ):
            # oneOf [X, null] -> X, nullable: the same schema the 3.0 form would give.
            only = (one_of or any_of)[0]
            return _merge_meta(only, meta, pointer, component)
        if (
            not types
            and len(all_of) == 1
            and not one_of
            and not any_of
            and not _has_own_shape(node)
        ):
            # allOf [$ref] with a description beside it: the 3.0 way to annotate a $ref.
            return _merge_meta(all_of[0], meta, pointer, component)

        if len(types) > 1:
            any_of = (
                tuple(
                    self.schema_body({"type": t}, pointer, f"{name}{pascal(t)}", None)
                    for t in types
                )
                + any_of
            )
            types = []
        schema_type = types[0] if types else _infer_type(node, one_of, any_of, all_of)

        props = []
        required = node.get("required") or []
        if not isinstance(required, list):
            raise self.fail(
                pointer + "/required", "'required' must be a list of property names"
            )
        raw_props = node.get("properties") or {}
        self.obj(raw_props, pointer + "/properties", "properties")
        for prop_name, prop in raw_props.items():
            props.append(
                Property(
                    name=prop_name,
                    schema=self.schema(
                        prop,
                        f"{pointer}/properties/{escape_pointer(prop_name)}",
                        name + pascal(prop_name),
                    ),
                    required=prop_name in required,
                )
            )
        additional: Schema | bool | None = None
        if "additionalProperties" in node:
            raw_additional = node["additionalProperties"]
            if isinstance(raw_additional, bool):
                additional = raw_additional
            else:
                additional = self.schema(
                    raw_additional, pointer + "/additionalProperties", name + "Value"
                )
        items = None
        if "items" in node:
            items = self.schema(node["items"], pointer + "/items", name + "Item")
        discriminator = None
        if isinstance(node.get("discriminator"), dict):
            d_pointer = pointer + "/discriminator"
            raw = node["discriminator"]
            raw_mapping = self.obj(
                raw.get("mapping") or {}, d_pointer + "/mapping", "mapping"
            )
            mapping = tuple(
                (
                    str(value),
                    _unescape(
                        (
                            self.string(raw_mapping, value, d_pointer + "/mapping")
                            or ""
                        ).rpartition("/")[2]
                    ),
                )
                for value in raw_mapping
            )
            discriminator = Discriminator(
                property_name=str(raw.get("propertyName", "")), mapping=mapping
            )
        enum = node.get("enum")
        if enum is not None and not isinstance(enum, list):
            raise self.fail(pointer + "/enum", "'enum' must be a list")
        if enum is not None and None in enum:
            meta["nullable"] = True
            enum = [v for v in enum if v is not None]
        bounds = self.bounds(node, pointer)
        multiple_of = node.get("multipleOf")
        if multiple_of is not None and (
            not isinstance(multiple_of, (int, float))
            or isinstance(multiple_of, bool)
            or not multiple_of > 0
        ):
            raise self.fail(pointer + "/multipleOf", "multipleOf must be a number > 0")
        return Schema(
            type=schema_type,
            pointer=pointer,
            name=name,
            format=node.get("format") if isinstance(node.get("format"), str) else None,
            enum=tuple(enum) if enum is not None else None,
            has_const="const" in node,
            const=node.get("const"),
            multiple_of=multiple_of,
            min_length=self.count(node, "minLength", pointer),
            max_length=self.count(node, "maxLength", pointer),
            pattern=self.string(node, "pattern", pointer),
            min_items=self.count(node, "minItems", pointer),
            max_items=self.count(node, "maxItems", pointer),
            unique_items=bool(node.get("uniqueItems", False)),
            min_properties=self.count(node, "minProperties", pointer),
            max_properties=self.count(node, "maxProperties", pointer),
            items=items,
            properties=tuple(props),
            required=tuple(str(r) for r in required),
            additional_properties=additional,
            one_of=one_of,
            any_of=any_of,
            all_of=all_of,
            not_=(
                self.schema(node["not"], pointer + "/not", name + "Not")
                if "not" in node
                else None
            ),
            discriminator=discriminator,
            extensions=_extensions(node),
            **bounds,
            **meta,
        )

    def count(self, node: dict[str, Any], key: str, pointer: str) -> int | None:
        """A non-negative integer keyword (minLength, maxItems, ...)."""
        value = node.get(key)
        if value is None:
            return None
        whole = isinstance(value, int) or (
            isinstance(value, float) and value.is_integer()
        )
        if isinstance(value, bool) or not whole or value < 0:
            raise self.fail(f"{pointer}/{key}", f"{key} must be a non-negative integer")
        return int(value)

    def bounds(self, node: dict[str, Any], pointer: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "minimum": node.get("minimum"),
            "maximum": node.get("maximum"),
        }
        for key, attr, plain in (
            ("exclusiveMinimum", "exclusive_minimum", "minimum"),
            ("exclusiveMaximum", "exclusive_maximum", "maximum"),
        ):
            value = node.get(key)
            if value is True:  # 3.0 form: the bound itself is in minimum/maximum
                out[attr] = out[plain]
                out[plain] = None
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                out[attr] = value
        for key in ("minimum", "maximum", "exclusive_minimum", "exclusive_maximum"):
            value = out.get(key)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, (int, float))
            ):
                raise self.fail(pointer, f"{key} must be a number")
        return out

    def variants(
        self, node: dict[str, Any], key: str, pointer: str, name: str
    ) -> tuple[Schema, ...]:
        raw = node.get(key)
        if raw is None:
            return ()
        if not isinstance(raw, list):
            raise self.fail(f"{pointer}/{key}", f"'{key}' must be a list of schemas")
        # allOf parts merge into their parent, so they share its name.
        return tuple(
            self.schema(
                item,
                f"{pointer}/{key}/{i}",
                name if key == "allOf" else f"{name}{_variant_hint(item, i)}",
            )
            for i, item in enumerate(raw)
        )


def _text(value: Any) -> str | None:
    """Documentation text; a non-string there is ignored rather than fatal."""
    return value if isinstance(value, str) else None


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _variant_hint(item: Any, index: int) -> str:
    if isinstance(item, dict) and isinstance(item.get("title"), str):
        return pascal(item["title"])
    return f"Variant{index + 1}"


def _is_null(schema: Schema) -> bool:
    return schema.type == "null"


def _has_composition(node: dict[str, Any]) -> bool:
    return any(k in node for k in ("oneOf", "anyOf", "allOf"))


def _has_own_shape(node: dict[str, Any]) -> bool:
    shape_keys = (
        "properties",
        "items",
        "additionalProperties",
        "enum",
        "const",
        "discriminator",
        "not",
        "format",
    )
    return any(k in node for k in shape_keys) or "required" in node


def _infer_type(
    node: dict[str, Any], one_of: tuple, any_of: tuple, all_of: tuple
) -> str:
    if "properties" in node or "additionalProperties" in node or all_of:
        return "object"
    if "items" in node:
        return "array"
    if one_of or any_of:
        return "union"
    enum = node.get("enum") or ([node["const"]] if "const" in node else None)
    if enum:
        kinds = {type(v) for v in enum if v is not None}
        if kinds <= {str}:
            return "string"
        if kinds <= {int}:
            return "integer"
        if kinds <= {int, float}:
            return "number"
        if kinds <= {bool}:
            return "boolean"
    return "any"


def _merge_meta(
    schema: Schema, meta: dict[str, Any], pointer: str, component: str | None
) -> Schema:
    """The wrapped schema, carrying the wrapper's annotations, pointer and name."""
    changes: dict[str, Any] = dict(meta)
    if schema.nullable:
        changes["nullable"] = True
    changes["pointer"] = pointer
    if schema.type == "ref":
        changes["name"] = component
    elif component:
        changes["name"] = component
    return replace(schema, **changes)


def _extensions(
    node: dict[str, Any], skip: tuple[str, ...] = ()
) -> tuple[tuple[str, Any], ...]:
    return tuple(
        (k, v) for k, v in node.items() if k.startswith("x-") and k not in skip
    )


def _json_type(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return type(value).__name__
