"""Jinja environment and the cell filters the reference templates use.

Filters write the format's conventions, the inverse of generator.parse.markdown.cells:
`<br>` for line breaks and `&#124;` for pipes inside cells, `[name](#anchor)` links,
`X or Y` unions, `Possible values:` lists and `└─` nesting.
"""

from __future__ import annotations

import json
import re

import jinja2

from .view import ParameterView, PropertyView, ReferenceView, SecurityView, TypeLabel

_BLANK_RUNS = re.compile(r"\n{3,}")
_BACKTICKS = re.compile(r"`+")


def cell(text: str) -> str:
    return (
        text.strip().replace("|", "&#124;").replace("\r\n", "\n").replace("\n", "<br>")
    )


def oneline(text: str) -> str:
    return " ".join(text.split())


def anchor(name: str) -> str:
    return re.sub(r"[^a-z0-9_-]", "", name.lower())


def link(name: str) -> str:
    return f"[{name}](#{anchor(name)})"


def type_cell(label: TypeLabel) -> str:
    return " or ".join(link(alt[1:]) if alt.startswith("#") else alt for alt in label)


def possible_values(values: tuple[str, ...]) -> str:
    return "Possible values: " + ", ".join(f"`{v}`" for v in values)


def description_cell(prop: PropertyView) -> str:
    text = prop.description.text.strip()
    if prop.values:
        text = (
            f"{text}\n\n{possible_values(prop.values)}"
            if text
            else possible_values(prop.values)
        )
    return cell(text)


def parameter_type(parameter: ParameterView) -> str:
    lines = [type_cell(parameter.type)]
    if parameter.format:
        lines.append(parameter.format)
    if parameter.values:
        lines.append(possible_values(parameter.values))
    return "<br>".join(lines)


def name_cell(path: tuple[str, ...]) -> str:
    """`└─` rows, indented two spaces per level below the first."""
    if len(path) == 1:
        return " " + path[0]
    return " " * (1 + 2 * (len(path) - 2)) + "└─ " + path[-1]


def security_description(scheme: SecurityView) -> str:
    lines = [scheme.description.text.strip()] if scheme.description.text.strip() else []
    if scheme.type != "apiKey":
        lines.append(f"Type: {scheme.type}")
    if scheme.authorization_url:
        lines.append(f"Authorization Url: `{scheme.authorization_url}`")
    if scheme.scopes:
        lines.append(f"scope: `{' '.join(scheme.scopes)}`")
    return cell("\n".join(lines))


def yes_no(flag: bool | None) -> str:
    return "Yes" if flag else "No"


def heading_title(operation_id: str) -> str:
    """`List_Vector_Store_Files` -> `List - Vector Store Files` (read back by
    generator.parse.markdown.operations.operation_id)."""
    group, sep, rest = operation_id.partition("_")
    return f"{group} - {rest.replace('_', ' ')}" if sep else operation_id


def fence(text: str) -> str:
    """A backtick fence longer than any backtick run in the text."""
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    return "`" * max(3, longest + 1)


def yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML scalar


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates/docs"),
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        cell=cell,
        oneline=oneline,
        link=link,
        type_cell=type_cell,
        description_cell=description_cell,
        parameter_type=parameter_type,
        name_cell=name_cell,
        security_description=security_description,
        yes_no=yes_no,
        heading_title=heading_title,
        fence=fence,
        yaml_string=yaml_string,
    )
    return env


def render_reference(view: ReferenceView) -> str:
    text = environment().get_template("reference.md.j2").render(ref=view)
    return _BLANK_RUNS.sub("\n\n", text).strip() + "\n"
