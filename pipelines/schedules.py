"""Schedules: a daily refresh while reports for the previous year are coming in (January to April)."""


import dagster as dg

from pipelines.jobs import refresh_ledger_job

daily_submission_window_schedule = dg.ScheduleDefinition(
    name="daily_submission_window",
    job=refresh_ledger_job,
    cron_schedule="0 6 * 1-4 *",
    execution_timezone="Asia/Jakarta",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="06:00 WIB every day from January to April, while OPDs send the previous year's reports: refresh "
    "the ledger so that late files and resubmissions reach the warehouse even if the sensor is off.",
)
