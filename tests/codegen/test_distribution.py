"""The project's SDK as one distribution: it builds, passes twine, installs into a fresh
venv with its declared dependencies (at their lower bounds) and imports by its stable
name; its clients send each pinned api-version and a User-Agent, and refuse calls and
arguments an older api-version lacks before sending. Removed operations and arguments
stay callable for the api-versions that had them; pins one surface cannot serve are
refused with both api-versions and pointers, nothing written."""

from __future__ import annotations

import importlib
import platform
import re
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path
from typing import Any

import httpx
import pytest

from distribution_smoke import CHAT
from generator import cli
from loopback import Loopback
from pinned_surface import assert_refused
from inline_spec import API_VERSION
from project_specs import make_project, operation, spec
from real_specs import PINNED

TESTS = Path(__file__).resolve().parents[1]
MESSAGES = [{"role": "user", "content": "Hi"}]


def run(*command: str, cwd: Path | None = None) -> str:
    result = subprocess.run(command, capture_output=True, text=True, cwd=cwd)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result.stdout


def test_builds_passes_twine_and_installs_alone_at_its_lower_bounds(
    generation: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    out, report = generation
    folder = out / report["distribution"]
    dist = tmp_path / "dist"
    run(
        sys.executable,
        "-m",
        "build",
        "--no-isolation",
        "--outdir",
        str(dist),
        str(folder),
    )
    wheels, sdists = list(dist.glob("*.whl")), list(dist.glob("*.tar.gz"))
    assert len(wheels) == len(sdists) == 1
    run(sys.executable, "-m", "twine", "check", "--strict", *map(str, wheels + sdists))
    with tarfile.open(sdists[0]) as sdist:
        names = {Path(n).name for n in sdist.getnames()}
    assert {
        "README.md",
        "CHANGELOG.md",
        "api.md",
        "py.typed",
        "pyproject.toml",
    } <= names

    project = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))
    dependencies = project["project"]["dependencies"]
    assert [re.split(r"[<>=]", d)[0] for d in dependencies] == ["httpx", "pydantic"]
    lowest = [re.sub(r">=([^,]+).*", r"==\1", d) for d in dependencies]
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", str(venv))
    python = str(venv / "bin" / "python")
    run(python, "-m", "pip", "install", "--quiet", str(wheels[0]), *lowest)
    installed = run(python, "-m", "pip", "list", "--format=freeze", "--exclude", "pip")
    versions = dict(line.split("==") for line in installed.split())
    assert versions["azure-openai-inference"] == project["project"]["version"]
    assert [f"{name}=={versions[name]}" for name in ("httpx", "pydantic")] == lowest
    smoke = [python, str(TESTS / "distribution_smoke.py"), report["package"]]
    out_text = run(
        *smoke, report["distribution"], project["project"]["version"], cwd=tmp_path
    )
    assert out_text.strip() == "distribution smoke: ok"


def test_the_default_is_the_newest_pin_and_each_pin_is_sent(
    package: Any, server: Loopback
) -> None:
    assert package.API_VERSIONS == tuple(PINNED)
    assert package.DEFAULT_API_VERSION == PINNED[-1]
    for api_version in (None, *PINNED):
        options = {"api_version": api_version} if api_version else {}
        client = package.Client(endpoint=server.url, api_key="k", **options)
        server.reply(200, CHAT)
        client.chat.completions.create(deployment_id="d", messages=MESSAGES)
        assert server.last().query == {"api-version": [api_version or PINNED[-1]]}


def test_requests_name_the_distribution_its_version_python_and_httpx(
    package: Any, generation: tuple[Path, dict[str, Any]], server: Loopback
) -> None:
    server.reply(200, CHAT)
    client = package.Client(endpoint=server.url, api_key="k")
    client.chat.completions.create(deployment_id="d", messages=MESSAGES)
    python = ".".join(platform.python_version_tuple()[:2])
    version = generation[1]["version"]
    assert server.last().headers["user-agent"] == (
        f"azure-openai-inference/{version} Python/{python} httpx/{httpx.__version__}"
    )
    assert package.__version__ == version
    assert "x-ms-useragent" not in server.last().headers  # not configured here


def test_an_argument_an_older_api_version_lacks_is_refused(
    package: Any, server: Loopback
) -> None:
    old = package.Client(endpoint=server.url, api_key="k", api_version="2024-10-21")
    message = assert_refused(
        lambda: old.chat.completions.create(
            deployment_id="d", messages=MESSAGES, store=True
        ),
        server,
        "2024-10-21",
    )
    assert message == (
        "client.chat.completions.create(store=...) is not available in api-version "
        "2024-10-21; it was added in 2024-12-01-preview"
    )
    newer = package.Client(
        endpoint=server.url, api_key="k", api_version="2024-12-01-preview"
    )
    server.reply(200, CHAT)
    newer.chat.completions.create(deployment_id="d", messages=MESSAGES, store=True)
    assert server.last().json()["store"] is True


def test_an_operation_an_older_api_version_lacks_is_refused(
    package: Any, server: Loopback
) -> None:
    old = package.AsyncClient(
        endpoint=server.url, api_key="k", api_version="2024-10-21"
    )
    import asyncio

    with pytest.raises(package.APIVersionError) as refused:
        asyncio.run(old.assistants.create(model="gpt-4o"))
    assert str(refused.value) == (
        "client.assistants.create() is not available in api-version 2024-10-21; "
        "it was added in 2024-12-01-preview"
    )
    assert isinstance(refused.value, package.ConfigurationError)
    assert server.requests == []


LIMIT = {"name": "limit", "in": "query", "schema": {"type": "integer"}}
V1 = spec(
    "2024-01-01",
    {
        "/things": {"get": operation("listThings", parameters=[LIMIT])},
        "/old": {"get": operation("getOld")},
    },
)
V2 = spec(
    "2024-06-01",
    {
        "/things": {
            "get": operation(
                "listThings",
                parameters=[
                    {"name": "color", "in": "query", "schema": {"type": "string"}}
                ],
            ),
            "post": operation(
                "createThing",
                body={"type": "object", "properties": {"size": {"type": "integer"}}},
            ),
        }
    },
)


@pytest.fixture(scope="module")
def versioned(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A two-pin distribution: the newer pin drops an operation and a parameter and
    adds others; an x-ms-useragent header is configured."""
    root = make_project(
        tmp_path_factory.mktemp("versioned"),
        {"2024-01-01": V1, "2024-06-01": V2},
        '[conventions]\nuser-agent-header = "x-ms-useragent"\n',
    )
    assert cli.main(["generate", "--config", str(root / "sdkgen.toml")]) == 0
    sys.path.insert(0, str(root / "generated" / "things-sdk" / "src"))
    try:
        return importlib.import_module("things")
    finally:
        sys.path.pop(0)


def test_removed_operations_and_arguments_stay_callable_where_they_were(
    versioned: Any, server: Loopback
) -> None:
    old = versioned.Client(endpoint=server.url, api_key="k", api_version="2024-01-01")
    new = versioned.Client(endpoint=server.url, api_key="k")
    thing = {"id": "t"}
    server.reply(200, thing)
    old.things.list(limit=3)
    assert server.last().query == {"api-version": ["2024-01-01"], "limit": ["3"]}
    server.reply(200, thing)
    old.old.list()
    assert server.last().path == "/api/old"
    assert assert_refused(lambda: new.old.list(), server, "2024-06-01") == (
        "client.old.list() is not available in api-version 2024-06-01; "
        "it was removed in 2024-06-01"
    )
    assert assert_refused(lambda: new.things.list(limit=3), server, "2024-06-01") == (
        "client.things.list(limit=...) is not available in api-version 2024-06-01; "
        "it was removed in 2024-06-01"
    )
    assert assert_refused(lambda: old.things.create(size=1), server, "2024-01-01") == (
        "client.things.create() is not available in api-version 2024-01-01; "
        "it was added in 2024-06-01"
    )
    assert_refused(lambda: old.things.list(color="red"), server, "2024-01-01")
    server.reply(200, thing)
    new.things.list(color="red")
    sent = server.last()
    assert sent.query == {"api-version": ["2024-06-01"], "color": ["red"]}
    assert sent.headers["x-ms-useragent"] == sent.headers["user-agent"]
    assert sent.headers["user-agent"].startswith("things-sdk/0.1.0.dev0 Python/")


def _refused(tmp_path: Path, newer: dict[str, Any], capsys: Any) -> str:
    root = make_project(tmp_path / "p", {"2024-01-01": V1, "2024-06-01": newer})
    assert cli.main(["generate", "--config", str(root / "sdkgen.toml")]) == 2
    assert not (root / "generated").exists()  # nothing half-written
    return capsys.readouterr().err


def test_an_operation_id_moved_to_another_path_is_refused(
    tmp_path: Path, capsys: Any
) -> None:
    moved = spec("2024-06-01", {"/items": {"get": operation("listThings")}})
    error = _refused(tmp_path, moved, capsys)
    assert error.startswith(
        "sdkgen: error: "
        + str(tmp_path / "p/mirror/2024-06-01/openapi.json")
        + "#/paths/~1items/get: operationId listThings is GET /items in api-version "
        "2024-06-01 but GET /things in 2024-01-01 ("
    )
    assert "mirror/2024-01-01/openapi.json#/paths/~1things/get)" in error


def test_a_parameter_whose_type_changed_is_refused(tmp_path: Path, capsys: Any) -> None:
    text = {"name": "limit", "in": "query", "schema": {"type": "string"}}
    retyped = spec(
        "2024-06-01",
        {
            "/things": {"get": operation("listThings", parameters=[text])},
            "/old": {"get": operation("getOld")},
        },
    )
    error = _refused(tmp_path, retyped, capsys)
    assert "/paths/~1things/get/parameters/1/schema: " in error
    assert "in api-version 2024-06-01 but 'integer' in 2024-01-01 (" in error
    assert "2024-01-01/openapi.json#/paths/~1things/get/parameters/1/schema)" in error
    assert API_VERSION["name"] == "api-version"
