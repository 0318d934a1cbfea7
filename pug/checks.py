"""Blocking checks on a candidate warehouse: it is published only if every one passes.

Each check returns a CheckOutcome; the Dagster asset checks and `pug build` both use these functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import duckdb

from pug.publish import SHEET_TABLES


@dataclass
class CheckOutcome:
    name: str
    passed: bool
    description: str
    failures: list = field(default_factory=list)  # a sample of what failed
    figures: dict = field(default_factory=dict)


# The warehouse's own objects, not DuckDB's catalog views.
_OURS = "database_name = current_database() AND schema_name = 'main'"


def _facts_by_sheet_sql() -> str:
    return " UNION ALL ".join(
        f"SELECT submission_id, source_sheet, count(*) AS n FROM {table} GROUP BY ALL" for table in SHEET_TABLES.values()
    )


def conservation(con: duckdb.DuckDBPyConnection) -> CheckOutcome:
    """For every submission and sheet: rows read = rows accepted + rows quarantined, and the tables hold exactly those."""
    failures = con.execute(
        f"""
        WITH facts AS ({_facts_by_sheet_sql()}),
        quarantine AS (SELECT submission_id, source_sheet, count(*) AS n FROM fct_quarantined_row GROUP BY ALL)
        SELECT c.submission_id, c.sheet, c.rows_read, c.rows_accepted, c.rows_quarantined,
               coalesce(f.n, 0) AS in_facts, coalesce(q.n, 0) AS in_quarantine
        FROM fct_submission_sheet AS c
        JOIN fct_submission AS s USING (submission_id)
        LEFT JOIN facts AS f ON f.submission_id = c.submission_id AND f.source_sheet = c.sheet
        LEFT JOIN quarantine AS q ON q.submission_id = c.submission_id AND q.source_sheet = c.sheet
        WHERE c.rows_read <> c.rows_accepted + c.rows_quarantined
           OR c.rows_quarantined <> coalesce(q.n, 0)
           OR (s.is_current AND c.rows_accepted <> coalesce(f.n, 0))
           OR (NOT s.is_current AND coalesce(f.n, 0) <> 0)
        ORDER BY 1, 2
        """
    ).fetchall()
    read, accepted, quarantined = con.execute(
        "SELECT sum(rows_read), sum(rows_accepted), sum(rows_quarantined) FROM fct_submission_sheet").fetchone()
    return CheckOutcome(
        "conservation", not failures,
        "rows read = rows accepted + rows quarantined for every submission and sheet; fact and quarantine tables hold them",
        failures[:20], {"rows_read": int(read or 0), "rows_accepted": int(accepted or 0), "rows_quarantined": int(quarantined or 0),
                        "sheets_failing": len(failures)},
    )


def lineage(con: duckdb.DuckDBPyConnection) -> CheckOutcome:
    """Every fact row leads to a current submission, and (submission, sheet, Excel row) identifies it."""
    failures = []
    for table in SHEET_TABLES.values():
        orphans = con.execute(
            f"""SELECT count(*) FROM {table} t LEFT JOIN fct_submission s USING (submission_id)
                WHERE s.submission_id IS NULL OR NOT s.is_current OR t.source_row IS NULL OR t.source_sheet IS NULL""").fetchone()[0]
        duplicates = con.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {table} GROUP BY submission_id, source_sheet, source_row HAVING count(*) > 1)").fetchone()[0]
        if orphans or duplicates:
            failures.append({"table": table, "rows_without_lineage": orphans, "duplicate_lineage": duplicates})
    return CheckOutcome("lineage", not failures, "every fact row leads back to its current submission, sheet and Excel row", failures)


def documented(con: duckdb.DuckDBPyConnection) -> CheckOutcome:
    """Every table, view and column carries a comment (COMMENT ON)."""
    tables = con.execute(
        f"""SELECT table_name FROM duckdb_tables() WHERE comment IS NULL AND {_OURS}
           UNION ALL SELECT view_name FROM duckdb_views() WHERE comment IS NULL AND {_OURS}""").fetchall()
    columns = con.execute(
        f"""SELECT table_name || '.' || column_name FROM duckdb_columns() WHERE comment IS NULL AND {_OURS}""").fetchall()
    failures = [r[0] for r in tables] + [r[0] for r in columns]
    return CheckOutcome("documented", not failures, "every table, view and column has a comment", failures[:50],
                        {"undocumented": len(failures)})


def no_nik(con: duckdb.DuckDBPyConnection) -> CheckOutcome:
    """No 16-digit NIK-like run in any text column of any table (hex hashes aside)."""
    columns = con.execute(
        f"""SELECT table_name, column_name FROM duckdb_columns()
            WHERE data_type = 'VARCHAR' AND {_OURS} AND column_name NOT IN ('file_sha256', 'submission_id')""").fetchall()
    failures = []
    for table, column in columns:
        hits = con.execute(
            f"""SELECT count(*) FROM "{table}" WHERE regexp_matches("{column}", '(^|[^0-9])[0-9]{{16}}([^0-9]|$)')""").fetchone()[0]
        if hits:
            failures.append({"table": table, "column": column, "rows": hits})
    return CheckOutcome("no_nik", not failures, "no NIK-like 16-digit value is stored anywhere", failures)


Check = Callable[[duckdb.DuckDBPyConnection], CheckOutcome]
BLOCKING_CHECKS: tuple[Check, ...] = (conservation, lineage, documented, no_nik)


def run_check(check: Check, database: Path) -> CheckOutcome:
    with duckdb.connect(str(database), read_only=True) as con:
        return check(con)
