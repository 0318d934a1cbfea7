"""Submissions layer: the ledger of every file under raw/submissions/, and each report year's parsed rows."""


import dagster as dg

from pipelines.partitions import report_year_partitions
from pipelines.resources import PugPaths
from pug.ledger import submissions_of_year, update_ledger
from pug.staging import stage_year, year_database


@dg.asset(
    group_name="submissions",
    kinds={"python", "duckdb"},
    pool="duckdb_writer",
    deps=["reference_data"],
    description="Ledger of every file ever seen under raw/submissions/ (path, sha256, size, first seen, identity, "
    "status), kept in warehouse/state/ledger.duckdb. Content not seen before is parsed once and cached by sha256.",
)
def submission_ledger(context: dg.AssetExecutionContext, pug_paths: PugPaths) -> dg.MaterializeResult:
    update = update_ledger(pug_paths.submissions, pug_paths.ledger_file, pug_paths.parse_cache(), pug_paths.reference())
    context.log.info(
        f"{update.files_seen} files seen, {update.new_or_changed} new or changed, {update.removed} removed, "
        f"{update.parsed} parsed")
    return dg.MaterializeResult(metadata={
        "files_seen": update.files_seen,
        "new_or_changed": update.new_or_changed,
        "removed": update.removed,
        "parsed": update.parsed,
        "report_years": dg.MetadataValue.text(", ".join(map(str, update.years))),
    })


@dg.asset(
    group_name="submissions",
    kinds={"python", "duckdb"},
    pool="duckdb_writer",
    partitions_def=report_year_partitions,
    deps=[submission_ledger],
    description="Every row of every submission of the report year, typed, with submission id and Excel row number "
    "(warehouse/build/year=<Y>.duckdb, tables stg_*). Versions are numbered and the current one chosen.",
)
def parsed_submissions(context: dg.AssetExecutionContext, pug_paths: PugPaths) -> dg.MaterializeResult:
    year = int(context.partition_key)
    entries = submissions_of_year(pug_paths.ledger_file, year)
    summary = stage_year(year, entries, pug_paths.parse_cache(), pug_paths.reference(), pug_paths.build)
    return dg.MaterializeResult(metadata={
        "submissions": summary["submissions"],
        "rejected": summary["rejected"],
        "findings": summary["findings"],
        "dagster/row_count": sum(summary["rows"].values()),
        **{f"rows_{sheet}": n for sheet, n in summary["rows"].items()},
        "path": dg.MetadataValue.path(str(year_database(pug_paths.build, year))),
    })
