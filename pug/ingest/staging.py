"""A report year's staging database: every parsed row of every submission of that year, typed, with its lineage.

warehouse/build/year=<Y>.duckdb holds, with the contract's (Indonesian) column names:
  stg_submission_file   one row per distinct submitted content, as loaded
  stg_submission        the same, with version number, is_current and on_time (pug/sql/staging/versions.sql)
  stg_version_change    per version and sheet, rows added, removed and changed against the previous version
  stg_row_change        the same row by row: each row added or removed, each changed column with both values
  stg_region_state      which regions are staged from which inputs, and whether they were validated since
  stg_submission_sheet  rows read per submission and sheet, as the parser counted them
  stg_finding           every finding, NIK values masked
  stg_<sheet>           the rows of each contract sheet, typed, with submission_id, source_row and raw_values
The validation layer then sets each row's verdict (SQL in pug/sql/validation/).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import duckdb
import pyarrow as pa

from pug import contract, values
from pug.findings import Finding, finding
from pug.freshness import code_version, digest
from pug.ingest.parse_cache import PARSER_VERSION, ParseCache
from pug.ingest.parse import REJECTED, ParsedSubmission
from pug.reference import Reference
from pug.paths import written_atomically
from pug.sqlfiles import run_sql_file

ARROW_TYPES = {
    contract.TEXT: pa.string(),
    contract.CODE: pa.string(),
    contract.REGION: pa.string(),
    contract.YEAR: pa.int32(),
    contract.INTEGER: pa.int64(),
    contract.DECIMAL: pa.float64(),
    contract.DATE: pa.date32(),
    contract.YESNO: pa.bool_(),
    contract.SEX: pa.string(),
    contract.CHOICE: pa.string(),
}

SUBMISSION_SCHEMA = pa.schema([
    ("submission_id", pa.string()), ("file_sha256", pa.string()), ("file_path", pa.string()), ("present", pa.bool_()),
    ("form", pa.string()), ("region_code", pa.string()), ("opd_code", pa.string()), ("opd_name", pa.string()),
    ("report_year", pa.int32()), ("submitted_on", pa.date32()), ("submitted_by", pa.string()),
    ("file_modified_at", pa.timestamp("s")), ("first_seen_at", pa.timestamp("s")), ("size_bytes", pa.int64()),
    ("parse_status", pa.string()), ("deadline", pa.date32()), ("errors", pa.int32()), ("warnings", pa.int32()),
    ("notices", pa.int32()),
])
SHEET_COUNT_SCHEMA = pa.schema([
    ("submission_id", pa.string()), ("sheet", pa.string()), ("source_sheet_name", pa.string()), ("rows_read", pa.int64()),
    ("columns", pa.list_(pa.string())),
])
FINDING_SCHEMA = pa.schema([
    ("submission_id", pa.string()), ("code", pa.string()), ("severity", pa.string()), ("sheet", pa.string()),
    ("source_row", pa.int32()), ("column_name", pa.string()), ("cell", pa.string()), ("value", pa.string()),
    ("message", pa.string()), ("message_en", pa.string()), ("file_level", pa.bool_()),
])


def sheet_schema(sheet: contract.Sheet) -> pa.Schema:
    return pa.schema(
        [("submission_id", pa.string()), ("source_row", pa.int32())]
        + [(c.name, ARROW_TYPES[c.kind]) for c in sheet.columns]
        + [("raw_values", pa.string())]
    )


# Every staged table and its columns, in the order they are created.
TABLE_SCHEMAS = {"stg_submission_file": SUBMISSION_SCHEMA, "stg_submission_sheet": SHEET_COUNT_SCHEMA,
                 "stg_finding": FINDING_SCHEMA, **{f"stg_{name}": sheet_schema(sheet) for name, sheet in contract.SHEETS.items()}}


def submission_id(sha256: str) -> str:
    """Content-addressed: the same bytes submitted twice are one submission."""
    return sha256[:16]


def year_database(build_dir: Path, year: int) -> Path:
    return build_dir / f"year={year}.duckdb"


# What decides the staged rows besides their inputs: this module and the staging SQL. When either changes, every
# region of every year is staged again.
STAGING_VERSION = code_version("ingest/staging.py", "sql/staging")
# Which regions of a year are staged, from which inputs, and whether their rows were validated since.
REGION_STATE_SCHEMA = """
CREATE TABLE IF NOT EXISTS stg_region_state (
    region_code VARCHAR PRIMARY KEY,  -- '' for submissions whose region could not be read
    staged_fingerprint VARCHAR NOT NULL,
    validated_fingerprint VARCHAR
)"""


def region_key(entry: dict) -> str:
    return entry["region_code"] or ""


def region_fingerprints(entries: list[dict], reference: Reference) -> dict[str, str]:
    """Per region, a digest of everything its staging depends on: the contents (sha256) and files of its
    submissions, the parser and staging versions, and the reference data."""
    by_region: dict[str, list] = {}
    for entry in entries:
        by_region.setdefault(region_key(entry), []).append(
            [entry["sha256"], entry["path"], entry["present"], str(entry["modified_at"]), str(entry["first_seen_at"]),
             entry["size_bytes"]])
    return {region: digest(STAGING_VERSION, PARSER_VERSION, reference.fingerprint, sorted(files, key=str))
            for region, files in by_region.items()}


def stage_year(year: int, entries: list[dict], cache: ParseCache, reference: Reference, build_dir: Path,
               parse_again: Callable[[list[dict]], list[tuple[dict, ParsedSubmission]]] = lambda missing: []) -> dict:
    """Bring the staging database of a report year up to date with the ledger, one region at a time.

    Only regions whose submissions changed (by sha256, file or reference data) are staged again; the others keep
    their rows and their validation. The database is copied, changed and moved into place, so a build killed
    half-way leaves the previous one intact. A submission missing from the parse cache (deleted, or unreadable) is
    given to `parse_again`.
    """
    target = year_database(build_dir, year)
    fingerprints = region_fingerprints(entries, reference)
    previous = staged_fingerprints(target)
    restage = sorted(r for r, fp in fingerprints.items() if previous.get(r) != fp)
    dropped = sorted(set(previous) - set(fingerprints))
    if target.exists() and not restage and not dropped:
        return {"regions_staged": [], "regions_unchanged": len(fingerprints), "submissions_staged": 0}
    restaged = [entry for entry in entries if region_key(entry) in restage]
    items = _from_cache(restaged, cache, parse_again)  # read from the cache batch by batch
    with written_atomically(target) as partial:
        if previous:
            shutil.copyfile(target, partial)
        with duckdb.connect(str(partial)) as con:
            # One transaction: DuckDB then writes the new rows to the file once, compressed, instead of logging each
            # batch first.
            con.execute("BEGIN")
            replace_regions(con, year, [*restage, *dropped], items, reference)
            con.execute("DELETE FROM stg_region_state WHERE region_code IN (SELECT unnest(?))", [[*restage, *dropped]])
            if restage:
                con.executemany("INSERT INTO stg_region_state VALUES (?, ?, NULL)", [(r, fingerprints[r]) for r in restage])
            con.execute("COMMIT")
    return {"regions_staged": restage, "regions_dropped": dropped, "regions_unchanged": len(fingerprints) - len(restage),
            "submissions_staged": len(restaged)}


def _from_cache(entries: list[dict], cache: ParseCache,
                parse_again: Callable[[list[dict]], list[tuple[dict, ParsedSubmission]]]) -> Iterator[tuple[dict, ParsedSubmission]]:
    missing = []
    for entry in entries:
        parsed = cache.get(entry["sha256"])
        if parsed is None:
            missing.append(entry)
        else:
            yield entry, parsed
    if missing:
        yield from parse_again(missing)


def staged_fingerprints(year_db: Path) -> dict[str, str]:
    """{region: fingerprint of what is staged}; empty when the database is missing, of an older staging version
    (its staged tables have other columns: a sheet or column was added since, so every region is staged again into
    a new database), or unreadable (then it is removed: the year is staged again from the parse cache)."""
    if not year_db.exists():
        return {}
    try:
        with duckdb.connect(str(year_db), read_only=True) as con:
            columns: dict[str, list[str]] = {}
            for table, column in con.execute("SELECT table_name, column_name FROM duckdb_columns() ORDER BY column_index").fetchall():
                columns.setdefault(table, []).append(column)
            # the staged columns come first; validation adds its own after them (row_status, ...)
            if "stg_region_state" not in columns or any(columns.get(table, [])[:len(schema.names)] != schema.names
                                                        for table, schema in TABLE_SCHEMAS.items()):
                return {}
            return dict(con.execute("SELECT region_code, staged_fingerprint FROM stg_region_state").fetchall())
    except duckdb.Error:
        year_db.unlink()
        return {}


def year_totals(year_db: Path) -> dict:
    """Rows and submissions staged for a report year, by sheet."""
    with duckdb.connect(str(year_db), read_only=True) as con:
        submissions, rejected = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE parse_status = 'rejected') FROM stg_submission").fetchone()
        rows = {name: con.execute(f"SELECT count(*) FROM stg_{name}").fetchone()[0] for name in contract.SHEETS}
        findings = con.execute("SELECT count(*) FROM stg_finding").fetchone()[0]
    return {"submissions": submissions, "rejected": rejected, "rows": rows, "findings": findings}


def load_staging(con: duckdb.DuckDBPyConnection, year: int, items: list[tuple[dict, ParsedSubmission]], reference: Reference) -> dict:
    """Create the stg_* tables in a new connection from (ledger entry, parsed submission) pairs of one report year."""
    return replace_regions(con, year, [], items, reference)


def replace_regions(con: duckdb.DuckDBPyConnection, year: int, regions: list[str],
                    items: Iterable[tuple[dict, ParsedSubmission]], reference: Reference) -> dict:
    """Remove the staged rows of `regions` and insert those of `items`, then number the versions again.

    `items` is consumed in batches, so a national year (20,000 submissions, millions of rows) is never held in
    memory whole."""
    con.execute(REGION_STATE_SCHEMA)
    for table, schema in TABLE_SCHEMAS.items():
        _create_empty(con, table, schema)
    if regions:
        con.execute("""CREATE OR REPLACE TEMP TABLE replaced AS
                       SELECT submission_id FROM stg_submission_file WHERE coalesce(region_code, '') IN (SELECT unnest(?))""",
                    [regions])
        for table in TABLE_SCHEMAS:
            con.execute(f"DELETE FROM {table} WHERE submission_id IN (SELECT submission_id FROM replaced)")
    totals = {"submissions": 0, "rejected": 0, "rows": dict.fromkeys(contract.SHEETS, 0), "findings": 0}
    batch: list[tuple[dict, ParsedSubmission]] = []
    for item in items:
        batch.append(item)
        if len(batch) == INSERT_BATCH:
            _insert(con, year, batch, reference, totals)
            batch = []
    _insert(con, year, batch, reference, totals)
    run_sql_file(con, "staging/versions.sql")
    for name, sheet in contract.SHEETS.items():
        key = sheet.key or [c.name for c in sheet.columns]
        run_sql_file(con, "staging/version_changes.sql", sheet=name, key_hash=_hash_of(key),
                     key_text="concat_ws(' | ', " + ", ".join(f"coalesce(\"{c}\"::VARCHAR, '')" for c in key) + ")",
                     value_hash=_hash_of([c.name for c in sheet.columns]),
                     column_pairs=", ".join(f"""{{'column_name': '{c.name}', 'value_before': b."{c.name}"::VARCHAR, """
                                            f"""'value_after': a."{c.name}"::VARCHAR}}""" for c in sheet.columns))
    _version_findings(con)
    return totals


# A resubmission whose sheet keeps fewer than half the rows of the version before, when that held at least this
# many, is flagged: a register cut from 827 organisations to 5 orphans the rows of other OPDs that name them.
ROWS_DROPPED_FROM = 10


def _version_findings(con: duckdb.DuckDBPyConnection) -> None:
    """SHEET_ROWS_DROPPED on each version that dropped most of a sheet's rows, made again for the whole year."""
    con.execute("DELETE FROM stg_finding WHERE code = 'SHEET_ROWS_DROPPED'")
    dropped = con.execute("""SELECT submission_id, sheet, rows_before, rows_after FROM stg_version_change
                             WHERE rows_before >= ? AND rows_after * 2 < rows_before ORDER BY ALL""",
                          [ROWS_DROPPED_FROM]).fetchall()
    found = []
    for submission_id, sheet, before, after in dropped:
        gone = round(100 * (before - after) / before)
        found.append((submission_id, finding("SHEET_ROWS_DROPPED", sheet=sheet,
                                             detail=f"{after}, sedangkan versi sebelumnya {before} ({gone}% hilang)",
                                             detail_en=f"{after}, while the version before held {before} ({gone}% gone)")))
    store_sheet_findings(con, found)


def store_sheet_findings(con: duckdb.DuckDBPyConnection, found: list[tuple[str, Finding]]) -> None:
    """Findings about a whole sheet of a submission (no row or cell), added to stg_finding."""
    rows = [{"submission_id": submission_id, "code": f.code, "severity": f.severity, "sheet": f.sheet, "source_row": None,
             "column_name": None, "cell": None, "value": None, "message": f.message, "message_en": f.message_en,
             "file_level": False} for submission_id, f in found]
    if rows:
        sheet_findings = pa.Table.from_pylist(rows, schema=FINDING_SCHEMA)  # noqa: F841 (read by the SQL below)
        con.execute("INSERT INTO stg_finding SELECT * FROM sheet_findings")


INSERT_BATCH = 500  # submissions turned into Arrow tables and inserted at a time


def _insert(con: duckdb.DuckDBPyConnection, year: int, items: list[tuple[dict, ParsedSubmission]], reference: Reference,
            totals: dict) -> None:
    submissions, sheet_counts, findings = [], [], []
    rows = {name: {field.name: [] for field in TABLE_SCHEMAS[f"stg_{name}"]} for name in contract.SHEETS}  # by column
    for entry, parsed in items:
        sid = submission_id(entry["sha256"])
        identity = parsed.identity
        region = identity.get("kode_wilayah") or entry["region_code"]
        submissions.append({
            "submission_id": sid, "file_sha256": entry["sha256"], "file_path": values.mask_nik(entry["path"]), "present": entry["present"],
            "form": parsed.form or None, "region_code": region, "opd_code": identity.get("kode_opd"),
            "opd_name": identity.get("nama_opd"), "report_year": year, "submitted_on": identity.get("tanggal_kirim"),
            "submitted_by": identity.get("nama_petugas"), "file_modified_at": entry["modified_at"],
            "first_seen_at": entry["first_seen_at"], "size_bytes": entry["size_bytes"], "parse_status": parsed.status,
            "deadline": reference.deadline(region, year) if region else None,
            "errors": parsed.count("error"), "warnings": parsed.count("warning"), "notices": parsed.count("notice"),
        })
        for f in parsed.findings:
            findings.append({"submission_id": sid, "code": f.code, "severity": f.severity, "sheet": f.sheet, "source_row": f.row,
                             "column_name": f.column, "cell": f.cell, "value": f.value, "message": f.message, "message_en": f.message_en,
                             "file_level": f.file_level})
        for name, sheet_rows in parsed.sheets.items():
            sheet_counts.append({"submission_id": sid, "sheet": name, "source_sheet_name": sheet_rows.source_name,
                                 "rows_read": sheet_rows.rows_read, "columns": sheet_rows.columns})
            names, columns, raw_json = sheet_rows.by_column()  # by column: no dict per row to build or convert
            staged = rows[name]
            for field_name, column in zip(names, columns):
                staged[field_name] += column
            staged["raw_values"] += raw_json
            staged["submission_id"] += [sid] * len(raw_json)
    for table, records in {"stg_submission_file": submissions, "stg_submission_sheet": sheet_counts, "stg_finding": findings}.items():
        _append(con, table, records, TABLE_SCHEMAS[table])
    for name, columns in rows.items():
        schema = TABLE_SCHEMAS[f"stg_{name}"]
        data = pa.table([pa.array(column, field.type) for column, field in zip(columns.values(), schema)], schema=schema)  # noqa: F841
        if len(data):
            con.execute(f"INSERT INTO stg_{name} BY NAME SELECT * FROM data")
        totals["rows"][name] += len(data)
    totals["submissions"] += len(submissions)
    totals["rejected"] += sum(s["parse_status"] == REJECTED for s in submissions)
    totals["findings"] += len(findings)


def _hash_of(columns) -> str:
    return "hash(" + ", ".join(f'"{column}"' for column in columns) + ")"


def _create_empty(con: duckdb.DuckDBPyConnection, table: str, schema: pa.Schema) -> None:
    empty = schema.empty_table()  # noqa: F841 (scanned by DuckDB below)
    con.execute(f"CREATE TABLE IF NOT EXISTS {table} AS SELECT * FROM empty")


def _append(con: duckdb.DuckDBPyConnection, table: str, records: list[dict], schema: pa.Schema) -> None:
    """Insert by column name: later steps add columns (row_status, ...) that new rows leave empty until then."""
    if records:
        data = pa.Table.from_pylist(records, schema=schema)  # noqa: F841 (scanned by DuckDB below)
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM data")
