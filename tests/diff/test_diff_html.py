"""`sdkgen diff --format html`: one self-contained page, opened in a real headless
Chromium: what renders (counts, breaking first, groups by call and by model, old and
new text side by side), that the severity filters work, and that it loads nothing."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import Browser

from generator import cli
from inline_spec import json_response, ref, spec

STR = {"type": "string"}


def things_spec(thing: dict[str, Any], deprecated: bool = False) -> dict[str, Any]:
    ok = json_response("ok", ref("Thing"))
    creating = {
        "operationId": "createThing",
        "deprecated": deprecated,
        "requestBody": {"content": ok["content"]},
        "responses": {"200": ok},
    }
    schemas = {
        "Thing": {"type": "object", "properties": thing},
        "Unused": {"type": "object", "properties": dict(thing)},
    }
    return spec({"/things": {"post": creating}}, schemas)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("html")
    old = {"a": {**STR, "description": "The old colour of the thing."}, "b": STR}
    new = {"a": {**STR, "description": "The new colour of the thing."}, "c": STR}
    files = []
    for name, document in (
        ("old", things_spec(old)),
        ("new", things_spec(new, deprecated=True)),
    ):
        path = folder / f"{name}.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        files.append(str(path))
    out = folder / "changes.html"
    assert cli.main(["diff", *files, "--format", "html", "--output", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def browser(page: Path) -> Iterator[Browser]:
    opened = Browser()
    try:
        opened.open(page)
        yield opened
    finally:
        opened.close()


def test_the_page_is_self_contained(page: Path, browser: Browser) -> None:
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=|@import|url\(""", html)
    assert browser.requests() == [page.resolve().as_uri()]


def test_summary_and_breaking_changes_first(browser: Browser) -> None:
    title = browser.evaluate("document.title")
    assert re.fullmatch(r"API changes: \S+/old\.json → \S+/new\.json", title)
    counts = browser.evaluate(
        "[...document.querySelectorAll('.counts span')].map(s => s.textContent)"
    )
    # b removed (breaking), the operation deprecated (warning); c added and a's
    # description changed (info), each in Thing and in Unused
    assert counts == ["2 breaking", "1 warning", "4 info"]
    headings = browser.evaluate(
        "[...document.querySelectorAll('h2')].map(h => h.textContent)"
    )
    assert headings == ["Breaking changes", "By Python call", "By model", "All changes"]
    first = browser.evaluate(
        "[...document.querySelectorAll('#breaking + .group .change')]"
        ".map(li => li.dataset.id)"
    )
    assert first == ["request-property-removed", "request-property-removed"]


def test_changes_grouped_by_call_and_model(browser: Browser) -> None:
    groups = browser.evaluate(
        "[...document.querySelectorAll('.group h3')].map(h => h.textContent)"
    )
    assert "client.things.create() POST /things" in groups
    assert "Thing schema Thing" in groups and "Unused schema Unused" in groups
    names = browser.evaluate(
        "[...document.querySelectorAll('#all .change code')].map(c => c.textContent)"
    )
    assert "client.things.create(b=...), Thing.b" in names


def test_old_and_new_descriptions_side_by_side(browser: Browser) -> None:
    texts = browser.evaluate(
        "[...document.querySelectorAll('#all .texts')].map(t =>"
        " [t.querySelector('.old').innerText, t.querySelector('.new').innerText,"
        "  t.querySelector('del').textContent, t.querySelector('ins').textContent])"
    )
    assert texts[0] == [
        "The old colour of the thing.",
        "The new colour of the thing.",
        "old",
        "new",
    ]
    columns = browser.evaluate(
        "getComputedStyle(document.querySelector('.texts')).gridTemplateColumns"
    )
    assert len(columns.split()) == 2


def visible(browser: Browser, selector: str) -> list[str]:
    return list(
        browser.evaluate(
            f"[...document.querySelectorAll('{selector}')]"
            ".filter(e => getComputedStyle(e).display !== 'none')"
            ".map(e => e.dataset.id || e.querySelector('h3').textContent)"
        )
    )


def toggle(browser: Browser, severity: str) -> None:
    browser.evaluate(
        f"document.querySelector('.filters input[value={severity}]').click()"
    )


def test_severity_filters(browser: Browser) -> None:
    assert len(visible(browser, "#all .change")) == 7
    toggle(browser, "info")
    try:
        shown = visible(browser, "#all .change")
        assert sorted(shown) == [
            "operation-deprecated",
            "request-property-removed",
            "request-property-removed",
        ]
        assert browser.evaluate("document.getElementById('shown').textContent") == "3"
        toggle(browser, "breaking")
        assert visible(browser, "#all .change") == ["operation-deprecated"]
        # a group left with nothing to show disappears with its heading
        groups = visible(browser, ".group:has(h3)")
        assert groups == ["client.things.create() POST /things"]
        toggle(browser, "breaking")
    finally:
        toggle(browser, "info")
    assert len(visible(browser, "#all .change")) == 7
