"""Validation layer: the rules of every sheet (Great Expectations), each row's verdict and each submission's status."""

import os

import dagster as dg

from pipelines.partitions import report_year_partitions
from pipelines.resources import PugPaths
from pug import contract
from pug.outputs.feedback import start_feedback_workbooks
from pug.ingest.staging import year_database
from pug.validation.validate import validate_year

SUITE_CHECKS = [
    dg.AssetCheckSpec(
        name=f"suite_{sheet}",
        asset="row_verdicts",
        description=f"The Great Expectations suite of sheet {sheet} over every submission of the report year. Fails "
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
    description="Runs one Great Expectations suite per sheet over the rows of every submission of the report year "
    "(rules in pug/rules.py), then gives each row its verdict: a row with an error is quarantined with every reason, "
    "a row with warnings is kept and flagged, a rejected submission quarantines all its rows. Writes the year's "
    "Data Docs under warehouse/validation/<year>/. Only regions staged again, or judged by an older rule "
    "catalogue, are validated again.",
)
def row_verdicts(context: dg.AssetExecutionContext, pug_paths: PugPaths):
    year = int(context.partition_key)
    docs = pug_paths.validation_docs(year)
    summary = validate_year(year_database(pug_paths.build, year), pug_paths.reference(), year, docs)
    if _runs_feedback_in_this_process(context):
        # The feedback workbooks need only the verdicts: their workers write while this run builds, checks and
        # publishes the warehouse, and the feedback_workbooks step collects them.
        start_feedback_workbooks(year_database(pug_paths.build, year), pug_paths.feedback, year)
    context.log.info(
        f"{len(summary['regions_validated'])} region(s) validated ({', '.join(summary['regions_validated']) or 'none'}), "
        f"{summary['regions_unchanged']} unchanged")
    yield dg.MaterializeResult(metadata={
        "regions_validated": dg.MetadataValue.text(", ".join(summary["regions_validated"])),
        "regions_unchanged": summary["regions_unchanged"],
        "rows_accepted": summary["rows_accepted"],
        "rows_quarantined": summary["rows_quarantined"],
        **{f"submissions_{status}": n for status, n in summary["submissions_by_status"].items()},
        "data_docs": dg.MetadataValue.path(str(docs / "index.html")),
    })
    by_sheet = {suite["sheet"]: suite for suite in summary["sheets"]}
    for sheet in contract.SHEETS:
        suite = by_sheet.get(sheet) or {"sheet": sheet, "rows": 0, "expectations": 0, "errors": 0, "warnings": 0, "docs_page": None}
        yield dg.AssetCheckResult(
            check_name=f"suite_{suite['sheet']}",
            passed=suite["errors"] == 0,
            severity=dg.AssetCheckSeverity.WARN,
            metadata={
                "rows": int(suite["rows"]), "expectations": int(suite["expectations"]),
                "error_findings": int(suite["errors"]), "warning_findings": int(suite["warnings"]),
                "data_docs": dg.MetadataValue.path(str(docs / (suite["docs_page"] or "index.html"))),
            },
        )


def _runs_feedback_in_this_process(context: dg.AssetExecutionContext) -> bool:
    """Whether the feedback_workbooks step of this run will run in this process: an in-process run of `pug build`
    (tagged with its process) that selects it. A step of a multiprocess run has a process of its own."""
    selection = context.run.asset_selection
    return (context.run.tags.get("pug/pid") == str(os.getpid())
            and (not selection or dg.AssetKey("feedback_workbooks") in selection))  # empty: the whole job
