"""The Dagster code location of the PUG warehouse: the asset graph (assets/), its jobs, schedule, sensor and
resources."""

import dagster as dg

from assets import checks, editions, reference, reports, submissions, validation, warehouse
from assets.resources import FeedbackWriters, ParseWorkers, PugPaths, ValidationProcessResource, WarehouseLock
from pipelines.jobs import build_job, close_year_job
from pipelines.loggers import one_line_console
from pipelines.schedules import close_previous_year, daily_submission_window
from pipelines.sensors import submissions_sensor

paths = PugPaths()
defs = dg.Definitions(
    assets=dg.load_assets_from_modules([reference, submissions, validation, warehouse, reports, editions]),
    asset_checks=dg.load_asset_checks_from_modules([checks]),
    jobs=[build_job, close_year_job],
    schedules=[daily_submission_window, close_previous_year],
    sensors=[submissions_sensor],
    # Every run in one process, as the jobs are (pipelines/jobs.py): a run the UI starts for a few assets too.
    executor=dg.in_process_executor,
    loggers={"console": one_line_console},
    resources={"pug_paths": paths, "warehouse_lock": WarehouseLock(pug_paths=paths), "validation_process": ValidationProcessResource(), "parse_workers": ParseWorkers(),
               "feedback_writers": FeedbackWriters()},
)
