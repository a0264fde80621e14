"""`sdkgen init [DIR]`: a commented starter sdkgen.toml and an empty pins folder."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "init",
        description="Write DIR/sdkgen.toml (a commented starter config) and create its "
        "pins folder. Never overwrites: an existing sdkgen.toml is an error.",
    )
    parser.add_argument(
        "folder", nargs="?", type=Path, default=Path("."), metavar="DIR"
    )
    parser.add_argument(
        "--name", help="the SDK's distribution name (default: from the folder's name)"
    )
    parser.add_argument(
        "--import-name", help="the SDK's import name (default: from --name)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..config import CONFIG_NAME, DEFAULT_PATHS, parse_config
    from ..errors import UserError
    from ..files import write_file

    folder: Path = args.folder
    config_file = folder / CONFIG_NAME
    if config_file.exists() or config_file.is_symlink():
        raise UserError(str(config_file), "exists; sdkgen init never overwrites it")
    name = args.name or _distribution(folder.resolve().name)
    import_name = args.import_name or re.sub(r"\W", "_", name.lower())
    text = starter_config(name, import_name)
    parse_config(config_file, text)  # what init writes must load back: --name checked
    pins = folder / DEFAULT_PATHS["pins"]
    if pins.exists() and not pins.is_dir():
        raise UserError(str(pins), "exists and is not a folder")
    write_file(config_file, text)
    try:
        pins.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        config_file.unlink()
        raise UserError(str(pins), f"cannot create: {exc.strerror}") from None
    print(f"wrote {config_file} and the pins folder {pins}")
    print("next: `sdkgen pin FILE_OR_URL`, then `sdkgen generate`")
    return 0


def _distribution(folder_name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", folder_name).strip("-._")
    return cleaned or "my-sdk"


def starter_config(name: str, import_name: str) -> str:
    import textwrap
    from dataclasses import fields

    from ..config import DEFAULT_PATHS
    from ..conventions import Conventions
    from ..tomltext import toml_value

    defaults = Conventions()
    conventions = []
    for spec in fields(Conventions):
        conventions += textwrap.wrap(
            spec.metadata["doc"], 88, initial_indent="# ", subsequent_indent="# "
        )
        value = toml_value(getattr(defaults, spec.name))
        conventions.append(f"# {spec.name.replace('_', '-')} = {value}")
    paths = {key: toml_value(value) for key, value in DEFAULT_PATHS.items()}
    return f"""\
# sdkgen project configuration. sdkgen reads it from this folder or any folder below;
# paths are relative to this file. Every key is checked: a misspelt one is an error.

[package]
# The SDK's distribution name (`pip install NAME`) and import name (`import NAME`).
name = {toml_value(name)}
import-name = {toml_value(import_name)}
description = ""
# license = "MIT"  # an SPDX expression
# authors = [{{ name = "Your Name", email = "you@example.com" }}]
# homepage = "https://github.com/you/{name}"

[paths]
# Where `sdkgen generate` writes, and `sdkgen check` compares with.
output = {paths["output"]}
# One <api-version>.toml per pinned spec, written by `sdkgen pin FILE_OR_URL`.
pins = {paths["pins"]}
# Where `sdkgen pin` keeps each pinned file; commit it with the pins.
mirror = {paths["mirror"]}

[conventions]
# What a spec does not say but a client must choose. The defaults (the Azure OpenAI
# conventions) are shown; a spec without an api-version parameter or a deployments
# segment never meets them. Uncomment a line to change it.
{chr(10).join(conventions)}
"""
