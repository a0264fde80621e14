"""Swagger 2.0 (JSON or YAML) -> the same IR as OpenAPI 3, so that nothing downstream
sees which version a spec was: `definitions` are the component schemas,
`host`/`basePath`/`schemes` (or Azure's `x-ms-parameterized-host`) the servers,
`securityDefinitions` the security schemes; operations in `swagger2_operations`."""

from __future__ import annotations

from typing import Any

from ..ir import Api, SecurityScheme, Server, ServerVariable
from .nodes import NodeReader, doc_text
from .pointers import escape_pointer
from .refs import Documents
from .schemas import SchemaReader
from .swagger2_operations import Swagger2OperationReader

# 2.0 OAuth2 flow names -> OpenAPI 3's
_FLOWS = {
    "implicit": "implicit",
    "password": "password",
    "application": "clientCredentials",
    "accessCode": "authorizationCode",
}


class Swagger2Reader(NodeReader):
    def __init__(self, docs: Documents) -> None:
        super().__init__(docs)
        doc = docs.root
        definitions = self.obj(
            doc.get("definitions") or {}, "/definitions", "definitions"
        )
        self.schemas = SchemaReader(docs, "/definitions/", definitions, swagger2=True)
        self.operations = Swagger2OperationReader(self.schemas)

    def api(self) -> Api:
        doc = self.docs.root
        info = self.obj(doc.get("info", {}), "/info", "info")
        schemas = self.schemas.components()
        definitions = self.obj(
            doc.get("securityDefinitions") or {},
            "/securityDefinitions",
            "securityDefinitions",
        )
        operations = self.operations.operations(
            self.obj(doc.get("paths") or {}, "/paths", "paths")
        )
        if doc.get("x-ms-paths"):
            self.warn("/x-ms-paths", "x-ms-paths (paths with a query part) not read")
        return Api(
            source=self.docs.source,
            openapi=str(doc.get("swagger")),
            title=str(info.get("title", "")),
            version=str(info.get("version", "")),
            description=doc_text(info.get("description")),
            servers=self.servers(doc),
            security_schemes=tuple(
                self.security_scheme(
                    name, node, f"/securityDefinitions/{escape_pointer(name)}"
                )
                for name, node in definitions.items()
            ),
            security=self.operations.security(doc.get("security") or [], "/security"),
            operations=operations,
            schemas={**schemas, **self.schemas.external_schemas()},
        )

    def servers(self, doc: dict[str, Any]) -> tuple[Server, ...]:
        base_path = self.string(doc, "basePath", "") or ""
        parameterized = doc.get("x-ms-parameterized-host")
        if isinstance(parameterized, dict):
            return (self.parameterized_host(parameterized, base_path),)
        host = self.string(doc, "host", "")
        if host is None:
            return (Server(url=base_path),) if base_path else ()
        schemes = self.array(doc.get("schemes") or ["https"], "/schemes", "schemes")
        return tuple(Server(url=f"{scheme}://{host}{base_path}") for scheme in schemes)

    def parameterized_host(self, node: dict[str, Any], base_path: str) -> Server:
        """Azure's `x-ms-parameterized-host`: a host template and its parameters."""
        pointer = "/x-ms-parameterized-host"
        template = self.string(node, "hostTemplate", pointer) or ""
        scheme = "https://" if node.get("useSchemePrefix", True) else ""
        variables = []
        raw_parameters = self.array(
            node.get("parameters") or [], pointer + "/parameters", "parameters"
        )
        for i, raw in enumerate(raw_parameters):
            param, at = self.docs.deref(raw, f"{pointer}/parameters/{i}")
            param = self.obj(param, at, "parameter")
            variables.append(
                ServerVariable(
                    name=str(param.get("name", "")),
                    default=str(param.get("default", "")),
                    enum=tuple(str(v) for v in param.get("enum") or ()),
                    description=doc_text(param.get("description")),
                )
            )
        return Server(url=scheme + template + base_path, variables=tuple(variables))

    def security_scheme(self, name: str, node: Any, pointer: str) -> SecurityScheme:
        node = self.obj(node, pointer, "security definition")
        kind = self.string(node, "type", pointer)
        description = doc_text(node.get("description"))
        if kind == "basic":
            return SecurityScheme(name, "http", description, scheme="basic")
        if kind == "apiKey":
            location = self.string(node, "in", pointer)
            parameter_name = self.string(node, "name", pointer)
            if location is None or parameter_name is None:
                raise self.fail(
                    pointer, "an apiKey security scheme needs 'name' and 'in'"
                )
            return SecurityScheme(name, "apiKey", description, location, parameter_name)
        if kind == "oauth2":
            flow = self.string(node, "flow", pointer)
            if flow not in _FLOWS:
                raise self.fail(
                    pointer + "/flow",
                    "an oauth2 security definition needs 'flow' (implicit, password, "
                    "application or accessCode)",
                )
            fields = {
                key: node[key]
                for key in ("authorizationUrl", "tokenUrl", "scopes")
                if key in node
            }
            fields.setdefault("scopes", {})
            return SecurityScheme(
                name, "oauth2", description, flows=((_FLOWS[flow], fields),)
            )
        raise self.fail(
            pointer + "/type",
            f"unknown security definition type {kind!r} (basic, apiKey or oauth2)",
        )
