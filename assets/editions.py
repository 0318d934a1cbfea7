"""Annual editions: closing a report year freezes a copy of the warehouse that never changes again."""

import dagster as dg

from assets.partitions import report_year_partitions
from assets.resources import PugPaths, WarehouseLock
from assets.warehouse import published_tables
from pug.warehouse.publish import freeze_edition


@dg.asset(
    group_name="warehouse",
    kinds={"duckdb"},
    pool="duckdb_writer",
    partitions_def=report_year_partitions,
    deps=["published_warehouse", *published_tables()],
    description="warehouse/editions/pug-<year>.duckdb: the published warehouse as it stood when the report year "
    "was closed, read-only and never overwritten; readable by DuckDB 1.x clients.",
)
def annual_edition(context: dg.AssetExecutionContext, pug_paths: PugPaths, warehouse_lock: WarehouseLock) -> dg.MaterializeResult:
    edition = freeze_edition(pug_paths.layout, int(context.partition_key))
    return dg.MaterializeResult(metadata={"edition": dg.MetadataValue.path(str(edition)), "bytes": edition.stat().st_size})
