"""`pug build` and `pug close`: one run of the build (or close_year) job, in this process, against the project's
Dagster instance; recorded there and shown in the UI like a run the daemon launched, and run the same way (the
in-process executor, the same resources)."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg

from pipelines.instance import RUNNER_TAGS, recover_killed_runs, use_project_instance
from pug.failures import explain
from pug.paths import Layout
from pug.warehouse.lock import DEFAULT_WAIT_SECONDS

# The console shows warnings, a line each (pipelines/loggers.py); `pug` says why a run failed in a line of its own.
# Every event, stack traces included, is stored in the instance for the UI.
QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING", "show_errors": False}}}}


@dataclass
class BuildReport:
    years: list[int]  # report years built: a year without any submission or staged data is skipped
    seconds: dict[str, float] = field(default_factory=dict)
    failed_checks: list[str] = field(default_factory=list)
    published: Path | None = None
    parsed: int = 0  # files parsed (not found in the parse cache)
    regions_staged: dict[int, list[str]] = field(default_factory=dict)  # per report year
    regions_validated: dict[int, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.published is not None and not self.failed_checks


class BuildFailed(RuntimeError):
    """A run that failed: its message is the cause in one line, in both languages where it is known."""


def _execute(job_name: str, command: str, wait_seconds: float, log, **options) -> dg.ExecuteInProcessResult:
    """One run of a job in this process, with the warehouse's lock waited for at most `wait_seconds`."""
    from pipelines.definitions import defs  # after the environment is set

    instance = dg.DagsterInstance.get()
    recover_killed_runs(instance, log)
    run_config = {**QUIET, "resources": {"warehouse_lock": {"config": {"wait_seconds": wait_seconds}}}}
    return defs.resolve_job_def(job_name).execute_in_process(
        run_config=run_config, instance=instance, raise_on_error=False,
        tags={**RUNNER_TAGS, "pug/command": command, **options.pop("tags", {})}, **options)


def _failure(result: dg.ExecuteInProcessResult) -> BuildFailed:
    """Why a run failed, as one line: the cause when it is known, then where to read the rest."""
    chain = []
    for event in result.all_events:
        error = getattr(event.event_specific_data, "error", None)
        if error is not None:
            chain = _error_chain(error)
            break
    cause = explain(chain, Layout.from_environment().warehouse)
    if cause is None and chain:  # the exception the step raised, under Dagster's wrapping
        cls_name, message = chain[-1]
        cause = f"{cls_name}: {message.strip().splitlines()[0] if message.strip() else ''}"
    return BuildFailed(f"{cause or 'run ' + result.run_id + ' failed'} (Dagster run {result.run_id[:8]}: pug ui)")


def _error_chain(error) -> list[tuple[str, str]]:
    """(class, message) of an error and of the errors it was raised from, outermost first."""
    chain = []
    while error is not None:
        cls_name = error.cls_name or ""
        # The message is the exception's last line as Python prints it: "pug.module.Class: text".
        message = re.sub(rf"^[\w.]*\b{re.escape(cls_name)}: ", "", error.message or "") if cls_name else error.message or ""
        chain.append((cls_name, message))
        error = error.cause or error.context
    return chain


def run_build(years: list[int] | None = None, log=print, wait_seconds: float = DEFAULT_WAIT_SECONDS) -> BuildReport:
    """Build the report years (every one when None) in one run of the build job and publish."""
    use_project_instance()
    from assets.partitions import report_year_partitions, year_range

    all_years = [int(k) for k in report_year_partitions.get_partition_keys()]
    chosen = sorted(set(years or all_years))
    unknown = sorted(set(chosen) - set(all_years))
    if unknown:
        raise BuildFailed(f"report year(s) {unknown} are outside the plan periods ({all_years[0]} to {all_years[-1]})")
    log(f"pug build: report year(s) {', '.join(map(str, chosen))}: refreshing the ledger, ingesting, building and "
        "checking the warehouse ...")
    started = time.monotonic()
    result = _execute("build", "pug build", wait_seconds, log, tags=year_range(chosen[0], chosen[-1]))
    report = BuildReport(years=[], seconds={"build": round(time.monotonic() - started, 2)})
    ledger = _metadata(result, "submission_ledger")
    if ledger is None:
        raise _failure(result)
    if ledger.get("ledger_restored"):
        log(f"pug build:   {ledger['ledger_restored']}")
    report.parsed = int(ledger["parsed"])
    cached = int(ledger["files_seen"]) - report.parsed
    log(f"pug build:   {ledger['files_seen']} files, {ledger['new_or_changed']} new or changed, {ledger['removed']} removed; "
        f"{ledger['parsed']} parsed" + (f", {cached} unchanged (parsed before, not read again)" if cached > 0 else ""))
    staged = (_metadata(result, "parsed_submissions") or {}).get("years", {})
    judged = (_metadata(result, "row_verdicts") or {}).get("years", {})
    for year in chosen:
        if str(year) not in staged:
            continue  # no submission and nothing staged before
        report.years.append(year)
        report.regions_staged[year] = staged[str(year)]["regions_staged"]
        report.regions_validated[year] = judged.get(str(year), {}).get("regions_validated", [])
        if report.regions_staged[year] or report.regions_validated[year]:
            log(f"pug build:   {year}: staged again: {', '.join(report.regions_staged[year]) or 'none'}; validated again: "
                f"{', '.join(report.regions_validated[year]) or 'none'}")
        else:
            log(f"pug build:   {year}: unchanged: nothing staged or validated again "
                f"({staged[str(year)]['regions_unchanged']} region(s))")
    for evaluation in result.get_asset_check_evaluations():
        if not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.ERROR:  # the blocking checks; a
            report.failed_checks.append(evaluation.check_name)  # suite with errors only warns (rows quarantined)
    published = Layout.from_environment().published
    if result.success and not report.failed_checks and published.exists():
        report.published = published
    elif not report.failed_checks:
        raise _failure(result)
    return report


def _metadata(result: dg.ExecuteInProcessResult, asset: str) -> dict | None:
    """The metadata of an asset's (first) materialization in a run, as plain values; None when it has none."""
    for event in result.get_asset_materialization_events():
        materialization = event.step_materialization_data.materialization
        if materialization.asset_key == dg.AssetKey(asset):
            return {key: getattr(value, "value", value) for key, value in materialization.metadata.items()}
    return None


def close_year(year: int, wait_seconds: float = DEFAULT_WAIT_SECONDS) -> Path:
    """`pug close --year Y`: run the close_year job for that partition."""
    use_project_instance()
    result = _execute("close_year", "pug close", wait_seconds, lambda message: None, partition_key=str(year))
    if not result.success:
        raise _failure(result)
    return Layout.from_environment().edition(year)
