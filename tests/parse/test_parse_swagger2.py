"""Swagger 2.0 read into the same IR as OpenAPI 3: checked against an OpenAPI 3.0
rendering of the same API (tests/corpus/azure-mgmt-storage), through every command
that reads a spec, and through a generated client over a loopback server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.parse.openapi import parse_openapi
from generated_packages import import_generated
from ir_views import without_locations
from loopback import Loopback, Reply
from robustness.robust_support import sdkgen

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
STORAGE_V2 = CORPUS / "azure-mgmt-storage" / "storage.json"
STORAGE_V3 = CORPUS / "azure-mgmt-storage" / "openapi3" / "storage.json"
PETSTORE_V2 = CORPUS / "petstore-swagger2" / "swagger.yaml"


def test_swagger2_and_its_openapi3_rendering_give_the_same_ir() -> None:
    v2, v3 = parse_openapi(STORAGE_V2), parse_openapi(STORAGE_V3)
    assert (v2.openapi, v3.openapi) == ("2.0", "3.0.3")
    assert without_locations(v2) == without_locations(v3)
    listing = v2.operation(
        "get",
        "/subscriptions/{subscriptionId}/providers/Microsoft.Storage/storageAccounts",
    )
    styles = {p.name: (p.style, p.explode) for p in listing.parameters}
    assert styles["include"] == ("form", False)  # csv
    assert styles["kinds"] == ("form", True)  # multi
    assert styles["names"] == ("pipeDelimited", False)
    assert styles["api-version"] == (None, None)  # not an array
    assert listing.extensions == (("x-ms-pageable", {"nextLinkName": "nextLink"}),)
    sku_name = v2.schemas["SkuName"]
    assert sku_name.extension("x-ms-enum") == {"name": "SkuName", "modelAsString": True}
    # the common types of a second file are components named from their fragment
    assert v2.schemas["TrackedResource"].all_of[0].ref == "Resource"


def test_a_diff_between_the_2_and_3_renderings_reports_no_change(
    tmp_path: Path,
) -> None:
    same = sdkgen(
        "diff", str(STORAGE_V2), str(STORAGE_V3), "--format", "json", cwd=tmp_path
    )
    assert same.returncode == 0, same.stderr
    assert json.loads(same.stdout)["changes"] == []
    # and it would see one: the 3.0 rendering with `include` required
    changed = json.loads(STORAGE_V3.read_text(encoding="utf-8"))
    for item in changed["paths"].values():
        for op in item.values():
            for param in op.get("parameters", []):
                if param.get("name") == "include":
                    param["required"] = True
    respelled = tmp_path / "storage.json"
    respelled.write_text(json.dumps(changed), encoding="utf-8")
    different = sdkgen(
        "diff", str(STORAGE_V2), str(respelled), "--format", "json", cwd=tmp_path
    )
    changes = json.loads(different.stdout)["changes"]
    assert [c["id"] for c in changes] == ["request-parameter-became-required"]


def test_docs_and_reconcile_read_swagger2(tmp_path: Path) -> None:
    reference = tmp_path / "storage.md"
    docs = sdkgen("docs", str(STORAGE_V2), "--out", str(reference), cwd=tmp_path)
    assert docs.returncode == 0, docs.stderr
    text = reference.read_text(encoding="utf-8")
    assert (
        "## StorageAccounts - ListKeys" in text and "StorageAccountListResult" in text
    )
    agree = sdkgen("reconcile", str(reference), str(STORAGE_V2), cwd=tmp_path)
    assert agree.returncode == 0, agree.stdout + agree.stderr
    across = sdkgen("reconcile", str(reference), str(STORAGE_V3), cwd=tmp_path)
    assert across.returncode == 0, across.stdout


def test_petstore_2_bodies_forms_headers_and_security() -> None:
    api = parse_openapi(PETSTORE_V2)
    assert [s.url for s in api.servers] == [
        "https://petstore.example.com/v2",
        "http://petstore.example.com/v2",
    ]
    schemes = {s.name: s for s in api.security_schemes}
    assert schemes["petstore_auth"].flows == (
        (
            "implicit",
            {
                "authorizationUrl": "https://petstore.example.com/oauth/authorize",
                "scopes": {
                    "read:pets": "read your pets",
                    "write:pets": "modify pets in your account",
                },
            },
        ),
    )
    assert (schemes["basic"].type, schemes["basic"].scheme) == ("http", "basic")
    assert (schemes["api_key"].location, schemes["api_key"].parameter_name) == (
        "header",
        "api_key",
    )
    add = api.operation("post", "/pet")
    assert add.parameters == ()
    assert add.request_body.required
    assert [(m.media_type, m.schema.ref) for m in add.request_body.content] == [
        ("application/json", "Pet"),
        ("application/xml", "Pet"),
    ]
    ok = add.responses[0]
    assert [m.media_type for m in ok.content] == ["application/json", "application/xml"]
    assert ok.content[0].examples == (
        (
            "example",
            {"id": 1, "name": "doggie", "photoUrls": [], "status": "available"},
        ),
    )
    form = api.operation("post", "/pet/{petId}").request_body.content
    assert [m.media_type for m in form] == ["application/x-www-form-urlencoded"]
    assert [p.name for p in form[0].schema.properties] == ["name", "status"]
    assert form[0].schema.properties[0].schema.description == "Updated name of the pet"
    upload = api.operation("post", "/pet/{petId}/uploadImage")
    assert [p.name for p in upload.parameters] == ["petId"]
    (multipart,) = upload.request_body.content
    file = multipart.schema.property("file")
    assert multipart.media_type == "multipart/form-data" and file.required
    assert (file.schema.type, file.schema.format) == ("string", "binary")
    by_status = api.operation("get", "/pet/findByStatus")
    (header,) = by_status.responses[0].headers
    assert (header.name, header.schema.type, header.description) == (
        "X-Rate-Limit",
        "integer",
        "calls per hour allowed",
    )
    not_found = api.operation("get", "/pet/{petId}").responses[1]
    assert not_found.description == "Pet not found"
    assert not_found.content[0].schema.ref == "ApiResponse"
    pet = api.schemas["Pet"]
    assert pet.discriminator.property_name == "petType"
    assert pet.property("nickname").schema.nullable
    assert pet.property("nickname").schema.extensions == ()


@pytest.fixture(scope="module")
def petstore2(tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = tmp_path_factory.mktemp("petstore2")
    return import_generated(PETSTORE_V2, out, "petstore_two")


def test_a_swagger2_client_sends_bodies_and_multi_arrays(
    petstore2: Any, server: Loopback
) -> None:
    client = petstore2.Client(endpoint=server.url, api_key="k")
    server.replies.append(Reply(body=[{"name": "rex", "photoUrls": []}]))
    pets = client.pet.find_by_status.list(status=["available", "sold"])
    assert isinstance(pets[0], petstore2.models.Pet) and pets[0].name == "rex"
    request = server.requests[-1]
    assert request.path == "/v2/pet/findByStatus"
    assert request.query["status"] == ["available", "sold"]  # multi: exploded
    server.replies.append(Reply(body={"name": "rex", "photoUrls": ["p"]}))
    pet = client.pet.create(name="rex", photo_urls=["p"])
    assert server.requests[-1].json() == {"name": "rex", "photoUrls": ["p"]}
    assert pet.photo_urls == ["p"]


def test_a_swagger2_client_sends_csv_arrays_joined(
    petstore2: Any, server: Loopback
) -> None:
    client = petstore2.Client(endpoint=server.url, api_key="k")
    server.replies.append(Reply(body=[]))
    client.pet.find_by_status.list(status=["sold"], tags=["a", "b"])
    assert server.requests[-1].query["tags"] == ["a,b"]
