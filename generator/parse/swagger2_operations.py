"""Swagger 2.0 operations read as their OpenAPI 3 counterparts: `body` and
`formData` parameters become request bodies in the `consumes` media types, response
schemas content in the `produces` ones, `collectionFormat` style and explode."""

from __future__ import annotations

from typing import Any

from ..ir import (
    Encoding,
    Header,
    MediaType,
    Parameter,
    Property,
    RequestBody,
    Response,
    Schema,
)
from ..naming import pascal
from .nodes import doc_text, extensions
from .messages import response_suffix
from .operations import Located, OperationReader
from .pointers import escape_pointer

# The keywords of a 2.0 non-body parameter (or header) that form its schema.
_SCHEMA_KEYWORDS = (
    "type",
    "format",
    "items",
    "enum",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "multipleOf",
)
# The extensions of such a parameter that describe its value (the others, like
# x-ms-parameter-location, are about the parameter itself).
_SCHEMA_EXTENSIONS = ("x-ms-enum", "x-nullable")
# collectionFormat -> (style, explode), by where the parameter is
_QUERY_STYLES = {
    "csv": ("form", False),
    "ssv": ("spaceDelimited", False),
    "pipes": ("pipeDelimited", False),
    "multi": ("form", True),
}
_SIMPLE_STYLES = {"csv": ("simple", False)}
_FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
_DEFAULT_MEDIA = ["application/json"]


class Swagger2OperationReader(OperationReader):
    """Operations of a 2.0 document; `inputs` sets the operation's media types,
    which its responses then use."""

    consumes: list[str] = _DEFAULT_MEDIA
    produces: list[str] = _DEFAULT_MEDIA

    def media_types(self, node: dict[str, Any], key: str, pointer: str) -> list[str]:
        raw = node.get(key, self.docs.root.get(key)) or _DEFAULT_MEDIA
        at = pointer + "/" + key if key in node else "/" + key
        return [str(m) for m in self.array(raw, at, key)]

    def inputs(
        self,
        node: dict[str, Any],
        pointer: str,
        shared: Located,
        hint: str,
    ) -> tuple[tuple[Parameter, ...], RequestBody | None]:
        self.consumes = self.media_types(node, "consumes", pointer)
        self.produces = self.media_types(node, "produces", pointer)
        params: dict[tuple[str, str], Parameter] = {}
        body: tuple[dict[str, Any], str] | None = None
        form: dict[str, tuple[dict[str, Any], str]] = {}
        for raw, at in self.parameter_nodes(node, pointer, shared):
            param, at = self.docs.deref(raw, at)
            param = self.obj(param, at, "parameter")
            location = param.get("in")
            if location == "body":
                body = (param, at)
            elif location == "formData" and isinstance(param.get("name"), str):
                form[param["name"]] = (param, at)
            else:
                parameter = self.parameter(param, at, hint)
                params[(parameter.name, parameter.location)] = parameter
        request = None
        if body is not None:
            request = self.body(*body, hint)
        elif form:
            request = self.form(form, pointer, hint)
        return tuple(params.values()), request

    def parameter(self, raw: Any, pointer: str, hint: str) -> Parameter:
        node, pointer = self.docs.deref(raw, pointer)
        node = self.obj(node, pointer, "parameter")
        name, location = node.get("name"), node.get("in")
        if not isinstance(name, str) or location not in ("path", "query", "header"):
            raise self.fail(
                pointer,
                "parameter needs a 'name' and 'in' (path, query, header, body or "
                "formData)",
            )
        style, explode = self.collection_format(node, pointer, location)
        return Parameter(
            name=name,
            location=location,
            schema=self.value_schema(node, pointer, hint + pascal(name)),
            required=bool(node.get("required", location == "path")),
            description=doc_text(node.get("description")),
            deprecated=bool(node.get("x-deprecated", False)),
            style=style,
            explode=explode,
            pointer=pointer,
            extensions=extensions(node, skip=_SCHEMA_EXTENSIONS),
        )

    def value_schema(
        self, node: dict[str, Any], pointer: str, hint: str, described: bool = False
    ) -> Schema:
        """The schema a non-body parameter or a header spells out in its own
        keywords; `described`: its description belongs to the schema (a form
        field's, which becomes a property)."""
        keys = _SCHEMA_KEYWORDS + (("description",) if described else ())
        schema = {k: node[k] for k in keys + _SCHEMA_EXTENSIONS if k in node}
        return self.schemas.schema(schema, pointer, hint)

    def collection_format(
        self, node: dict[str, Any], pointer: str, location: str
    ) -> tuple[str | None, bool | None]:
        if node.get("type") != "array":
            return None, None
        fmt = node.get("collectionFormat", "csv")
        styles = _QUERY_STYLES if location in ("query", "formData") else _SIMPLE_STYLES
        if fmt not in styles:
            raise self.fail(
                pointer + "/collectionFormat",
                f"collectionFormat {fmt!r} of a {location} parameter has no "
                "OpenAPI 3 equivalent",
            )
        return styles[fmt]

    def body(self, node: dict[str, Any], pointer: str, hint: str) -> RequestBody:
        schema = self.schemas.schema(
            node.get("schema", {}), pointer + "/schema", hint + "Request"
        )
        return RequestBody(
            content=tuple(MediaType(m, schema) for m in self.consumes),
            required=bool(node.get("required", False)),
            description=doc_text(node.get("description")),
        )

    def form(
        self, fields: dict[str, tuple[dict[str, Any], str]], pointer: str, hint: str
    ) -> RequestBody:
        """formData parameters: one object body, a property per field."""
        name = hint + "Request"
        properties = tuple(
            Property(
                name=field,
                schema=self.value_schema(node, at, name + pascal(field), True),
                required=bool(node.get("required", False)),
            )
            for field, (node, at) in fields.items()
        )
        encoding = []
        for field, (node, at) in fields.items():
            style, explode = self.collection_format(node, at, "formData")
            if explode is False:
                encoding.append(Encoding(field, style=style, explode=explode))
        files = any(node.get("type") == "file" for node, _ in fields.values())
        media = [m for m in self.consumes if m in _FORM_TYPES] or [
            _FORM_TYPES[0] if files else _FORM_TYPES[1]
        ]
        schema = Schema(
            type="object",
            pointer=pointer + "/parameters",
            name=name,
            properties=properties,
            required=tuple(p.name for p in properties if p.required),
        )
        return RequestBody(
            content=tuple(MediaType(m, schema, tuple(encoding)) for m in media),
            required=any(p.required for p in properties),
        )

    def response(self, status: str, raw: Any, pointer: str, hint: str) -> Response:
        node, pointer = self.docs.deref(raw, pointer)
        node = self.obj(node, pointer, "response")
        raw = self.obj(node.get("headers") or {}, pointer + "/headers", "headers")
        headers = [self.response_header(n, h, pointer, hint) for n, h in raw.items()]
        content: tuple[MediaType, ...] = ()
        if "schema" in node:
            schema = self.schemas.schema(
                node["schema"], pointer + "/schema", hint + response_suffix(status)
            )
            # 2.0 examples are by media type: {"application/json": {...}}
            examples = self.obj(
                node.get("examples") or {}, pointer + "/examples", "examples"
            )
            content = tuple(
                MediaType(m, schema, examples=tuple(_named(examples, m)))
                for m in self.produces
            )
        return Response(
            status=status,
            description=doc_text(node.get("description")),
            content=content,
            headers=tuple(headers),
        )

    def response_header(
        self, name: str, raw: Any, response_pointer: str, hint: str
    ) -> Header:
        pointer = f"{response_pointer}/headers/{escape_pointer(name)}"
        node = self.obj(raw, pointer, "header")
        return Header(
            name=name,
            schema=self.value_schema(node, pointer, hint + pascal(name)),
            description=doc_text(node.get("description")),
        )


def _named(examples: dict[str, Any], media_type: str) -> list[tuple[str, Any]]:
    """A 2.0 response example as OpenAPI 3's `example` of that media type."""
    return [("example", examples[media_type])] if media_type in examples else []
