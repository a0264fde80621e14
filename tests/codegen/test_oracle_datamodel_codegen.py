"""Differential test: for the same spec, the models sdkgen renders and the models
datamodel-code-generator (the independent oracle) produces must accept and reject the
same payloads: the spec's own examples and payloads built from every component schema.

Two differences are by design and kept out of the comparison: our enums are open to
values the server adds later, and `uri`/`uuid` strings stay `str`.
"""

from __future__ import annotations

import copy
import importlib.util
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pydantic
import pytest

from real_specs import spec_path
from generator.ir import Api, Property, Schema
from generator.parse.openapi import parse_openapi
from generator.naming import pascal

# The oracle exits 2 on 2025-03-01-preview (its input validation rejects parts of the
# spec), so that version is covered by the other tests only.
VERSIONS = ["2024-10-21", "2024-12-01-preview", "2025-01-01-preview"]


def _oracle_module(api_version: str, tmp: Path) -> Any:
    out = tmp / f"oracle_{api_version.replace('-', '_')}.py"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "datamodel_code_generator",
            "--input",
            str(spec_path(api_version)),
            "--input-file-type",
            "openapi",
            "--output-model-type",
            "pydantic_v2.BaseModel",
            "--output",
            str(out),
            "--disable-timestamp",
            # honour `nullable: true` on required fields, as the spec's examples need
            "--strict-nullable",
            "--formatters",
            "black",
        ],
        check=True,
        capture_output=True,
    )
    spec = importlib.util.spec_from_file_location(out.stem, out)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[out.stem] = module
    spec.loader.exec_module(module)
    return module


def _validator(tp: Any) -> Callable[[Any], bool]:
    adapter = pydantic.TypeAdapter(tp)

    def accepts(payload: Any) -> bool:
        try:
            adapter.validate_python(payload)
        except pydantic.ValidationError:
            return False
        return True

    return accepts


class Samples:
    """Payloads built from the IR: a minimal valid one, a full one, and mutations."""

    def __init__(self, api: Api) -> None:
        self.api = api

    def props(self, schema: Schema, seen: frozenset[str]) -> list[Property]:
        """Own and allOf-inherited properties; required when any part requires them."""
        out: dict[str, Property] = {}
        required = set(schema.required)
        for part in schema.all_of:
            target = self.api.resolve(part)
            if (part.ref or "") not in seen:
                required.update(target.required)
                for prop in self.props(target, seen | {part.ref or ""}):
                    out[prop.name] = prop
                    required.update([prop.name] if prop.required else [])
        for prop in schema.properties:
            out[prop.name] = prop
        return [
            Property(p.name, p.schema, p.required or p.name in required)
            for p in out.values()
        ]

    def value(
        self, schema: Schema, full: bool, seen: frozenset[str] = frozenset()
    ) -> Any:
        if schema.type == "ref":
            if schema.ref in seen or len(seen) > 6:
                return None
            return self.value(
                self.api.schemas[schema.ref], full, seen | {schema.ref or ""}
            )
        if schema.has_const:
            return schema.const
        if schema.enum:
            return schema.enum[0]
        if (schema.one_of or schema.any_of) and not schema.properties:
            return self.value((schema.one_of + schema.any_of)[0], full, seen)
        if schema.type == "object":
            props = self.props(schema, seen)
            return {
                p.name: self.value(p.schema, full, seen)
                for p in props
                if p.required or full
            }
        if schema.type == "array":
            count = max(schema.min_items or 0, 1 if full else 0)
            return (
                [self.value(schema.items, full, seen) for _ in range(count)]
                if schema.items
                else []
            )
        if schema.type == "string":
            if schema.format == "uri":
                return "https://example.com/x"
            if schema.format == "uuid":
                return "5f2b6a4c-3c1d-4a51-9d5b-9a5d5c2e1f00"
            return "x" * max(schema.min_length or 1, 1)
        if schema.type in ("integer", "number"):
            low = (
                schema.minimum
                if schema.minimum is not None
                else (schema.exclusive_minimum or 0) + 1
            )
            return int(low) if schema.type == "integer" else float(low)
        if schema.type == "boolean":
            return True
        return {}

    def payloads(self, name: str) -> list[tuple[str, Any]]:
        schema = self.api.schemas[name]
        minimal = self.value(schema, full=False, seen=frozenset({name}))
        full = self.value(schema, full=True, seen=frozenset({name}))
        wrong_shape = "text" if schema.type == "object" else {"wrong": "shape"}
        out = [
            ("minimal", minimal),
            ("full", full),
            ("wrong shape", wrong_shape),
            ("null", None),
        ]
        if isinstance(full, dict):
            for prop in self.props(schema, frozenset({name})):
                target = self.api.resolve(prop.schema)
                if prop.required:
                    broken = copy.deepcopy(minimal)
                    broken.pop(prop.name, None)
                    out.append((f"without {prop.name}", broken))
                if (
                    target.type in ("string", "integer", "number", "boolean", "array")
                    and not target.enum
                ):
                    wrong = copy.deepcopy(full)
                    wrong[prop.name] = {"not": "the right type"}
                    out.append((f"{prop.name} of wrong type", wrong))
        return out


def _excluded(api: Api, schema: Schema, seen: frozenset[str] = frozenset()) -> bool:
    """Schemas whose payloads reach a deliberate difference (open enums, uri/uuid)."""
    if schema.type == "ref":
        if schema.ref in seen:
            return False
        return _excluded(api, api.schemas[schema.ref], seen | {schema.ref or ""})
    if schema.enum is not None and len(schema.enum) > 0:
        return False
    if schema.format in ("uri", "uuid"):
        return True
    children = [p.schema for p in schema.properties] + list(
        schema.all_of + schema.one_of + schema.any_of
    )
    if schema.items is not None:
        children.append(schema.items)
    return any(_excluded(api, child, seen) for child in children)


def _wire_names(tp: Any) -> set[str] | None:
    fields = getattr(tp, "model_fields", None)
    if fields is None:
        return None
    return {info.alias or name for name, info in fields.items()}


def _oracle_class(oracle: Any, name: str, our_type: Any) -> Any:
    """The oracle's class for a component schema. The oracle renames colliding names
    (`Citation` -> `CitationModel`, `Type1`), so a model must also have our wire names.
    """
    base = pascal(name)
    candidates = [base, name[:1].upper() + name[1:], base + "Model"] + [
        f"{base}{i}" for i in range(1, 10)
    ]
    ours = _wire_names(our_type)
    for candidate in candidates:
        found = getattr(oracle, candidate, None)
        if found is not None and (ours is None or _wire_names(found) == ours):
            return found
    return None


def _example_payloads(api: Api) -> list[tuple[str, str, Any]]:
    """(component schema, label, payload) for the request and response bodies of the
    spec's x-ms-examples whose files are present."""
    out = []
    for op in api.operations:
        for example in op.examples:
            if not isinstance(example.data, dict):
                continue
            label = f"example {example.ref}"
            body = example.data.get("parameters", {}).get("body")
            media = op.request_body.content if op.request_body else ()
            schemas = [m.schema for m in media if m.media_type == "application/json"]
            if isinstance(body, dict) and schemas and schemas[0] and schemas[0].ref:
                out.append((schemas[0].ref, label + " request", body))
            for status, reply in example.data.get("responses", {}).items():
                response = next((r for r in op.responses if r.status == status), None)
                content = response.content if response else ()
                schemas = [
                    m.schema for m in content if m.media_type == "application/json"
                ]
                reply_body = reply.get("body") if isinstance(reply, dict) else None
                if (
                    isinstance(reply_body, dict)
                    and schemas
                    and schemas[0]
                    and schemas[0].ref
                ):
                    out.append(
                        (schemas[0].ref, f"{label} response {status}", reply_body)
                    )
    return out


@pytest.mark.parametrize("api_version", VERSIONS)
def test_models_accept_and_reject_what_the_oracle_does(
    api_version: str, spec_sdk: Any, tmp_path: Path
) -> None:
    oracle = _oracle_module(api_version, tmp_path)
    ours = spec_sdk(api_version).models
    api = parse_openapi(spec_path(api_version))
    samples = Samples(api)
    examples = _example_payloads(api)
    if api_version == "2025-01-01-preview":  # the version whose example files exist
        assert len(examples) >= 40
    compared, disagreements = 0, []
    unmatched = []
    for name, schema in api.schemas.items():
        our_type = getattr(ours, pascal(name))
        oracle_type = _oracle_class(oracle, name, our_type)
        if oracle_type is None:
            unmatched.append(name)
            continue
        if _excluded(api, schema):
            continue
        ours_accepts, oracle_accepts = _validator(our_type), _validator(oracle_type)
        payloads = samples.payloads(name) + [
            (label, payload) for ref, label, payload in examples if ref == name
        ]
        for label, payload in payloads:
            compared += 1
            if ours_accepts(payload) != oracle_accepts(payload):
                disagreements.append(
                    f"{name} [{label}]: ours={ours_accepts(payload)} oracle={oracle_accepts(payload)}"
                )
    # the oracle numbers colliding names; every schema must still find its class
    assert len(unmatched) <= len(api.schemas) // 10, unmatched
    assert compared > 500
    assert disagreements == [], (
        "\n".join(disagreements[:40]) + f"\n({len(disagreements)} of {compared})"
    )
