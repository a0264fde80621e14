"""`sdkgen pin` and `sdkgen pins` in temporary projects, through the real CLI: files and
URLs (a loopback server), upstream recorded, digests checked; every bad input exits 2
with one line naming the file or URL and leaves the project as it was."""

from __future__ import annotations

import hashlib
import json
import socket
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from generator.config import CONFIG_NAME
from generator.specs import read_pin
from inline_spec import spec
from loopback import Loopback
from run_cli import sdkgen
from test_project_config import tree

COMMIT = "0123456789abcdef0123456789abcdef01234567"
SPEC = spec(
    {
        "/pets": {
            "get": {
                "operationId": "listPets",
                "responses": {"200": {"description": "ok"}},
            }
        }
    },
    {"Pet": {"type": "object"}, "Owner": {"type": "object"}},
    title="Pets",
    version="2024-05-01",
)
SPEC_BYTES = json.dumps(SPEC).encode()
SPEC_SHA = hashlib.sha256(SPEC_BYTES).hexdigest()
NO_OVERRIDES = {"SDKGEN_SPEC_MIRROR": "", "SDKGEN_SPEC_URL": ""}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    assert sdkgen("init", cwd=folder).returncode == 0
    return folder


def run(project: Path, *args: str, env: dict[str, str] | None = None):
    return sdkgen(*args, cwd=project, env={**NO_OVERRIDES, **(env or {})})


def fails(result, expected: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr == f"sdkgen: error: {expected}\n"


def test_pin_a_file_copies_it_into_the_mirror_and_lists_it(project: Path) -> None:
    source = project.parent / "pets.json"
    source.write_bytes(SPEC_BYTES)
    result = run(project, "pin", str(source))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        f"pinned 2024-05-01 spec: 1 operations, 2 schemas, sha256 {SPEC_SHA}"
    )
    pin = read_pin(project / "specs" / "2024-05-01.toml")
    assert (pin.openapi.mirror_path, pin.openapi.sha256) == (
        "2024-05-01/pets.json",
        SPEC_SHA,
    )
    assert (pin.openapi.repo, pin.openapi.url, pin.markdown) == (None, None, None)
    assert (
        project / "specs" / "mirror" / "2024-05-01" / "pets.json"
    ).read_bytes() == SPEC_BYTES

    listed = run(project, "pins")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        "api-version  operations  schemas  sha256",
        f"2024-05-01            1        2  {SPEC_SHA}",
    ]
    as_json = json.loads(run(project, "pins", "--format", "json").stdout)
    assert as_json == {
        "pins": [
            {
                "api_version": "2024-05-01",
                "operations": 1,
                "schemas": 2,
                "sha256": SPEC_SHA,
                "markdown": False,
            }
        ]
    }


def test_pin_records_the_upstream_it_is_given(project: Path) -> None:
    source = project.parent / "pets.json"
    source.write_bytes(SPEC_BYTES)
    result = run(
        project,
        "pin",
        str(source),
        "--api-version",
        "2030-01-01",
        "--repo",
        "acme/pets-api",
        "--commit",
        COMMIT,
        "--path",
        "openapi/pets.json",
    )
    assert result.returncode == 0, result.stderr
    pin = read_pin(project / "specs" / "2030-01-01.toml")
    assert (pin.openapi.repo, pin.openapi.commit, pin.openapi.path) == (
        "acme/pets-api",
        COMMIT,
        "openapi/pets.json",
    )
    assert f"  upstream: acme/pets-api@{COMMIT} openapi/pets.json" in result.stdout


def test_pin_a_raw_url_records_its_upstream_and_generate_downloads_it_again(
    project: Path, server: Loopback, tmp_path: Path
) -> None:
    raw = {
        "SDKGEN_SPEC_URL": server.url + "/{repo}/{commit}/{path}",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    url = f"{server.url}/acme/pets-api/{COMMIT}/specs/v1/pets.json"
    server.reply(200, SPEC_BYTES)
    result = run(project, "pin", url, env=raw)
    assert result.returncode == 0, result.stderr
    pin = read_pin(project / "specs" / "2024-05-01.toml")
    assert (
        pin.openapi.repo,
        pin.openapi.commit,
        pin.openapi.path,
        pin.openapi.url,
    ) == ("acme/pets-api", COMMIT, "specs/v1/pets.json", None)
    # the mirror copy gone (a fresh clone without it): fetched from upstream, verified
    (project / "specs" / "mirror" / pin.openapi.mirror_path).unlink()
    server.reply(200, SPEC_BYTES)
    generated = run(project, "generate", env=raw)
    assert generated.returncode == 0, generated.stderr
    assert server.last().path == f"/acme/pets-api/{COMMIT}/specs/v1/pets.json"
    # the project's distribution, by init's default names
    assert (project / "generated/project/src/project/__init__.py").is_file()


def test_pin_another_url_records_the_url(project: Path, server: Loopback) -> None:
    server.reply(200, SPEC_BYTES)
    url = f"{server.url}/downloads/pets%20spec.json?token=1"
    result = run(project, "pin", url)
    assert result.returncode == 0, result.stderr
    pin = read_pin(project / "specs" / "2024-05-01.toml")
    assert (pin.openapi.url, pin.openapi.repo) == (url, None)
    assert pin.openapi.mirror_path == "2024-05-01/pets_spec.json"


def test_repinning_updates_the_pin_and_keeps_its_markdown(project: Path) -> None:
    source = project.parent / "pets.json"
    source.write_bytes(SPEC_BYTES)
    assert run(project, "pin", str(source)).returncode == 0
    pin_file = project / "specs" / "2024-05-01.toml"
    markdown = '\n[markdown]\nmirror-path = "ref.md"\nsha256 = "' + "0" * 64 + '"\n'
    pin_file.write_text(pin_file.read_text() + markdown)
    changed = {**SPEC, "paths": {}}
    source.write_text(json.dumps(changed))
    result = run(project, "pin", str(source))
    assert result.returncode == 0, result.stderr
    pin = read_pin(pin_file)
    assert pin.openapi.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert pin.markdown is not None and pin.markdown.mirror_path == "ref.md"


def test_a_pinned_file_that_changes_fails_with_both_digests(project: Path) -> None:
    source = project.parent / "pets.json"
    source.write_bytes(SPEC_BYTES)
    assert run(project, "pin", str(source)).returncode == 0
    mirrored = project / "specs" / "mirror" / "2024-05-01" / "pets.json"
    mirrored.write_bytes(SPEC_BYTES + b"\n")
    actual = hashlib.sha256(SPEC_BYTES + b"\n").hexdigest()
    # paths as the user would type them in the project folder
    expected = (
        "specs/mirror/2024-05-01/pets.json: sha256 mismatch: expected "
        f"{SPEC_SHA} (pinned in specs/2024-05-01.toml), actual {actual}"
    )
    for command in (
        ["generate"],
        ["pins"],
        ["check"],
        ["diff", "2024-05-01", "2024-05-01"],
    ):
        fails(run(project, *command), expected)
    assert not (project / "generated").exists()


@contextmanager
def endless_body() -> Iterator[str]:
    """A server that streams a body with no Content-Length, more than any limit."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            self.send_response(200)
            self.end_headers()
            try:
                for _ in range(1000):
                    self.wfile.write(b" " * 65536)
            except (BrokenPipeError, ConnectionResetError):
                pass

    httpd = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/spec.json"
    finally:
        httpd.shutdown()
        httpd.server_close()


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/spec.json"


def test_bad_pins_exit_2_naming_the_file_or_url_and_change_nothing(
    project: Path, server: Loopback
) -> None:
    before = tree(project)
    outside = project.parent
    (outside / "folder").mkdir()
    (outside / "package.json").write_text('{"name": "pets", "version": "1.0.0"}')
    (outside / "odd.json").write_text(
        json.dumps({**SPEC, "info": {"title": "t", "version": "1 beta"}})
    )
    (outside / "pets.json").write_bytes(SPEC_BYTES)

    fails(
        run(project, "pin", str(outside / "nope.json")),
        f"{outside / 'nope.json'}: no such file",
    )
    fails(
        run(project, "pin", str(outside / "folder")),
        f"{outside / 'folder'}: is a folder, not a spec file",
    )
    fails(
        run(project, "pin", str(outside / "package.json")),
        f"{outside / 'package.json'}#/openapi: not an OpenAPI document: no 'openapi' version field",
    )
    fails(
        run(project, "pin", str(outside / "odd.json")),
        f"{outside / 'odd.json'}: info.version '1 beta' cannot name a pin file "
        "(letters, digits, '.', '_', '-'); pass --api-version",
    )
    fails(
        run(project, "pin", str(outside / "pets.json"), "--api-version", "../x"),
        "--api-version: '../x' cannot name a pin file (letters, digits, '.', '_', '-')",
    )
    fails(
        run(project, "pin", str(outside / "pets.json"), "--repo", "acme/pets"),
        "sdkgen pin: --repo, --commit and --path go together",
    )
    fails(
        run(
            project,
            "pin",
            str(outside / "pets.json"),
            "--repo",
            "acme/pets",
            "--commit",
            "main",
            "--path",
            "p.json",
        ),
        "--commit: 'main' is not a full commit hash",
    )

    url = server.url + "/spec.json"
    server.reply(404, b"no")
    fails(run(project, "pin", url), f"{url}: download failed: HTTP 404 Not Found")
    server.reply(200, b"<html>not a spec</html>")
    fails(
        run(project, "pin", url),
        f"{url}:1: invalid JSON: Expecting value (column 1)",
    )
    server.reply(200, SPEC_BYTES, delay=3)
    fails(
        run(project, "pin", url, "--timeout", "0.5"),
        f"{url}: download failed: timed out after 0.5 s",
    )
    server.reply(200, SPEC_BYTES)
    fails(
        run(project, "pin", url, "--max-size", "100"),
        f"{url}: download failed: larger than 100 bytes",
    )
    with endless_body() as endless:
        fails(
            run(project, "pin", endless, "--max-size", "1000000"),
            f"{endless}: download failed: larger than 1000000 bytes",
        )
    refused = closed_port_url()
    fails(
        run(project, "pin", refused), f"{refused}: download failed: Connection refused"
    )
    assert tree(project) == before


def test_pin_refuses_to_overwrite_a_mirror_file_no_pin_names(project: Path) -> None:
    source = project.parent / "pets.json"
    source.write_bytes(SPEC_BYTES)
    foreign = project / "specs" / "mirror" / "2024-05-01" / "pets.json"
    foreign.parent.mkdir(parents=True)
    foreign.write_text("mine")
    fails(
        run(project, "pin", str(source)),
        f"specs/mirror/2024-05-01/pets.json: exists with other bytes than {source} "
        "and no pin names it; "
        "not overwriting it",
    )
    assert (
        foreign.read_text() == "mine"
        and not (project / "specs" / "2024-05-01.toml").exists()
    )


def test_pin_without_a_project_says_to_run_init(tmp_path: Path) -> None:
    source = tmp_path / "pets.json"
    source.write_bytes(SPEC_BYTES)
    fails(
        run(tmp_path, "pin", str(source)),
        "sdkgen: no sdkgen.toml in this folder or above to pin into: run `sdkgen init` "
        "first (or pass --pins and --mirror)",
    )
    assert [p.name for p in tmp_path.iterdir()] == ["pets.json"]


def test_pin_into_flag_given_folders_without_a_config(tmp_path: Path) -> None:
    source = tmp_path / "pets.json"
    source.write_bytes(SPEC_BYTES)
    pins, mirror = tmp_path / "pins", tmp_path / "mirror"
    result = run(
        tmp_path, "pin", str(source), "--pins", str(pins), "--mirror", str(mirror)
    )
    assert result.returncode == 0, result.stderr
    assert read_pin(pins / "2024-05-01.toml").openapi.sha256 == SPEC_SHA
    assert (mirror / "2024-05-01" / "pets.json").read_bytes() == SPEC_BYTES
    assert not (tmp_path / CONFIG_NAME).exists()


def test_a_read_only_mirror_is_never_written(project: Path, tmp_path: Path) -> None:
    """Like this repo's shared mirror: a file already in it is pinned in place, any
    other is refused, even for a user (root) the file system would let write."""
    mirror = tmp_path / "shared"
    (mirror / "v1").mkdir(parents=True)
    inside = mirror / "v1" / "pets.json"
    inside.write_bytes(SPEC_BYTES)
    for folder in (mirror / "v1", mirror):
        folder.chmod(0o555)
    outside = tmp_path / "pets.json"
    outside.write_text(json.dumps({**SPEC, "paths": {}}))
    try:
        pinned = run(project, "pin", str(inside), "--mirror", str(mirror))
        assert pinned.returncode == 0, pinned.stderr
        assert "(already there)" in pinned.stdout
        assert read_pin(project / "specs" / "2024-05-01.toml").openapi.mirror_path == (
            "v1/pets.json"
        )
        before = tree(project)
        fails(
            run(
                project,
                "pin",
                str(outside),
                "--api-version",
                "v2",
                "--mirror",
                str(mirror),
            ),
            f"{mirror}: the mirror folder is read-only: pin a file already in it, or "
            "point paths.mirror at a folder of the project",
        )
        assert tree(project) == before
        assert sorted(p.name for p in mirror.rglob("*")) == ["pets.json", "v1"]
    finally:
        for folder in (mirror, mirror / "v1"):
            folder.chmod(0o755)
