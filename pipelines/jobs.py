"""Jobs: the three steps of a build, which `pug build`, the sensor and the schedule run."""


import dagster as dg


refresh_ledger_job = dg.define_asset_job(
    "refresh_ledger",
    selection=dg.AssetSelection.assets("reference_data", "submission_ledger"),
    description="Load the reference data and record every new, changed or removed file under raw/submissions/.",
)

ingest_year_job = dg.define_asset_job(
    "ingest_year",
    selection=dg.AssetSelection.assets("parsed_submissions", "row_verdicts"),
    description="Stage one report year's submissions and give each row its verdict.",
)

publish_job = dg.define_asset_job(
    "publish",
    selection=dg.AssetSelection.assets("warehouse_candidate").downstream(),
    description="Build a candidate warehouse from every staged year, run the blocking checks, and publish it "
    "atomically to warehouse/pug.duckdb when they pass.",
)
