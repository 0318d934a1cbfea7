"""Assembling the warehouse and publishing it atomically.

1. build_candidate: a new DuckDB file (warehouse/build/pug.candidate.duckdb) from the reference data, every report
   year's staging database and the ledger, by the .sql files in pug/sql/warehouse/, in a storage format that
   DuckDB 1.x clients read; or, when few regions changed since the last publish, a copy of the published file
   with those regions' rows built again.
2. the blocking checks (pug.checks) run on the candidate;
3. promote: os.replace() moves the candidate over warehouse/pug.duckdb in one step. Readers that have the old
   file open keep reading it; new readers get the new one; a build killed at any moment leaves the old one.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import duckdb

from pug import contract
from pug.paths import written_atomically
from pug.sqlfiles import SQL_DIR, run_sql_file, sql_text

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


# The tables of the first file are built from the reference data alone; the ledger's table from the ledger alone
# (it changes at every scan: last_seen_at). Every other table is region by region: a kab/kota's rows come from its
# own staged rows and the reference data only, which is what lets a candidate be rebuilt for the changed regions alone.
REFERENCE_SQL = WAREHOUSE_SQL[0]
REFERENCE_TABLES = frozenset(re.findall(r"CREATE TABLE (\w+)", sql_text(REFERENCE_SQL)))
LEDGER_TABLES = ("fct_submission_file",)
STAGED_TABLES = ("submission", "submission_sheet", "finding", "quarantined_row", "version_change", *contract.SHEETS)


def candidate_state_path(build_dir: Path) -> Path:
    return build_dir / "pug.candidate.json"


def published_state_path(build_dir: Path) -> Path:
    """What the published warehouse was built from (see build_candidate); beside the staging files, not the warehouse."""
    return build_dir / "published.json"


def build_candidate(build_dir: Path, ledger_file: Path, published: Path | None = None) -> dict:
    """Build the candidate warehouse: from scratch, or, when `published` exists and was built by this code from the
    same reference data and report years, as a copy of it with only the regions whose validated rows changed built
    again (and the ledger's table). A full build also compacts the file, and is chosen when many regions changed."""
    years = year_databases(build_dir)
    if not years:
        raise RuntimeError(f"no report year has been staged in {build_dir}; build a year first")
    sources = _sources(build_dir, years)
    state_file = published_state_path(build_dir)
    previous = json.loads(state_file.read_text()) if state_file.exists() else None
    scope = _changed_regions(published, previous, sources)
    target = candidate_path(build_dir)
    with written_atomically(target) as partial, duckdb.connect() as con:
        _attach_sources(con, build_dir, ledger_file, years)
        if scope is None:
            con.execute(f"ATTACH '{partial}' AS wh (STORAGE_VERSION '{STORAGE_VERSION}')")
            con.execute("USE wh")
            con.execute("BEGIN")  # one commit: each table written to the file once (~0.3 s of 4.4 at 50 regions)
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
    with written_atomically(candidate_state_path(build_dir)) as partial_state:
        partial_state.write_text(json.dumps(state, indent=1))
    return {"years": list(years), "table_rows": {t: rows for t, (rows, _) in contents.items()}, "path": str(target),
            "regions_rebuilt": rebuilt}


def _attach_sources(con: duckdb.DuckDBPyConnection, build_dir: Path, ledger_file: Path, years: dict[int, Path]) -> None:
    con.execute(f"ATTACH '{reference_database(build_dir)}' AS reference (READ_ONLY)")
    for (table,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'reference'").fetchall():
        con.execute(f"CREATE TEMP VIEW {table} AS SELECT * FROM reference.{table}")
    for year, path in years.items():
        con.execute(f"ATTACH '{path}' AS y{year} (READ_ONLY)")
    con.execute(f"ATTACH '{ledger_file}' AS ledger (READ_ONLY)")


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
    run_sql_file(con, REFERENCE_SQL)
    for sheet in contract.SHEETS:
        run_sql_file(con, "warehouse/10_current_rows.sql", sheet=sheet)
    for relative in WAREHOUSE_SQL[1:]:
        run_sql_file(con, relative)


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


def _sources(build_dir: Path, years: dict[int, Path]) -> dict:
    """What a candidate is built from: the code, a digest of the reference data, and per report year and region
    the fingerprint of its validated rows (pug.validation: staged content and rule catalogue)."""
    code = hashlib.sha256()
    for source in (Path(__file__), Path(contract.__file__), *sorted((SQL_DIR / "warehouse").glob("*.sql"))):
        code.update(source.read_bytes())
    reference = hashlib.sha256()
    with duckdb.connect(str(reference_database(build_dir)), read_only=True) as con:
        for (table,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall():
            reference.update(repr((table, *con.execute(f"SELECT count(*), bit_xor(hash(t)) FROM {table} AS t").fetchone())).encode())
    regions = {}
    for year, path in years.items():
        with duckdb.connect(str(path), read_only=True) as con:
            for region, fingerprint in con.execute("SELECT region_code, validated_fingerprint FROM stg_region_state").fetchall():
                regions[f"{year}/{region}"] = fingerprint
    return {"code": code.hexdigest(), "reference": reference.hexdigest(), "years": list(years), "regions": regions}


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


def candidate_regions_rebuilt(build_dir: Path) -> list[str] | None:
    """The regions the candidate built again into a copy of the published warehouse; None when built in full."""
    rebuilt = json.loads(candidate_state_path(build_dir).read_text())["regions_rebuilt"]
    return None if rebuilt == "all" else rebuilt


def changed_tables(build_dir: Path) -> list[str]:
    """The candidate's tables whose content (row count and an order-independent digest of the rows) differs from
    the published warehouse's, by the two state files; every table when either is missing."""
    candidate = json.loads(candidate_state_path(build_dir).read_text())["tables"]
    try:
        published = json.loads(published_state_path(build_dir).read_text()).get("tables", {})
    except (OSError, ValueError):
        published = {}
    return [table for table, content in candidate.items() if published.get(table) != content]


def promote(build_dir: Path, published: Path) -> Path:
    """Replace the published warehouse by the checked candidate in one atomic rename, then record what it was built
    from. A build killed between the two renames leaves a state that does not match the published file (its size
    and modification time), so the next build is a full one."""
    published.parent.mkdir(parents=True, exist_ok=True)
    published_state_path(build_dir).unlink(missing_ok=True)
    os.replace(candidate_path(build_dir), published)
    os.replace(candidate_state_path(build_dir), published_state_path(build_dir))
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
