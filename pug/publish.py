"""Assembling the warehouse and publishing it atomically.

1. build_candidate: a new DuckDB file (warehouse/build/pug.candidate.duckdb) from the reference data, every report
   year's staging database and the ledger, by the .sql files in pug/sql/warehouse/, in a storage format that
   DuckDB 1.x clients read.
2. the blocking checks (pug.checks) run on the candidate;
3. promote: os.replace() moves the candidate over warehouse/pug.duckdb in one step. Readers that have the old
   file open keep reading it; new readers get the new one; a build killed at any moment leaves the old one.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

from pug import contract
from pug.paths import written_atomically
from pug.sqlfiles import run_sql_file

# DuckDB 1.x clients (for instance the 1.5 CLI) cannot open files written with DuckDB 2.0's default storage format.
STORAGE_VERSION = "v1.0.0"

# Contract sheet -> the warehouse table holding its accepted rows.
SHEET_TABLES = {
    "target": "fct_target",
    "capaian": "fct_reported_value",
    "organisasi": "dim_organisation",
    "advokasi": "fct_advocacy_event",
    "advokasi_peserta": "fct_advocacy_attendance",
    "kader": "fct_cadre",
    "jabatan": "fct_post",
    "anggaran": "fct_budget_line",
    "prasyarat": "fct_prerequisite",
}

# Columns that mean the same in every table they appear in, described once.
SHARED_COLUMN_COMMENTS = {
    "region_code": "Kab/kota (Kemendagri code) of the submitting OPD.",
    "report_year": "The year the report covers.",
    "opd_code": "OPD that submitted the row (dim_opd.opd_code).",
    "submission_id": "Submission version the row comes from: fct_submission.submission_id, the first 16 hex digits of the file's sha256.",
    "source_sheet": "Workbook sheet the row was read from (contract name).",
    "source_row": "Excel row number in that sheet (row 1 is the header): the row's identity in every finding.",
}

WAREHOUSE_SQL = ("warehouse/00_dimensions.sql", "warehouse/20_facts.sql", "warehouse/30_submissions.sql",
                 "warehouse/40_methods.sql", "warehouse/50_intermediate.sql", "warehouse/60_marts.sql")


def candidate_path(build_dir: Path) -> Path:
    return build_dir / "pug.candidate.duckdb"


def year_databases(build_dir: Path) -> dict[int, Path]:
    found = {}
    for path in build_dir.glob("year=*.duckdb"):
        year = path.stem.split("=", 1)[1]
        if year.isdigit():
            found[int(year)] = path
    return dict(sorted(found.items()))


def reference_database(build_dir: Path) -> Path:
    return build_dir / "reference.duckdb"


def build_candidate(build_dir: Path, ledger_file: Path) -> dict:
    years = year_databases(build_dir)
    if not years:
        raise RuntimeError(f"no report year has been staged in {build_dir}; build a year first")
    target = candidate_path(build_dir)
    with written_atomically(target) as partial, duckdb.connect() as con:
        con.execute(f"ATTACH '{partial}' AS wh (STORAGE_VERSION '{STORAGE_VERSION}')")
        con.execute("USE wh")
        con.execute(f"ATTACH '{reference_database(build_dir)}' AS reference (READ_ONLY)")
        for (table,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'reference'").fetchall():
            con.execute(f"CREATE TEMP VIEW {table} AS SELECT * FROM reference.{table}")
        for year, path in years.items():
            con.execute(f"ATTACH '{path}' AS y{year} (READ_ONLY)")
        con.execute(f"ATTACH '{ledger_file}' AS ledger (READ_ONLY)")
        staged = ["submission", "submission_sheet", "finding", "quarantined_row", "version_change", *contract.SHEETS]
        for table in staged:
            union = " UNION ALL BY NAME ".join(f"SELECT * FROM y{year}.stg_{table}" for year in years)
            con.execute(f"CREATE TEMP VIEW stg_{table} AS {union}")
        run_sql_file(con, WAREHOUSE_SQL[0])
        for sheet in contract.SHEETS:
            run_sql_file(con, "warehouse/10_current_rows.sql", sheet=sheet)
        for relative in WAREHOUSE_SQL[1:]:
            run_sql_file(con, relative)
        _comment_shared_columns(con)
        tables = con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'wh' ORDER BY 1").fetchall()
        counts = {t: con.execute(f'SELECT count(*) FROM wh.main."{t}"').fetchone()[0] for (t,) in tables}
        con.execute("USE memory")
        con.execute("DETACH wh")
    return {"years": list(years), "table_rows": counts, "path": str(target)}


def _comment_shared_columns(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        """SELECT table_name, column_name FROM duckdb_columns()
           WHERE database_name = 'wh' AND comment IS NULL AND column_name IN ?""",
        [list(SHARED_COLUMN_COMMENTS)],
    ).fetchall()
    for table, column in rows:
        text = SHARED_COLUMN_COMMENTS[column].replace("'", "''")
        con.execute(f"COMMENT ON COLUMN \"{table}\".\"{column}\" IS '{text}'")


def promote(build_dir: Path, published: Path) -> Path:
    """Replace the published warehouse by the checked candidate in one atomic rename."""
    published.parent.mkdir(parents=True, exist_ok=True)
    os.replace(candidate_path(build_dir), published)
    return published


def table_summaries(database: Path) -> dict[str, dict]:
    """Row counts and column schemas of every table, read-only (for asset metadata and the build summary)."""
    with duckdb.connect(str(database), read_only=True) as con:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        summary = {}
        for table in tables:
            columns = con.execute(
                "SELECT column_name, data_type, comment FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
                [table]).fetchall()
            summary[table] = {"rows": con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0], "columns": columns}
        return summary


class EditionExists(RuntimeError):
    pass


def freeze_edition(published: Path, editions_dir: Path, year: int) -> Path:
    """Close a report year: a read-only copy of the published warehouse as warehouse/editions/pug-<year>.duckdb.

    An edition is frozen: it is never overwritten. The copy is made from the published file (same DuckDB 1.x storage
    format) and moved into place in one step.
    """
    edition = editions_dir / f"pug-{year}.duckdb"
    if edition.exists():
        raise EditionExists(f"{edition} exists: report year {year} is already closed")
    with written_atomically(edition) as partial:
        shutil.copyfile(published, partial)
        partial.chmod(0o444)
    return edition
