"""A report year's staging database: every parsed row of every submission of that year, typed, with its lineage.

warehouse/build/year=<Y>.duckdb holds, with the contract's (Indonesian) column names:
  stg_submission        one row per distinct submitted content (a version), with version number and is_current
  stg_submission_sheet  rows read per submission and sheet, as the parser counted them
  stg_finding           every finding, NIK values masked
  stg_<sheet>           the rows of each contract sheet, typed, with submission_id, source_row and raw_values
The validation layer then sets each row's verdict (SQL in pug/sql/validation/).
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pyarrow as pa

from pug import contract
from pug.ledger import ParseCache
from pug.parse import REJECTED, ParsedSubmission
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


def submission_id(sha256: str) -> str:
    """Content-addressed: the same bytes submitted twice are one submission."""
    return sha256[:16]


def year_database(build_dir: Path, year: int) -> Path:
    return build_dir / f"year={year}.duckdb"


def stage_year(year: int, entries: list[dict], cache: ParseCache, reference: Reference, build_dir: Path) -> dict:
    """Write the staging database of a report year from the parsed submissions the ledger files under it.

    Built in a new file and moved into place, so a build killed half-way leaves the previous one intact.
    """
    items = [(entry, cache.get(entry["sha256"])) for entry in entries]
    with written_atomically(year_database(build_dir, year)) as partial, duckdb.connect(str(partial)) as con:
        return load_staging(con, year, [(e, p) for e, p in items if p is not None], reference)


def load_staging(con: duckdb.DuckDBPyConnection, year: int, items: list[tuple[dict, ParsedSubmission]], reference: Reference) -> dict:
    """Create the stg_* tables in a connection from (ledger entry, parsed submission) pairs of one report year."""
    submissions, sheet_counts, findings = [], [], []
    rows: dict[str, list[dict]] = {name: [] for name in contract.SHEETS}
    for entry, parsed in items:
        sid = submission_id(entry["sha256"])
        identity = parsed.identity
        region = identity.get("kode_wilayah") or entry["region_code"]
        submissions.append({
            "submission_id": sid, "file_sha256": entry["sha256"], "file_path": entry["path"], "present": entry["present"],
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
            for record, raw in zip(sheet_rows.records, sheet_rows.raw):
                row = dict(record)
                row["submission_id"] = sid
                row["raw_values"] = json.dumps(raw, ensure_ascii=False)
                rows[name].append(row)

    _create(con, "stg_submission", submissions, SUBMISSION_SCHEMA)
    _create(con, "stg_submission_sheet", sheet_counts, SHEET_COUNT_SCHEMA)
    _create(con, "stg_finding", findings, FINDING_SCHEMA)
    for name, sheet in contract.SHEETS.items():
        _create(con, f"stg_{name}", rows[name], sheet_schema(sheet))
    run_sql_file(con, "staging/versions.sql")
    return {
        "submissions": len(submissions),
        "rejected": sum(s["parse_status"] == REJECTED for s in submissions),
        "rows": {name: len(r) for name, r in rows.items()},
        "findings": len(findings),
    }


def _create(con: duckdb.DuckDBPyConnection, table: str, records: list[dict], schema: pa.Schema) -> None:
    data = pa.Table.from_pylist(records, schema=schema)  # noqa: F841 (scanned by DuckDB below)
    con.execute(f"CREATE TABLE {table} AS SELECT * FROM data")

