"""Media types of requests and responses: JSON or not, which body form to send."""

from __future__ import annotations

from ..ir import MediaType

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
