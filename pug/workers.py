"""Worker processes that a build shares between its steps (a Dagster resource owns them: assets/resources.py).

They start on first use, so a build with little to do starts none, and end when the build ends (close()). Each
use names the initializer its workers need (what they load once: the reference data, an open database); workers
started for another are replaced.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor


def _start(niceness: int, initializer: Callable | None, initargs: tuple) -> None:
    if niceness:
        os.nice(niceness)
    if initializer is not None:
        initializer(*initargs)


class WorkerProcesses:
    """A pool of worker processes, `processes` of them (one per core, at most 8, by default), started on first use
    at the given `niceness`: workers that write while the build goes on take only the CPU it leaves."""

    def __init__(self, processes: int | None = None, niceness: int = 0):
        self.processes = processes or min(os.cpu_count() or 1, 8)
        self.niceness = niceness
        self._pool: ProcessPoolExecutor | None = None
        self._started_with: tuple | None = None

    def executor(self, initializer: Callable | None = None, *initargs) -> ProcessPoolExecutor:
        """The pool, its workers started with `initializer(*initargs)`."""
        if self._pool is None or self._started_with != (initializer, initargs):
            self.close()
            # spawn, never fork: the build's process holds DuckDB and Dagster threads.
            self._pool = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_start, initargs=(self.niceness, initializer, initargs))
            self._started_with = (initializer, initargs)
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool, self._started_with = None, None
