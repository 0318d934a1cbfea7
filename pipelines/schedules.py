"""Schedules: a daily build while the previous year's reports come in, and closing that year after its deadline."""


import datetime as dt

import dagster as dg

from assets.resources import PugPaths
from pipelines.jobs import build_job, close_year_job


@dg.schedule(
    job=build_job,
    cron_schedule="0 6 * 1-4 *",
    execution_timezone="Asia/Jakarta",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="06:00 WIB every day from January to April, while OPDs send the previous year's reports: a whole "
    "build of that report year (ledger, changed regions, publish), so late files and resubmissions reach the "
    "warehouse even when the sensors are off.",
)
def daily_submission_window(context: dg.ScheduleEvaluationContext):
    year = context.scheduled_execution_time.year - 1
    return dg.RunRequest(run_key=f"daily-{context.scheduled_execution_time:%Y-%m-%d}", partition_key=str(year))


def latest_deadline(pug_paths: PugPaths, year: int) -> dt.date:
    """The last deadline of any region for a report year (raw/reference/tenggat.csv)."""
    reference = pug_paths.reference()
    return max(reference.deadline(region, year) for region in reference.cities)


@dg.schedule(
    job=close_year_job,
    cron_schedule="0 2 * * *",
    execution_timezone="Asia/Jakarta",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="02:00 WIB every day: once every region's deadline for the previous report year has passed "
    "(raw/reference/tenggat.csv; 31 March unless set), close that year by freezing its annual edition "
    "warehouse/editions/pug-<year>.duckdb. Does nothing when the year is already closed.",
)
def close_previous_year(context: dg.ScheduleEvaluationContext, pug_paths: PugPaths):
    today = context.scheduled_execution_time.date()
    year = today.year - 1
    deadline = latest_deadline(pug_paths, year)
    if today <= deadline:
        return dg.SkipReason(f"report year {year} is still open: the last deadline is {deadline}")
    if pug_paths.layout.edition(year).exists():
        return dg.SkipReason(f"report year {year} is already closed")
    return dg.RunRequest(run_key=f"close-{year}", partition_key=str(year))
