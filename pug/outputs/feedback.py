"""Feedback workbooks for OPD staff: warehouse/feedback/<year>/<region>/<opd>.xlsx, in Bahasa Indonesia.

One per OPD and report year, for the version the OPD sent last: a summary sheet (status, rows per sheet, and every
problem with its cell and how to fix it), then, when there is any finding, each submitted sheet as it was sent,
every row at its own Excel row number, the problem cells highlighted and a column that explains them. A submission
without findings gets the summary alone: a receipt, with nothing to fix. Every value is written as text, so nothing
that was submitted (a value starting with =, +, - or @) can become a formula.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import duckdb
import orjson

from pug import contract
from pug.findings import SEVERITY_ID
from pug.freshness import code_version
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

# The version each OPD sent last (by submission date, then file time): the one its staff must act on.
_LATEST = """
    SELECT * FROM stg_submission WHERE opd_code IS NOT NULL AND region_code IS NOT NULL AND present
    QUALIFY row_number() OVER (PARTITION BY region_code, opd_code ORDER BY version DESC) = 1"""


def _contents_digests(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str, str]]:
    """Per latest submission: (submission id, region, opd, digest of everything its workbook shows: the submission
    record and its findings; its rows are fixed by the file's sha256, which the record holds)."""
    rows = con.execute(f"""
        WITH latest AS ({_LATEST}),
        found AS (SELECT submission_id, count(*) AS n, bit_xor(hash(f)) AS h FROM stg_finding AS f
                  WHERE submission_id IN (SELECT submission_id FROM latest) GROUP BY ALL)
        SELECT l.submission_id, l.region_code, l.opd_code,
               hash(l)::VARCHAR || '-' || coalesce(found.n, 0)::VARCHAR || '-' || coalesce(found.h, 0)::VARCHAR
        FROM latest AS l LEFT JOIN found USING (submission_id)""").fetchall()
    return [(sid, region, opd, f"{FEEDBACK_VERSION}-{digest}") for sid, region, opd, digest in rows]


class FeedbackWriting:
    """Writing the feedback workbook of every OPD's latest submission whose contents changed since it was written,
    from start to finish.

    warehouse/feedback/<year>/.written.json records, per workbook, the digest of what it shows. Workbooks are
    written in batches, by worker processes when there are many; each worker reads its batch from the year's
    database (read-only) and writes its files. The workers start writing when the writing is made and work until
    finish() collects them: a build makes it once the verdicts are in, and they write while the candidate warehouse
    is built, checked and published (assets/resources.py, FeedbackWriters).
    """

    def __init__(self, year_db: Path, root: Path, year: int, workers: WorkerProcesses | None = None):
        self.root, self.year = root, year
        state_file = root / str(year) / ".written.json"
        try:
            written_from = json.loads(state_file.read_text(encoding="utf-8")).get("workbooks", {})
        except (OSError, ValueError, AttributeError):
            written_from = {}
        with duckdb.connect(str(year_db), read_only=True) as con:
            digests = _contents_digests(con)
        self.expected = {feedback_workbook(Path(), year, region, opd).as_posix(): (sid, region, digest)
                         for sid, region, opd, digest in digests}
        self.on_disk = written_workbooks(root, year)
        outdated = [(sid, region) for relative, (sid, region, digest) in self.expected.items()
                    if written_from.get(relative) != digest or relative not in self.on_disk]
        stale, self.stale_regions = sorted({sid for sid, _ in outdated}), {region for _, region in outdated}
        batches = [stale[i:i + BATCH_SIZE] for i in range(0, len(stale), BATCH_SIZE)]
        self.year_db = year_db
        self.jobs = [(root, year, batch) for batch in batches]
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
        for relative in self.on_disk - self.expected.keys():  # an OPD whose files were all removed keeps no feedback
            (self.root / relative).unlink()
        with written_atomically(self.root / str(self.year) / ".written.json") as partial:
            partial.write_text(json.dumps({"workbooks": {relative: digest for relative, (_, _, digest) in self.expected.items()}},
                                          indent=0, sort_keys=True), encoding="utf-8")
        return {"written": written, "regions_written": sorted(self.stale_regions), "unchanged": len(self.expected) - len(written),
                "regions_unchanged": len({region for _, region, _ in self.expected.values()} - self.stale_regions)}


def write_feedback_workbooks(year_db: Path, root: Path, year: int, workers: WorkerProcesses | None = None) -> dict:
    """Write the year's feedback workbooks that are out of date, now."""
    return FeedbackWriting(year_db, root, year, workers).finish()


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


def _write_batch_in_worker(year_db: Path, job: tuple[Path, int, list[str]]) -> list[Path]:
    return _write_batch(_connection(year_db), job)


def _write_batch(con: duckdb.DuckDBPyConnection, job: tuple[Path, int, list[str]]) -> list[Path]:
    """Read a batch of submissions from the year's database in a few queries, and write their workbooks."""
    root, year, batch = job
    submissions = fetch_dicts(con, f"SELECT * FROM ({_LATEST}) WHERE submission_id IN (SELECT unnest(?))", [batch])
    findings: dict[str, list[dict]] = defaultdict(list)
    for f in fetch_dicts(con, """SELECT * FROM stg_finding WHERE submission_id IN (SELECT unnest(?))
                                 ORDER BY submission_id, sheet NULLS FIRST, source_row NULLS FIRST, cell""", [batch]):
        findings[f["submission_id"]].append(f)
    sheets: dict[str, list[dict]] = defaultdict(list)
    for sheet in fetch_dicts(con, "SELECT * FROM stg_submission_sheet WHERE submission_id IN (SELECT unnest(?))", [batch]):
        sheets[sheet["submission_id"]].append(sheet)
    rows: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    with_findings = sorted(findings)  # only their sheets are written back
    for name in {sheet["sheet"] for sid in with_findings for sheet in sheets[sid]}:
        for sid, source_row, raw_values in con.execute(
                f"""SELECT submission_id, source_row, raw_values FROM stg_{name}
                    WHERE submission_id IN (SELECT unnest(?)) ORDER BY submission_id, source_row""", [with_findings]).fetchall():
            rows[(sid, name)].append((source_row, raw_values))
    written = []
    order = list(contract.SHEETS)
    for submission in submissions:
        sid = submission["submission_id"]
        listed = sorted(sheets[sid], key=lambda s: order.index(s["sheet"]))
        path = feedback_workbook(root, year, submission["region_code"], submission["opd_code"])
        with written_atomically(path) as partial:
            _write_workbook(partial, submission, findings[sid], listed, {s["sheet"]: rows[(sid, s["sheet"])] for s in listed})
        written.append(path)
    return written


def _write_workbook(partial: Path, submission: dict, findings: list[dict], sheets: list[dict], rows: dict[str, list[tuple]]) -> None:
    workbook = xlsx.Workbook(str(partial))
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
    if findings:  # a submission without any finding gets the summary alone: a receipt, nothing to fix
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
        summary.write_string(row + 2, 0, "Lembar data tidak disertakan: tidak ada sel yang perlu diperbaiki.")
    for f in findings:
        row += 1
        cells = (f["sheet"] or "(berkas)", f["cell"] or "", str(f["source_row"] or ""), f["column_name"] or "",
                 SEVERITY_ID[f["severity"]], f["code"], f["message"])
        for column, text in enumerate(cells):
            summary.write_string(row, column, text, formats[f["severity"]] if column == 4 else None)
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
    for excel_row, raw_values in rows:
        values = orjson.loads(raw_values)
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
