"""Where the suites run: in this process (the lone-file check), or in the validation process of a build.

Importing Great Expectations costs seconds of one core, more than validating a region. A build therefore starts
one process for it when the run starts (a Dagster resource owns it, pipelines' assets/resources.py): the import
runs on the second core while the ledger is refreshed and the year staged, and the validation then runs there
whole, beside its database. GX spends about the same time on each expectation whatever the rows, so that process
forks a second one once GX is loaded, and the sheets of a wave are shared between the two. Once the verdicts are
in, the first writes the Data Docs while the build goes on to publish.

Calls are plain functions of the validation modules, sent with their arguments and answered in order; a call is
given the Workspace of the process (the process beside it, and the Data Docs still to write) as first argument.
"""

from __future__ import annotations

import multiprocessing
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field

from pug.validation.rules import SuiteSpec, RULES_BY_SHEET


# --------------------------------------------------------------------------------------------------- runners

class LocalSuites:
    """Every suite run in this process, in one GX context (with its Data Docs site when given a folder)."""

    def __init__(self, docs_dir=None):
        from pug.validation import gx

        self.suites = gx.Suites(docs_dir)

    def run_wave(self, jobs: list[tuple[SuiteSpec, object]]) -> dict:
        return {spec.sheet: self.suites.run(spec, frame) for spec, frame in jobs}


class SideBySideSuites(LocalSuites):
    """The suites of a wave shared between this process and the one beside it; every result kept here."""

    def __init__(self, docs_dir, beside: "Beside"):
        super().__init__(docs_dir)
        self.beside = beside

    def run_wave(self, jobs: list[tuple[SuiteSpec, object]]) -> dict:
        here, there = _shares(jobs)
        if there:
            self.beside.send(there)
        runs = {spec.sheet: self.suites.run(spec, frame) for spec, frame in here}
        if there:
            for (spec, _), run in zip(there, self.beside.receive()):
                self.suites.keep(spec, run)
                runs[spec.sheet] = run
        return runs


def _shares(jobs: list) -> tuple[list, list]:
    """The jobs run here and beside, by their number of expectations (each costs about as much whatever the rows),
    the larger first to the lighter side, here first on a tie."""
    here, there, weight = [], [], [0, 0]
    for job in sorted(jobs, key=lambda job: -len(RULES_BY_SHEET[job[0].sheet])):
        side = 0 if weight[0] <= weight[1] else 1
        (here, there)[side].append(job)
        weight[side] += len(RULES_BY_SHEET[job[0].sheet])
    return here, there


# --------------------------------------------------------------------------------------------------- the process beside

class Beside:
    """A process forked from the validation process once GX is loaded, running suites given to it."""

    def __init__(self, inherited: list):
        self.connection, theirs = multiprocessing.Pipe()
        # Forked, not spawned: it starts with GX loaded. The validation process has one thread and no database open.
        # The forked process closes its copies of the other ends (`inherited` and ours), so that each end sees the
        # other close.
        self.process = multiprocessing.get_context("fork").Process(
            target=_run_beside, args=(theirs, [self.connection, *inherited]), daemon=True)
        self.process.start()
        theirs.close()

    def send(self, jobs: list) -> None:
        self.connection.send(jobs)

    def receive(self) -> list:
        succeeded, value = self.connection.recv()
        if not succeeded:
            raise value
        return value

    def close(self) -> None:
        self.connection.close()
        self.process.join(timeout=10)


def _run_beside(connection, inherited: list) -> None:
    from pug.validation import gx

    for other in inherited:
        other.close()

    while True:
        try:
            jobs = connection.recv()
        except EOFError:
            return
        try:
            suites = gx.Suites(None)
            reply = (True, [suites.run(spec, frame) for spec, frame in jobs])
        except Exception as exc:  # noqa: BLE001 - raised in the validation process, which receives it
            reply = (False, exc)
        connection.send(reply)


# --------------------------------------------------------------------------------------------------- the validation process

@dataclass
class Workspace:
    """What calls in the validation process share: the process beside it, and Data Docs still to write by token."""

    beside: Beside | None
    docs_to_write: dict[str, Callable[[], None]] = field(default_factory=dict)

    def suites(self, docs_dir) -> LocalSuites:
        return SideBySideSuites(docs_dir, self.beside) if self.beside else LocalSuites(docs_dir)


def _serve(connection, side_by_side: bool) -> None:
    from pug.validation import gx  # noqa: F401 - the import this process exists for

    workspace = Workspace(Beside([connection]) if side_by_side else None)
    try:
        while True:
            try:
                ticket, function, args = connection.recv()
            except EOFError:
                return
            try:
                reply = (ticket, True, function(workspace, *args))
            except Exception as exc:  # noqa: BLE001 - raised where the call is received
                reply = (ticket, False, exc)
            connection.send(reply)
    finally:
        if workspace.beside:
            workspace.beside.close()


class ValidationProcess:
    """The validation process, seen from the build: started at once (GX loads there meanwhile), calls answered in
    order, closed when the build ends."""

    def __init__(self, side_by_side: bool = True):
        self._connection, theirs = multiprocessing.Pipe()
        self._process = multiprocessing.get_context("spawn").Process(target=_serve, args=(theirs, side_by_side))
        self._process.start()
        theirs.close()
        # Closed at the latest when this process exits, before multiprocessing waits for its children to end.
        self._close = weakref.finalize(self, _end, self._connection, self._process)
        self._sent = 0
        self._answers: dict[int, tuple] = {}
        self._pending_docs: list[int] = []

    def submit(self, function: Callable, *args) -> int:
        """Send `function(workspace, *args)`; its ticket, for result()."""
        self._sent += 1
        self._connection.send((self._sent, function, args))
        return self._sent

    def result(self, ticket: int):
        """What the call of `ticket` returned; what it raised is raised here."""
        while ticket not in self._answers:
            answered, succeeded, value = self._connection.recv()
            self._answers[answered] = (succeeded, value)
        succeeded, value = self._answers.pop(ticket)
        if not succeeded:
            raise value
        return value

    def call(self, function: Callable, *args):
        return self.result(self.submit(function, *args))

    def write_docs_later(self, token: str) -> None:
        """Have the process write the Data Docs that a validation left under `token`, after what it does now."""
        self._pending_docs.append(self.submit(write_docs, token))

    def wait_for_docs(self) -> None:
        """Wait until every Data Docs site asked for is written; raise what writing one raised."""
        while self._pending_docs:
            self.result(self._pending_docs.pop(0))

    def close(self) -> None:
        """End the process: it sees its pipe close; one that does not end at once (an import, a call) is stopped."""
        self._close()


def _end(connection, process) -> None:
    connection.close()
    process.join(timeout=5)
    if process.is_alive():
        process.terminate()
        process.join()


def write_docs(workspace: Workspace, token: str) -> None:
    workspace.docs_to_write.pop(token)()
