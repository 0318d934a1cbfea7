"""Submissions layer: the ledger of every file under raw/submissions/, and each report year's parsed rows."""

import dagster as dg

from assets.partitions import report_year_partitions, years_of
from assets.resources import ParseWorkers, PugPaths
from pug.ingest.ledger import submissions_of_year, update_ledger
from pug.ingest.parse_cache import PARSER_VERSION
from pug.ingest.staging import STAGING_VERSION, stage_year, year_totals


@dg.asset(
    group_name="submissions",
    kinds={"python", "duckdb"},
    pool="duckdb_writer",
    deps=["reference_data"],
    code_version=PARSER_VERSION,
    description="Ledger of every file ever seen under raw/submissions/ (path, sha256, size, first seen, identity, "
    "status), kept in warehouse/state/ledger.duckdb. Content not seen before is parsed once and cached by sha256.",
)
def submission_ledger(context: dg.AssetExecutionContext, pug_paths: PugPaths, parse_workers: ParseWorkers) -> dg.MaterializeResult:
    layout = pug_paths.layout
    update = update_ledger(layout.submissions, layout.ledger, pug_paths.parse_cache(), pug_paths.reference(),
                           workers=parse_workers.workers)
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
        # {year: [regions]} whose content was added, changed or removed
        "changed": dg.MetadataValue.json({str(year): regions for year, regions in update.changed.items()}),
    })


@dg.asset(
    group_name="submissions",
    kinds={"python", "duckdb"},
    pool="duckdb_writer",
    partitions_def=report_year_partitions,
    deps=[submission_ledger],
    code_version=STAGING_VERSION,
    description="Every row of every submission of the report year, typed, with submission id and Excel row number "
    "(warehouse/build/year=<Y>.duckdb, tables stg_*). Versions are numbered, the current one chosen, and each "
    "version compared with the one before. Only regions whose files changed are staged again; a year without any "
    "submission is skipped.",
)
def parsed_submissions(context: dg.AssetExecutionContext, pug_paths: PugPaths) -> dg.MaterializeResult:
    layout = pug_paths.layout
    metadata: dict = {}
    for year in years_of(context):
        database = layout.year_database(year)
        entries = submissions_of_year(layout.ledger, year)
        if not entries and not database.exists():
            continue
        staged = stage_year(year, entries, pug_paths.parse_cache(), pug_paths.reference(), layout.build)
        totals = year_totals(database)
        context.log.info(
            f"{year}: {len(staged['regions_staged'])} region(s) staged again ({', '.join(staged['regions_staged']) or 'none'}), "
            f"{staged['regions_unchanged']} unchanged")
        metadata[str(year)] = {"regions_staged": staged["regions_staged"], "regions_unchanged": staged["regions_unchanged"],
                               "submissions_staged": staged["submissions_staged"], **totals}
    return dg.MaterializeResult(metadata={
        "years": dg.MetadataValue.json(metadata),
        "dagster/row_count": sum(sum(year["rows"].values()) for year in metadata.values()),
    })
