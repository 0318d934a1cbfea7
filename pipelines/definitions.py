"""The Dagster code location of the PUG warehouse."""


import dagster as dg

from assets.editions import annual_edition
from assets.reference import reference_data
from assets.submissions import parsed_submissions, submission_ledger
from assets.reports import analyst_reports, feedback_workbooks, review_pages
from assets.validation import row_verdicts
from assets.warehouse import blocking_checks, published_table_specs, published_warehouse, warehouse_candidate
from pipelines.jobs import (build_year_job, close_year_job, ingest_year_job, publish_job, refresh_ledger_job,
                           update_year_job)
from pipelines.resources import PugPaths
from pipelines.schedules import close_previous_year, daily_submission_window
from pipelines.sensors import ledger_sensor, submissions_sensor

defs = dg.Definitions(
    assets=[reference_data, submission_ledger, parsed_submissions, row_verdicts, feedback_workbooks, review_pages, analyst_reports,
            warehouse_candidate, published_warehouse, *published_table_specs, annual_edition],
    asset_checks=[blocking_checks],
    jobs=[refresh_ledger_job, ingest_year_job, publish_job, update_year_job, build_year_job, close_year_job],
    schedules=[daily_submission_window, close_previous_year],
    sensors=[submissions_sensor, ledger_sensor],
    resources={"pug_paths": PugPaths()},
)
