"""ARCHITECTURE.md stays true: every path it names exists, and every Python name it
names is defined in a file named in the same paragraph or list item."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "ARCHITECTURE.md"
_SPAN = re.compile(r"`([^`\n]+)`")
_PATH = re.compile(r"[\w.*-]+(/[\w.*-]+)*/?")
_FILE = re.compile(r"[\w*-]+(\.[\w-]+)*\.(py|j2|md|toml|json|yaml|lock|txt)")
_NAME = re.compile(r"[A-Za-z_]\w*")


def _blocks() -> list[tuple[int, str]]:
    """(first line, text) of each paragraph and list item."""
    blocks: list[tuple[int, list[str]]] = []
    for number, line in enumerate(DOC.read_text(encoding="utf-8").splitlines(), 1):
        starts_item = re.match(r"\s*(-|\d+\.) ", line) is not None
        if not line.strip() or line.startswith("#"):
            blocks.append((number + 1, []))
        elif starts_item or not blocks:
            blocks.append((number, [line]))
        else:
            blocks[-1][1].append(line)
    return [(start, " ".join(lines)) for start, lines in blocks if lines]


def _is_path(span: str) -> bool:
    if not _PATH.fullmatch(span):
        return False
    return "/" in span or _FILE.fullmatch(span) is not None


def _exists(span: str) -> bool:
    if "*" in span:
        return any(ROOT.glob(span))
    return (ROOT / span).exists()


@cache
def _top_level_names(path: Path) -> frozenset[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return frozenset(names)


def _python_files(span: str) -> list[Path]:
    target = ROOT / span
    if target.is_dir():
        return sorted(target.glob("*.py"))
    return [target] if target.suffix == ".py" and target.is_file() else []


def test_architecture_names_paths() -> None:
    # the page is read as intended: it does name files, and names defined in them
    spans = [s for _, text in _blocks() for s in _SPAN.findall(text)]
    assert sum(map(_is_path, spans)) > 40
    assert sum(1 for s in spans if _NAME.fullmatch(s) and not _is_path(s)) > 15


@pytest.mark.parametrize(
    "start,text", [pytest.param(*b, id=f"line-{b[0]}") for b in _blocks()]
)
def test_every_named_path_and_name_exists(start: int, text: str) -> None:
    spans = _SPAN.findall(text)
    paths = [s for s in spans if _is_path(s)]
    missing = [p for p in paths if not _exists(p)]
    assert not missing, f"ARCHITECTURE.md:{start} names missing paths: {missing}"
    files = [f for p in paths if "*" not in p for f in _python_files(p)]
    names = [s for s in spans if _NAME.fullmatch(s) and not _is_path(s)]
    undefined = [
        name for name in names if not any(name in _top_level_names(f) for f in files)
    ]
    assert not undefined, (
        f"ARCHITECTURE.md:{start}: {undefined} defined in none of the files this "
        f"paragraph names ({[str(f.relative_to(ROOT)) for f in files]})"
    )
