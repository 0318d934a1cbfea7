"""Submissions layer: the ledger of every file under raw/submissions/, and each report year's parsed rows."""


import dagster as dg

from pipelines.partitions import report_year_partitions
from pipelines.resources import PugPaths
from pug.ingest.ledger import submissions_of_year, update_ledger
from pug.ingest.staging import stage_year, year_database, year_totals


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
        **{f"seconds_{stage}": value for stage, value in update.seconds.items()},
        "report_years": dg.MetadataValue.text(", ".join(map(str, update.years))),
        # Read by the ledger sensor, which starts a run for each of these years: {year: [regions]}.
        "changed": dg.MetadataValue.json({str(year): regions for year, regions in update.changed.items()}),
    })


@dg.asset(
    group_name="submissions",
    kinds={"python", "duckdb"},
    pool="duckdb_writer",
    partitions_def=report_year_partitions,
    deps=[submission_ledger],
    description="Every row of every submission of the report year, typed, with submission id and Excel row number "
    "(warehouse/build/year=<Y>.duckdb, tables stg_*). Versions are numbered, the current one chosen, and each "
    "version compared with the one before. Only regions whose files changed are staged again.",
)
def parsed_submissions(context: dg.AssetExecutionContext, pug_paths: PugPaths) -> dg.MaterializeResult:
    year = int(context.partition_key)
    entries = submissions_of_year(pug_paths.ledger_file, year)
    staged = stage_year(year, entries, pug_paths.parse_cache(), pug_paths.reference(), pug_paths.build)
    database = year_database(pug_paths.build, year)
    totals = year_totals(database)
    context.log.info(
        f"{len(staged['regions_staged'])} region(s) staged again ({', '.join(staged['regions_staged']) or 'none'}), "
        f"{staged['regions_unchanged']} unchanged")
    return dg.MaterializeResult(metadata={
        "regions_staged": dg.MetadataValue.text(", ".join(staged["regions_staged"])),
        "regions_unchanged": staged["regions_unchanged"],
        "submissions_staged": staged["submissions_staged"],
        "submissions": totals["submissions"],
        "rejected": totals["rejected"],
        "findings": totals["findings"],
        "dagster/row_count": sum(totals["rows"].values()),
        **{f"rows_{sheet}": n for sheet, n in totals["rows"].items()},
        "path": dg.MetadataValue.path(str(database)),
    })
