"""Schedules: a daily refresh while reports for the previous year are coming in (January to April)."""


import dagster as dg

from pipelines.jobs import close_year_job, refresh_ledger_job

daily_submission_window_schedule = dg.ScheduleDefinition(
    name="daily_submission_window",
    job=refresh_ledger_job,
    cron_schedule="0 6 * 1-4 *",
    execution_timezone="Asia/Jakarta",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="06:00 WIB every day from January to April, while OPDs send the previous year's reports: refresh "
    "the ledger so that late files and resubmissions reach the warehouse even if the sensor is off.",
)


@dg.schedule(
    job=close_year_job,
    cron_schedule="0 2 1 5 *",
    execution_timezone="Asia/Jakarta",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="02:00 WIB on 1 May, after every region's deadline for the previous year (31 March, Bekasi 15 "
    "April): close that report year by freezing its annual edition.",
)
def close_previous_year_schedule(context: dg.ScheduleEvaluationContext):
    year = context.scheduled_execution_time.year - 1
    return dg.RunRequest(run_key=f"close-{year}", partition_key=str(year))
