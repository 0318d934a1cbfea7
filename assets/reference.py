"""Reference layer: the master data of raw/reference/ (regions, OPDs, indicators, plan periods, settings)."""

import dagster as dg

from assets.resources import PugPaths, WarehouseLock
from pug.reference import write_reference_database


@dg.asset(
    group_name="reference",
    kinds={"csv", "duckdb"},
    pool="duckdb_writer",
    description="Reference data from raw/reference/*.csv (regions, OPDs, indicator catalogue, plan periods, "
    "deadlines, settings, code lists), loaded as ref_* tables into warehouse/build/reference.duckdb.",
)
def reference_data(pug_paths: PugPaths, warehouse_lock: WarehouseLock) -> dg.MaterializeResult:
    counts = write_reference_database(pug_paths.reference(), pug_paths.layout.reference_database)
    return dg.MaterializeResult(metadata={"dagster/row_count": sum(counts.values()), **{k: dg.MetadataValue.int(v) for k, v in counts.items()}})
