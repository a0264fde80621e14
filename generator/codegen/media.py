"""Media types of requests and responses: JSON or not, which body form to send."""

from __future__ import annotations

from ..ir import Api, MediaType, Schema

JSON_TYPES = ("application/json", "text/json")


def preferred(content: tuple[MediaType, ...]) -> MediaType:
    for media in content:
        if is_json(media.media_type):
            return media
    return content[0]


def is_json(media_type: str) -> bool:
    base = media_type.split(";")[0].strip().lower()
    return base in JSON_TYPES or base.endswith("+json")


def body_kind_of(media_type: str) -> str:
    base = media_type.split(";")[0].strip().lower()
    if is_json(base):
        return "json"
    if base == "multipart/form-data":
        return "multipart"
    if base == "application/x-www-form-urlencoded":
        return "form"
    return "raw"


def is_binary(api: Api, schema: Schema) -> bool:
    """A binary string, or an array of them: files in a multipart body."""
    target = api.resolve(schema)
    if target.type == "array" and target.items is not None:
        target = api.resolve(target.items)
    return target.type == "string" and target.format in ("binary", "byte")


def is_binary_media(api: Api, media: MediaType) -> bool:
    """Bytes, never parsed: any media type but JSON and text (video/mp4, image/webp,
    application/zip, application/octet-stream, audio/*, ...), and JSON media whose
    schema is a binary string."""
    if media.media_type.startswith("text/"):
        return False
    if not is_json(media.media_type):
        return True
    return media.schema is not None and is_binary(api, media.schema)
