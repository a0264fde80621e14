"""generator/codegen/parallel.py: a package's files rendered by two processes come back
whole and in order, the same as rendered by one; a child that fails costs nothing but
time, and an error is raised as it would be without a child.

Forking needs a process with no other thread, which a test worker may not be (a
server another test left behind): those cases run in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from functools import partial

import pytest

from generator.codegen import parallel
from generator.codegen.parallel import MIN_JOBS, Job, render_jobs

COUNT = MIN_JOBS * 2
# Jobs naming the process that ran them, some beyond a pipe's buffer; job 1 can fail
# in the child only. Prints the texts (their index and pid) and this process's pid.
SCENARIO = """
import json, os, sys
from functools import partial
from generator.codegen.parallel import render_jobs

parent = os.getpid()

def job(index):
    if index == 1 and sys.argv[1] == "fail-in-child" and os.getpid() != parent:
        raise RuntimeError("only in the child")
    if index == 0 and sys.argv[1] == "fail-here":
        raise RuntimeError("in this process")
    return f"{index}:{os.getpid()}:" + "x" * (index * 997)

try:
    texts = render_jobs({f"f{i}.py": partial(job, i) for i in range(int(sys.argv[2]))})
except RuntimeError:
    try:
        os.waitpid(-1, os.WNOHANG)
        texts = {"children": "left"}
    except ChildProcessError:
        texts = {"children": "none"}
print(json.dumps({"parent": parent, "texts": texts}))
"""


def _fresh(case: str, count: int = COUNT) -> tuple[int, dict[str, str]]:
    run = subprocess.run(
        [sys.executable, "-c", SCENARIO, case, str(count)],
        capture_output=True,
        text=True,
        check=True,
    )
    out = json.loads(run.stdout)
    return out["parent"], out["texts"]


def _pids(texts: dict[str, str]) -> list[int]:
    return [int(text.split(":")[1]) for text in texts.values()]


def test_two_processes_render_every_file_in_order() -> None:
    parent, texts = _fresh("plain")
    assert list(texts) == [f"f{i}.py" for i in range(COUNT)]
    for i, text in enumerate(texts.values()):
        assert text == f"{i}:{_pids(texts)[i]}:" + "x" * (i * 997)
    pids = _pids(texts)
    assert set(pids[0::2]) == {parent} and len(set(pids[1::2]) - {parent}) == 1


def test_a_failing_child_leaves_its_files_to_this_process() -> None:
    parent, texts = _fresh("fail-in-child")
    assert list(texts) == [f"f{i}.py" for i in range(COUNT)]
    assert set(_pids(texts)) == {parent}


def test_an_error_here_leaves_no_child_behind() -> None:
    assert _fresh("fail-here")[1] == {"children": "none"}


def test_too_few_files_are_rendered_here() -> None:
    parent, texts = _fresh("plain", MIN_JOBS - 1)
    assert set(_pids(texts)) == {parent}


def _where(index: int) -> str:
    return f"{index}:{os.getpid()}:"


def _jobs(job: Job | None = None) -> dict[str, Job]:
    jobs: dict[str, Job] = {f"f{i}.py": partial(_where, i) for i in range(COUNT)}
    if job is not None:
        jobs["f1.py"] = job
    return jobs


def test_beside_another_thread_nothing_forks() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        texts = render_jobs(_jobs())
    finally:
        stop.set()
        other.join()
    assert set(_pids(texts)) == {os.getpid()}


def test_an_error_is_raised_here_as_without_a_child() -> None:
    def broken() -> str:
        raise ValueError("a template error")

    with pytest.raises(ValueError, match="a template error"):
        render_jobs(_jobs(broken))


def test_without_fork_everything_is_rendered_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delattr(parallel.os, "fork")
    assert set(_pids(render_jobs(_jobs()))) == {os.getpid()}


def test_on_macos_everything_is_rendered_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel.sys, "platform", "darwin")
    assert set(_pids(render_jobs(_jobs()))) == {os.getpid()}
