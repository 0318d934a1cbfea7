"""Jobs: the steps of a build, which `pug build`, the sensors and the schedules run.

Every job that writes warehouse/pug.duckdb carries the tag pug/writes_warehouse; dagster.yaml lets one such run go
at a time, so two publishes never race for the candidate file (and the duckdb_writer pool keeps single steps apart).
"""


import dagster as dg

WRITES_WAREHOUSE = {"pug/writes_warehouse": "true"}

_LEDGER = dg.AssetSelection.assets("reference_data", "submission_ledger")
_INGEST = dg.AssetSelection.assets("parsed_submissions", "row_verdicts", "feedback_workbooks")
_PUBLISH = dg.AssetSelection.assets("warehouse_candidate", "published_warehouse", "review_pages", "analyst_reports")

refresh_ledger_job = dg.define_asset_job(
    "refresh_ledger",
    selection=_LEDGER,
    description="Load the reference data and record every new, changed or removed file under raw/submissions/; "
    "content not seen before is parsed. The ledger sensor then starts update_year for each report year touched.",
)

ingest_year_job = dg.define_asset_job(
    "ingest_year",
    selection=_INGEST,
    description="Stage one report year's submissions, validate them, give each row its verdict, and write the "
    "feedback workbooks; only regions whose files changed are staged and validated again.",
)

publish_job = dg.define_asset_job(
    "publish",
    selection=_PUBLISH,
    tags=WRITES_WAREHOUSE,
    description="Build a candidate warehouse from every staged year, run the blocking checks, publish it "
    "atomically to warehouse/pug.duckdb when they pass, then write the review pages and analyst reports.",
)

update_year_job = dg.define_asset_job(
    "update_year",
    selection=_INGEST | _PUBLISH,
    tags=WRITES_WAREHOUSE,
    description="Ingest one report year (its changed regions) and publish the warehouse: what the ledger sensor "
    "starts for every report year whose files were added, changed or removed.",
)

build_year_job = dg.define_asset_job(
    "build_year",
    selection=_LEDGER | _INGEST | _PUBLISH,
    tags=WRITES_WAREHOUSE,
    description="The whole build of one report year in one run: refresh the ledger, ingest the year, publish. "
    "The daily schedule of the submission window runs it.",
)

close_year_job = dg.define_asset_job(
    "close_year",
    selection=dg.AssetSelection.assets("annual_edition"),
    tags=WRITES_WAREHOUSE,
    description="Close a report year: freeze warehouse/editions/pug-<year>.duckdb from the published warehouse.",
)
