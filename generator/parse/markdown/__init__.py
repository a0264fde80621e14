"""Markdown API reference (the Azure OpenAI layout, "generated from OpenAPI 3.0 spec")
-> IR, as far as the format carries it.

`## Title` sections with an HTTP request line are operations; `## Components` holds
one `### name` section per schema. Reading goes through markdown-it-py's block tokens
once; anything unexpected becomes a `FILE:LINE: message` warning, and only a file with
no operation and no component at all is an error.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from ...errors import SpecError
from ...ir import Api, Operation, Schema, SecurityScheme, Server, ServerVariable
from .blocks import Block, Document, Fence, Heading, read_document
from .components import ComponentReader, group_variants, split_components
from .context import Context, pointer_line
from .operations import OperationReader, OperationSection

COMPONENTS_TITLE = "Components"


@dataclass(frozen=True)
class MarkdownResult:
    api: Api
    warnings: tuple[str, ...]
    # pointers (`L<line>`) of properties whose table has no Required column
    unstated_required: frozenset[str]


def parse_markdown(path: Path) -> MarkdownResult:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError(str(path), f"cannot read Markdown reference: {exc}") from None
    return parse_markdown_text(text, str(path))


def parse_markdown_text(text: str, source: str) -> MarkdownResult:
    doc = read_document(text)
    context = Context(source)
    sections = _level2_sections(doc.blocks, context)
    operations: list[OperationSection] = []
    schemas: dict[str, Schema] = {}
    for heading, blocks in sections:
        if heading.text.strip() == COMPONENTS_TITLE:
            _read_components(blocks, doc, context, schemas)
        elif any(isinstance(b, Fence) and b.info.lower() == "http" for b in blocks):
            read = OperationReader(heading, doc, context).read(blocks)
            if read is not None:
                operations.append(read)
        else:
            context.warn(
                heading.line,
                f"section {heading.text!r} is neither an operation nor Components; skipped",
            )
    if not operations and not schemas:
        raise SpecError(
            source,
            "no operation (`## Title` with an HTTP request line) and no `## Components` schema found",
            line=1,
        )
    api = _api(source, doc, operations, schemas, context)
    _check_links(api, context)
    return MarkdownResult(
        api, tuple(context.warnings), frozenset(context.unstated_required)
    )


def _level2_sections(
    blocks: tuple[Block, ...], context: Context
) -> list[tuple[Heading, list[Block]]]:
    sections: list[tuple[Heading, list[Block]]] = []
    for block in blocks:
        if isinstance(block, Heading) and block.level <= 2:
            sections.append((block, []))
        elif sections:
            sections[-1][1].append(block)
        else:
            context.warn(block.line, "content before the first `##` section; skipped")
    return sections


def _read_components(
    blocks: list[Block], doc: Document, context: Context, schemas: dict[str, Schema]
) -> None:
    for section in group_variants(split_components(blocks, context)):
        schema = ComponentReader(section, doc, context).read()
        if schema is None:
            continue
        if schema.name in schemas:
            context.warn(
                section.heading.line,
                f"component {schema.name!r} documented twice; the first one is kept",
            )
            continue
        schemas[str(schema.name)] = schema


def _api(
    source: str,
    doc: Document,
    sections: list[OperationSection],
    schemas: dict[str, Schema],
    context: Context,
) -> Api:
    front = _front_matter(doc, context)
    versions = Counter(s.url.api_version for s in sections if s.url.api_version)
    version = versions.most_common(1)[0][0] if versions else ""
    for section in sections:
        if section.url.api_version and section.url.api_version != version:
            context.warn(
                pointer_line(section.operation.pointer) or 1,
                f"{section.operation.key} uses api-version {section.url.api_version}, the reference is for {version}",
            )
    base_path = _base_path(sections)
    operations = tuple(
        replace(op, path=op.path[len(base_path) :])
        for op in _unique_operations(sections, context)
    )
    return Api(
        source=source,
        openapi="",
        title=str(front.get("title") or ""),
        version=version,
        description=front.get("description") or None,
        servers=_servers(sections, base_path),
        security_schemes=_unique_schemes(sections),
        operations=operations,
        schemas=schemas,
    )


def _front_matter(doc: Document, context: Context) -> dict[str, str]:
    """The `key: value` lines of the front matter (title, description); a value may be
    a JSON-quoted string, as the renderer writes them."""
    data: dict[str, str] = {}
    for number, line in enumerate(doc.front_matter.splitlines(), start=2):
        key, sep, value = line.partition(":")
        if not sep or line[:1].isspace():
            continue
        value = value.strip()
        if value.startswith('"'):
            try:
                value = str(json.loads(value))
            except ValueError:
                context.warn(
                    number, f"front matter {key.strip()}: unreadable quoted value"
                )
                continue
        data[key.strip()] = value
    return data


def _base_path(sections: list[OperationSection]) -> str:
    """The format does not say where the server URL ends and the path begins. Taken
    as the server's: a first path segment that is literal and shared by every request
    line (Azure's `/openai`), so that paths read as the spec's do."""
    paths = [s.url.path for s in sections]
    if not paths:
        return ""
    first = "/" + paths[0].split("/")[1] if paths[0].count("/") > 1 else ""
    if not first or "{" in first:
        return ""
    shared = all(
        path.startswith(first + "/") and len(path) > len(first) + 1 for path in paths
    )
    return first if shared else ""


def _servers(sections: list[OperationSection], base_path: str) -> tuple[Server, ...]:
    """One server: the scheme and host of the request lines and the shared base path;
    its variables are the URI parameter rows naming placeholders of the host."""
    base = next((s.url.base for s in sections if s.url.base), None)
    if base is None:
        return ()
    described: dict[str, str | None] = {}
    for section in sections:
        for name, description in section.server_variables:
            described.setdefault(name, description)
    names = next(s.url.host_variables for s in sections if s.url.base == base)
    variables = tuple(
        ServerVariable(name=n, default="", description=described.get(n)) for n in names
    )
    return (Server(url=base + base_path, variables=variables),)


def _unique_schemes(sections: list[OperationSection]) -> tuple[SecurityScheme, ...]:
    schemes: dict[str, SecurityScheme] = {}
    for section in sections:
        for scheme in section.security_schemes:
            schemes.setdefault(scheme.name, scheme)
    return tuple(schemes.values())


def _unique_operations(
    sections: list[OperationSection], context: Context
) -> tuple[Operation, ...]:
    seen: dict[str, Operation] = {}
    for section in sections:
        operation = section.operation
        if operation.key in seen:
            context.warn(
                pointer_line(operation.pointer) or 1,
                f"{operation.key} documented twice; the first one is kept",
            )
            continue
        seen[operation.key] = operation
    return tuple(seen.values())


def _check_links(api: Api, context: Context) -> None:
    """Links to components the reference does not document are dead anchors."""

    def visit(schema: Schema | None) -> None:
        if schema is None:
            return
        if schema.type == "ref" and schema.ref not in api.schemas:
            context.warn(
                pointer_line(schema.pointer) or 1,
                f"link to undocumented component {schema.ref!r}",
            )
        for child in (
            *schema.one_of,
            *schema.any_of,
            *(p.schema for p in schema.properties),
        ):
            visit(child)

    for schema in api.schemas.values():
        visit(schema)
    for operation in api.operations:
        for parameter in operation.parameters:
            visit(parameter.schema)
        for body in operation.request_body.content if operation.request_body else ():
            visit(body.schema)
        for response in operation.responses:
            for media in response.content:
                visit(media.schema)
