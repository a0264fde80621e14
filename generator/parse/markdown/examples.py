"""`### Example` sections of an operation: a title, the request (an ```http fence whose
lines after the request line are the JSON body) and JSON responses, each after the
`Status Code:` it answers with."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ...ir import Example
from .blocks import Block, Fence, Paragraph
from .context import Context
from .responses import STATUS_CODE

_INVALID = object()


@dataclass
class ExampleSection:
    context: Context
    title: str = ""  # the paragraphs above the request
    seen_request: bool = False
    body: Any = None
    has_body: bool = False
    status: str | None = None  # of the response example read next
    responses: dict[str, Any] = field(default_factory=dict)

    def read(self, block: Block) -> None:
        if isinstance(block, Paragraph):
            status = STATUS_CODE.search(block.text.replace("**", ""))
            if status:
                self.status = status.group(1)
            elif not self.seen_request:
                self.title = f"{self.title}\n\n{block.text.strip()}".strip()
        elif isinstance(block, Fence) and block.info.lower() == "http":
            self.seen_request = True
            _, _, body = block.text.partition("\n")
            if body.strip():
                value = self.json_value(body, block)
                if value is not _INVALID:
                    self.body, self.has_body = value, True
        elif isinstance(block, Fence):
            value = self.json_value(block.text, block)
            if value is _INVALID:
                return
            if self.status is None:
                self.context.warn(block.line, "example response without a Status Code")
            else:
                self.responses[self.status] = value
        else:
            self.context.warn(block.line, "unexpected content in Example")

    def json_value(self, text: str, block: Fence) -> Any:
        try:
            return json.loads(text)
        except ValueError as exc:
            self.context.warn(block.line, f"example is not valid JSON ({exc}); skipped")
            return _INVALID

    def example(self) -> Example:
        data: dict[str, Any] = {"title": self.title}
        if self.has_body:
            data["parameters"] = {"body": self.body}
        data["responses"] = dict(self.responses)
        return Example(name=self.title, ref=None, data=data)
