"""`pug build`: materialize the asset graph in this process, against the project's Dagster instance.

Runs the three jobs in order (refresh the ledger, ingest each report year, publish), so every run is recorded in
the instance and shows in the UI like a run the daemon started.
"""

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg

from pug import paths


def use_project_instance() -> None:
    """DAGSTER_HOME is the checkout (its dagster.yaml); run storage goes under the warehouse directory."""
    os.environ.setdefault("DAGSTER_HOME", str(paths.PROJECT_ROOT))
    storage = paths.warehouse_dir() / "dagster"
    storage.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PUG_DAGSTER_STORAGE", str(storage))
    os.environ.setdefault("PUG_DAGSTER_COMPUTE_LOGS", str(Path(os.environ["PUG_DAGSTER_STORAGE"]) / "compute_logs"))
    os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")


@dataclass
class BuildReport:
    years: list[int]
    seconds: dict[str, float] = field(default_factory=dict)
    failed_checks: list[str] = field(default_factory=list)
    published: Path | None = None

    @property
    def ok(self) -> bool:
        return self.published is not None and not self.failed_checks


# The console shows warnings and errors only; every event is still stored in the instance for the UI.
QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


class BuildFailed(RuntimeError):
    pass


def run_build(years: list[int] | None = None, log=print) -> BuildReport:
    use_project_instance()
    from pipelines.definitions import defs  # after the environment is set
    from pipelines.partitions import report_year_partitions

    instance = dg.DagsterInstance.get()
    all_years = [int(k) for k in report_year_partitions.get_partition_keys()]
    chosen = years or all_years
    unknown = sorted(set(chosen) - set(all_years))
    if unknown:
        raise BuildFailed(f"report year(s) {unknown} are outside the plan periods ({all_years[0]} to {all_years[-1]})")
    report = BuildReport(years=chosen)

    def execute(job_name: str, step: str, partition_key: str | None = None) -> dg.ExecuteInProcessResult:
        started = time.monotonic()
        result = defs.resolve_job_def(job_name).execute_in_process(
            run_config=QUIET, instance=instance, partition_key=partition_key, raise_on_error=False)
        report.seconds[step] = round(time.monotonic() - started, 2)
        if not result.success and job_name != "publish":
            raise BuildFailed(f"run {result.run_id} of {job_name} {partition_key or ''} failed; see `pug ui`")
        return result

    log("pug build: refreshing the ledger of raw/submissions/ ...")
    execute("refresh_ledger", "ledger")
    for year in chosen:
        log(f"pug build: ingesting report year {year} ...")
        execute("ingest_year", f"ingest {year}", str(year))
    log("pug build: building and checking the warehouse ...")
    result = execute("publish", "publish")
    for evaluation in result.get_asset_check_evaluations():
        if not evaluation.passed:
            report.failed_checks.append(evaluation.check_name)
    published = paths.published_warehouse()
    if result.success and not report.failed_checks and published.exists():
        report.published = published
    elif not report.failed_checks:
        raise BuildFailed(f"run {result.run_id} of publish failed; see `pug ui`")
    return report


def close_year(year: int) -> Path:
    """`pug close --year Y`: run the close_year job for that partition."""
    use_project_instance()
    from pipelines.definitions import defs

    result = defs.resolve_job_def("close_year").execute_in_process(
        run_config=QUIET, instance=dg.DagsterInstance.get(), partition_key=str(year), raise_on_error=False)
    if not result.success:
        failure = next((e for e in result.all_events if e.is_step_failure), None)
        if failure is None:
            raise BuildFailed(f"run {result.run_id} failed")
        error = failure.step_failure_data.error
        while error.cause is not None:  # Dagster wraps the exception the step raised
            error = error.cause
        raise BuildFailed(error.message.strip())
    return paths.warehouse_dir() / "editions" / f"pug-{year}.duckdb"
