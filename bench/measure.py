"""Whole-process measurement: wall time, CPU time and peak RSS of one run, and rounds of
several commands alternating, summarised by medians."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

# Every tool runs as installed on a user's machine: with its bytecode cached, whatever
# this shell sets (some sandboxes set PYTHONDONTWRITEBYTECODE).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass
class Samples:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    failure: str | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    def summary(self) -> dict[str, float | str | None]:
        if not self.wall:
            return {"failure": self.failure}
        return {
            "wall_median_s": statistics.median(self.wall),
            "wall_min_s": min(self.wall),
            "cpu_median_s": statistics.median(self.cpu),
            "peak_rss_mb": max(self.rss_mb),
            "runs": len(self.wall),
        }


# Peak RSS through GNU time: a child forked from this process would report this
# process's own peak as its starting high-water mark.
TIME = shutil.which("time", path="/usr/bin:/bin")


def run_once(
    command: list[str], cwd: Path | None = None, ok: tuple[int, ...] = (0,)
) -> tuple[float, float, float]:
    """(wall seconds, user+system CPU seconds, peak RSS MB) of one whole process."""
    if TIME is None:
        raise SystemExit("bench needs GNU time for peak RSS: apt-get install time")
    with tempfile.NamedTemporaryFile("r") as rss:
        started = time.perf_counter()
        process = subprocess.Popen(
            [TIME, "-f", "%M", "-o", rss.name, *command],
            cwd=cwd,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        assert process.stderr is not None
        error = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        peak_kb = int(rss.read().split()[-1] or 0)
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        raise RuntimeError(
            f"{command[0]} exited {code}: {error.decode(errors='replace')[-600:]}"
        )
    return wall, usage.ru_utime + usage.ru_stime, peak_kb / 1024


def alternate(
    commands: dict[str, list[str]],
    rounds: int,
    cwd: Path | None = None,
    ok: tuple[int, ...] = (0,),
    prepare: Callable[[], None] = lambda: None,
) -> dict[str, Samples]:
    """One warm-up run each, then `rounds` rounds running every command in turn;
    `prepare` runs, untimed, before each run (e.g. to empty the output folders)."""
    samples = {name: Samples() for name in commands}
    for name, command in commands.items():
        try:
            prepare()
            run_once(command, cwd, ok)
        except RuntimeError as exc:
            samples[name].failure = str(exc)
    for _ in range(rounds):
        for name, command in commands.items():
            if samples[name].failure is None:
                prepare()
                wall, cpu, rss = run_once(command, cwd, ok)
                samples[name].wall.append(wall)
                samples[name].cpu.append(cpu)
                samples[name].rss_mb.append(rss)
    return samples


def report(title: str, samples: dict[str, Samples], base: str = "sdkgen") -> list[str]:
    lines = [
        title,
        f"  {'tool':28s} {'wall median':>11s} {'min':>7s} {'cpu':>7s} {'peak RSS':>9s}  ratio to {base}",
    ]
    reference = samples[base].median if samples[base].wall else None
    for name, each in samples.items():
        if not each.wall:
            lines.append(
                f"  {name:28s} failed: {(each.failure or '').splitlines()[0][:90]}"
            )
            continue
        ratio = f"x{each.median / reference:6.2f}" if reference else ""
        lines.append(
            f"  {name:28s} {each.median:9.3f} s {min(each.wall):7.3f} "
            f"{statistics.median(each.cpu):7.3f} {max(each.rss_mb):6.0f} MB  {ratio}"
        )
    return lines
