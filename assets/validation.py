"""Validation layer: each row's verdict (accepted or quarantined, with reasons) and each submission's status."""


import dagster as dg

from pipelines.partitions import report_year_partitions
from pipelines.resources import PugPaths
from pug.staging import year_database
from pug.validation import apply_row_verdicts


@dg.asset(
    group_name="validation",
    kinds={"sql", "duckdb"},
    pool="duckdb_writer",
    partitions_def=report_year_partitions,
    deps=["parsed_submissions"],
    description="Row verdicts of the report year: a row with an error finding is quarantined with every reason, "
    "a row with warnings is kept and flagged; a rejected submission quarantines all its rows. Sets the status of "
    "each submission (accepted, accepted_with_warnings, accepted_with_errors, rejected).",
)
def row_verdicts(context: dg.AssetExecutionContext, pug_paths: PugPaths) -> dg.MaterializeResult:
    summary = apply_row_verdicts(year_database(pug_paths.build, int(context.partition_key)))
    return dg.MaterializeResult(metadata={
        "rows_accepted": summary["rows_accepted"],
        "rows_quarantined": summary["rows_quarantined"],
        **{f"submissions_{status}": n for status, n in summary["submissions_by_status"].items()},
    })
