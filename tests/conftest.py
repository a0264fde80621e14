"""Shared fixtures: real specs from the mirror, generation into temp folders, loopback."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest

from generator.codegen.generate import generate_all

sys.path.insert(0, str(Path(__file__).parent))

from loopback import Loopback  # noqa: E402

# the golden record's packages are emitted code to compare, not tests to collect
collect_ignore = ["golden"]


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty home for sdkgen's caches (XDG_CACHE_HOME) for this test alone."""
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def generation(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[str, Any]]:
    """The project's distribution (every pinned api-version in one package) generated
    once for the session, its package folder on sys.path, and its report."""
    from real_specs import PROJECT

    out = tmp_path_factory.mktemp("generated")
    (result,) = generate_all([], out, project=PROJECT)
    sys.path.insert(0, result.report["package_dir"])
    return out, result.report


@pytest.fixture(scope="session")
def generated_root(generation: tuple[Path, dict[str, Any]]) -> Path:
    """The folder holding the distribution's package (its src/)."""
    return Path(generation[1]["package_dir"])


@pytest.fixture(scope="session")
def package(generation: tuple[Path, dict[str, Any]]) -> Any:
    """The distribution's package, imported by its stable name."""
    return importlib.import_module(generation[1]["package"])


@pytest.fixture(scope="session")
def sdk(package: Any):
    """The distribution's package as seen by a caller of one pinned api-version:
    its Client and AsyncClient use that api-version unless told otherwise."""

    def load(api_version: str) -> Any:
        assert api_version in package.API_VERSIONS, api_version
        return PinnedPackage(package, api_version)

    return load


class PinnedPackage:
    def __init__(self, package: Any, api_version: str) -> None:
        self._package = package
        self.api_version = api_version
        self.Client = _pinned(package.Client, api_version)
        self.AsyncClient = _pinned(package.AsyncClient, api_version)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._package, name)


def _pinned(cls: type, api_version: str) -> type:
    def __init__(self: Any, **options: Any) -> None:
        options.setdefault("api_version", api_version)
        cls.__init__(self, **options)

    return type(cls.__name__, (cls,), {"__init__": __init__})


@pytest.fixture(scope="session")
def spec_generation(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[str, dict[str, Any]]]:
    """Every pinned api-version generated alone (`sdkgen generate SPEC`), for tests
    about one spec's package: its models, its operations, its types."""
    from real_specs import PINNED, PROJECT

    out = tmp_path_factory.mktemp("per-spec")
    results = generate_all(PINNED, out, project=PROJECT)
    sys.path.insert(0, str(out))
    return out, {r.report["api_version"]: r.report for r in results}


@pytest.fixture(scope="session")
def spec_sdk(spec_generation: tuple[Path, dict[str, dict[str, Any]]]):
    """The package generated from one pinned api-version alone, imported."""

    def load(api_version: str) -> Any:
        return importlib.import_module(spec_generation[1][api_version]["package"])

    return load


@pytest.fixture
def server() -> Iterator[Loopback]:
    with Loopback() as loopback:
        yield loopback


_counter = iter(range(1_000_000))


@pytest.fixture
def build(tmp_path: Path):
    """Generates a package from an inline spec dict and imports it."""

    def make(spec: dict[str, Any], fmt: str = "json") -> Any:
        name = f"inline_pkg_{next(_counter)}"
        spec_file = tmp_path / f"{name}.{fmt}"
        if fmt == "json":
            spec_file.write_text(json.dumps(spec), encoding="utf-8")
        else:
            import yaml

            spec_file.write_text(yaml.safe_dump(spec), encoding="utf-8")
        out = tmp_path / "out"
        generate_all([str(spec_file)], out, package=name)
        if str(out) not in sys.path:
            sys.path.insert(0, str(out))
        return importlib.import_module(name)

    return make


@pytest.fixture(autouse=True)
def yaml_written_loads_alike(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every YAML file a test writes under its tmp_path: the fast path reads it as
    PyYAML does, or declines (tests/parse/test_yaml_loader.py has the rest)."""
    if "tmp_path" not in request.fixturenames:
        yield
        return
    tmp_path = request.getfixturevalue("tmp_path")  # torn down after this fixture
    yield
    from yaml_equality import check_file

    for path in (*tmp_path.rglob("*.yaml"), *tmp_path.rglob("*.yml")):
        if path.is_file() and path.stat().st_size < 4_000_000:
            check_file(path)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Per spec and Prism mode, the conformance counts that test_prism_conformance
    recorded: calls made, accepted where judged, and responses parsed strictly."""
    rows: dict[tuple[str, str], dict[str, int]] = {}
    for reports in terminalreporter.stats.values():
        for report in reports:
            if getattr(report, "when", None) != "call":
                continue
            for name, outcome in getattr(report, "user_properties", ()):
                if name != "prism":
                    continue
                row = rows.setdefault((outcome["spec"], outcome["mode"]), {})
                row["calls"] = row.get("calls", 0) + 1
                for key in ("result", "response"):
                    if key in outcome:
                        label = f"{key}:{outcome[key]}"
                        row[label] = row.get(label, 0) + 1
    if not rows:
        return
    terminalreporter.section("Prism conformance")
    terminalreporter.write_line(
        "spec / mode: calls; client requests accepted / judged (control accepted);"
        " control refused (listed); responses parsed strictly / conforming;"
        " nonconforming mock responses"
    )
    for (spec, mode), row in sorted(rows.items()):
        judged = row.get("result:accepted", 0) + row.get("result:refused", 0)
        conforming = row.get("response:parsed", 0) + row.get("response:failed", 0)
        terminalreporter.write_line(
            f"{spec} {mode}: {row['calls']} calls; accepted {row.get('result:accepted', 0)}"
            f"/{judged}; control refused {row.get('result:control-refused', 0)};"
            f" parsed {row.get('response:parsed', 0)}/{conforming};"
            f" nonconforming {row.get('response:nonconforming', 0)}"
        )
