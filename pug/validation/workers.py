"""The validation process of `pug build`: Great Expectations, imported once in a process of its own.

Importing Great Expectations costs ~6 s of one core, more than validating a region. `pug build` starts this process
first, before anything else loads (this module imports nothing heavy), so the import runs on the second core while
Dagster starts on the first; pug.validation then validates there, with a second process forked from it once GX is
loaded for the suites that can run side by side, and, once the verdicts are back, writes the Data Docs there while
the build goes on to publish.
"""

from __future__ import annotations

import multiprocessing
import os

_pool = None  # a multiprocessing pool of one process, while a build runs
_docs_written = None  # writing the Data Docs of the last validation, in that process
_beside = None  # in that process: a second one, forked from it once GX is loaded (Beside)


def _load_great_expectations() -> None:
    # GX's validation graph makes a (disabled) tqdm progress bar, and tqdm's first bar makes a multiprocessing lock: a
    # named semaphore, registered with the resource tracker. stop_validator ends this process with terminate(), which
    # skips the semaphore's cleanup, and the tracker then warned of a "leaked semaphore" after `pug` had exited (seen
    # after a third to a half of the builds). One process needs no more than a thread lock.
    import threading

    from tqdm import tqdm

    tqdm.set_lock(threading.RLock())
    from pug.validation.validate import _gx

    _gx()
    # GX spends ~35 ms on each expectation whatever the rows, mostly in Python: a suite of one region takes as long
    # as the whole year's, and the nine take ~2.5 s. Sheets that do not read each other's verdicts are validated
    # side by side in a second process. It is forked here, while this process has one thread and no database
    # open, so it starts at once with GX loaded; it ends when this process ends and its task pipe closes.
    global _beside
    _beside = Beside()


def beside() -> Beside | None:
    """In the validation process, the process beside it with GX loaded; None anywhere else."""
    return _beside


class Beside:
    """A process forked from this one, running one call at a time: send it, do something else, then receive.

    Forked with os.fork rather than multiprocessing, which lets no pool worker (a daemon) start a process."""

    def __init__(self):
        self._connection, theirs = multiprocessing.Pipe()
        self._sent = self._received = 0
        self.pid = os.fork()
        if self.pid == 0:
            self._connection.close()
            _serve(theirs)
        theirs.close()

    def send(self, function, *args) -> None:
        self._connection.send((function, args))
        self._sent += 1

    def receive(self):
        """What the call sent last returned; what it raised is raised here. The answers to earlier calls that nobody
        received (their caller failed first) are dropped, never taken for this one's."""
        if self._received == self._sent:
            raise RuntimeError("nothing was sent to the process beside")
        while self._received < self._sent:
            succeeded, value = self._connection.recv()
            self._received += 1
        if not succeeded:
            raise value
        return value

    def close(self) -> None:
        """End the process: it sees its pipe close."""
        self._connection.close()


def _serve(connection) -> None:
    """The forked process: calls until the pipe closes (the validation process ended), then leave at once, without
    the exit handlers of the process it was forked from."""
    while True:
        try:
            function, args = connection.recv()
            try:
                reply = (True, function(*args))
            except Exception as exc:  # noqa: BLE001 - raised in the validation process, which receives it
                reply = (False, exc)
            connection.send(reply)
        except BaseException:  # EOF or a broken pipe: nobody is left to answer
            os._exit(0)


def start_validator() -> None:
    global _pool
    if _pool is None:
        _pool = multiprocessing.get_context("spawn").Pool(1, initializer=_load_great_expectations)


def running() -> bool:
    return _pool is not None


def run(function, *args):
    """`function(*args)` in the validation process; its result."""
    return _pool.apply(function, args)


def then_write_docs(function) -> None:
    """`function()` in the validation process after what runs there now; wait_for_docs waits for it."""
    global _docs_written
    _docs_written = _pool.apply_async(function)


def wait_for_docs() -> None:
    """Wait until the Data Docs of the last validation are written; raise what writing them raised."""
    global _docs_written
    if _docs_written is not None:
        writing, _docs_written = _docs_written, None
        writing.get()


def stop_validator() -> None:
    """End the process, even in the middle of an import, a validation or writing Data Docs (a build that failed
    or was interrupted: call wait_for_docs first to keep the pages)."""
    global _pool, _docs_written
    _docs_written = None
    if _pool is not None:
        _pool.terminate()
        _pool.join()
        _pool = None
