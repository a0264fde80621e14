"""Request bodies and responses: their media types (with schemas, encodings and
examples) and response headers."""

from __future__ import annotations

from typing import Any

from ..ir import Encoding, Header, MediaType, RequestBody, Response, Schema
from ..naming import pascal
from .nodes import NodeReader, bool_or_none, doc_text
from .pointers import escape_pointer
from .schemas import SchemaReader

FORM = "application/x-www-form-urlencoded"


class MessageReader(NodeReader):
    def __init__(self, schemas: SchemaReader) -> None:
        super().__init__(schemas.docs)
        self.schemas = schemas

    def request_body(self, raw: Any, pointer: str, hint: str) -> RequestBody:
        node, pointer = self.docs.deref(raw, pointer)
        node = self.obj(node, pointer, "requestBody")
        return RequestBody(
            content=self.content(
                node.get("content") or {}, pointer + "/content", hint + "Request"
            ),
            required=bool(node.get("required", False)),
            description=doc_text(node.get("description")),
        )

    def response(self, status: str, raw: Any, pointer: str, hint: str) -> Response:
        node, pointer = self.docs.deref(raw, pointer)
        node = self.obj(node, pointer, "response")
        suffix = response_suffix(status)
        raw_headers = self.obj(
            node.get("headers") or {}, pointer + "/headers", "headers"
        )
        headers = tuple(
            self.header(name, header, pointer, hint)
            for name, header in raw_headers.items()
        )
        return Response(
            status=status,
            # 3.2 makes description optional beside a short summary
            description=doc_text(node.get("description", node.get("summary"))),
            content=self.content(
                node.get("content") or {}, pointer + "/content", hint + suffix
            ),
            headers=headers,
        )

    def header(self, name: str, raw: Any, response_pointer: str, hint: str) -> Header:
        pointer = f"{response_pointer}/headers/{escape_pointer(name)}"
        node, pointer = self.docs.deref(raw, pointer)
        node = self.obj(node, pointer, "header")
        return Header(
            name=name,
            schema=self.schemas.schema(
                node.get("schema", {}), pointer + "/schema", hint + pascal(name)
            ),
            description=doc_text(node.get("description")),
            required=bool(node.get("required", False)),
            deprecated=bool(node.get("deprecated", False)),
        )

    def content(self, node: Any, pointer: str, hint: str) -> tuple[MediaType, ...]:
        node = self.obj(node, pointer, "content")
        return tuple(
            self.media_type(media_type, media, pointer, hint)
            for media_type, media in node.items()
        )

    def media_type(
        self, media_type: str, raw: Any, content_pointer: str, hint: str
    ) -> MediaType:
        pointer = f"{content_pointer}/{escape_pointer(media_type)}"
        # 3.2 has reusable media types, so a media type can be a $ref
        media, pointer = self.docs.deref(raw or {}, pointer)
        media = self.obj(media, pointer, "media type")
        for key in ("itemEncoding", "prefixEncoding"):
            if key in media:
                raise self.fail(
                    f"{pointer}/{key}", f"{key} (OpenAPI 3.2) is not supported"
                )
        schema = None
        if "itemSchema" in media:
            schema = self.item_schema(media_type, media["itemSchema"], pointer, hint)
        elif "schema" in media:
            schema = self.schemas.schema(media["schema"], pointer + "/schema", hint)
        raw_encoding = self.obj(
            media.get("encoding") or {}, pointer + "/encoding", "encoding"
        )
        encoding = []
        for name, enc in raw_encoding.items():
            e_pointer = f"{pointer}/encoding/{escape_pointer(name)}"
            enc = self.obj(enc, e_pointer, "encoding")
            encoding.append(
                Encoding(
                    property_name=name,
                    content_type=self.string(enc, "contentType", e_pointer),
                    style=self.string(enc, "style", e_pointer),
                    explode=bool_or_none(enc.get("explode")),
                )
            )
        examples = tuple(
            self.obj(
                media.get("examples") or {}, pointer + "/examples", "examples"
            ).items()
        )
        if "example" in media:
            examples = (("example", media["example"]),) + examples
        return MediaType(
            media_type=media_type,
            schema=schema,
            encoding=tuple(encoding),
            examples=examples,
        )

    def item_schema(self, media_type: str, raw: Any, pointer: str, hint: str) -> Schema:
        """OpenAPI 3.2's `itemSchema`, the schema of each item of a stream: what the
        3.1 form of a stream's `schema` describes (an event's data for
        text/event-stream, where the item schema describes the whole event)."""
        pointer += "/itemSchema"
        if media_type.split(";")[0].strip() == "text/event-stream":
            event, at = self.docs.deref(raw, pointer)
            data = _child(_child(event, "properties"), "data")
            if isinstance(data, dict) and "contentSchema" in data:
                return self.schemas.schema(
                    data["contentSchema"], f"{at}/properties/data/contentSchema", hint
                )
        return self.schemas.schema(raw, pointer, hint)


def response_suffix(status: str) -> str:
    """What names a response's inline schemas after the operation's: CreatePetResponse."""
    return "Response" if status in ("200", "201") else f"Response{pascal(status)}"


def _child(node: Any, key: str) -> Any:
    return node.get(key) if isinstance(node, dict) else None
