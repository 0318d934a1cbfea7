"""The candidate warehouse: a complete new DuckDB file built from the reference data, every report year's staged
and validated rows and the ledger, by the SQL of pug/sql/warehouse/, layer by layer (dbt's staging, intermediate
and marts): the dimensions, the current accepted rows of each sheet, one fact table per sheet (facts/<fact_table>.sql,
named by the contract), the submissions, the methods (macros), the intermediate tables, the computed indicators
(computed/<computation rule>.sql, joined on dim_indicator.computation_rule) and the marts.

It is written in a storage format that DuckDB 1.x clients read. When few regions changed since the last publish, it
is a copy of the published file with those regions' rows built again. The blocking checks then run on it
(pug.warehouse.blocking_checks) and pug.warehouse.publish moves it into place.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import astuple
from pathlib import Path

import duckdb

from pug import contract
from pug.failures import Explained
from pug.ingest import decisions
from pug.freshness import code_version, digest
from pug.paths import Layout, written_atomically, year_databases
from pug.sqlfiles import SQL_DIR, run_sql_file, sql_text

# DuckDB 1.x clients (for instance the 1.5 CLI) cannot open files written with DuckDB 2.0's default storage format.
STORAGE_VERSION = "v1.0.0"
# The code of the warehouse: a change to it builds the next candidate in full.
WAREHOUSE_VERSION = code_version("warehouse/candidate.py", contract, "sql/warehouse")

# Contract sheet -> the warehouse table holding its accepted rows.
SHEET_TABLES = {name: sheet.fact_table for name, sheet in contract.SHEETS.items()}

# Columns that mean the same in every table they appear in, described once.
SHARED_COLUMN_COMMENTS = {
    "region_code": "Kab/kota (Kemendagri code) of the submitting OPD.",
    "report_year": "The year the report covers.",
    "opd_code": "OPD that submitted the row (dim_opd.opd_code).",
    "submission_id": "Submission version the row comes from: fct_submission.submission_id, the first 16 hex digits of the file's sha256.",
    "source_sheet": "Workbook sheet the row was read from (contract name).",
    "source_row": "Excel row number in that sheet (row 1 is the header): the row's identity in every finding.",
}

WAREHOUSE = SQL_DIR / "warehouse"
COMPUTED = WAREHOUSE / "computed"


def fact_sql(sheet: str) -> str:
    return f"warehouse/facts/{contract.SHEETS[sheet].fact_table}.sql"


# The warehouse's SQL in the order it runs; the marts read every earlier layer.
WAREHOUSE_SQL = ("warehouse/dimensions.sql", *(fact_sql(sheet) for sheet in contract.SHEETS), "warehouse/submissions.sql",
                 "warehouse/methods.sql", "warehouse/intermediate.sql", "warehouse/marts.sql")


def computation_rules() -> dict[str, str]:
    """Each computation rule's SELECT (region_code, year, scope, computed_value, and optionally computed_value_note),
    from computed/<rule>.sql."""
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(COMPUTED.glob("*.sql"))}


# The columns of int_computed_value; a rule may leave out the note.
COMPUTED_VALUE_COLUMNS = """SELECT NULL::VARCHAR AS region_code, NULL::INTEGER AS year, NULL::VARCHAR AS indicator_code,
       NULL::VARCHAR AS scope, NULL::DOUBLE AS computed_value, NULL::VARCHAR AS computed_value_note WHERE false"""


def computed_values_sql(rules: dict[str, str]) -> str:
    """int_computed_value: every rule's values, under each catalogue indicator that names the rule."""
    parts = [f"""SELECT i.indicator_code, c.*
FROM (
{sql.strip()}
) AS c
CROSS JOIN (SELECT indicator_code FROM dim_indicator WHERE computation_rule = '{rule}') AS i""" for rule, sql in rules.items()]
    return ("CREATE OR REPLACE TEMP TABLE int_computed_value AS\n"
            + "\nUNION ALL BY NAME\n".join([COMPUTED_VALUE_COLUMNS, *parts]) + ";")


# The tables of the first file are built from the reference data alone; the ledger's table from the ledger alone
# (it changes at every scan: last_seen_at). Every other table is region by region: a kab/kota's rows come from its
# own staged rows and the reference data only, which is what lets a candidate be rebuilt for the changed regions alone.
REFERENCE_SQL = WAREHOUSE_SQL[0]
REFERENCE_TABLES = frozenset(re.findall(r"CREATE TABLE (\w+)", sql_text(REFERENCE_SQL)))
LEDGER_TABLES = ("fct_submission_file",)
STAGED_TABLES = ("submission", "submission_sheet", "finding", "quarantined_row", "version_change", "row_change",
                 *contract.SHEETS)


class NothingToBuild(Explained):
    """No report year has any submission, nor anything staged before."""


def build_candidate(layout: Layout, incremental: bool = True) -> dict:
    """Build the candidate warehouse: from scratch, or (`incremental`), when a published warehouse exists and was
    built by this code from the same reference data and report years, as a copy of it with only the regions whose
    validated rows changed built again (and the ledger's table). A full build also compacts the file, and is chosen
    when many regions changed."""
    years = year_databases(layout.build)
    if not years:
        raise NothingToBuild(
            f"Belum ada laporan untuk dibangun: tidak ada kiriman OPD di {layout.submissions}. Letakkan berkas kiriman "
            f"di sana (mis. {layout.submissions}/2025/33.75/DPMPPA.xlsx) lalu jalankan pug build lagi. / Nothing to "
            f"build: there is no OPD submission under {layout.submissions}. Put submitted files there (e.g. "
            f"{layout.submissions}/2025/33.75/DPMPPA.xlsx) and run pug build again.")
    decided = decisions.read(layout)
    sources = _sources(layout, years, decided)
    state_file = layout.published_state
    previous = _state(state_file)
    published = layout.published
    scope = _changed_regions(published, previous, sources) if incremental else None
    target = layout.candidate
    with written_atomically(target) as partial, duckdb.connect() as con:
        _attach_sources(con, layout, years, decided)
        if scope is None:
            con.execute(f"ATTACH '{partial}' AS wh (STORAGE_VERSION '{STORAGE_VERSION}')")
            con.execute("USE wh")
            con.execute("BEGIN")  # one commit: each table is written to the file once
            _run_warehouse_sql(con, years, regions=None)
            _comment_shared_columns(con)
            con.execute("COMMIT")
        else:
            shutil.copyfile(published, partial)  # keeps the published file's storage version
            _run_warehouse_sql(con, years, regions=scope)  # into the in-memory database: the changed regions only
            con.execute(f"ATTACH '{partial}' AS wh")
            _replace_regions(con)
        tables = con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'wh' ORDER BY 1").fetchall()
        contents = {t: list(con.execute(f'SELECT count(*), bit_xor(hash(t)) FROM wh.main."{t}" AS t').fetchone()) for (t,) in tables}
        con.execute("USE memory")
        con.execute("DETACH wh")
        stat = partial.stat()
    full_size = stat.st_size if scope is None else previous["full_size"]
    rebuilt = "all" if scope is None else sorted(scope)
    state = {**sources, "file": [stat.st_size, stat.st_mtime_ns], "full_size": full_size, "tables": contents,
             "regions_rebuilt": rebuilt}
    with written_atomically(layout.candidate_state) as partial_state:
        partial_state.write_text(json.dumps(state, indent=1))
    return {"years": list(years), "table_rows": {t: rows for t, (rows, _) in contents.items()}, "path": str(target),
            "regions_rebuilt": rebuilt}


def _state(file: Path) -> dict | None:
    """What a warehouse was built from, as recorded beside it; None when missing or unreadable (then the next
    candidate is built in full)."""
    try:
        state = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def _attach_sources(con: duckdb.DuckDBPyConnection, layout: Layout, years: dict[int, Path],
                    decided: list[decisions.Decision]) -> None:
    con.execute(f"ATTACH '{layout.reference_database}' AS reference (READ_ONLY)")
    for (table,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'reference'").fetchall():
        con.execute(f"CREATE TEMP VIEW {table} AS SELECT * FROM reference.{table}")
    for year, path in years.items():
        con.execute(f"ATTACH '{path}' AS y{year} (READ_ONLY)")
    con.execute(f"ATTACH '{layout.ledger}' AS ledger (READ_ONLY)")
    con.execute("""CREATE TEMP TABLE review_decisions (submission_id VARCHAR, region_code VARCHAR, report_year INTEGER,
                   opd_code VARCHAR, version INTEGER, decision VARCHAR, note VARCHAR, reviewer VARCHAR, decided_at VARCHAR,
                   recorded INTEGER)""")
    recorded = [(*astuple(d), n) for n, d in enumerate(decided)]
    if recorded:
        con.executemany("INSERT INTO review_decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", recorded)


def _run_warehouse_sql(con: duckdb.DuckDBPyConnection, years: dict[int, Path], regions: list[str] | None) -> None:
    """Every .sql file of the warehouse, into the current database, over the staged rows of every report year (of
    `regions` only, when given: '' stands for submissions whose region is unknown)."""
    use_scope(con, regions or [])
    for table in STAGED_TABLES:
        union = " UNION ALL BY NAME ".join(f"SELECT * FROM y{year}.stg_{table}" for year in years)
        if regions is not None and table == "submission":
            union = f"SELECT * FROM ({union}) WHERE coalesce(region_code, '') IN (SELECT region_code FROM candidate_scope)"
        elif regions is not None:
            union = f"SELECT * FROM ({union}) WHERE submission_id IN (SELECT submission_id FROM stg_submission)"
        con.execute(f"CREATE TEMP VIEW stg_{table} AS {union}")
    scoped = "" if regions is None else " WHERE region_code IN (SELECT region_code FROM candidate_scope)"
    con.execute(f"CREATE TEMP VIEW stg_review_decision AS SELECT * FROM review_decisions{scoped}")
    run_sql_file(con, REFERENCE_SQL)
    for sheet in contract.SHEETS:
        run_sql_file(con, "warehouse/current_rows.sql", sheet=sheet)
    for relative in WAREHOUSE_SQL[1:-1]:
        run_sql_file(con, relative)
    con.execute(computed_values_sql(computation_rules()))
    run_sql_file(con, WAREHOUSE_SQL[-1])


def rebuilt_rows(table: str) -> str | None:
    """The rows of `table` that an incremental candidate builds again, as a WHERE clause over the temporary table
    candidate_scope (its regions): '' for the ledger's table, rebuilt whole; None for a reference table, kept."""
    if table in REFERENCE_TABLES:
        return None
    return "" if table in LEDGER_TABLES else " WHERE coalesce(region_code, '') IN (SELECT region_code FROM candidate_scope)"


def use_scope(con: duckdb.DuckDBPyConnection, regions: list[str]) -> None:
    con.execute("CREATE OR REPLACE TEMP TABLE candidate_scope AS SELECT unnest(?::VARCHAR[]) AS region_code", [regions])


def _replace_regions(con: duckdb.DuckDBPyConnection) -> None:
    """In the copy of the published warehouse (wh): the rows of the regions in candidate_scope and the ledger's
    table replaced by those just built in memory; the reference tables stay as they are (unchanged, or the build
    would be a full one)."""
    built = [t for (t,) in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = 'memory' AND NOT temporary ORDER BY 1").fetchall()]
    con.execute("BEGIN")
    for table in built:
        where = rebuilt_rows(table)
        if where is None:
            continue
        con.execute(f"DELETE FROM wh.main.{table}{where}")
        con.execute(f"INSERT INTO wh.main.{table} BY NAME SELECT * FROM memory.main.{table}{where}")
    con.execute("COMMIT")


def _sources(layout: Layout, years: dict[int, Path], decided: list[decisions.Decision]) -> dict:
    """What a candidate is built from: the warehouse's code, a digest of the reference data, and per report year and
    region the fingerprint of its validated rows (pug.validation.validate: staged content and rule catalogue)."""
    with duckdb.connect(str(layout.reference_database), read_only=True) as con:
        reference = [(table, *con.execute(f"SELECT count(*), bit_xor(hash(t)) FROM {table} AS t").fetchone())
                     for (table,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
    by_region: dict[str, list] = {}  # the decisions on a region's reports of a year build it again
    for d in decided:
        by_region.setdefault(f"{d.report_year}/{d.region_code}", []).append(astuple(d))
    regions = {}
    for year, path in years.items():
        with duckdb.connect(str(path), read_only=True) as con:
            for region, fingerprint in con.execute("SELECT region_code, validated_fingerprint FROM stg_region_state").fetchall():
                key = f"{year}/{region}"
                regions[key] = f"{fingerprint}:{digest(by_region[key])}" if key in by_region else fingerprint
    return {"code": WAREHOUSE_VERSION, "reference": digest(reference), "years": list(years), "regions": regions}


def _changed_regions(published: Path | None, state: dict | None, sources: dict) -> list[str] | None:
    """The regions to build again into a copy of `published`; None for a full build: nothing published, or not
    by what its state (published.json) says (the file was changed since), other code, reference data or report
    years, more than half the regions changed, or the file grew to twice its size at the last full build."""
    if published is None or not published.exists() or state is None:
        return None
    stat = published.stat()
    if (state.get("file") != [stat.st_size, stat.st_mtime_ns] or stat.st_size > 2 * state["full_size"]
            or any(state.get(key) != sources[key] for key in ("code", "reference", "years"))):
        return None
    before, now = state["regions"], sources["regions"]
    changed = {key.split("/", 1)[1] for key in before.keys() | now.keys() if before.get(key) != now.get(key) or now.get(key) is None}
    all_regions = {key.split("/", 1)[1] for key in before.keys() | now.keys()}
    if len(changed) > len(all_regions) / 2:
        return None
    return sorted(changed)


def _comment_shared_columns(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        """SELECT table_name, column_name FROM duckdb_columns()
           WHERE database_name = 'wh' AND comment IS NULL AND column_name IN ?""",
        [list(SHARED_COLUMN_COMMENTS)],
    ).fetchall()
    for table, column in rows:
        text = SHARED_COLUMN_COMMENTS[column].replace("'", "''")
        con.execute(f"COMMENT ON COLUMN \"{table}\".\"{column}\" IS '{text}'")


def candidate_regions_rebuilt(layout: Layout) -> list[str] | None:
    """The regions the candidate built again into a copy of the published warehouse; None when built in full."""
    rebuilt = json.loads(layout.candidate_state.read_text())["regions_rebuilt"]
    return None if rebuilt == "all" else rebuilt


def changed_tables(layout: Layout) -> list[str]:
    """The candidate's tables whose content (row count and an order-independent digest of the rows) differs from
    the published warehouse's, by the two state files; every table when either is missing."""
    candidate = json.loads(layout.candidate_state.read_text())["tables"]
    published = (_state(layout.published_state) or {}).get("tables", {})
    return [table for table, content in candidate.items() if published.get(table) != content]


