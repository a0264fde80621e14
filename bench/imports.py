"""What each subcommand imports, and how long that takes: `python -X importtime`, the
sum of the top-level imports' cumulative times, least over rounds.

    python bench/imports.py [--tree PATH]   # PATH: another checkout, for before/after
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS_PAIR = ROOT.parent / "shared" / "diff-corpus" / "001-breaking-attributes"
SPECS = ROOT.parent / "shared" / "specs" / "azure-openai"
OUT = ROOT / "bench" / "results" / "imports"
# Runs the CLI as the console script does.
PROBE = "import sys\nfrom generator.cli import main\nsys.exit(main(sys.argv[1:]))\n"


def subcommands() -> dict[str, list[str]]:
    return {
        "--help": ["--help"],
        "diff --help": ["diff", "--help"],
        "generate --help": ["generate", "--help"],
        "diff (small YAML pair)": [
            "diff",
            str(CORPUS_PAIR / "base.yaml"),
            str(CORPUS_PAIR / "revision.yaml"),
        ],
        "diff (seed pair, JSON files)": [
            "diff",
            str(SPECS / "2024-12-01-preview" / "inference.json"),
            str(SPECS / "2025-01-01-preview" / "inference.json"),
        ],
        "docs 2025-03-01-preview": ["docs", "2025-03-01-preview"],
        "generate 2025-01-01-preview (a file)": [
            "generate",
            str(SPECS / "2025-01-01-preview" / "inference.json"),
            "--out",
            str(OUT),
        ],
        "check (the tree's generated/sdkgen.lock)": [
            "check",
            "--against",
            "generated/sdkgen.lock",
        ],
    }


def measure(tree: Path, argv: list[str]) -> tuple[float, int]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", PROBE, *argv],
        capture_output=True,
        text=True,
        cwd=tree,
        env=env,
    )
    total, count = 0, 0
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = line[len("import time:") :].split("|")
        count += 1
        if not name.startswith("  "):  # a top-level import: its time covers its own
            total += int(cumulative)
    return total / 1000, count


def import_report(tree: Path, rounds: int) -> dict[str, dict[str, float]]:
    rows = {}
    for name, argv in subcommands().items():
        runs = [measure(tree, argv) for _ in range(rounds)]
        rows[name] = {"ms": min(ms for ms, _ in runs), "modules": runs[0][1]}
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--tree", type=Path, default=ROOT)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    for name, row in import_report(args.tree.resolve(), args.rounds).items():
        print(f"{name:36s} {row['ms']:6.1f} ms  {row['modules']:4d} modules")
