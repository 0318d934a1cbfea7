"""The resources of the code location: where things live, and what the steps of a run share.

A run (of `pug build`, a sensor, a schedule or the UI) executes in one process (the in-process executor), so the
steps share one instance of each resource, set up when the run starts and torn down when it ends:
- pug_paths: raw/ and warehouse/, and the reference data, read once per run;
- warehouse_lock: the warehouse's build lock (pug.warehouse.lock), taken when the run starts and given back when it
  ends, so that one run's candidate, checks and publish never interleave with another's;
- validation_process: Great Expectations loaded in a process of its own from the start of the run, so that the
  import overlaps the ledger and staging; validation runs there and writes the Data Docs there;
- parse_workers: processes that parse new workbooks when there are many;
- feedback_writers: processes that write the feedback workbooks once the verdicts are in, while the warehouse is
  built, checked and published; the feedback step collects them.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from pydantic import PrivateAttr

from pug.ingest.parse_cache import ParseCache
from pug.outputs.feedback import FeedbackWriting
from pug.paths import Layout
from pug.reference import Reference
from pug.validation.process import ValidationProcess
from pug.warehouse.lock import DEFAULT_WAIT_SECONDS, BuildLock, describe
from pug.workers import WorkerProcesses


class PugPaths(dg.ConfigurableResource):
    """raw/ and warehouse/ of the checkout, or PUG_RAW_DIR / PUG_WAREHOUSE_DIR when set (pug.paths.Layout)."""

    raw_dir: str = ""
    warehouse_dir: str = ""
    _reference: Reference | None = PrivateAttr(default=None)

    @property
    def layout(self) -> Layout:
        return Layout.from_environment(self.raw_dir or None, self.warehouse_dir or None)

    def reference(self) -> Reference:
        """The reference data of raw/reference/, read once by this resource (once per run)."""
        if self._reference is None:
            self._reference = Reference.load(self.layout.reference)
        return self._reference

    def parse_cache(self) -> ParseCache:
        return ParseCache(self.layout.cache)


class WarehouseLock(dg.ConfigurableResource):
    """The build lock of the warehouse, held for the whole run. Every asset that writes under warehouse/ names it
    among its parameters: that is how a step asks Dagster to set it up, and the in-process executor sets up a run's
    resources once, before its first step."""

    pug_paths: PugPaths
    wait_seconds: float = DEFAULT_WAIT_SECONDS  # then the run fails, saying which build holds the lock
    _lock: BuildLock | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        run = context.run
        tags = run.tags if run is not None else {}
        command = (tags.get("pug/command") or (f"sensor {tags['dagster/sensor_name']}" if "dagster/sensor_name" in tags else "")
                   or (f"schedule {tags['dagster/schedule_name']}" if "dagster/schedule_name" in tags else "")
                   or f"Dagster job {run.job_name if run is not None else '?'}")
        lock = BuildLock(self.pug_paths.layout.warehouse)
        lock.acquire(run.run_id if run is not None else "", command, self.wait_seconds,
                     waiting=lambda holder: context.log.warning(
                         f"menunggu build lain selesai (paling lama {self.wait_seconds:.0f} s) / waiting for another "
                         f"build to end (at most {self.wait_seconds:.0f} s): {describe(holder)}"))
        self._lock = lock

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None


class ValidationProcessResource(dg.ConfigurableResource):
    """The process that validates (pug.validation.process), started when the run starts and ended when it ends."""

    side_by_side: bool = True  # a second process, forked from the first, runs half of each wave of suites
    _process: ValidationProcess | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        self._process = ValidationProcess(self.side_by_side)

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._process is not None:
            try:
                self._process.wait_for_docs()  # the Data Docs of the last validation, when no step waited for them
            finally:
                self._process.close()
                self._process = None

    @property
    def process(self) -> ValidationProcess:
        if self._process is None:  # used outside a run (a test calling an asset directly)
            self._process = ValidationProcess(self.side_by_side)
        return self._process


class ParseWorkers(dg.ConfigurableResource):
    """Processes that parse new submissions in parallel, started when there are many to parse."""

    processes: int = 0  # 0: one per core, at most 8
    _workers: WorkerProcesses | None = PrivateAttr(default=None)

    @property
    def workers(self) -> WorkerProcesses:
        if self._workers is None:
            self._workers = WorkerProcesses(self.processes or None)
        return self._workers

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._workers is not None:
            self._workers.close()


class FeedbackWriters(dg.ConfigurableResource):
    """Processes that write the feedback workbooks of a report year: begun once its verdicts are in, collected by
    the feedback step. They write at a lower priority (niceness) while the build goes on, taking the CPU it leaves."""

    processes: int = 0  # 0: one per core, at most 8
    niceness: int = 10
    _workers: WorkerProcesses | None = PrivateAttr(default=None)
    _begun: dict | None = PrivateAttr(default=None)

    def _pool(self) -> WorkerProcesses:
        if self._workers is None:
            self._workers = WorkerProcesses(self.processes or None, niceness=self.niceness)
        return self._workers

    def begin(self, year_db: Path, feedback_dir: Path, year: int, decided: dict[str, dict]) -> None:
        """Start writing what is out of date; the year's database must not change until finish(). decided: the
        reviewers' decisions in force (pug.ingest.decisions.in_force), which the workbooks show."""
        self._begun = self._begun or {}
        self._begun[(year_db, feedback_dir, year)] = FeedbackWriting(year_db, feedback_dir, year, self._pool(), decided)

    def finish(self, year_db: Path, feedback_dir: Path, year: int, decided: dict[str, dict]) -> dict:
        """Collect what begin() started, or write the workbooks now."""
        writing = (self._begun or {}).pop((year_db, feedback_dir, year), None)
        return (writing or FeedbackWriting(year_db, feedback_dir, year, self._pool(), decided)).finish()

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        try:
            for writing in (self._begun or {}).values():  # begun in a run whose feedback step did not run
                writing.finish()
        finally:
            self._begun = None
            if self._workers is not None:
                self._workers.close()
