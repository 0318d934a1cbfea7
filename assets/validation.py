"""Validation layer: the rules of every sheet (Great Expectations), each row's verdict and each submission's status,
and the Data Docs of each report year."""

import dagster as dg

from assets.partitions import report_year_partitions, years_of
from assets.resources import FeedbackWriters, PugPaths, ValidationProcessResource, WarehouseLock
from pug import contract
from pug.ingest import decisions
from pug.validation.validate import RULES_VERSION, validate_year

SUITE_CHECKS = [
    dg.AssetCheckSpec(
        name=f"suite_{sheet}",
        asset="row_verdicts",
        description=f"The Great Expectations suite of sheet {sheet} over every submission of the report year(s). Fails "
        "as a warning (the faulty rows are quarantined, never published) when a row breaks an error rule.",
    )
    for sheet in contract.SHEETS
]


@dg.asset(
    group_name="validation",
    kinds={"great_expectations", "duckdb"},
    pool="duckdb_writer",
    partitions_def=report_year_partitions,
    deps=["parsed_submissions"],
    check_specs=SUITE_CHECKS,
    code_version=RULES_VERSION,
    description="Runs one Great Expectations suite per sheet over the rows of every submission of the report year "
    "(rules in pug/validation/rules.py), then gives each row its verdict: a row with an error is quarantined with "
    "every reason, a row with warnings is kept and flagged, a rejected submission quarantines all its rows. Only "
    "regions staged again, or judged by an older rule catalogue, are validated again. Once a year's verdicts are "
    "in, its feedback workbooks are begun (feedback_writers) and its Data Docs written (validation_docs).",
)
def row_verdicts(context: dg.AssetExecutionContext, pug_paths: PugPaths, warehouse_lock: WarehouseLock, validation_process: ValidationProcessResource,
                 feedback_writers: FeedbackWriters):
    layout = pug_paths.layout
    summaries = {}
    for year in years_of(context):
        database = layout.year_database(year)
        if not database.exists():
            continue
        summaries[year] = summary = validate_year(database, pug_paths.reference(), year, layout.validation_docs(year),
                                                  validation_process.process)
        # The feedback workbooks need only the verdicts: they are written while the warehouse is published.
        feedback_writers.begin(database, layout.feedback, year, decisions.in_force(layout, year))
        context.log.info(
            f"{year}: {len(summary['regions_validated'])} region(s) validated "
            f"({', '.join(summary['regions_validated']) or 'none'}), {summary['regions_unchanged']} unchanged")
    yield dg.MaterializeResult(metadata={"years": dg.MetadataValue.json({
        str(year): {key: summary[key] for key in ("regions_validated", "regions_unchanged", "rows_accepted",
                                                  "rows_quarantined", "submissions_by_status")}
        for year, summary in summaries.items()})})
    for sheet in contract.SHEETS:
        suites = [suite for summary in summaries.values() for suite in summary["sheets"] if suite["sheet"] == sheet]
        errors = sum(int(suite["errors"]) for suite in suites)
        yield dg.AssetCheckResult(
            check_name=f"suite_{sheet}",
            passed=errors == 0,
            severity=dg.AssetCheckSeverity.WARN,
            metadata={
                "rows": sum(int(suite["rows"]) for suite in suites),
                "expectations": max((int(suite["expectations"]) for suite in suites), default=0),
                "error_findings": errors, "warning_findings": sum(int(suite["warnings"]) for suite in suites),
                **{f"data_docs_{year}": dg.MetadataValue.url((layout.validation_docs(year) / (suite["docs_page"] or "index.html")).as_uri())
                   for year, summary in summaries.items() for suite in summary["sheets"] if suite["sheet"] == sheet},
            },
        )


@dg.asset(
    group_name="validation",
    kinds={"great_expectations", "html"},
    partitions_def=report_year_partitions,
    deps=[row_verdicts],
    description="warehouse/validation/<year>/: the Great Expectations Data Docs of the report year, one page per suite "
    "run, written by the validation process once the year's verdicts are in, while the warehouse is published.",
)
def validation_docs(context: dg.AssetExecutionContext, pug_paths: PugPaths, warehouse_lock: WarehouseLock,
                    validation_process: ValidationProcessResource) -> dg.MaterializeResult:
    validation_process.process.wait_for_docs()
    return dg.MaterializeResult(metadata={
        f"data_docs_{year}": dg.MetadataValue.url((pug_paths.layout.validation_docs(year) / "index.html").as_uri())
        for year in years_of(context) if pug_paths.layout.validation_docs(year).exists()})
