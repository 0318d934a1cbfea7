"""Blocking checks on a candidate warehouse: it is published only if every one passes.

Each check returns a CheckOutcome; the Dagster asset checks and `pug build` both use these functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import duckdb

from pug.warehouse.candidate import SHEET_TABLES, rebuilt_rows, use_scope


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


# (what must hold, a query counting the rows where it does not)
REFERENCES = (
    ("attendance names a registered organisation of that region and year",
     """SELECT count(*) FROM fct_advocacy_attendance a ANTI JOIN dim_organisation o
        ON o.region_code = a.region_code AND o.report_year = a.report_year AND o.org_code = a.org_code"""),
    ("attendance names an event of the same submission",
     """SELECT count(*) FROM fct_advocacy_attendance a ANTI JOIN fct_advocacy_event e
        ON e.submission_id = a.submission_id AND e.event_code = a.event_code"""),
    ("a post belongs to an OPD of the region",
     "SELECT count(*) FROM fct_post p ANTI JOIN dim_opd o ON o.region_code = p.region_code AND o.opd_code = p.post_opd_code"),
    ("targets and values name catalogue indicators",
     """SELECT (SELECT count(*) FROM fct_target t ANTI JOIN dim_indicator i USING (indicator_code))
             + (SELECT count(*) FROM fct_reported_value v ANTI JOIN dim_indicator i USING (indicator_code))"""),
    ("organisation scopes are registered organisations",
     """SELECT count(*) FROM (SELECT region_code, report_year, scope FROM fct_target WHERE scope_type = 'organisation'
                              UNION ALL SELECT region_code, report_year, scope FROM fct_reported_value WHERE scope_type = 'organisation') s
        ANTI JOIN dim_organisation o ON o.region_code = s.region_code AND o.report_year = s.report_year AND o.org_code = s.scope"""),
    ("area codes are regions",
     """SELECT count(*) FROM (SELECT area_code FROM dim_organisation UNION ALL SELECT area_code FROM fct_advocacy_event
                              UNION ALL SELECT area_code FROM fct_cadre) a
        ANTI JOIN dim_region r ON r.region_code = a.area_code"""),
    ("every reporting OPD is registered in its region",
     """SELECT count(*) FROM (SELECT DISTINCT region_code, opd_code FROM fct_submission WHERE is_current) s
        ANTI JOIN dim_opd o USING (region_code, opd_code)"""),
)


def referential_integrity(con: duckdb.DuckDBPyConnection) -> CheckOutcome:
    """Facts only point at things that exist: registered organisations, listed events, OPDs, indicators, regions."""
    failures = []
    for rule, query in REFERENCES:
        broken = con.execute(query).fetchone()[0]
        if broken:
            failures.append({"rule": rule, "rows": broken})
    return CheckOutcome("referential_integrity", not failures, "published facts point only at existing dimension rows", failures)


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


# pug.values.NIK_PATTERN without look-arounds (RE2): 16 digits in a row, or with thousands separators.
NIK_REGEX = ("(^|[^0-9])[0-9]{16}([^0-9]|$)"
             "|(^|[^0-9.,])[0-9]([.,][0-9]{3}){5}($|[^0-9.,]|[.,][0-9]{1,2}($|[^0-9])|[.,]($|[^0-9]))")


def no_nik(con: duckdb.DuckDBPyConnection, regions: list[str] | None = None) -> CheckOutcome:
    """No 16-digit NIK-like run in any text column of any table (hex hashes aside). With `regions`, the candidate
    is a copy of the published warehouse (checked when it was published) with those regions built again: only the
    rows it built again are read."""
    columns = con.execute(
        f"""SELECT table_name, column_name FROM duckdb_columns()
            WHERE data_type = 'VARCHAR' AND {_OURS} AND column_name NOT IN ('file_sha256', 'submission_id')""").fetchall()
    by_table: dict[str, list[str]] = {}
    for table, column in columns:
        by_table.setdefault(table, []).append(column)
    if regions is not None:
        use_scope(con, regions)
    failures = []
    for table, names in by_table.items():  # one scan per table, counting per column
        where = "" if regions is None else rebuilt_rows(table)
        if where is None:
            continue
        counts = con.execute("SELECT " + ", ".join(
            f"""count(*) FILTER (WHERE regexp_matches("{column}", '{NIK_REGEX}'))""" for column in names)
            + f' FROM "{table}"{where}').fetchone()
        failures += [{"table": table, "column": column, "rows": hits} for column, hits in zip(names, counts) if hits]
    return CheckOutcome("no_nik", not failures, "no NIK-like 16-digit value is stored anywhere", failures)


Check = Callable[[duckdb.DuckDBPyConnection], CheckOutcome]
BLOCKING_CHECKS: tuple[Check, ...] = (conservation, lineage, referential_integrity, documented, no_nik)


def run_check(check: Check, database: Path) -> CheckOutcome:
    with duckdb.connect(str(database), read_only=True) as con:
        return check(con)


def run_checks(database: Path, regions_rebuilt: list[str] | None = None) -> list[CheckOutcome]:
    """Every blocking check, on one read-only connection; no_nik reads only the rows of `regions_rebuilt` when the
    candidate is an incremental one."""
    with duckdb.connect(str(database), read_only=True) as con:
        return [no_nik(con, regions_rebuilt) if check is no_nik else check(con) for check in BLOCKING_CHECKS]
