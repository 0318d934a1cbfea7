"""Feedback workbooks for OPD staff: warehouse/feedback/<year>/<region>/<opd>_versi<N>.xlsx, in Bahasa Indonesia.

One per version of each OPD's report: a summary sheet (status, rows per sheet, and every problem with its cell and
how to fix it), then, when a problem sits in a cell, each submitted sheet as it was sent, every row at its own
Excel row number, numbers and dates typed (dates the Indonesian way, "15 Februari 2025"), the problem cells
highlighted with a comment that explains them and a column that repeats it; each problem in the summary links to its
cell. Such workbooks are written with xlsxwriter. A submission with no problem in a cell gets the summary alone (a
receipt), written by the faster text-only writer of pug.outputs.xlsx. Submitted text is only ever written as text,
so nothing that was submitted (a value starting with =, +, - or @) can become a formula.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import datetime as dt

import duckdb
import orjson
import xlsxwriter

from pug import contract
from pug.findings import SEVERITY_ID
from pug.freshness import code_version, digest
from pug.ingest.parse import STATUS_ID
from pug.outputs import xlsx
from pug.paths import feedback_workbook, written_atomically
from pug.sqlfiles import fetch_dicts
from pug.workers import WorkerProcesses


EXPLANATION_COLUMN = "catatan_pemeriksaan"


def written_workbooks(root: Path, year: int) -> set[str]:
    """The feedback workbooks of a report year on disk, as paths relative to `root` (like paths.feedback_workbook(Path(), ...)):
    listed once rather than a stat per OPD."""
    year_folder = root / str(year)
    return {path.relative_to(root).as_posix() for path in year_folder.glob("*/*.xlsx")} if year_folder.is_dir() else set()


# A workbook is written again when its submission, its findings or the code that writes it changed.
FEEDBACK_VERSION = code_version("outputs/feedback.py", "outputs/xlsx.py")
# Below this many workbooks, worker processes cost more to start than they save.
PARALLEL_FROM = 64
BATCH_SIZE = 100  # submissions a worker reads and writes at a time: bounded memory at any scale

# Every version of each OPD's report whose file is still there: each keeps its own workbook.
_VERSIONS = """
    SELECT * FROM stg_submission WHERE opd_code IS NOT NULL AND region_code IS NOT NULL AND present"""
# Columns whose typed value is written back (a number or a date), where the cell has no problem.
TYPED_KINDS = {contract.INTEGER, contract.DECIMAL, contract.YEAR, contract.DATE}
# Excel's number format for a date in Indonesian (locale 0421): 15 Februari 2025.
DATE_FORMAT = "[$-421]d mmmm yyyy"
MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember")


def date_id(value) -> str:
    """A date as Indonesians write it (15 Februari 2025); '-' for none."""
    if not isinstance(value, dt.date):
        return "-"
    return f"{value.day} {MONTHS_ID[value.month - 1]} {value.year}"


def _contents_digests(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str, str]]:
    """Per version: (submission id, region, opd, version, digest of everything its workbook shows: the submission
    record and its findings; its rows are fixed by the file's sha256, which the record holds)."""
    rows = con.execute(f"""
        WITH latest AS ({_VERSIONS}),
        found AS (SELECT submission_id, count(*) AS n, bit_xor(hash(f)) AS h FROM stg_finding AS f
                  WHERE submission_id IN (SELECT submission_id FROM latest) GROUP BY ALL)
        SELECT l.submission_id, l.region_code, l.opd_code, l.version,
               hash(l)::VARCHAR || '-' || coalesce(found.n, 0)::VARCHAR || '-' || coalesce(found.h, 0)::VARCHAR
        FROM latest AS l LEFT JOIN found USING (submission_id)""").fetchall()
    return [(sid, region, opd, version, f"{FEEDBACK_VERSION}-{digest}") for sid, region, opd, version, digest in rows]


class FeedbackWriting:
    """Writing the feedback workbook of every version whose contents changed since it was written, from start to
    finish.

    warehouse/feedback/<year>/.written.json records, per workbook, the digest of what it shows. Workbooks are
    written in batches, by worker processes when there are many; each worker reads its batch from the year's
    database (read-only) and writes its files. The workers start writing when the writing is made and work until
    finish() collects them: a build makes it once the verdicts are in, and they write while the candidate warehouse
    is built, checked and published (assets/resources.py, FeedbackWriters).
    """

    def __init__(self, year_db: Path, root: Path, year: int, workers: WorkerProcesses | None = None,
                 decided: dict[str, dict] | None = None):
        """decided: the reviewers' decisions in force, by submission (pug.ingest.decisions.in_force)."""
        self.root, self.year = root, year
        decided = decided or {}
        state_file = root / str(year) / ".written.json"
        try:
            written_from = json.loads(state_file.read_text(encoding="utf-8")).get("workbooks", {})
        except (OSError, ValueError, AttributeError):
            written_from = {}
        with duckdb.connect(str(year_db), read_only=True) as con:
            digests = _contents_digests(con)
        self.expected = {feedback_workbook(Path(), year, region, opd, version).as_posix():
                         (sid, region, f"{digest}-{_decision_digest(decided.get(sid))}")
                         for sid, region, opd, version, digest in digests}
        self.on_disk = written_workbooks(root, year)
        outdated = [(sid, region) for relative, (sid, region, digest) in self.expected.items()
                    if written_from.get(relative) != digest or relative not in self.on_disk]
        stale, self.stale_regions = sorted({sid for sid, _ in outdated}), {region for _, region in outdated}
        batches = [stale[i:i + BATCH_SIZE] for i in range(0, len(stale), BATCH_SIZE)]
        self.year_db = year_db
        self.jobs = [(root, year, batch, {sid: decided[sid] for sid in batch if sid in decided}) for batch in batches]
        self._futures = None
        if workers is not None and workers.processes > 1 and len(stale) >= PARALLEL_FROM:
            pool = workers.executor()
            self._futures = [pool.submit(_write_batch_in_worker, year_db, job) for job in self.jobs]

    @property
    def in_background(self) -> bool:
        """Whether worker processes are writing (from the start) rather than finish() in this process."""
        return self._futures is not None

    def finish(self) -> dict:
        written: list[Path] = []
        if self._futures is not None:
            for future in self._futures:
                written += future.result()
        elif self.jobs:
            with duckdb.connect(str(self.year_db), read_only=True) as con:
                for job in self.jobs:
                    written += _write_batch(con, job)
        for relative in self.on_disk - self.expected.keys():  # a version whose file was removed keeps no feedback
            (self.root / relative).unlink()
        with written_atomically(self.root / str(self.year) / ".written.json") as partial:
            partial.write_text(json.dumps({"workbooks": {relative: digest for relative, (_, _, digest) in self.expected.items()}},
                                          indent=0, sort_keys=True), encoding="utf-8")
        return {"written": written, "regions_written": sorted(self.stale_regions), "unchanged": len(self.expected) - len(written),
                "regions_unchanged": len({region for _, region, _ in self.expected.values()} - self.stale_regions)}


def write_feedback_workbooks(year_db: Path, root: Path, year: int, workers: WorkerProcesses | None = None,
                             decided: dict[str, dict] | None = None) -> dict:
    """Write the year's feedback workbooks that are out of date, now."""
    return FeedbackWriting(year_db, root, year, workers, decided).finish()


def _decision_digest(decision: dict | None) -> str:
    return "" if decision is None else digest(decision["decision"], decision["note"], decision["decided_at"])


_connections: dict[str, tuple] = {}  # in a worker: each year's database, read-only, kept open for its batches


def _connection(year_db: Path) -> duckdb.DuckDBPyConnection:
    """The worker's read-only connection to a year's database, opened once (a noticeable share of a batch of receipts)
    and again only when the file was replaced."""
    status = year_db.stat()
    identity = (status.st_ino, status.st_mtime_ns)
    kept = _connections.get(str(year_db))
    if kept is None or kept[0] != identity:
        if kept is not None:
            kept[1].close()
        kept = _connections[str(year_db)] = (identity, duckdb.connect(str(year_db), read_only=True))
    return kept[1]


def _write_batch_in_worker(year_db: Path, job: tuple[Path, int, list[str], dict]) -> list[Path]:
    return _write_batch(_connection(year_db), job)


def _write_batch(con: duckdb.DuckDBPyConnection, job: tuple[Path, int, list[str], dict]) -> list[Path]:
    """Read a batch of submissions from the year's database in a few queries, and write their workbooks."""
    root, year, batch, decided = job
    submissions = fetch_dicts(con, f"SELECT * FROM ({_VERSIONS}) WHERE submission_id IN (SELECT unnest(?))", [batch])
    findings: dict[str, list[dict]] = defaultdict(list)
    for f in fetch_dicts(con, """SELECT * FROM stg_finding WHERE submission_id IN (SELECT unnest(?))
                                 ORDER BY submission_id, sheet NULLS FIRST, source_row NULLS FIRST, cell""", [batch]):
        findings[f["submission_id"]].append(f)
    sheets: dict[str, list[dict]] = defaultdict(list)
    for sheet in fetch_dicts(con, "SELECT * FROM stg_submission_sheet WHERE submission_id IN (SELECT unnest(?))", [batch]):
        sheets[sheet["submission_id"]].append(sheet)
    rows: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    in_cells = sorted(sid for sid, found in findings.items() if any(_in_a_cell(f) for f in found))  # their sheets are written back
    for name in {sheet["sheet"] for sid in in_cells for sheet in sheets[sid]}:
        typed = [c.name for c in contract.SHEETS[name].columns if c.kind in TYPED_KINDS]
        for sid, source_row, raw_values, *values in con.execute(
                f"""SELECT submission_id, source_row, raw_values{"".join(f', "{c}"' for c in typed)} FROM stg_{name}
                    WHERE submission_id IN (SELECT unnest(?)) ORDER BY submission_id, source_row""", [in_cells]).fetchall():
            rows[(sid, name)].append((source_row, raw_values, dict(zip(typed, values))))
    written = []
    order = list(contract.SHEETS)
    for submission in submissions:
        sid = submission["submission_id"]
        submission = {**submission, "decision": decided.get(sid)}
        listed = sorted(sheets[sid], key=lambda s: order.index(s["sheet"]))
        path = feedback_workbook(root, year, submission["region_code"], submission["opd_code"], submission["version"])
        with written_atomically(path) as partial:
            if any(_in_a_cell(f) for f in findings[sid]):
                _write_annotated(partial, submission, findings[sid], listed, {s["sheet"]: rows[(sid, s["sheet"])] for s in listed})
            else:
                _write_receipt(partial, submission, findings[sid], listed)
        written.append(path)
    return written


DECISION_ID = {"approved": "Disetujui", "returned": "Dikembalikan, perbaiki dan kirim lagi"}


def _decision_text(decision: dict | None) -> str:
    if decision is None:
        return "Menunggu pemeriksaan"
    return f"{DECISION_ID.get(decision['decision'], decision['decision'])} ({decision['decided_at'][:10]}, {decision['reviewer']})"


def _in_a_cell(finding: dict) -> bool:
    return bool(finding["sheet"] and finding["source_row"])


FORMATS = {
    "title": {"bold": True, "font_size": 14},
    "label": {"bold": True},
    "header": {"bold": True, "bg_color": "#DDEBF7", "border": 1},
    "error": {"bg_color": "#F8CBAD", "border": 1, "border_color": "#C00000"},
    "warning": {"bg_color": "#FFE699", "border": 1, "border_color": "#BF8F00"},
    "notice": {"bg_color": "#E2EFDA"},
    "wrap": {"text_wrap": True, "valign": "top"},
}


def _write_receipt(partial: Path, submission: dict, findings: list[dict], sheets: list[dict]) -> None:
    """The summary alone, text only: a submission with no problem in a cell."""
    workbook = xlsx.Workbook(str(partial))
    formats = {name: workbook.add_format(spec) for name, spec in FORMATS.items()}
    _summary_sheet(workbook, formats, submission, findings, sheets, linked=set())
    workbook.close()


def _write_annotated(partial: Path, submission: dict, findings: list[dict], sheets: list[dict],
                     rows: dict[str, list[tuple]]) -> None:
    """The summary, each entry linked to its cell, then every submitted sheet with its problem cells commented."""
    workbook = xlsxwriter.Workbook(str(partial), {"strings_to_numbers": False, "strings_to_formulas": False,
                                                  "strings_to_urls": False})
    formats = {name: workbook.add_format(spec) for name, spec in FORMATS.items()}
    for severity in ("error", "warning", "notice"):
        formats[f"{severity}_date"] = workbook.add_format({**FORMATS[severity], "num_format": DATE_FORMAT})
    formats["date"] = workbook.add_format({"num_format": DATE_FORMAT})
    _summary_sheet(workbook, formats, submission, findings, sheets, linked={s["sheet"] for s in sheets})
    by_cell: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for f in findings:
        if _in_a_cell(f):
            by_cell[(f["sheet"], f["source_row"])].append(f)
    for sheet in sheets:
        _data_sheet(workbook, formats, sheet, rows[sheet["sheet"]], by_cell)
    workbook.close()


def _summary_sheet(workbook, formats, submission: dict, findings: list[dict], sheets: list[dict], linked: set[str]) -> None:
    """`linked`: the sheets written back, whose problems link to their cells."""
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
        ("Tanggal kirim", date_id(submission["submitted_on"])),
        ("Batas waktu", date_id(submission["deadline"])),
        ("Tepat waktu", {True: "Ya", False: "Tidak"}.get(submission["on_time"], "-")),
        ("Status", STATUS_ID[submission["status"]]),
        ("Galat / peringatan / catatan", f"{submission['errors']} / {submission['warnings']} / {submission['notices']}"),
        ("Keputusan pemeriksa", _decision_text(submission.get("decision"))),
    ]
    if submission.get("decision") and submission["decision"]["note"]:
        facts.append(("Catatan pemeriksa", submission["decision"]["note"]))
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
        summary.write_string(row + 2, 0, "Lembar data tidak disertakan: tidak ada sel yang perlu diperbaiki.")
    for f in findings:
        row += 1
        cells = (f["sheet"] or "(berkas)", f["cell"] or "", str(f["source_row"] or ""), f["column_name"] or "",
                 SEVERITY_ID[f["severity"]], f["code"], f["message"])
        for column, text in enumerate(cells):
            summary.write_string(row, column, text, formats[f["severity"]] if column == 4 else None)
        if f["sheet"] in linked and f["cell"]:  # to the cell, in the sheet as it was sent
            summary.write_url(row, 1, f"internal:'{f['sheet']}'!{f['cell']}", string=f["cell"],
                              tip=f"Buka sel {f['cell']} di lembar {f['sheet']}")
    summary.freeze_panes(row - len(findings) + 1 if findings else row + 1, 0)
    summary.activate()


def _data_sheet(workbook, formats, sheet: dict, rows: list[tuple], by_cell: dict) -> None:
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
    for excel_row, raw_values, typed in rows:
        values = orjson.loads(raw_values)
        problems = by_cell.get((name, excel_row), [])
        flagged = {f["column_name"]: f["severity"] for f in sorted(problems, key=lambda f: f["severity"] != "error")}
        for index, column in enumerate(columns):
            if not column:
                continue
            text, value, severity = values.get(column, ""), typed.get(column), flagged.get(column)
            if isinstance(value, dt.date):  # a date the OPD entered, shown as a date
                worksheet.write_datetime(excel_row - 1, index, dt.datetime.combine(value, dt.time()),
                                         formats[f"{severity}_date" if severity else "date"])
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                worksheet.write_number(excel_row - 1, index, value, formats.get(severity))
            elif text or severity:
                worksheet.write_string(excel_row - 1, index, text, formats.get(severity))
            if severity:
                here = [f["message"] for f in problems if f["column_name"] == column]
                worksheet.write_comment(excel_row - 1, index, "\n\n".join(here), {"x_scale": 2, "y_scale": 2.5})
        if problems:
            note = " | ".join(f"{f['cell'] or name}: {f['message']}" for f in problems)
            worksheet.write_string(excel_row - 1, explanation, note, formats["error" if any(f["severity"] == "error" for f in problems) else "warning"])
    if not columns:
        worksheet.write_string(1, 0, "Lembar ini kosong.")
