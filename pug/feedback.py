"""Feedback workbooks for OPD staff: warehouse/feedback/<year>/<region>/<opd>.xlsx, in Bahasa Indonesia.

One per OPD and report year, for the version the OPD sent last: a summary sheet (status and every problem with
its cell and how to fix it), then each submitted sheet as it was sent, every row at its own Excel row number, the
problem cells highlighted and a column that explains them. Every value is written as text, so nothing that was
submitted (a value starting with =, +, - or @) can become a formula.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import duckdb
import xlsxwriter

from pug import contract
from pug.findings import SEVERITY_ID
from pug.parse import STATUS_ID
from pug.paths import written_atomically
from pug.sqlfiles import fetch_dicts


EXPLANATION_COLUMN = "catatan_pemeriksaan"


def feedback_path(root: Path, year: int, region: str, opd: str) -> Path:
    return root / str(year) / region / f"{opd}.xlsx"


def latest_versions(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """The version each OPD sent last (by submission date, then file time): the one its staff must act on."""
    return fetch_dicts(con, """
        SELECT * FROM stg_submission WHERE opd_code IS NOT NULL AND region_code IS NOT NULL AND present
        QUALIFY row_number() OVER (PARTITION BY region_code, opd_code ORDER BY version DESC) = 1
        ORDER BY region_code, opd_code""")


def write_feedback_workbooks(year_db: Path, root: Path, year: int) -> dict:
    """Write the feedback workbooks of every region validated since its workbooks were last written.

    warehouse/feedback/<year>/.written.json records, per region, the validation its workbooks come from."""
    state_file = root / str(year) / ".written.json"
    written_from = json.loads(state_file.read_text(encoding="utf-8")) if state_file.exists() else {}
    written, regions = [], {}
    with duckdb.connect(str(year_db), read_only=True) as con:
        validated = dict(con.execute("""
            SELECT DISTINCT s.region_code, r.validated_fingerprint
            FROM stg_submission AS s LEFT JOIN stg_region_state AS r USING (region_code)
            WHERE s.region_code IS NOT NULL""").fetchall())
        stale = {region for region, fingerprint in validated.items()
                 if region not in written_from or written_from[region] != fingerprint}
        for submission in latest_versions(con):
            if submission["region_code"] not in stale:
                continue
            sid = submission["submission_id"]
            findings = fetch_dicts(con, """SELECT * FROM stg_finding WHERE submission_id = ?
                                     ORDER BY sheet NULLS FIRST, source_row NULLS FIRST, cell""", [sid])
            sheets = sorted(fetch_dicts(con, "SELECT * FROM stg_submission_sheet WHERE submission_id = ?", [sid]),
                            key=lambda s: list(contract.SHEETS).index(s["sheet"]))
            rows = {s["sheet"]: fetch_dicts(con, f"SELECT source_row, raw_values, row_status FROM stg_{s['sheet']} WHERE submission_id = ? ORDER BY source_row", [sid])
                    for s in sheets}
            path = feedback_path(root, year, submission["region_code"], submission["opd_code"])
            _write(path, submission, findings, sheets, rows)
            written.append(path)
            regions.setdefault(submission["region_code"], set()).add(path)
    for region in stale:  # an OPD whose files were all removed keeps no feedback
        folder = root / str(year) / region
        for old in folder.glob("*.xlsx") if folder.is_dir() else []:
            if old not in regions.get(region, set()):
                old.unlink()
    with written_atomically(state_file) as partial:
        partial.write_text(json.dumps(validated, indent=1, sort_keys=True), encoding="utf-8")
    return {"written": written, "regions_written": sorted(stale), "regions_unchanged": len(validated) - len(stale)}


def _write(path: Path, submission: dict, findings: list[dict], sheets: list[dict], rows: dict[str, list[dict]]) -> None:
    with written_atomically(path) as partial:
        _write_workbook(partial, submission, findings, sheets, rows)


def _write_workbook(partial: Path, submission: dict, findings: list[dict], sheets: list[dict], rows: dict[str, list[dict]]) -> None:
    workbook = xlsxwriter.Workbook(str(partial), {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False})
    formats = {
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        "label": workbook.add_format({"bold": True}),
        "header": workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1}),
        "error": workbook.add_format({"bg_color": "#F8CBAD", "border": 1, "border_color": "#C00000"}),
        "warning": workbook.add_format({"bg_color": "#FFE699", "border": 1, "border_color": "#BF8F00"}),
        "notice": workbook.add_format({"bg_color": "#E2EFDA"}),
        "wrap": workbook.add_format({"text_wrap": True, "valign": "top"}),
    }
    _summary_sheet(workbook, formats, submission, findings, sheets)
    by_cell: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for f in findings:
        if f["sheet"] and f["source_row"]:
            by_cell[(f["sheet"], f["source_row"])].append(f)
    for sheet in sheets:
        _data_sheet(workbook, formats, sheet, rows[sheet["sheet"]], by_cell)
    workbook.close()


def _summary_sheet(workbook, formats, submission: dict, findings: list[dict], sheets: list[dict]) -> None:
    summary = workbook.add_worksheet("ringkasan")
    summary.set_column(0, 0, 24)
    summary.set_column(1, 1, 14)
    summary.set_column(2, 4, 16)
    summary.set_column(5, 5, 28)
    summary.set_column(6, 6, 90, formats["wrap"])
    summary.write_string(0, 0, f"Hasil pemeriksaan laporan PUG {submission['report_year']}", formats["title"])
    facts = [
        ("OPD", f"{submission['opd_code']} - {submission['opd_name'] or ''}"),
        ("Kode wilayah", submission["region_code"]),
        ("Tahun laporan", str(submission["report_year"])),
        ("Berkas", submission["file_path"]),
        ("Versi", str(submission["version"])),
        ("Tanggal kirim", str(submission["submitted_on"] or "-")),
        ("Batas waktu", str(submission["deadline"] or "-")),
        ("Tepat waktu", {True: "Ya", False: "Tidak"}.get(submission["on_time"], "-")),
        ("Status", STATUS_ID[submission["status"]]),
        ("Galat / peringatan / catatan", f"{submission['errors']} / {submission['warnings']} / {submission['notices']}"),
    ]
    for row, (label, value) in enumerate(facts, start=2):
        summary.write_string(row, 0, label, formats["label"])
        summary.write_string(row, 1, str(value))
    row = len(facts) + 3
    summary.write_string(row, 0, "Baris per lembar", formats["label"])
    for sheet in sheets:
        row += 1
        summary.write_string(row, 0, sheet["sheet"])
        summary.write_string(row, 1, f"{sheet['rows_read']} dibaca, {sheet['rows_accepted']} diterima, {sheet['rows_quarantined']} dikarantina")
    row += 2
    headers = ("Lembar", "Sel", "Baris", "Kolom", "Tingkat", "Kode", "Masalah dan cara memperbaiki")
    for column, text in enumerate(headers):
        summary.write_string(row, column, text, formats["header"])
    if not findings:
        summary.write_string(row + 1, 0, "Tidak ada masalah. Terima kasih.")
    for f in findings:
        row += 1
        cells = (f["sheet"] or "(berkas)", f["cell"] or "", str(f["source_row"] or ""), f["column_name"] or "",
                 SEVERITY_ID[f["severity"]], f["code"], f["message"])
        for column, text in enumerate(cells):
            summary.write_string(row, column, text, formats[f["severity"]] if column == 4 else None)
    summary.freeze_panes(row - len(findings) + 1 if findings else row + 1, 0)
    summary.activate()


def _data_sheet(workbook, formats, sheet: dict, rows: list[dict], by_cell: dict) -> None:
    name = sheet["sheet"]
    columns = list(sheet["columns"] or [])
    worksheet = workbook.add_worksheet(name)
    explanation = len(columns)
    for index, column in enumerate(columns):
        worksheet.write_string(0, index, column, formats["header"])
        worksheet.set_column(index, index, max(12, min(40, len(column) + 4)))
    worksheet.write_string(0, explanation, EXPLANATION_COLUMN, formats["header"])
    worksheet.set_column(explanation, explanation, 90, formats["wrap"])
    worksheet.freeze_panes(1, 0)
    for row in rows:
        excel_row = row["source_row"]
        values = json.loads(row["raw_values"])
        problems = by_cell.get((name, excel_row), [])
        flagged = {f["column_name"]: f["severity"] for f in sorted(problems, key=lambda f: f["severity"] != "error")}
        for index, column in enumerate(columns):
            if not column:
                continue
            text = values.get(column, "")
            style = formats.get(flagged.get(column)) if column in flagged else None
            if text or style:
                worksheet.write_string(excel_row - 1, index, text, style)
        if problems:
            note = " | ".join(f"{f['cell'] or name}: {f['message']}" for f in problems)
            worksheet.write_string(excel_row - 1, explanation, note, formats["error" if any(f["severity"] == "error" for f in problems) else "warning"])
    if not columns:
        worksheet.write_string(1, 0, "Lembar ini kosong.")
