"""OpenAPI 3.0 to 3.2 (JSON or YAML) -> IR: the document's top level; a Swagger 2.0
document is handed to `swagger2`.

The parts live beside this module: `refs` (the documents and `$ref` lookup),
`operations` (paths, parameters, security requirements), `messages` (request bodies
and responses) and `schemas` (schema objects, the 3.0 and 3.1 forms made one).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

from ..ir import Api, SecurityScheme, Server, ServerVariable
from .loader import read_document
from .nodes import NodeReader, doc_text, json_type
from .operations import HTTP_METHODS, OperationReader
from .pointers import escape_pointer
from .refs import Documents, RefPolicy, print_warning
from .schemas import MAX_SCHEMA_DEPTH, SchemaReader

__all__ = ["HTTP_METHODS", "MAX_SCHEMA_DEPTH", "escape_pointer", "parse_openapi"]


def parse_openapi(
    path: str | Path,
    refs: RefPolicy = RefPolicy(),
    warn: Callable[[str], None] = print_warning,
) -> Api:
    """`refs` says which `$ref`s beyond the spec's folder are followed; `warn` is
    told of input read leniently (one line each, naming file and pointer)."""
    path = Path(path)
    docs = Documents(path, *read_document(path), refs, warn)
    if isinstance(docs.root, dict) and docs.root.get("swagger") == "2.0":
        from .swagger2 import Swagger2Reader

        api = Swagger2Reader(docs).api()
    else:
        api = _DocumentReader(docs).api()
    return replace(api, files_read=docs.files_read())


class _DocumentReader(NodeReader):
    def api(self) -> Api:
        doc = self.docs.root
        version = self.version(doc)
        info = self.obj(doc.get("info", {}), "/info", "info")
        components = self.obj(doc.get("components") or {}, "/components", "components")
        raw_schemas = self.obj(
            components.get("schemas") or {}, "/components/schemas", "schemas"
        )
        self.schemas = SchemaReader(self.docs, "/components/schemas/", raw_schemas)
        self.operations = OperationReader(self.schemas)
        schemas = self.schemas.components()
        api = Api(
            source=self.docs.source,
            openapi=version,
            title=str(info.get("title", "")),
            version=str(info.get("version", "")),
            description=doc_text(info.get("description")),
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
            security=self.operations.security(doc.get("security") or [], "/security"),
            operations=self.operations.operations(
                self.obj(doc.get("paths") or {}, "/paths", "paths")
            ),
            schemas=schemas,
        )
        if self.schemas.external:
            api = replace(api, schemas={**schemas, **self.schemas.external_schemas()})
        return api

    def version(self, doc: Any) -> str:
        """The `openapi` version, refusing what is no OpenAPI 3.0/3.1 document."""
        if not isinstance(doc, dict):
            raise self.fail(
                "", f"not an OpenAPI document: top level is {json_type(doc)}"
            )
        if "swagger" in doc:
            raise self.fail(
                "/swagger",
                f"unsupported Swagger version {doc.get('swagger')}; sdkgen reads "
                "Swagger 2.0 and OpenAPI 3.0 to 3.2",
            )
        if "asyncapi" in doc:
            raise self.fail(
                "/asyncapi",
                f"this is AsyncAPI {doc.get('asyncapi')}, not OpenAPI",
            )
        version = doc.get("openapi")
        if not isinstance(version, str):
            raise self.fail(
                "/openapi", "not an OpenAPI document: no 'openapi' version field"
            )
        if not version.startswith(("3.0", "3.1", "3.2")):
            raise self.fail(
                "/openapi",
                f"unsupported OpenAPI version {version}; sdkgen reads Swagger 2.0 and "
                "OpenAPI 3.0 to 3.2",
            )
        if "$self" in doc:  # 3.2: a base URI that relative $refs resolve against
            raise self.fail("/$self", "$self (OpenAPI 3.2) is not supported")
        return version

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
                    description=doc_text(var.get("description")),
                )
            )
        url = self.string(node, "url", pointer) or ""
        try:  # what the client does with it: a URL once the {variables} are filled
            urlsplit(url.replace("{", "").replace("}", ""))
        except ValueError as exc:
            raise self.fail(pointer + "/url", f"invalid server url: {exc}") from None
        return Server(
            url=url,
            description=doc_text(node.get("description")),
            variables=tuple(variables),
        )

    def security_scheme(self, name: str, node: Any, pointer: str) -> SecurityScheme:
        node, pointer = self.docs.deref(node, pointer)
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
            description=doc_text(node.get("description")),
            location=location,
            parameter_name=parameter_name,
            scheme=self.string(node, "scheme", pointer),
            bearer_format=self.string(node, "bearerFormat", pointer),
            flows=tuple(flows.items()),
        )
