"""Warehouse layer: the candidate warehouse and the published tables (the blocking checks between them are in
assets/checks.py).

The candidate is built in a new file; only when every blocking check passes is it moved over warehouse/pug.duckdb,
in one atomic rename. Each published table is an asset of its own, with its row count and column schema.
"""

import re

import dagster as dg

from assets.resources import PugPaths, WarehouseLock
from pug.sqlfiles import sql_text
from pug.ingest.ledger_backup import back_up
from pug.warehouse.candidate import WAREHOUSE_SQL, WAREHOUSE_VERSION, build_candidate, changed_tables
from pug.warehouse.publish import promote, table_summaries

# Once a report year's verdicts are in, the steps that lead to publishing run before the others (feedback workbooks,
# Data Docs, which the feedback writers and the validation process write meanwhile): analysts get the new warehouse
# first. Dagster runs the ready step with the highest priority first.
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
    code_version=WAREHOUSE_VERSION,
    description="A complete new warehouse built from the reference data, every report year's verdicts and the "
    "ledger (warehouse/build/pug.candidate.duckdb), by the SQL in pug/sql/warehouse/: in full, or as a copy of the "
    "published warehouse with only the regions whose rows changed built again. Published only if the blocking "
    "checks pass.",
)
def warehouse_candidate(context: dg.AssetExecutionContext, pug_paths: PugPaths, warehouse_lock: WarehouseLock) -> dg.MaterializeResult:
    result = build_candidate(pug_paths.layout)
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


_TABLES = published_tables()


# Each published table is an asset of its own (lineage, row count and column schema in the UI), materialized by
# the publish step below. They are specs, not outputs of that step: an output per table costs three stored events
# each (planned, output, materialization).
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
    description="Publish: move the checked candidate over warehouse/pug.duckdb in one atomic rename, back up the "
    "ledger (warehouse/state/backups/), then record the row count and column schema of each table whose content "
    "changed on its asset.",
)
def published_warehouse(context: dg.AssetExecutionContext, pug_paths: PugPaths, warehouse_lock: WarehouseLock) -> dg.MaterializeResult:
    layout = pug_paths.layout
    changed = changed_tables(layout)
    published = promote(layout)
    backup = back_up(layout.ledger)
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
                                          "ledger_backup": dg.MetadataValue.path(str(backup)),
                                          "tables_changed": dg.MetadataValue.text(", ".join(t for t in _TABLES if t in changed)),
                                          "dagster/row_count": sum(summaries[t]["rows"] for t in _TABLES)})
