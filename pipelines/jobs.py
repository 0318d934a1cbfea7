"""Jobs: the three steps of a build, which `pug build`, the sensor and the schedule run."""


import dagster as dg


refresh_ledger_job = dg.define_asset_job(
    "refresh_ledger",
    selection=dg.AssetSelection.assets("reference_data", "submission_ledger"),
    description="Load the reference data and record every new, changed or removed file under raw/submissions/.",
)

ingest_year_job = dg.define_asset_job(
    "ingest_year",
    selection=dg.AssetSelection.assets("parsed_submissions", "row_verdicts", "feedback_workbooks"),
    description="Stage one report year's submissions, validate them, give each row its verdict, and write the "
    "feedback workbooks.",
)

publish_job = dg.define_asset_job(
    "publish",
    selection=dg.AssetSelection.assets("warehouse_candidate").downstream() - dg.AssetSelection.assets("annual_edition"),
    description="Build a candidate warehouse from every staged year, run the blocking checks, publish it "
    "atomically to warehouse/pug.duckdb when they pass, then write the review pages.",
)

close_year_job = dg.define_asset_job(
    "close_year",
    selection=dg.AssetSelection.assets("annual_edition"),
    description="Close a report year: freeze warehouse/editions/pug-<year>.duckdb from the published warehouse.",
)
