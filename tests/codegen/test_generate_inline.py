"""Functional tests: an inline spec is generated, imported and executed against a
loopback server, asserting what goes over the wire and what comes back."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from inline_spec import API_VERSION, client_spec, json_response
from loopback import Loopback

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


PET_OR_ERROR = {
    "200": json_response("ok", {"$ref": "#/components/schemas/Pet"}),
    "default": json_response("error", {"$ref": "#/components/schemas/Error"}),
}

PETS_SPEC = client_spec(
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
