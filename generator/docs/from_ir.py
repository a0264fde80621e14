"""An IR -> its reference view (generator.docs.view): what the Markdown format shows of
each operation and schema, resolved the way the format writes it."""

from __future__ import annotations

import json
from typing import Any, Iterable

from ..ir import (
    Api,
    Operation,
    Parameter,
    Property,
    Response,
    Schema,
    SecurityScheme,
)
from ..parse.markdown.cells import default_text
from .view import (
    BodyView,
    ContentView,
    DiscriminatorView,
    EnumView,
    ExampleView,
    OperationView,
    ParameterView,
    PropertyView,
    Prose,
    ReferenceView,
    ResponseView,
    SchemaView,
    SecurityView,
    TypeLabel,
    VariantView,
)

_MAX_NESTING = 8


def reference_view(
    api: Api, unstated_required: frozenset[str] = frozenset()
) -> ReferenceView:
    """`unstated_required`: pointers of properties whose Required the source does not
    state (see generator.parse.markdown.MarkdownResult)."""
    return _Viewer(api, unstated_required).reference()


class _Viewer:
    def __init__(self, api: Api, unstated_required: frozenset[str]) -> None:
        self.api = api
        self.unstated = unstated_required

    def reference(self) -> ReferenceView:
        api = self.api
        return ReferenceView(
            title=api.title,
            description=Prose(api.description or ""),
            version=api.version,
            operations=tuple(self.operation(op) for op in api.operations),
            schemas=tuple(
                self.schema(name, schema) for name, schema in api.schemas.items()
            ),
        )

    # -- operations -----------------------------------------------------------------

    def operation(self, op: Operation) -> OperationView:
        server = self.api.servers[0] if self.api.servers else None
        url = (server.url if server else "") + op.path
        variables = tuple(
            ParameterView(
                name=var.name,
                location="path",
                required=True,
                type=("string",),
                format="url",
                values=(),
                description=Prose(var.description or ""),
            )
            for var in (server.variables if server else ())
            if "{" + var.name + "}" in url
        )
        body = op.request_body
        return OperationView(
            method=op.method,
            url=url,
            title=op.operation_id,
            text=Prose("\n\n".join(t for t in (op.summary, op.description) if t)),
            api_version=any(
                p.name == "api-version" and p.location == "query" for p in op.parameters
            ),
            parameters=variables + tuple(self.parameter(p) for p in op.parameters),
            security=self.security(op),
            bodies=tuple(
                BodyView(
                    m.media_type,
                    self.properties(self.object_properties(m.schema)),
                    pointer=_pointer(m.schema),
                )
                for m in (body.content if body else ())
            ),
            responses=tuple(self.response(r) for r in op.responses),
            examples=tuple(
                self.example(e.name, e.data)
                for e in op.examples
                if isinstance(e.data, dict)
            ),
            pointer=op.pointer,
        )

    def parameter(self, parameter: Parameter) -> ParameterView:
        schema = parameter.schema
        return ParameterView(
            name=parameter.name,
            location=parameter.location,
            required=parameter.required,
            type=self.label(schema, top=False) if schema else (),
            format=(schema.format or "") if schema else "",
            values=self.values(schema),
            description=Prose(parameter.description or self.described(schema)),
            pointer=parameter.pointer,
        )

    def security(self, op: Operation) -> tuple[SecurityView, ...]:
        requirements = op.security if op.security is not None else self.api.security
        schemes = {s.name: s for s in self.api.security_schemes}
        out: list[SecurityView] = []
        for requirement in requirements:
            for name, scopes in requirement:
                scheme = schemes.get(name)
                header = _header(scheme) if scheme else None
                if scheme is None or header is None:
                    continue  # not a header: the Request Header table cannot show it
                view = SecurityView(
                    type=scheme.type,
                    header=header,
                    description=Prose(scheme.description or ""),
                    authorization_url=_authorization_url(scheme),
                    scopes=tuple(scopes),
                )
                if view not in out:
                    out.append(view)
        return tuple(out)

    def response(self, response: Response) -> ResponseView:
        content = tuple(
            ContentView(
                media_type=m.media_type,
                type=self.label(m.schema, top=True) if m.schema else (),
                description=Prose(self.described(m.schema)),
                pointer=_pointer(m.schema),
            )
            for m in response.content
        )
        inline = next(
            (
                m.schema
                for m in response.content
                if m.schema is not None and m.schema.type == "object"
            ),
            None,
        )
        return ResponseView(
            status=response.status,
            description=Prose(response.description or ""),
            content=content,
            properties=(
                self.properties(self.object_properties(inline)) if inline else ()
            ),
        )

    def example(self, name: str, data: dict[str, Any]) -> ExampleView:
        parameters = data.get("parameters")
        body = (
            parameters.get("body", _ABSENT) if isinstance(parameters, dict) else _ABSENT
        )
        responses = data.get("responses")
        return ExampleView(
            title=Prose(str(data.get("title") or name)),
            request=None if body is _ABSENT else json_text(body),
            responses=tuple(
                (str(status), json_text(value))
                for status, value in (
                    responses.items() if isinstance(responses, dict) else ()
                )
            ),
        )

    # -- schemas --------------------------------------------------------------------

    def schema(self, name: str, schema: Schema) -> SchemaView:
        # A `$ref` component (what allOf or oneOf of a single `$ref` becomes in the
        # IR) is shown as the content of the component it names.
        target = self.api.resolve(schema)
        variants = target.one_of + target.any_of
        enum = None
        if target.enum is not None or target.has_const:
            enum = EnumView(
                type=target.type,
                default=default_text(target.default) if target.has_default else "",
                values=self.values(target),
            )
        discriminator = None
        found = schema.discriminator  # a base's own, not inherited by an alias
        if found is not None:
            discriminator = DiscriminatorView(found.property_name, found.mapping)
        return SchemaView(
            name=name,
            description=Prose(schema.description or target.description or ""),
            properties=self.properties(self.object_properties(target)),
            enum=enum,
            union=bool(variants) or target.type == "union",
            variants=tuple(str(v.ref) for v in variants if v.type == "ref"),
            inline_variants=tuple(
                self.variant(name, i, v)
                for i, v in enumerate(variants)
                if v.type != "ref" and self.object_properties(v)
            ),
            discriminator=discriminator,
            alias_of=str(target.name) if schema.type == "ref" and target.name else "",
            pointer=schema.pointer,
        )

    def variant(self, parent: str, index: int, schema: Schema) -> VariantView:
        properties = self.object_properties(schema)
        title = schema.title
        if not title:
            singles = (
                p.schema.enum
                for p in properties
                if p.schema.enum and len(p.schema.enum) == 1
            )
            first = next(singles, None)
            title = value_text(first[0]) if first else f"{parent} option {index + 1}"
        return VariantView(
            title=title,
            description=Prose(schema.description or ""),
            properties=self.properties(properties),
        )

    # -- properties -----------------------------------------------------------------

    def object_properties(
        self, schema: Schema | None, seen: frozenset[str] = frozenset()
    ) -> list[Property]:
        """Own and allOf properties of an object, as the format lists them flat: a
        later definition of a name wins, in the first one's position."""
        if schema is None:
            return []
        if schema.type == "ref":
            if schema.ref in seen:
                return []
            seen = seen | {str(schema.ref)}
            schema = self.api.resolve(schema)
            if schema.type == "ref":
                return []
        merged: dict[str, Property] = {}
        for part in schema.all_of:
            for prop in self.object_properties(part, seen):
                merged[prop.name] = _merge(merged.get(prop.name), prop)
        for prop in schema.properties:
            merged[prop.name] = _merge(merged.get(prop.name), prop)
        # a `required` list may name properties another allOf part defines
        return [
            (
                Property(p.name, p.schema, True)
                if p.name in schema.required and not p.required
                else p
            )
            for p in merged.values()
        ]

    def properties(
        self, props: Iterable[Property], prefix: tuple[str, ...] = ()
    ) -> tuple[PropertyView, ...]:
        out: list[PropertyView] = []
        for prop in props:
            schema = prop.schema
            path = prefix + (prop.name,)
            out.append(
                PropertyView(
                    path=path,
                    type=self.label(schema, top=True),
                    description=Prose(self.described(schema)),
                    required=None if schema.pointer in self.unstated else prop.required,
                    default=self.defaulted(schema),
                    values=self.values(schema),
                    pointer=schema.pointer,
                )
            )
            # Inline objects nest as `└─` rows. The depth bound stops an inline object
            # whose allOf names a component containing it.
            if schema.type == "object" and len(path) < _MAX_NESTING:
                out.extend(self.properties(self.object_properties(schema), path))
        return tuple(out)

    def label(self, schema: Schema, top: bool) -> TypeLabel:
        if schema.type == "ref":
            return (ref_label(str(schema.ref)),)
        if top and (schema.enum is not None or schema.has_const):
            return ("enum",)
        members = schema.one_of + schema.any_of
        if (
            members
            and not schema.properties
            and schema.type in ("union", "object", "any")
        ):
            out: list[str] = []
            for member in members:
                for alternative in self.label(member, top=False):
                    if alternative not in out:
                        out.append(alternative)
            return tuple(out)
        return (schema.type,)

    def described(self, schema: Schema | None) -> str:
        if schema is None:
            return ""
        if schema.description:
            return schema.description
        if schema.type == "ref":
            return self.api.resolve(schema).description or ""
        return ""

    def defaulted(self, schema: Schema) -> str:
        if schema.has_default:
            return default_text(schema.default)
        if schema.type == "ref":
            target = self.api.resolve(schema)
            if target.has_default:
                return default_text(target.default)
        return ""

    def values(self, schema: Schema | None) -> tuple[str, ...]:
        if schema is None:
            return ()
        if schema.enum is not None:
            return tuple(value_text(v) for v in schema.enum)
        if schema.has_const:
            return (value_text(schema.const),)
        return ()


_ABSENT = object()


def json_text(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def _merge(earlier: Property | None, later: Property) -> Property:
    if earlier is None:
        return later
    return Property(later.name, later.schema, earlier.required or later.required)


def _pointer(schema: Schema | None) -> str:
    return schema.pointer if schema else ""


def _header(scheme: SecurityScheme) -> str | None:
    if scheme.type == "apiKey":
        return scheme.parameter_name if scheme.location == "header" else None
    return "Authorization"


def _authorization_url(scheme: SecurityScheme) -> str:
    for _, flow in scheme.flows:
        if isinstance(flow, dict) and isinstance(flow.get("authorizationUrl"), str):
            return str(flow["authorizationUrl"])
    return ""


def value_text(value: Any) -> str:
    """An enum member as `Possible values` lists it."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def ref_label(name: str) -> str:
    return "#" + name
