"""Rendering shared out over two cores: the planned package's files are independent
jobs, so a forked copy of the process renders every other one and sends its texts
back through a pipe while this one renders the rest.

Sequential wherever forking is not safe or not worth it: no `os.fork` (Windows),
macOS (its system libraries are not fork-safe: Python's multiprocessing spawns
there), one core, other threads running (a forked child could wait forever on a lock
one of them held), or too few jobs to pay for the fork. A child that fails says nothing: its
jobs are then rendered here, so a render error is raised exactly as without it.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
from typing import Callable

Job = Callable[[], str]
# Below this many jobs a fork (a few milliseconds) costs more than it saves.
MIN_JOBS = 64


def render_jobs(jobs: dict[str, Job]) -> dict[str, str]:
    """Each job's text under its path, in the order given."""
    paths = list(jobs)
    theirs = paths[1::2]
    child = _fork(lambda: [jobs[p]() for p in theirs]) if _can_fork(jobs) else None
    try:
        texts = {p: jobs[p]() for p in paths[0::2]}
    except BaseException:
        if child is not None:
            _stop(child)  # no child left behind, busy or blocked on the pipe
        raise
    received = _receive(child) if child is not None else None
    if received is None or len(received) != len(theirs):
        received = [jobs[p]() for p in theirs]
    texts.update(zip(theirs, received))
    return {p: texts[p] for p in paths}


def _can_fork(jobs: dict[str, Job]) -> bool:
    import threading

    return (
        hasattr(os, "fork")
        and sys.platform != "darwin"
        and len(jobs) >= MIN_JOBS
        and _cores() > 1
        and threading.active_count() == 1
    )


def _cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _fork(work: Callable[[], list[str]]) -> tuple[int, int] | None:
    """(pid, read end of the pipe) of a child sending `work`'s result, pickled."""
    read, write = os.pipe()
    # what exists now is shared, not collected in either process: no collection in
    # the child copies the parent's pages to update their objects' gc fields
    gc.freeze()
    try:
        pid = os.fork()
    except OSError:
        gc.unfreeze()
        os.close(read)
        os.close(write)
        return None
    if pid == 0:  # the child: never returns into the caller's code
        status = 1
        try:
            os.close(read)
            data = pickle.dumps(work(), pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as out:
                out.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    return pid, read


def _stop(child: tuple[int, int]) -> None:
    pid, read = child
    os.close(read)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    gc.unfreeze()


def _receive(child: tuple[int, int]) -> list[str] | None:
    """The child's texts, or None when it failed."""
    pid, read = child
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    gc.unfreeze()
    if status != 0 or not data:
        return None
    texts = pickle.loads(data)
    return texts if isinstance(texts, list) else None
