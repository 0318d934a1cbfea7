"""Warehouse layer: the candidate warehouse, the blocking checks on it, and the published tables.

The candidate is built in a new file; only when every blocking check passes is it moved over
warehouse/pug.duckdb, in one atomic rename. Each published table is an asset of its own, with its row count and
column schema.
"""


import re

import dagster as dg

from pipelines.resources import PugPaths
from pug.warehouse import blocking_checks as checks
from pug.warehouse.publish import (WAREHOUSE_SQL, build_candidate, candidate_path, candidate_regions_rebuilt, changed_tables, promote,
                         table_summaries)
from pug.sqlfiles import sql_text

# Once a report year's verdicts are in, the steps that lead to publishing run before the others (feedback workbooks):
# analysts get the new warehouse first. Dagster runs the ready step with the highest priority first. (In `pug build`
# the feedback workbooks of a whole year are meanwhile written by worker processes that row_verdicts started.)
PUBLISH_FIRST = {"dagster/priority": "1"}

_TABLE_COMMENT = re.compile(r"COMMENT ON TABLE (\w+) IS '((?:[^']|'')*)';")


def published_tables() -> dict[str, str]:
    """Warehouse tables and their descriptions, read from the .sql files that create them."""
    return {name: text.replace("''", "'") for relative in WAREHOUSE_SQL for name, text in _TABLE_COMMENT.findall(sql_text(relative))}


@dg.asset(
    group_name="warehouse",
    kinds={"sql", "duckdb"},
    pool="duckdb_writer",
    op_tags=PUBLISH_FIRST,
    deps=["reference_data", "submission_ledger", "row_verdicts"],
    description="A complete new warehouse built from the reference data, every report year's verdicts and the "
    "ledger (warehouse/build/pug.candidate.duckdb), by the SQL in pug/sql/warehouse/: in full, or as a copy of the "
    "published warehouse with only the regions whose rows changed built again. Published only if the blocking "
    "checks pass.",
)
def warehouse_candidate(context: dg.AssetExecutionContext, pug_paths: PugPaths) -> dg.MaterializeResult:
    result = build_candidate(pug_paths.build, pug_paths.ledger_file, pug_paths.published)
    rebuilt = result["regions_rebuilt"]
    context.log.info(f"candidate built from report years {result['years']}: "
                     + ("in full" if rebuilt == "all" else f"a copy of the published warehouse with region(s) {', '.join(rebuilt) or 'none'} built again"))
    return dg.MaterializeResult(metadata={
        "report_years": dg.MetadataValue.text(", ".join(map(str, result["years"]))),
        "regions_rebuilt": dg.MetadataValue.text(rebuilt if rebuilt == "all" else ", ".join(rebuilt)),
        "dagster/row_count": sum(result["table_rows"].values()),
        "path": dg.MetadataValue.path(result["path"]),
        **{f"rows_{table}": n for table, n in result["table_rows"].items()},
    })


@dg.multi_asset_check(
    specs=[dg.AssetCheckSpec(check.__name__, asset="warehouse_candidate", blocking=True, description=check.__doc__)
           for check in checks.BLOCKING_CHECKS],
    description="The blocking checks on the candidate warehouse, in one step: a step per check cost about 0.4 s of "
    "run overhead each.",
    op_tags=PUBLISH_FIRST,
)
def blocking_checks(pug_paths: PugPaths):
    for outcome in checks.run_checks(candidate_path(pug_paths.build), candidate_regions_rebuilt(pug_paths.build)):
        yield dg.AssetCheckResult(
            asset_key="warehouse_candidate",
            check_name=outcome.name,
            passed=outcome.passed,
            severity=dg.AssetCheckSeverity.ERROR,
            description=outcome.description,
            metadata={**outcome.figures, "failures": dg.MetadataValue.json(outcome.failures)},
        )


_TABLES = published_tables()


# Each published table is an asset of its own (lineage, row count and column schema in the UI), materialized by
# the publish step below. They are specs, not outputs of that step: an output per table cost three stored events
# each (planned, output, materialization), seconds per build at 29 tables.
published_table_specs = [
    dg.AssetSpec(table, group_name="warehouse", kinds={"duckdb", "table"}, deps=["published_warehouse"], description=text)
    for table, text in _TABLES.items()
]


@dg.asset(
    group_name="warehouse",
    kinds={"duckdb"},
    pool="duckdb_writer",
    op_tags=PUBLISH_FIRST,
    deps=[warehouse_candidate],
    description="Publish: move the checked candidate over warehouse/pug.duckdb in one atomic rename, then record "
    "the row count and column schema of each table whose content changed on its asset.",
)
def published_warehouse(context: dg.AssetExecutionContext, pug_paths: PugPaths) -> dg.MaterializeResult:
    changed = changed_tables(pug_paths.build)
    published = promote(pug_paths.build, pug_paths.published)
    summaries = table_summaries(published)
    for table in _TABLES:
        if table not in changed:  # an unchanged table keeps its last materialization (rows, schema)
            continue
        summary = summaries[table]
        context.log_event(dg.AssetMaterialization(
            asset_key=table,
            metadata={
                "dagster/row_count": summary["rows"],
                "dagster/column_schema": dg.TableSchema(
                    columns=[dg.TableColumn(name, data_type, description=comment) for name, data_type, comment in summary["columns"]]
                ),
                "path": dg.MetadataValue.path(str(published)),
            },
        ))
    return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(published)), "tables": len(_TABLES),
                                          "tables_changed": dg.MetadataValue.text(", ".join(t for t in _TABLES if t in changed)),
                                          "dagster/row_count": sum(summaries[t]["rows"] for t in _TABLES)})
