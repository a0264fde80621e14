"""Functional tests: an inline spec is generated, imported and executed against a
loopback server, asserting what goes over the wire and what comes back."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from loopback import Loopback


def spec(
    paths: dict[str, Any], schemas: dict[str, Any] | None = None, **extra: Any
) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "Pets", "version": "2024-01-01"},
        "servers": [
            {
                "url": "https://{endpoint}/api",
                "variables": {"endpoint": {"default": "x"}},
            }
        ],
        "components": {
            "schemas": schemas or {},
            "securitySchemes": {
                "key": {"type": "apiKey", "in": "header", "name": "x-key"}
            },
        },
        "paths": paths,
        **extra,
    }


API_VERSION = {
    "name": "api-version",
    "in": "query",
    "required": True,
    "schema": {"type": "string"},
}

PET = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {
        "id": {"type": "integer"},
        "name": {"type": "string"},
        "class": {"type": "string", "description": "a keyword as a wire name"},
        "pet-kind": {"type": "string", "enum": ["dog", "cat"]},
        "owner": {"type": "string", "nullable": True},
        "tags": {"type": "array", "items": {"type": "string"}},
    },
}


def json_response(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": schema}},
    }


PET_OR_ERROR = {
    "200": json_response("ok", {"$ref": "#/components/schemas/Pet"}),
    "default": json_response("error", {"$ref": "#/components/schemas/Error"}),
}

PETS_SPEC = spec(
    {
        "/pets": {
            "get": {
                "operationId": "list_pets",
                "parameters": [
                    API_VERSION,
                    {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                    {"name": "x-trace", "in": "header", "schema": {"type": "string"}},
                ],
                "responses": {
                    "200": json_response(
                        "ok",
                        {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Pet"},
                        },
                    )
                },
            },
            "post": {
                "operationId": "create_pet",
                "summary": "Create a pet.",
                "parameters": [API_VERSION],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/Pet"}
                        }
                    },
                },
                "responses": PET_OR_ERROR,
            },
        },
        "/pets/{pet-id}": {
            "get": {
                "operationId": "get_pet",
                "parameters": [
                    API_VERSION,
                    {
                        "name": "pet-id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    },
                ],
                "responses": PET_OR_ERROR,
            },
            "delete": {
                "operationId": "delete_pet",
                "deprecated": True,
                "parameters": [
                    {
                        "name": "pet-id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    }
                ],
                "responses": {"204": {"description": "gone"}},
            },
        },
        "/pets/{pet-id}/photo": {
            "get": {
                "operationId": "get_photo",
                "parameters": [
                    {
                        "name": "pet-id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    }
                ],
                "responses": {
                    "200": {
                        "description": "png",
                        "content": {
                            "image/png": {
                                "schema": {"type": "string", "format": "binary"}
                            }
                        },
                    }
                },
            },
            "post": {
                "operationId": "upload_photo",
                "parameters": [
                    {
                        "name": "pet-id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    }
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "required": ["file"],
                                "properties": {
                                    "file": {"type": "string", "format": "binary"},
                                    "caption": {"type": "string"},
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"text/plain": {"schema": {"type": "string"}}},
                    }
                },
            },
        },
    },
    {
        "Pet": PET,
        "Error": {
            "type": "object",
            "properties": {
                "error": {
                    "type": "object",
                    "properties": {
                        "code": {"type": "string"},
                        "message": {"type": "string"},
                    },
                }
            },
        },
    },
)


@pytest.fixture
def pets(build: Any) -> Any:
    return build(PETS_SPEC)


def test_json_body_path_query_header_and_auth_on_the_wire(
    pets: Any, server: Loopback
) -> None:
    client = pets.Client(
        endpoint=server.url, api_key="secret-key", api_version="2024-01-01"
    )
    server.reply(
        200, {"id": 7, "name": "Rex", "class": "good", "pet-kind": "dog", "owner": None}
    )
    pet = client.pets.create(
        id=7, name="Rex", class_="good", pet_kind="dog", owner=None
    )
    request = server.last()
    assert (request.method, request.path) == ("POST", "/api/pets")
    assert request.query == {"api-version": ["2024-01-01"]}
    assert request.headers["x-key"] == "secret-key"
    assert request.headers["content-type"] == "application/json"
    # wire names are exact, unset optionals are absent, explicit None is sent as null
    assert request.json() == {
        "id": 7,
        "name": "Rex",
        "class": "good",
        "pet-kind": "dog",
        "owner": None,
    }
    assert isinstance(pet, pets.models.Pet)
    assert (pet.id, pet.class_, pet.pet_kind.value, pet.owner) == (
        7,
        "good",
        "dog",
        None,
    )

    server.reply(200, [{"id": 1, "name": "a"}, {"id": 2, "name": "b", "tags": ["x"]}])
    listed = client.pets.list(limit=2, x_trace="t-1")
    request = server.last()
    assert (request.method, request.path) == ("GET", "/api/pets")
    assert request.query == {"api-version": ["2024-01-01"], "limit": ["2"]}
    assert request.headers["x-trace"] == "t-1"
    assert [p.name for p in listed] == ["a", "b"] and listed[1].tags == ["x"]


def test_path_parameters_are_escaped_and_bearer_tokens_used(
    pets: Any, server: Loopback
) -> None:
    tokens = iter(["tok-1", "tok-2"])
    client = pets.Client(endpoint=server.url + "/", token_provider=lambda: next(tokens))
    server.reply(200, {"id": 1, "name": "a"})
    server.reply(200, {"id": 2, "name": "b"})
    client.pets.retrieve(pet_id="a b/c")
    client.pets.retrieve(pet_id="2")
    first, second = server.requests
    assert first.path == "/api/pets/a%20b%2Fc"
    assert first.headers["authorization"] == "Bearer tok-1"
    assert second.headers["authorization"] == "Bearer tok-2"
    assert "x-key" not in first.headers
    assert first.query["api-version"] == [pets.DEFAULT_API_VERSION] == ["2024-01-01"]


def test_typed_errors_carry_status_body_and_request_id(
    pets: Any, server: Loopback
) -> None:
    client = pets.Client(endpoint=server.url, api_key="secret-key", max_retries=0)
    cases = [
        (400, pets.BadRequestError),
        (401, pets.AuthenticationError),
        (403, pets.PermissionDeniedError),
        (404, pets.NotFoundError),
        (409, pets.ConflictError),
        (422, pets.UnprocessableEntityError),
        (429, pets.RateLimitError),
        (503, pets.InternalServerError),
    ]
    for status, error_class in cases:
        server.reply(
            status,
            {"error": {"code": "E", "message": "nope"}},
            {"apim-request-id": f"req-{status}"},
        )
        with pytest.raises(error_class) as info:
            client.pets.retrieve(pet_id="1")
        error = info.value
        assert isinstance(error, pets.APIStatusError)
        assert error.status_code == status and error.request_id == f"req-{status}"
        assert error.body == {"error": {"code": "E", "message": "nope"}}
        assert (
            error.error.error.code == "E"
        )  # parsed into the spec's default-response model
        assert "secret-key" not in str(error) and "secret-key" not in repr(client)


def test_binary_text_multipart_and_deprecation(
    pets: Any, server: Loopback, tmp_path: Any
) -> None:
    client = pets.Client(endpoint=server.url, api_key="k")
    server.reply(200, b"\x89PNG\r\n")
    photo = client.pets.photo.list(pet_id="1")
    assert photo == b"\x89PNG\r\n"

    image = tmp_path / "rex.png"
    image.write_bytes(b"PNGDATA")
    server.reply(200, "uploaded")
    text = client.pets.photo.create(pet_id="1", file=image, caption="hi")
    request = server.last()
    assert text == "uploaded"
    content_type = request.headers["content-type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    body = request.body
    assert b'name="caption"\r\n\r\nhi\r\n' in body
    assert b'name="file"; filename="rex.png"' in body and b"PNGDATA" in body

    server.reply(204, None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert client.pets.delete(pet_id="1") is None
    assert any(
        issubclass(w.category, DeprecationWarning) and "delete_pet" in str(w.message)
        for w in caught
    )


def test_required_arguments_first_and_signatures_keyword_only(pets: Any) -> None:
    import inspect

    params = inspect.signature(pets.Client(endpoint="http://x").pets.create).parameters
    names = list(params)
    assert names[:2] == ["id", "name"]
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params.values())
    assert params["class_"].default is pets.NOT_GIVEN
    with pytest.raises(TypeError):
        pets.Client(endpoint="http://x").pets.create(7, "Rex")


def test_enums_are_open_to_values_added_later(pets: Any) -> None:
    pet = pets.models.Pet.model_validate({"id": 1, "name": "a", "pet-kind": "parrot"})
    assert pet.pet_kind.value == "parrot" and pet.pet_kind == "parrot"
    assert pets.models.Pet.model_validate(
        {"id": 1, "name": "a", "pet-kind": "cat"}
    ).pet_kind is (pets.models.pet.PetKind.CAT)
    with pytest.raises(ValueError):
        pets.models.Pet.model_validate({"id": "not a number", "name": "a"})


def test_inline_objects_unions_maps_and_recursion(build: Any) -> None:
    schemas = {
        "Node": {
            "type": "object",
            "properties": {
                "value": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
                "children": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/Node"},
                },
                "meta": {"type": "object", "additionalProperties": {"type": "integer"}},
                "inner": {
                    "type": "object",
                    "properties": {"deep": {"type": "boolean"}},
                },
                "json": {
                    "type": "string",
                    "description": "named like a pydantic method",
                },
                "model_config": {"type": "string"},
                "2fa": {"type": "boolean"},
            },
        },
        "Closed": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"a": {"type": "string"}},
        },
        "Both": {
            "allOf": [
                {"$ref": "#/components/schemas/Closed"},
                {
                    "type": "object",
                    "required": ["b"],
                    "properties": {"b": {"type": "integer", "minimum": 1}},
                },
            ]
        },
    }
    pkg = build(spec({}, schemas))
    node = pkg.models.Node.model_validate(
        {
            "value": 3,
            "children": [{"value": "leaf", "children": []}],
            "meta": {"x": 1},
            "inner": {"deep": True},
            "json": "j",
            "model_config": "m",
            "2fa": True,
        }
    )
    assert node.children[0].value == "leaf" and node.value == 3
    assert node.inner.deep is True and node.meta == {"x": 1}
    assert (node.json_, node.model_config_, node.field_2fa) == ("j", "m", True)
    assert node.model_dump(by_alias=True, exclude_unset=True)["2fa"] is True
    with pytest.raises(ValueError):
        pkg.models.Closed.model_validate({"a": "x", "unexpected": 1})
    assert pkg.models.Both.model_validate({"a": "x", "b": 2}).b == 2
    with pytest.raises(ValueError):
        pkg.models.Both.model_validate({"a": "x", "b": 0})  # minimum 1
    with pytest.raises(ValueError):
        pkg.models.Both.model_validate({"a": "x"})  # b required


def test_openapi_31_yaml_spec(build: Any, server: Loopback) -> None:
    doc = spec(
        {
            "/things": {
                "post": {
                    "operationId": "make",
                    "requestBody": {
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "size": {
                                            "type": ["integer", "null"],
                                            "exclusiveMinimum": 0,
                                        }
                                    },
                                }
                            }
                        }
                    },
                    "responses": {
                        "200": json_response(
                            "ok",
                            {
                                "type": "object",
                                "properties": {"ok": {"type": "boolean"}},
                            },
                        )
                    },
                }
            }
        }
    )
    doc["openapi"] = "3.1.0"
    pkg = build(doc, fmt="yaml")
    server.reply(200, {"ok": True})
    result = pkg.Client(endpoint=server.url).things.create(size=None)
    assert server.last().json() == {"size": None}
    assert result.ok is True


def test_read_only_is_never_an_argument_and_write_only_never_an_attribute(
    build: Any, server: Loopback
) -> None:
    import inspect

    account = {
        "type": "object",
        "required": ["id", "name", "password"],
        "properties": {
            "id": {"type": "string", "readOnly": True},
            "name": {"type": "string"},
            "password": {"type": "string", "writeOnly": True},
            "owner": {"$ref": "#/components/schemas/Owner"},
        },
    }
    owner = {
        "type": "object",
        "properties": {
            "id": {"type": "string", "readOnly": True},
            "email": {"type": "string"},
        },
    }
    body = {
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Account"}}
        }
    }
    pkg = build(
        spec(
            {
                "/accounts": {
                    "post": {
                        "operationId": "create_account",
                        "requestBody": {"required": True, **body},
                        "responses": {
                            "200": json_response(
                                "ok", {"$ref": "#/components/schemas/Account"}
                            )
                        },
                    }
                }
            },
            {"Account": account, "Owner": owner},
        )
    )
    client = pkg.Client(endpoint=server.url)
    params = inspect.signature(client.accounts.create).parameters
    assert "id" not in params and params["password"].default is inspect.Parameter.empty
    assert "id" not in pkg.params.OwnerParam.__annotations__
    server.reply(200, {"id": "a1", "name": "n", "owner": {"id": "o1", "email": "e"}})
    created = client.accounts.create(name="n", password="secret", owner={"email": "e"})
    assert server.last().json() == {
        "name": "n",
        "password": "secret",
        "owner": {"email": "e"},
    }
    assert created.id == "a1" and created.owner.id == "o1"
    assert "password" not in pkg.models.Account.model_fields


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_a_nullable_component_is_nullable_where_it_is_used(
    build: Any, version: str
) -> None:
    usage: dict[str, Any] = {
        "type": "object",
        "required": ["total"],
        "properties": {"total": {"type": "integer"}},
    }
    ref = {"$ref": "#/components/schemas/Usage"}
    if version == "3.0.3":  # nullable on the component itself
        usage["nullable"] = True
        reached: dict[str, Any] = ref
    else:  # 3.1: anyOf [$ref, null] where it is used
        reached = {"anyOf": [ref, {"type": "null"}]}
    run = {"type": "object", "required": ["usage"], "properties": {"usage": reached}}
    doc = spec({}, {"Usage": usage, "Run": run})
    doc["openapi"] = version
    pkg = build(doc)
    # validated strictly: null is what the spec allows, not a lenient fallback
    assert pkg.models.Run.model_validate({"usage": None}).usage is None
    assert pkg.models.Run.model_validate({"usage": {"total": 3}}).usage.total == 3
    with pytest.raises(ValueError):
        pkg.models.Run.model_validate({})


def test_run_usage_accepts_null_in_the_real_spec(sdk: Any) -> None:
    models = sdk("2025-01-01-preview").models
    run = {
        "id": "run_1",
        "object": "thread.run",
        "created_at": 1,
        "thread_id": "t",
        "assistant_id": "a",
        "status": "queued",
        "usage": None,
    }
    fields = models.RunObject.model_fields
    required = {name: info for name, info in fields.items() if info.is_required()}
    payload = {**{info.alias or name: None for name, info in required.items()}, **run}
    with pytest.raises(ValueError) as raised:
        models.RunObject.model_validate(payload)
    assert "usage" not in str(raised.value)


def test_a_body_accepted_as_json_and_as_multipart_takes_both_forms(
    build: Any, server: Loopback, tmp_path: Any
) -> None:
    import typing

    upload = {
        "type": "object",
        "required": ["title"],
        "properties": {
            "title": {"type": "string"},
            "tags": {"type": "array", "items": {"type": "string"}},
            "image": {"type": "string", "format": "binary"},
        },
    }
    ref = {"schema": {"$ref": "#/components/schemas/Upload"}}
    pkg = build(
        spec(
            {
                "/uploads": {
                    "post": {
                        "operationId": "create_upload",
                        "requestBody": {
                            "required": True,
                            "content": {
                                "application/json": ref,
                                "multipart/form-data": ref,
                            },
                        },
                        "responses": {"204": {"description": "ok"}},
                    }
                }
            },
            {"Upload": upload},
        )
    )
    client = pkg.Client(endpoint=server.url)
    hints = typing.get_type_hints(pkg.resources.uploads.Uploads.create)
    # a file (get_type_hints evaluates every annotation of the method)
    assert set(typing.get_args(pkg.FileTypes)) <= set(typing.get_args(hints["image"]))
    server.reply(204, None)
    client.uploads.create(title="t", tags=["a"])
    request = server.last()
    assert request.headers["content-type"] == "application/json"
    assert request.json() == {"title": "t", "tags": ["a"]}
    picture = tmp_path / "cat.png"
    picture.write_bytes(b"PNG")
    server.reply(204, None)
    client.uploads.create(title="t", image=picture)
    request = server.last()
    assert request.headers["content-type"].startswith("multipart/form-data")
    assert b'name="title"\r\n\r\nt\r\n' in request.body
    assert (
        b'name="image"; filename="cat.png"' in request.body and b"PNG" in request.body
    )
