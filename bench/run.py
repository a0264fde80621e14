"""Whole-process timings of `sdkgen generate` beside its peers on the same spec.

Each tool runs as a fresh process, alternating tool by tool, several rounds; the report
gives medians and each peer's ratio to sdkgen. Peers live in their own virtualenv
(bench/.venv-peers) so their pins never touch the project's.

    python bench/run.py [--spec 2025-01-01-preview] [--rounds 7]
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
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEERS_VENV = ROOT / "bench" / ".venv-peers"
PEER_PACKAGES = ["openapi-python-client", "datamodel-code-generator"]
# Every tool runs as installed on a user's machine: with its bytecode cached, whatever
# this shell sets (some sandboxes set PYTHONDONTWRITEBYTECODE).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
sys.path.insert(0, str(ROOT))

from generator.config import load_project  # noqa: E402
from generator.specs import load_pins, resolve  # noqa: E402


def peers_bin() -> Path:
    bin_dir = PEERS_VENV / "bin"
    if not (bin_dir / "openapi-python-client").exists():
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


def commands(
    spec: str, spec_file: Path, work: Path, bin_dir: Path
) -> dict[str, list[str]]:
    return {
        "sdkgen": [
            str(ROOT / ".venv" / "bin" / "sdkgen"),
            "generate",
            spec,
            "--out",
            str(work / "sdkgen"),
        ],
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
    }


def timed(command: list[str], allow_failure: bool = False) -> float:
    """Wall time of one run; `allow_failure` for commands whose exit 1 is a verdict."""
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=ENV)
    elapsed = time.perf_counter() - started
    if result.returncode not in ((0, 1) if allow_failure else (0,)):
        raise SystemExit(f"{command[0]} failed:\n{result.stderr[-2000:]}")
    return elapsed


def count_opc_operations(work: Path) -> int:
    api = next((work / "opc").glob("*/api"), None)
    if api is None:
        return 0
    return sum(1 for path in api.rglob("*.py") if path.name != "__init__.py")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--spec", default="2025-01-01-preview")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    project = load_project(ROOT / "sdkgen.toml")
    spec_file = resolve(load_pins(project.pins)[args.spec].openapi, project.mirror)
    bin_dir = peers_bin()
    work = Path(tempfile.mkdtemp(prefix="sdkgen-bench-"))
    try:
        runs = commands(args.spec, spec_file, work, bin_dir)
        for command in runs.values():  # warm-up: caches, bytecode, first-run installs
            timed(command)
        samples: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(args.rounds):
            for name, command in runs.items():
                samples[name].append(timed(command))
        opc_operations = count_opc_operations(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    medians = {name: statistics.median(values) for name, values in samples.items()}
    base = medians["sdkgen"]
    print(
        f"spec {args.spec}, {args.rounds} rounds, whole-process wall time (median / min / max)"
    )
    for name, values in samples.items():
        ratio = medians[name] / base
        print(
            f"  {name:26s} {medians[name]:6.3f} s  {min(values):6.3f} / {max(values):6.3f}  x{ratio:5.2f} of sdkgen"
        )
    print(f"  openapi-python-client generated {opc_operations} endpoint modules")
    sdkgen = str(ROOT / ".venv" / "bin" / "sdkgen")
    others = {
        "diff 2024-12-01-preview 2025-01-01-preview": [
            sdkgen,
            "diff",
            "2024-12-01-preview",
            "2025-01-01-preview",
        ],
        "docs 2025-03-01-preview": [sdkgen, "docs", "2025-03-01-preview"],
        "reconcile 2025-03-01-preview": [
            sdkgen,
            "reconcile",
            "2025-03-01-preview",
            "2025-03-01-preview",
        ],
    }
    other_medians = {}
    print("other sdkgen commands, whole process (median / min)")
    for name, command in others.items():
        timed(command, allow_failure=True)
        values = [timed(command, allow_failure=True) for _ in range(args.rounds)]
        other_medians[name] = statistics.median(values)
        print(f"  {name:45s} {other_medians[name]:6.3f} s  {min(values):6.3f}")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / f"generate-{args.spec}.json").write_text(
        json.dumps(
            {
                "spec": args.spec,
                "rounds": args.rounds,
                "samples": samples,
                "medians": medians,
                "openapi_python_client_operations": opc_operations,
                "other_commands": other_medians,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
