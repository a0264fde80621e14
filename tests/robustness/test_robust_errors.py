"""Broken specs through the real CLI: exit code 2, exactly one line on stderr naming the
file and the line or JSON pointer (so no traceback), and no output folder created.

The corpus is tests/specs_with_errors/, one small file per case."""

from __future__ import annotations

from pathlib import Path

import pytest

from robust_support import REPO, refused

CORPUS = REPO / "tests" / "specs_with_errors"

# file -> what follows "sdkgen: error: FILE" on stderr
EXPECTED = {
    # malformed JSON or YAML: the line
    "malformed_trailing_comma.json": ":5: invalid JSON: Expecting property name "
    "enclosed in double quotes (column 1)",
    "malformed_indentation.yaml": ":4: invalid YAML: mapping values are not allowed "
    "in this context",
    "malformed_unclosed_quote.yaml": ":4: invalid YAML: found unexpected end of stream",
    "lone_surrogate.json": ":3: invalid JSON: a \\u escape is half a surrogate pair, "
    "not a character",
    "not_utf8.json": ": not UTF-8 text (byte 43)",
    "empty.yaml": ": empty file",
    "json_nested_too_deeply.json": ": invalid JSON: nested too deeply",
    "huge_integer.json": ": invalid JSON: Exceeds the limit (4300 digits) for integer "
    "string conversion: value has 5000 digits",
    "yaml_alias_cycle.yaml": ": invalid YAML: an alias refers to a node containing it",
    "yaml_alias_bomb.yaml": ": invalid YAML: its aliases expand to more than 2000000 "
    "nodes",
    # not Swagger 2.0 or OpenAPI 3.0 to 3.2: which it is
    "swagger_version_3.yaml": "#/swagger: unsupported Swagger version 3.0; sdkgen "
    "reads Swagger 2.0 and OpenAPI 3.0 to 3.2",
    "asyncapi.yaml": "#/asyncapi: this is AsyncAPI 2.6.0, not OpenAPI",
    "openapi_4.yaml": "#/openapi: unsupported OpenAPI version 4.0.0; sdkgen reads "
    "Swagger 2.0 and OpenAPI 3.0 to 3.2",
    "package_json.json": "#/openapi: not an OpenAPI document: no 'openapi' version "
    "field",
    "top_level_array.json": "#/: not an OpenAPI document: top level is an array",
    # references: the pointer of the $ref
    "dangling_schema_ref.yaml": "#/components/schemas/Pet/properties/owner/$ref: "
    "dangling $ref: #/components/schemas/Owner",
    "dangling_nested_ref.json": "#/components/schemas/Tag/$ref: dangling $ref: "
    "#/components/schemas/Pet/properties/nickname (no 'nickname' there)",
    "dangling_parameter_ref.yaml": "#/paths/~1pets/get/parameters/0/$ref: dangling "
    "$ref: #/components/parameters/Limit (no 'components' there)",
    "missing_ref_file.yaml": "#/paths/~1pets/get/responses/200/content/"
    "application~1json/schema/$ref: $ref to a missing file: ./schemas/pet.yaml#/Pet",
    "ref_to_broken_file.json": "#/components/schemas/Pet/$ref: $ref "
    "malformed_trailing_comma.json#/info: malformed_trailing_comma.json:5: "
    "invalid JSON: Expecting property name enclosed in double quotes (column 1)",
    "ref_cycle.yaml": "#/components/parameters/A: $ref cycle",
    "swagger_2_dangling_definition.yaml": "#/definitions/Pet/properties/owner/$ref: "
    "dangling $ref: #/definitions/Owner",
    # valid JSON/YAML, invalid OpenAPI: the pointer of the offending node
    "paths_is_a_list.yaml": "#/paths: paths must be an object, got an array",
    "parameters_not_a_list.yaml": "#/paths/~1pets/get/parameters: parameters must be "
    "an array, got a number",
    "operation_id_not_a_string.yaml": "#/paths/~1pets/get/operationId: operationId "
    "must be a string, got a number",
    "parameter_without_in.yaml": "#/paths/~1pets/get/parameters/0: parameter needs a "
    "'name' and 'in' (path, query, header or cookie)",
    "path_with_line_break.json": "#/paths/~1pets\\n~1admin: path contains a control "
    "character",
    "unknown_type.yaml": "#/components/schemas/Pet/properties/name/type: unknown type "
    "'strnig'",
    "schema_not_an_object.yaml": "#/components/schemas/Pet/properties/name: schema "
    "must be an object, got a string",
    "required_not_a_list.yaml": "#/components/schemas/Pet/required: 'required' must "
    "be a list of property names",
    "min_length_not_integer.yaml": "#/components/schemas/Name/minLength: minLength "
    "must be a non-negative integer",
    "multiple_of_zero.yaml": "#/components/schemas/Step/multipleOf: multipleOf must "
    "be a number > 0",
    "schema_too_deep.json": "#/components/schemas/Deep" + "/items" * 100 + ": schema "
    "nested deeper than 100 levels",
    "api_key_without_name.yaml": "#/components/securitySchemes/key: an apiKey "
    "security scheme needs 'name' and 'in'",
    "invalid_server_url.yaml": "#/servers/0/url: invalid server url: Invalid IPv6 URL",
    "swagger_2_collection_format_tsv.yaml": "#/paths/~1pets/get/parameters/0/"
    "collectionFormat: collectionFormat 'tsv' of a query parameter has no OpenAPI 3 "
    "equivalent",
}


def test_every_corpus_file_has_its_expected_message() -> None:
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_spec_exits_2_with_one_line_and_writes_nothing(
    name: str, tmp_path: Path
) -> None:
    stderr = refused(name, CORPUS, tmp_path / "out")
    # The whole of stderr: one line, so no traceback and nothing else.
    expected = EXPECTED[name].format(corpus=CORPUS)
    assert stderr == f"sdkgen: error: {name}{expected}\n"
