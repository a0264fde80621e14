"""A configured project's SDK as one publishable distribution: every pinned
api-version in one package with a stable import name.

    <output>/<package.name>/
        pyproject.toml        PEP 621 metadata, hatchling build
        README.md  api.md  CHANGELOG.md
        src/<import-name>/    the package (py.typed, __version__, _versions.py)

The package is generated from the union of the pins (union.py) with availability
from their diffs (versioning.py); the version and CHANGELOG.md come from the release
history in the lock (generator.release.history).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .. import __version__ as SDKGEN_VERSION
from ..config import PackageMetadata, Project
from ..ir import Api
from ..release.history import History, changelog_entries, code_digest, parse_version
from .identity import Identity, version_file
from .readme import PYTHON, api_reference, readme
from .render import GeneratedPackage, environment, render_package
from .union import union_api
from .versioning import Availability, availability

if TYPE_CHECKING:
    import jinja2

# The lowest releases the emitted runtime works with, checked by installing exactly
# these into a fresh venv (tests/codegen/test_distribution.py): pydantic 2.4 for
# ValidationError.errors(include_input=...), httpx 0.24 for streamed lines.
DEPENDENCIES = ("httpx>=0.24.0,<1", "pydantic>=2.4.0,<3")
PYTHON_CLASSIFIERS = ("3.11", "3.12", "3.13")


@dataclass(frozen=True)
class Distribution:
    """A rendered distribution before its version is stamped."""

    package: PackageMetadata
    api_versions: tuple[str, ...]  # oldest first
    generated: GeneratedPackage
    available: Availability
    identity: Identity
    code_files: dict[str, str]  # relative to the output folder
    code: str  # their digest

    @property
    def root(self) -> str:
        return self.package.name

    @property
    def source_dir(self) -> str:
        """The folder to put on sys.path (relative to the output folder)."""
        return f"{self.root}/src"

    def stamped(self, history: History) -> tuple[str, dict[str, str]]:
        """The version the history gives this code, and every file with it."""
        version = history.stamp(self.code, self.api_versions)
        env = environment()
        files = dict(self.code_files)
        identity = replace(self.identity, version=version)
        module = f"{self.source_dir}/{self.package.import_name}"
        files[f"{module}/_version.py"] = version_file(env, identity)
        files[f"{self.root}/pyproject.toml"] = _pyproject(
            env, self.package, version, self.api_versions
        )
        entries = changelog_entries(history, version)
        files[f"{self.root}/CHANGELOG.md"] = _render(
            env, "distribution/CHANGELOG.md.j2", {"entries": entries}
        )
        return version, files


def render_distribution(project: Project, apis: dict[str, Api]) -> Distribution:
    """`apis`: every pinned api-version's IR, oldest first."""
    package = project.package
    assert package is not None, "a distribution needs the config's [package]"
    versions = tuple(apis)
    available = availability(apis, project.conventions)
    union = union_api(apis, available)
    identity = Identity(
        package.name,
        "0.0.0",
        versions,
        available,
        project.conventions.user_agent_header,
    )
    generated = render_package(
        union, package.import_name, versions[-1], project.conventions, identity
    )
    module = f"{package.name}/src/{package.import_name}"
    files = {f"{module}/{rel}": text for rel, text in generated.files.items()}
    env = environment()
    files[f"{package.name}/README.md"] = readme(env, package, apis, generated)
    files[f"{package.name}/api.md"] = api_reference(
        env, package, versions, generated, available
    )
    code = code_digest(files, release_files(package))
    return Distribution(package, versions, generated, available, identity, files, code)


def release_files(package: PackageMetadata) -> set[str]:
    """The files that depend on the release, not on the code."""
    return {
        f"{package.name}/pyproject.toml",
        f"{package.name}/CHANGELOG.md",
        f"{package.name}/src/{package.import_name}/_version.py",
    }


def _pyproject(
    env: jinja2.Environment,
    package: PackageMetadata,
    version: str,
    api_versions: tuple[str, ...],
) -> str:
    stable = parse_version(version) is not None and not version.startswith("0.")
    classifiers = [
        "Development Status :: " + ("5 - Production/Stable" if stable else "4 - Beta"),
        "Intended Audience :: Developers",
        "Operating System :: OS Independent",
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3 :: Only",
        *(f"Programming Language :: Python :: {v}" for v in PYTHON_CLASSIFIERS),
        "Typing :: Typed",
    ]
    return _render(
        env,
        "distribution/pyproject.toml.j2",
        {
            "sdkgen_version": SDKGEN_VERSION,
            "api_versions": api_versions,
            "package": package,
            "version": version,
            "requires_python": f">={PYTHON}",
            "classifiers": classifiers,
            "dependencies": DEPENDENCIES,
        },
    )


def _render(env: jinja2.Environment, template: str, context: dict) -> str:
    return env.get_template(template).render(context).rstrip("\n") + "\n"
