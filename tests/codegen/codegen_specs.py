"""The inline spec the codegen tests plan: `POST /things` (operationId createThing)
with a JSON request body, one 200 response and component schemas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.codegen.models import ModelPlan
from generator.codegen.resources import ClientPlan, Method
from generator.conventions import AZURE_OPENAI, Conventions
from generator.parse.openapi import parse_openapi
from inline_spec import spec


def plan_create_thing(
    folder: Path,
    body: dict[str, Any],
    content: dict[str, Any],
    schemas: dict[str, Any],
    conventions: Conventions = AZURE_OPENAI,
) -> tuple[ModelPlan, Method]:
    """The model plan and the one method of the spec whose request body has the
    schema `body` and whose 200 response has `content`."""
    operation = {
        "operationId": "createThing",
        "requestBody": {"content": {"application/json": {"schema": body}}},
        "responses": {"200": {"description": "ok", "content": content}},
    }
    path = folder / "things.json"
    document = spec({"/things": {"post": operation}}, schemas)
    path.write_text(json.dumps(document), encoding="utf-8")
    api = parse_openapi(path)
    models = ModelPlan(api)
    ((_, method),) = ClientPlan(api, models, conventions).methods
    return models, method
