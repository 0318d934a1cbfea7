"""Where the suites run: in this process (the lone-file check), or in the validation process of a build.

Importing Great Expectations costs seconds of one core, more than validating a region. A build therefore starts
one process for it when its run starts (a Dagster resource owns it: assets/resources.py); the import runs on the
second core while the build refreshes the ledger, stages the year and prepares the rule inputs. The build sends it
each wave of suites with their input frames and gets back what failed, in plain values; the GX results stay there,
and once the verdicts are in, it writes the Data Docs while the build goes on to publish. GX spends about the same
time on each expectation whatever the rows, so that process forks a second one once GX is loaded, and the suites
of a wave are shared between the two.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import shutil
import uuid
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pug.validation.rules import RULES_BY_SHEET, SuiteSpec


# --------------------------------------------------------------------------------------------------- suites here

class LocalSuites:
    """Suites run in this process, in one GX context; with `docs_dir`, their Data Docs site is built there."""

    def __init__(self, docs_dir: Path | None = None):
        from pug.validation import gx

        self.suites = gx.Suites(docs_dir)

    def run_wave(self, jobs: list[tuple[SuiteSpec, object]]) -> dict:
        """{sheet: gx.SuiteRun} of each (suite, input frame), with its Data Docs page."""
        runs = {spec.sheet: self.suites.run(spec, frame) for spec, frame in jobs}
        for run in runs.values():
            run.docs_page = self.suites.docs_page(run)
        return runs

    def write_docs(self, site: Path, replace: bool) -> None:
        """Build the Data Docs of the runs, then put them in `site`: replacing it (a run over every region), or
        adding to it (the pages of the regions not validated again stay)."""
        built = self.suites.docs_dir
        self.suites.write_docs()
        if built is None or not built.exists():
            return
        if replace:
            shutil.rmtree(site, ignore_errors=True)
            os.replace(built, site)
        else:
            shutil.copytree(built, site, dirs_exist_ok=True, copy_function=_copy_unless_same)
            shutil.rmtree(built, ignore_errors=True)


def _copy_unless_same(source: str, target: str) -> str:
    """shutil.copy2, except for a file that already is the target: the vendored scripts of both sites are hard links
    to web/node_modules (pug.outputs.offline), which copy2 refuses to copy onto themselves."""
    if os.path.exists(target) and os.path.samefile(source, target):
        return target
    return shutil.copy2(source, target)


class SideBySideSuites(LocalSuites):
    """The suites of a wave shared between this process and the one beside it; every result kept here."""

    def __init__(self, docs_dir: Path | None, beside: Beside):
        super().__init__(docs_dir)
        self.beside = beside

    def run_wave(self, jobs: list[tuple[SuiteSpec, object]]) -> dict:
        here, there = _shares(jobs)
        if there:
            self.beside.send(there)
        runs = super().run_wave(here)
        if there:
            for (spec, _), run in zip(there, self.beside.receive()):
                self.suites.keep(spec, run)
                run.docs_page = self.suites.docs_page(run)
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
    """A process forked from the validation process once GX is loaded, running the suites given to it."""

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
    """What the calls in the validation process share: the process beside it, and the suites of each validation
    (their GX context, with the results the Data Docs are built from), by token."""

    beside: Beside | None
    suites: dict[str, LocalSuites] = field(default_factory=dict)


def _serve(connection, side_by_side: bool) -> None:
    from pug.validation import gx  # noqa: F401 - the import this process exists for

    workspace = Workspace(Beside([connection]) if side_by_side else None)
    try:
        while True:
            try:
                ticket, call = connection.recv()
            except EOFError:
                return
            try:
                function, args = pickle.loads(call)
                reply = (ticket, True, function(workspace, *args))
            except Exception as exc:  # noqa: BLE001 - raised where the call is received
                reply = (ticket, False, exc)
            connection.send(reply)
    finally:
        if workspace.beside:
            workspace.beside.close()


def _run_wave(workspace: Workspace, token: str, docs_dir: Path | None, jobs: list) -> dict:
    """A wave of the validation `token`, its suites made on first use. The runs come back without GX's results,
    which stay here for the Data Docs."""
    if token not in workspace.suites:
        workspace.suites[token] = (SideBySideSuites(docs_dir, workspace.beside) if workspace.beside
                                   else LocalSuites(docs_dir))
    runs = workspace.suites[token].run_wave(jobs)
    for run in runs.values():
        run.result = run.key = None
    return runs


def _write_docs(workspace: Workspace, token: str, site: Path, replace: bool) -> None:
    suites = workspace.suites.pop(token, None)
    if suites is not None:
        suites.write_docs(site, replace)


class ValidationProcess:
    """The validation process, seen from the build: started at once (GX loads there meanwhile), calls answered in
    order, ended with the build."""

    def __init__(self, side_by_side: bool = True):
        self._connection, theirs = multiprocessing.Pipe()
        self._process = multiprocessing.get_context("spawn").Process(target=_serve, args=(theirs, side_by_side))
        self._process.start()
        theirs.close()
        # Ended at the latest when this process exits, before multiprocessing waits for its children to end.
        self._close = weakref.finalize(self, _end, self._connection, self._process)
        self._sent = 0
        self._answers: dict[int, tuple] = {}
        self._pending_docs: list[int] = []

    def submit(self, function: Callable, *args) -> int:
        """Send `function(workspace, *args)`; its ticket, for result()."""
        self._sent += 1
        # Pickled here, so that a call the process cannot unpickle is answered with the error, not lost.
        self._connection.send((self._sent, pickle.dumps((function, args), protocol=pickle.HIGHEST_PROTOCOL)))
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

    def suites(self, docs_dir: Path | None) -> RemoteSuites:
        """Suites for one validation, run in this process's GX context (made on the first wave)."""
        return RemoteSuites(self, docs_dir)

    def write_docs_later(self, token: str, site: Path, replace: bool) -> None:
        """Have the process write the Data Docs of the validation `token`, after what it does now."""
        self._pending_docs.append(self.submit(_write_docs, token, site, replace))

    def wait_for_docs(self) -> None:
        """Wait until every Data Docs site asked for is written; raise what writing one raised."""
        while self._pending_docs:
            self.result(self._pending_docs.pop(0))

    def close(self) -> None:
        """End the process, at once: its work is done or no longer wanted, and the teardown of an interpreter that
        loaded GX takes about a second. The process beside it sees its pipe close and ends."""
        self._close()


def _end(connection, process) -> None:
    connection.close()
    process.terminate()
    process.join()


class RemoteSuites:
    """LocalSuites' interface, for the build: the suites run in the validation process, whose Data Docs are
    written there after what it does now, while the build goes on (ValidationProcess.wait_for_docs)."""

    def __init__(self, process: ValidationProcess, docs_dir: Path | None):
        self.process, self.docs_dir, self.token = process, docs_dir, uuid.uuid4().hex

    def run_wave(self, jobs: list[tuple[SuiteSpec, object]]) -> dict:
        return self.process.call(_run_wave, self.token, self.docs_dir, jobs)

    def write_docs(self, site: Path, replace: bool) -> None:
        self.process.write_docs_later(self.token, site, replace)
