"""The project configuration: sdkgen.toml, found in the current folder or above.

    [package]      the SDK: distribution and import name, description, license, ...
    [paths]        output folder, pins folder, spec mirror (relative to the file)
    [conventions]  service conventions (generator.conventions), names with dashes

Every key is checked: an unknown key or a value of the wrong type is a one-line
UserError naming the file and the key. Without a config file a project has no pins,
writes to ./generated and uses the default conventions, so commands given a spec
file work anywhere.
"""

from __future__ import annotations

import keyword
import os
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Callable

from .conventions import Conventions
from .errors import UserError

CONFIG_NAME = "sdkgen.toml"
# Overrides the config's mirror: CI machines keep the mirror where they like.
MIRROR_ENV = "SDKGEN_SPEC_MIRROR"
DEFAULT_PATHS = {"output": "generated", "pins": "specs", "mirror": "specs/mirror"}
_DISTRIBUTION = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$")
_LOCATIONS = ("query", "header", "path", "cookie")


@dataclass(frozen=True)
class Author:
    """An author of the published SDK."""

    name: str = ""
    email: str = ""


@dataclass(frozen=True)
class PackageMetadata:
    """What the published SDK is called and says about itself."""

    name: str  # the distribution: `pip install NAME`
    import_name: str  # `import NAME`
    description: str = ""
    license: str = ""  # an SPDX expression
    authors: tuple[Author, ...] = ()
    homepage: str = ""


@dataclass(frozen=True)
class Project:
    """A configured project; `Project()` is the one without a config file."""

    config_file: Path | None = None
    package: PackageMetadata | None = None
    output: Path = Path("generated")
    pins: Path | None = None  # folder of <api-version>.toml pins
    mirror: Path | None = None  # folder pinned files are read from and copied into
    conventions: Conventions = field(default_factory=Conventions)


def project_of(args: Any) -> Project:
    """The project a command's arguments name (generator.commands.add_project_options)."""
    project = load_project(args.config)
    if args.pins is not None:
        project = replace(project, pins=args.pins)
    if args.mirror is not None:
        project = replace(project, mirror=args.mirror)
    return project


def find_config(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_project(config_file: Path | None = None) -> Project:
    """The project of `config_file`, else of the sdkgen.toml found from the current
    folder upward, else a project without a config."""
    if config_file is None:
        found = find_config(Path.cwd().absolute())
        config_file = _near(found) if found else None
    env_mirror = os.environ.get(MIRROR_ENV)
    if config_file is None:
        return Project(mirror=Path(env_mirror) if env_mirror else None)
    project = parse_config(config_file, _read(config_file))
    return replace(project, mirror=Path(env_mirror)) if env_mirror else project


def _near(path: Path) -> Path:
    """Relative to the current folder when under it, so messages name paths the way
    the user would type them."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _read(config_file: Path) -> str:
    source = str(config_file)
    try:
        return config_file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(source, "no such config file") from None
    except UnicodeDecodeError as exc:
        raise UserError(source, f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise UserError(source, f"cannot read: {exc.strerror}") from None


def parse_config(config_file: Path, text: str) -> Project:
    """The project a config file's text describes, every key checked."""
    import tomllib  # only a project with a config pays for importing it

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(str(config_file), exc) from None
    return _project(config_file, data)


def _toml_error(source: str, exc: Exception) -> UserError:
    """tomllib says where in its message: `... (at line 3, column 5)`."""
    text = str(exc)
    found = re.search(r" \(at line (\d+), column (\d+)\)$", text)
    if not found:
        return UserError(source, f"invalid TOML: {text}")
    message = f"invalid TOML: {text[: found.start()]} (column {found[2]})"
    return UserError(source, message, line=int(found[1]))


# -- checking values ----------------------------------------------------------------


class _Invalid(Exception):
    """A value's problem; the caller adds the file and the key."""


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"expected a string, got {_kind(value)}")
    return value


def _name(value: Any) -> str:
    text = _string(value)
    if not text.strip():
        raise _Invalid("must not be empty")
    return text


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _Invalid(f"expected a list of non-empty strings, got {_kind(value)}")
    return tuple(value)


def _parameters(value: Any) -> tuple[tuple[str, str], ...]:
    """[["query", "api-version"], ...]: where each parameter goes, and its name."""
    shape = 'expected a list of [location, name] pairs such as ["query", "api-version"]'
    if not isinstance(value, list):
        raise _Invalid(f"{shape}, got {_kind(value)}")
    pairs = []
    for item in value:
        if not (
            isinstance(item, list)
            and len(item) == 2
            and all(isinstance(part, str) and part for part in item)
        ):
            raise _Invalid(f"{shape}, got {item!r}")
        if item[0] not in _LOCATIONS:
            raise _Invalid(
                f"location {item[0]!r} is not one of {', '.join(_LOCATIONS)}"
            )
        pairs.append((item[0], item[1]))
    return tuple(pairs)


def _distribution(value: Any) -> str:
    text = _string(value)
    if not _DISTRIBUTION.match(text):
        raise _Invalid(f"{text!r} is not a distribution name (letters, digits, . _ -)")
    return text


def _import_name(value: Any) -> str:
    text = _string(value)
    if not text.isidentifier() or keyword.iskeyword(text) or not text.isascii():
        raise _Invalid(f"{text!r} is not a Python module name")
    return text


def _url(value: Any) -> str:
    text = _string(value)
    if not re.match(r"^https?://[^\s/]+", text):
        raise _Invalid(f"{text!r} is not an http(s) URL")
    return text


def _authors(value: Any) -> tuple[Author, ...]:
    shape = 'expected a list of tables such as {name = "...", email = "..."}'
    if not isinstance(value, list):
        raise _Invalid(f"{shape}, got {_kind(value)}")
    authors = []
    for item in value:
        if (
            not isinstance(item, dict)
            or not item
            or not set(item) <= {"name", "email"}
            or not all(isinstance(v, str) for v in item.values())
        ):
            raise _Invalid(f"{shape}, got {item!r}")
        authors.append(Author(**item))
    return tuple(authors)


def _kind(value: Any) -> str:
    names = {str: "a string", bool: "a boolean", int: "an integer", float: "a number"}
    names |= {list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)


_PACKAGE: dict[str, Callable[[Any], Any]] = {
    "name": _distribution,
    "import-name": _import_name,
    "description": _string,
    "license": _string,
    "authors": _authors,
    "homepage": _url,
}
_PATHS: dict[str, Callable[[Any], Any]] = dict.fromkeys(DEFAULT_PATHS, _name)
# Conventions fields by their annotation; a new field of another type fails at import.
_BY_ANNOTATION: dict[str, Callable[[Any], Any]] = {
    "str": _string,
    "tuple[str, ...]": _strings,
    "tuple[tuple[str, str], ...]": _parameters,
}
_CONVENTIONS = {
    f.name.replace("_", "-"): _BY_ANNOTATION[str(f.type)] for f in fields(Conventions)
}
_SECTIONS = {"package": _PACKAGE, "paths": _PATHS, "conventions": _CONVENTIONS}


def _section(
    source: str, data: dict[str, Any], name: str, required: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The section's values, checked and keyed by Python names."""
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise UserError(
            source, f"{name}: expected a table [{name}], got {_kind(table)}"
        )
    checks = _SECTIONS[name]
    out = {}
    for key, value in table.items():
        if key not in checks:
            raise UserError(source, f"unknown key {name}.{key}{_suggest(key, checks)}")
        try:
            out[key.replace("-", "_")] = checks[key](value)
        except _Invalid as exc:
            raise UserError(source, f"{name}.{key}: {exc}") from None
    for key in required:
        if key not in table:
            raise UserError(source, f"[{name}] lacks {key!r}")
    return out


def _suggest(key: str, known: dict[str, Any]) -> str:
    import difflib

    close = difflib.get_close_matches(key, known, n=1)
    return f" (did you mean {close[0]}?)" if close else f" (known: {', '.join(known)})"


def _check_conventions(source: str, conventions: Conventions) -> None:
    """What one convention says about another."""
    wanted = conventions.api_version_parameter
    if wanted and not conventions.sets_parameter("query", wanted):
        raise UserError(
            source,
            f"conventions.api-version-parameter: {wanted!r} is not a query parameter "
            "in conventions.client-parameters",
        )
    segment = conventions.deployment_segment
    if segment and segment not in conventions.scope_segments:
        raise UserError(
            source,
            f"conventions.deployment-segment: {segment!r} is not one of "
            "conventions.scope-segments",
        )
    option = conventions.deployment_option
    if segment and (not option.isidentifier() or keyword.iskeyword(option)):
        raise UserError(
            source, f"conventions.deployment-option: {option!r} is not a Python name"
        )


def _project(config_file: Path, data: dict[str, Any]) -> Project:
    source = str(config_file)
    for name in data:
        if name not in _SECTIONS:
            raise UserError(source, f"unknown key {name}{_suggest(name, _SECTIONS)}")
    package = PackageMetadata(
        **_section(source, data, "package", required=("name", "import-name"))
    )
    paths = {**DEFAULT_PATHS, **_section(source, data, "paths")}
    conventions = Conventions(**_section(source, data, "conventions"))
    _check_conventions(source, conventions)
    root = config_file.parent
    return Project(
        config_file=config_file,
        package=package,
        output=root / paths["output"],
        pins=root / paths["pins"],
        mirror=root / paths["mirror"],
        conventions=conventions,
    )
