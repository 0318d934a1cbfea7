"""`pug build`: materialize the asset graph in this process, against the project's Dagster instance.

One report year builds in one run of build_year; several years run the three jobs in order (refresh the ledger,
ingest each report year, publish). Every run is recorded in the instance and shows in the UI like a run the daemon
started.
"""

import os
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg

from pug import paths
from pug.ingest.staging import year_database
from pug.validation.workers import start_validator, stop_validator, wait_for_docs


def project_env(raw: Path, warehouse: Path) -> dict[str, str]:
    """The environment that points pug and its Dagster instance at a raw/ and a warehouse/ directory."""
    return {"PUG_RAW_DIR": str(raw), "PUG_WAREHOUSE_DIR": str(warehouse), "PUG_DAGSTER_STORAGE": str(warehouse / "dagster"),
            "PUG_DAGSTER_COMPUTE_LOGS": str(warehouse / "dagster" / "compute_logs")}


def use_project_instance() -> None:
    """DAGSTER_HOME is the checkout (its dagster.yaml: SQLite storage under the warehouse directory), or
    deploy/postgres/ (its dagster.yaml: Postgres storage) when PUG_DAGSTER_POSTGRES_URL is set; an explicit
    DAGSTER_HOME wins. Artifacts and step logs go under the warehouse directory either way."""
    home = paths.PROJECT_ROOT / "deploy" / "postgres" if os.environ.get("PUG_DAGSTER_POSTGRES_URL") else paths.PROJECT_ROOT
    os.environ.setdefault("DAGSTER_HOME", str(home))
    defaults = project_env(paths.raw_dir(), paths.warehouse_dir())
    os.environ.setdefault("PUG_DAGSTER_STORAGE", defaults["PUG_DAGSTER_STORAGE"])
    os.environ.setdefault("PUG_DAGSTER_COMPUTE_LOGS", str(Path(os.environ["PUG_DAGSTER_STORAGE"]) / "compute_logs"))
    Path(os.environ["PUG_DAGSTER_STORAGE"]).mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")


@dataclass
class BuildReport:
    years: list[int]  # report years ingested: a year without any submission or staged data is skipped
    seconds: dict[str, float] = field(default_factory=dict)
    failed_checks: list[str] = field(default_factory=list)
    published: Path | None = None
    parsed: int = 0  # files parsed (not found in the parse cache)
    regions_staged: dict[int, list[str]] = field(default_factory=dict)  # per report year
    regions_validated: dict[int, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.published is not None and not self.failed_checks


# In-process runs carry the process that runs them, so a later build can tell a live run from a killed one.
RUNNER_TAGS = {"pug/host": socket.gethostname(), "pug/pid": str(os.getpid())}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover_killed_runs(instance: dg.DagsterInstance, log=print) -> list[str]:
    """Mark as failed the in-process runs of this host whose process is gone (a build killed with SIGKILL never
    reports its end), and give back the concurrency slots they held, so the next build is not left waiting."""
    recovered = []
    unfinished = instance.get_runs(filters=dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING],
                                                          tags={"pug/host": RUNNER_TAGS["pug/host"]}))
    for run in unfinished:
        pid = int(run.tags.get("pug/pid", "0"))
        if pid == os.getpid() or (pid and _alive(pid)):
            continue
        instance.report_run_failed(run, f"the process running it (pid {pid}) is gone: killed or crashed")
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        recovered.append(run.run_id)
    # A slot can also outlive its run record (run storage reset while a step waited): free any slot whose run is
    # not running any more.
    for pool in instance.event_log_storage.get_concurrency_keys():
        info = instance.event_log_storage.get_concurrency_info(pool)
        for run_id in {slot.run_id for slot in info.claimed_slots} | {step.run_id for step in info.pending_steps}:
            run = instance.get_run_by_id(run_id)
            if run_id in recovered or run is None or run.is_finished:
                instance.event_log_storage.free_concurrency_slots_for_run(run_id)
                recovered.append(run_id)
    if recovered:
        log(f"pug build: {len(set(recovered))} run(s) of a killed build marked failed, their locks released")
    return recovered


# The console shows warnings and errors only; every event is still stored in the instance for the UI.
QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


class BuildFailed(RuntimeError):
    pass


# Runs that end with the blocking checks: a failed check is reported as such, not as a crash.
PUBLISHING_JOBS = ("publish", "build_year")


def run_build(years: list[int] | None = None, log=print) -> BuildReport:
    start_validator()  # first (if `pug build` has not): GX imports on the second core while Dagster starts on this one
    try:
        report = _run_build(years, log)
        wait_for_docs()  # the last validation's Data Docs, when no review page waited for them
        return report
    finally:
        stop_validator()


def _run_build(years: list[int] | None, log) -> BuildReport:
    use_project_instance()
    from pipelines.definitions import defs  # after the environment is set
    from pipelines.partitions import report_year_partitions

    instance = dg.DagsterInstance.get()
    all_years = [int(k) for k in report_year_partitions.get_partition_keys()]
    chosen = years or all_years
    unknown = sorted(set(chosen) - set(all_years))
    if unknown:
        raise BuildFailed(f"report year(s) {unknown} are outside the plan periods ({all_years[0]} to {all_years[-1]})")
    report = BuildReport(years=list(chosen))
    recover_killed_runs(instance, log)

    def execute(job_name: str, step: str, partition_key: str | None = None) -> dg.ExecuteInProcessResult:
        started = time.monotonic()
        result = defs.resolve_job_def(job_name).execute_in_process(
            run_config=QUIET, instance=instance, partition_key=partition_key, raise_on_error=False, tags=RUNNER_TAGS)
        report.seconds[step] = round(time.monotonic() - started, 2)
        if not result.success and job_name not in PUBLISHING_JOBS:
            raise BuildFailed(f"run {result.run_id} of {job_name} {partition_key or ''} failed; see `pug ui`")
        return result

    def ledger_done(result: dg.ExecuteInProcessResult) -> set[int]:
        """Log what the ledger found; return the report years that have a submission."""
        ledger = _metadata(result, "submission_ledger")
        report.parsed = int(ledger["parsed"])
        cached = int(ledger["files_seen"]) - report.parsed
        log(f"pug build:   {ledger['files_seen']} files, {ledger['new_or_changed']} new or changed, {ledger['removed']} removed; "
            f"{ledger['parsed']} parsed" + (f", {cached} unchanged (parsed before, not read again)" if cached > 0 else ""))
        return {int(year) for year in str(ledger["report_years"]).split(", ") if year}

    def year_done(result: dg.ExecuteInProcessResult, year: int) -> None:
        staged, judged = _metadata(result, "parsed_submissions"), _metadata(result, "row_verdicts")
        report.regions_staged[year] = [r for r in str(staged["regions_staged"]).split(", ") if r]
        report.regions_validated[year] = [r for r in str(judged["regions_validated"]).split(", ") if r]
        if report.regions_staged[year] or report.regions_validated[year]:
            log(f"pug build:   staged again: {', '.join(report.regions_staged[year]) or 'none'}; validated again: "
                f"{', '.join(report.regions_validated[year]) or 'none'}")
        else:
            log(f"pug build:   unchanged: nothing staged or validated again ({staged['regions_unchanged']} region(s))")

    if len(chosen) == 1:
        # One year: ledger, ingest and publish in one run, which saves the start and end of two runs.
        (year,) = chosen
        log(f"pug build: report year {year}: refreshing the ledger, ingesting, building and checking the warehouse ...")
        result = execute("build_year", f"build {year}", str(year))
        if not any(e.step_key == "submission_ledger" and e.is_step_success for e in result.all_events):
            raise BuildFailed(f"run {result.run_id} of build_year {year} failed; see `pug ui`")
        ledger_done(result)
        if any(e.step_key == "row_verdicts" and e.is_step_success for e in result.all_events):
            year_done(result, year)
    else:
        log("pug build: refreshing the ledger of raw/submissions/ ...")
        with_submissions = ledger_done(execute("refresh_ledger", "ledger"))
        for year in chosen:
            if year not in with_submissions and not year_database(paths.build_dir(), year).exists():
                log(f"pug build: report year {year}: no submission yet, nothing to ingest")
                report.years.remove(year)
                continue
            log(f"pug build: ingesting report year {year} ...")
            year_done(execute("ingest_year", f"ingest {year}", str(year)), year)
        log("pug build: building and checking the warehouse ...")
        result = execute("publish", "publish")
    for evaluation in result.get_asset_check_evaluations():
        if not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.ERROR:  # the blocking checks; a
            report.failed_checks.append(evaluation.check_name)  # suite with errors only warns (rows quarantined)
    published = paths.published_warehouse()
    if result.success and not report.failed_checks and published.exists():
        report.published = published
    elif not report.failed_checks:
        raise BuildFailed(f"run {result.run_id} of {result.job_def.name} failed; see `pug ui`")
    return report


def _metadata(result: dg.ExecuteInProcessResult, asset: str) -> dict:
    """The metadata of an asset's materialization in a run, as plain values."""
    for event in result.get_asset_materialization_events():
        materialization = event.step_materialization_data.materialization
        if materialization.asset_key == dg.AssetKey(asset):
            return {key: getattr(value, "value", value) for key, value in materialization.metadata.items()}
    raise BuildFailed(f"run {result.run_id} did not materialize {asset}")


def close_year(year: int) -> Path:
    """`pug close --year Y`: run the close_year job for that partition."""
    use_project_instance()
    from pipelines.definitions import defs

    instance = dg.DagsterInstance.get()
    recover_killed_runs(instance)
    result = defs.resolve_job_def("close_year").execute_in_process(
        run_config=QUIET, instance=instance, partition_key=str(year), raise_on_error=False, tags=RUNNER_TAGS)
    if not result.success:
        failure = next((e for e in result.all_events if e.is_step_failure), None)
        if failure is None:
            raise BuildFailed(f"run {result.run_id} failed")
        error = failure.step_failure_data.error
        while error.cause is not None:  # Dagster wraps the exception the step raised
            error = error.cause
        raise BuildFailed(error.message.strip())
    return paths.warehouse_dir() / "editions" / f"pug-{year}.duckdb"
