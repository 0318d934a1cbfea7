"""The national roll-up: one warehouse file from the published warehouses (or editions) of several deployments.

Every fact, mart and regional dimension is keyed by region_code, so the national table is the union of the regional
ones. The reference tables every deployment shares (indicators, plan periods, years, code lists, settings) are taken
once, after checking that every deployment has the same: marts computed with other thresholds do not add up.
dim_region is a union without duplicates, since deployments in one province repeat its province row. The result is
written like a published warehouse: a new file, in a storage version DuckDB 1.x reads, renamed into place, with the
table and column comments of the first warehouse.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from pug.paths import written_atomically
from pug.warehouse.candidate import STORAGE_VERSION

SHARED_TABLES = ("dim_indicator", "dim_plan_period", "dim_year", "dim_code_list", "dim_setting")


class RollupRefused(ValueError):
    pass


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def roll_up(warehouses: list[Path], out: Path) -> dict[str, int]:
    """Write the union of `warehouses` (pug.duckdb files) to `out`; return the row count of every table."""
    if not warehouses:
        raise RollupRefused("no warehouse to roll up")
    with written_atomically(out) as partial, duckdb.connect() as con:
        for index, path in enumerate(warehouses):
            con.execute(f"ATTACH {_quoted(str(path))} AS r{index} (READ_ONLY)")
        parts = [f"r{index}" for index in range(len(warehouses))]
        tables = [row[0] for row in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'r0' ORDER BY table_name").fetchall()]
        for part in parts[1:]:
            missing = set(tables) - {row[0] for row in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = ?", [part]).fetchall()}
            if missing:
                raise RollupRefused(f"{warehouses[int(part[1:])]} lacks {sorted(missing)}: built by another version of pug?")
        for table in SHARED_TABLES:
            for part in parts[1:]:
                differ = con.execute(f"SELECT count(*) FROM (SELECT * FROM r0.{table} EXCEPT SELECT * FROM {part}.{table}"
                                     f" UNION ALL SELECT * FROM {part}.{table} EXCEPT SELECT * FROM r0.{table})").fetchone()[0]
                if differ:
                    raise RollupRefused(f"{table} differs between {warehouses[0]} and {warehouses[int(part[1:])]}: "
                                        "the deployments use different reference data")
        con.execute(f"ATTACH {_quoted(str(partial))} AS national (STORAGE_VERSION '{STORAGE_VERSION}')")
        counts = {}
        for table in tables:
            sources = parts[:1] if table in SHARED_TABLES else parts
            glue = " UNION BY NAME " if table == "dim_region" else " UNION ALL BY NAME "
            con.execute(f"CREATE TABLE national.{table} AS " + glue.join(f"SELECT * FROM {p}.{table}" for p in sources))
            counts[table] = con.execute(f"SELECT count(*) FROM national.{table}").fetchone()[0]
        for table, comment in con.execute("""SELECT table_name, comment FROM duckdb_tables()
                                             WHERE database_name = 'r0' AND comment IS NOT NULL""").fetchall():
            con.execute(f"COMMENT ON TABLE national.{table} IS {_quoted(comment)}")
        for table, column, comment in con.execute("""SELECT table_name, column_name, comment FROM duckdb_columns()
                                                     WHERE database_name = 'r0' AND comment IS NOT NULL""").fetchall():
            con.execute(f'COMMENT ON COLUMN national.{table}."{column}" IS {_quoted(comment)}')
        con.execute("DETACH national")
    return counts
