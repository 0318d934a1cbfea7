"""Submissions layer: the ledger of every file under raw/submissions/, and each report year's parsed rows."""

import dagster as dg

from assets.partitions import report_year_partitions, years_of
from assets.resources import ParseWorkers, PugPaths, WarehouseLock
from pug.ingest.ledger import parse_again, submissions_of_year, update_ledger
from pug.ingest.ledger_backup import ensure_readable
from pug.ingest.parse_cache import PARSER_VERSION
from pug.ingest.staging import STAGING_VERSION, stage_year, year_totals


@dg.asset(
    group_name="submissions",
    kinds={"python", "duckdb"},
    pool="duckdb_writer",
    deps=["reference_data"],
    code_version=PARSER_VERSION,
    description="Ledger of every file ever seen under raw/submissions/ (path, sha256, size, first seen, identity, "
    "status), kept in warehouse/state/ledger.duckdb (checked first, and restored from its newest good backup when "
    "damaged). Content not seen before is parsed once and cached by sha256.",
)
def submission_ledger(context: dg.AssetExecutionContext, pug_paths: PugPaths, warehouse_lock: WarehouseLock, parse_workers: ParseWorkers) -> dg.MaterializeResult:
    layout = pug_paths.layout
    restored = ensure_readable(layout.ledger)
    if restored:
        context.log.warning(restored)
    cache = pug_paths.parse_cache()
    update = update_ledger(layout.submissions, layout.ledger, cache, pug_paths.reference(), workers=parse_workers.workers)
    _log_healed(context, cache)
    context.log.info(
        f"{update.files_seen} files seen, {update.new_or_changed} new or changed, {update.removed} removed, "
        f"{update.parsed} parsed")
    return dg.MaterializeResult(metadata={
        "files_seen": update.files_seen,
        "new_or_changed": update.new_or_changed,
        "removed": update.removed,
        "parsed": update.parsed,
        "ledger_restored": dg.MetadataValue.text(restored or ""),
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
def parsed_submissions(context: dg.AssetExecutionContext, pug_paths: PugPaths, warehouse_lock: WarehouseLock) -> dg.MaterializeResult:
    layout = pug_paths.layout
    cache, reference = pug_paths.parse_cache(), pug_paths.reference()
    metadata: dict = {}

    def parse_missing(entries: list[dict]) -> list:
        parsed, lost = parse_again(layout.submissions, layout.ledger, cache, reference, entries)
        for entry in lost:  # a removed file whose parse was deleted: its rows cannot be staged again
            context.log.warning(f"{entry['path']} (sha256 {entry['sha256'][:12]}): no longer under raw/submissions/ "
                                "and not in the parse cache; its rows are left out of the staging")
        return parsed

    for year in years_of(context):
        database = layout.year_database(year)
        entries = submissions_of_year(layout.ledger, year)
        if not entries and not database.exists():
            continue
        staged = stage_year(year, entries, cache, reference, layout.build, parse_missing)
        _log_healed(context, cache)
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


def _log_healed(context: dg.AssetExecutionContext, cache) -> None:
    if cache.healed:
        context.log.warning(f"{len(cache.healed)} parse cache entr{'y' if len(cache.healed) == 1 else 'ies'} unreadable, "
                            f"removed and parsed again (the first: {cache.healed[0]})")
    cache.healed.clear()
