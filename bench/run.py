"""Whole-process benchmarks of sdkgen beside its peers, in one run (`make bench`).

- generate: Azure 2025-01-01-preview (JSON) and a ~3 MB YAML spec (bench/bigspec.py)
  beside openapi-python-client, datamodel-code-generator and openapi-generator (python);
- diff: the seed pair (2024-12-01-preview -> 2025-01-01-preview) and every small pair of
  ../shared/diff-corpus beside ../shared/tools/oasdiff changelog, sdkgen's caches (parsed
  IRs, report names) emptied before every run (cold) and kept (warm);
- commands: the interpreter's own start, `sdkgen --help`, `diff --help`, `check` against
  the committed lock, `docs`; and what each subcommand imports (python -X importtime).

Each tool runs as a fresh process, alternating tool by tool, several rounds; medians of
wall time (and of CPU time, steadier on a shared machine), peak RSS, ratios to sdkgen.
Peers live in bench/.venv-peers (git-ignored) so their pins never touch the project's.

    python bench/run.py [--rounds 5] [--only generate,diff,commands,imports]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import bigspec  # noqa: E402
from bench.imports import import_report  # noqa: E402
from bench import measure  # noqa: E402
from bench.measure import alternate, report  # noqa: E402
from generator.config import load_project  # noqa: E402
from generator.specs import load_pins, resolve  # noqa: E402

PROJECT = load_project(ROOT / "sdkgen.toml")

PEERS_VENV = ROOT / "bench" / ".venv-peers"
PEER_PACKAGES = [
    "openapi-python-client",
    "datamodel-code-generator",
    "openapi-generator-cli",
]
SDKGEN = str(ROOT / ".venv" / "bin" / "sdkgen")
PYTHON = str(ROOT / ".venv" / "bin" / "python")
OASDIFF = ROOT.parent / "shared" / "tools" / "oasdiff"
CORPUS = ROOT.parent / "shared" / "diff-corpus"
# Outputs go beside the repo's own files, where a user's would: on this machine the
# system temp folder creates files about ten times slower than the rest of the disk.
WORK = ROOT / "bench" / "results"
SEED = ("2024-12-01-preview", "2025-01-01-preview")


def peers_bin() -> Path:
    bin_dir = PEERS_VENV / "bin"
    if not all(
        (bin_dir / tool).exists()
        for tool in (
            "openapi-python-client",
            "datamodel-codegen",
            "openapi-generator-cli",
        )
    ):
        subprocess.run([sys.executable, "-m", "venv", str(PEERS_VENV)], check=True)
        subprocess.run(
            [
                str(bin_dir / "python"),
                "-m",
                "pip",
                "install",
                "--quiet",
                *PEER_PACKAGES,
            ],
            check=True,
        )
    return bin_dir


def generators(spec_file: Path, work: Path, bin_dir: Path) -> dict[str, list[str]]:
    return {
        "sdkgen": [SDKGEN, "generate", str(spec_file), "--out", str(work / "sdkgen")],
        "openapi-python-client": [
            str(bin_dir / "openapi-python-client"),
            "generate",
            "--path",
            str(spec_file),
            "--output-path",
            str(work / "opc"),
            "--overwrite",
        ],
        "datamodel-code-generator": [
            str(bin_dir / "datamodel-codegen"),
            "--input",
            str(spec_file),
            "--input-file-type",
            "openapi",
            "--output-model-type",
            "pydantic_v2.BaseModel",
            "--output",
            str(work / "dcg_models.py"),
        ],
        "openapi-generator (python)": [
            str(bin_dir / "openapi-generator-cli"),
            "generate",
            "-i",
            str(spec_file),
            "-g",
            "python",
            "-o",
            str(work / "openapi-generator"),
            "--skip-validate-spec",
        ],
    }


def bench_generate(rounds: int, results: dict, lines: list[str]) -> None:
    bin_dir = peers_bin()
    specs = {
        "Azure 2025-01-01-preview (JSON, 0.4 MB)": resolve(
            load_pins(PROJECT.pins)[SEED[1]].openapi, PROJECT.mirror
        ),
        "combined pinned specs (YAML, 3.1 MB)": bigspec.write(),
    }
    for label, spec_file in specs.items():
        work = Path(tempfile.mkdtemp(prefix="generate-", dir=WORK))

        def empty(work: Path = work) -> None:
            """Every tool writes a whole new output: nothing left by the last run, and
            the removal flushed so it does not slow the next tool's file creation."""
            for path in work.iterdir():
                shutil.rmtree(path) if path.is_dir() else path.unlink()
            os.sync()

        try:
            samples = alternate(
                generators(spec_file, work, bin_dir), rounds, cwd=work, prepare=empty
            )
        finally:
            shutil.rmtree(work, ignore_errors=True)
        lines += report(f"generate {label}, {rounds} rounds", samples) + [""]
        results["generate"][label] = {name: s.summary() for name, s in samples.items()}


def bench_diff(rounds: int, results: dict, lines: list[str]) -> None:
    """Each pair twice: with sdkgen's caches (parsed IRs, report names) emptied before
    every run (cold, a first diff of two files) and kept (warm, any later one)."""
    pins = load_pins(PROJECT.pins)
    old, new = (str(resolve(pins[version].openapi, PROJECT.mirror)) for version in SEED)
    # oasdiff runs from a folder holding no oasdiff config; both get the same files
    empty = Path(tempfile.mkdtemp(prefix="diff-", dir=WORK))
    cache = Path(tempfile.mkdtemp(prefix="diff-cache-", dir=WORK))
    measure.ENV["XDG_CACHE_HOME"] = str(cache)
    modes = {
        "cold": lambda: shutil.rmtree(cache / "sdkgen", ignore_errors=True),
        "warm": lambda: None,
    }
    pairs = sorted(p for p in CORPUS.iterdir() if p.is_dir())
    try:
        for mode, prepare in modes.items():
            seed = alternate(
                diff_commands(old, new), rounds, cwd=empty, ok=(0, 1), prepare=prepare
            )
            title = f"diff {SEED[0]} -> {SEED[1]}, {mode} cache, {rounds} rounds"
            lines += report(title, seed) + [""]
            results["diff"][f"seed pair, {mode} cache"] = {
                name: s.summary() for name, s in seed.items()
            }
        for mode, prepare in modes.items():
            bench_corpus(pairs, rounds, empty, mode, prepare, results, lines)
    finally:
        del measure.ENV["XDG_CACHE_HOME"]
        shutil.rmtree(empty, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)


def diff_commands(old: str, new: str) -> dict[str, list[str]]:
    return {
        "sdkgen": [SDKGEN, "diff", old, new, "--format", "json"],
        "oasdiff": [str(OASDIFF), "changelog", old, new, "--format", "json"],
    }


def bench_corpus(
    pairs: list[Path],
    rounds: int,
    cwd: Path,
    mode: str,
    prepare: Callable[[], None],
    results: dict,
    lines: list[str],
) -> None:
    per_pair: dict[str, list[float]] = {"sdkgen": [], "oasdiff": []}
    cpu: dict[str, list[float]] = {"sdkgen": [], "oasdiff": []}
    for case in pairs:
        (base,) = case.glob("base.*")
        (revision,) = case.glob("revision.*")
        samples = alternate(
            diff_commands(str(base), str(revision)),
            rounds,
            cwd=cwd,
            ok=(0, 1, 2),
            prepare=prepare,
        )
        for name, each in samples.items():
            if each.wall:
                per_pair[name].append(each.median)
                cpu[name].append(statistics.median(each.cpu))
    sdk, oas = statistics.median(per_pair["sdkgen"]), statistics.median(
        per_pair["oasdiff"]
    )
    lines += [
        f"diff, {len(pairs)} small pairs of the diff corpus, {mode} cache, {rounds} rounds each: median over pairs of each pair's median",
        f"  sdkgen  {sdk:.3f} s wall, {statistics.median(cpu['sdkgen']):.3f} s cpu",
        f"  oasdiff {oas:.3f} s wall, {statistics.median(cpu['oasdiff']):.3f} s cpu  (sdkgen x{sdk / oas:.2f} of oasdiff)",
        "",
    ]
    results["diff"][f"corpus pairs, {mode} cache"] = {
        "pairs": len(pairs),
        "sdkgen_median_s": sdk,
        "oasdiff_median_s": oas,
        "sdkgen_cpu_median_s": statistics.median(cpu["sdkgen"]),
        "oasdiff_cpu_median_s": statistics.median(cpu["oasdiff"]),
    }


def bench_commands(rounds: int, results: dict, lines: list[str]) -> None:
    lock = ROOT / "generated" / "sdkgen.lock"
    samples = alternate(
        {
            "python -c pass": [PYTHON, "-c", "pass"],
            "sdkgen --help": [SDKGEN, "--help"],
            "sdkgen diff --help": [SDKGEN, "diff", "--help"],
            "sdkgen docs 2025-03-01-preview": [SDKGEN, "docs", "2025-03-01-preview"],
            "sdkgen check (committed lock)": [SDKGEN, "check", "--against", str(lock)],
        },
        rounds,
        cwd=ROOT,
        ok=(0, 1),
    )
    lines += report(f"other commands, {rounds} rounds", samples, base="sdkgen --help")
    lines.append("")
    results["commands"] = {name: s.summary() for name, s in samples.items()}


def bench_imports(rounds: int, results: dict, lines: list[str]) -> None:
    imports = import_report(ROOT, rounds)
    results["imports"] = imports
    lines.append("imports per subcommand (python -X importtime, least over rounds)")
    for name, row in imports.items():
        lines.append(f"  {name:36s} {row['ms']:6.1f} ms  {row['modules']:4d} modules")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", default="generate,diff,commands,imports")
    args = parser.parse_args()
    sections = set(args.only.split(","))
    results: dict = {"rounds": args.rounds, "generate": {}, "diff": {}}
    WORK.mkdir(exist_ok=True)
    for section, bench in (
        ("generate", bench_generate),
        ("diff", bench_diff),
        ("commands", bench_commands),
        ("imports", bench_imports),
    ):
        if section in sections:
            lines: list[str] = []
            bench(args.rounds, results, lines)
            print("\n".join(lines), flush=True)
    (WORK / "bench.json").write_text(
        json.dumps(results, indent=2) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
