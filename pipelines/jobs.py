"""Jobs: what `pug build`, the sensor, the schedules and the UI run, all the same way.

Each runs in one process (the in-process executor): the steps share the run's resources (the validation process,
the worker pools), so a run the sensor starts through the daemon is built as `pug build` builds it. Every job that
writes warehouse/pug.duckdb carries the tag pug/writes_warehouse; dagster.yaml lets one such run go at a time, and
the duckdb_writer pool keeps single steps apart.
"""

import dagster as dg

WRITES_WAREHOUSE = {"pug/writes_warehouse": "true"}

build_job = dg.define_asset_job(
    "build",
    selection=(dg.AssetSelection.all() - dg.AssetSelection.assets("annual_edition")).materializable(),
    tags=WRITES_WAREHOUSE,
    executor_def=dg.in_process_executor,
    description="Build report years and publish: load the reference data, record every new, changed or removed file "
    "under raw/submissions/ (content not seen before is parsed), stage and validate the changed regions of each year "
    "of the run's range, write feedback and Data Docs, build and check the candidate warehouse, publish it "
    "atomically, then write the review pages and analyst reports. Unchanged years and regions cost a look.",
)

close_year_job = dg.define_asset_job(
    "close_year",
    selection=dg.AssetSelection.assets("annual_edition"),
    tags=WRITES_WAREHOUSE,
    executor_def=dg.in_process_executor,
    description="Close a report year: freeze warehouse/editions/pug-<year>.duckdb from the published warehouse.",
)
