"""Reviewers' decisions (issue 22): source data appended beside the submissions, in the warehouse and on the review
page; a new version after a return is pending again."""

from __future__ import annotations

import duckdb
import pytest

from operations import RESUBMITTED, copy_built_sample, resubmit, using_project
from pug.ingest import decisions
from pug.ingest.decisions import Decision, DecisionRefused
from pug.paths import Layout


def _decision(submission: dict, decision: str, note: str = "", reviewer: str = "pemeriksa.dp3a") -> Decision:
    return Decision(submission_id=submission["submission_id"], region_code=submission["region_code"],
                    report_year=submission["report_year"], opd_code=submission["opd_code"], version=submission["version"],
                    decision=decision, note=note, reviewer=reviewer, decided_at=decisions.now())


SUBMISSION = {"submission_id": "0123456789abcdef", "region_code": "33.75", "report_year": 2025, "opd_code": "DINKES",
              "version": 1}


def test_a_return_needs_a_note_and_a_decision_is_approved_or_returned(tmp_path):
    layout = Layout(tmp_path / "raw", tmp_path / "warehouse")
    with pytest.raises(DecisionRefused, match="catatan"):
        decisions.record(layout, _decision(SUBMISSION, "returned", note="   "))
    with pytest.raises(DecisionRefused, match="approved"):
        decisions.record(layout, _decision(SUBMISSION, "rejected"))
    assert decisions.read(layout) == []


def test_a_writer_killed_mid_line_loses_only_its_own_decision(tmp_path):
    layout = Layout(tmp_path / "raw", tmp_path / "warehouse")
    first = decisions.record(layout, _decision(SUBMISSION, "returned", note="Lengkapi lembar anggaran."))
    with open(layout.decisions / "2025.jsonl", "ab") as handle:  # what a process killed while writing leaves
        handle.write(b'{"submission_id": "0123456789abcdef", "decision": "appro')
    second = decisions.record(layout, _decision(SUBMISSION, "approved"))
    assert decisions.read(layout) == [first, second]
    assert decisions.read(layout, 2025) == [first, second] and decisions.read(layout, 2024) == []


def _status(warehouse, opd: str) -> tuple:
    with duckdb.connect(str(warehouse / "pug.duckdb"), read_only=True) as con:
        return con.execute("""SELECT version_shown, review_status, review_note, reviewed_at IS NOT NULL
                              FROM mart_submission_status WHERE region_code = '33.75' AND report_year = 2025
                                AND opd_code = ?""", [opd]).fetchone()


def _current(warehouse, opd: str) -> dict:
    with duckdb.connect(str(warehouse / "pug.duckdb"), read_only=True) as con:
        row = con.execute("""SELECT submission_id, region_code, report_year, opd_code, version FROM fct_submission
                             WHERE region_code = '33.75' AND report_year = 2025 AND opd_code = ? AND is_current""",
                          [opd]).fetchone()
    return dict(zip(("submission_id", "region_code", "report_year", "opd_code", "version"), row))


def _feedback_summary(warehouse, opd: str, version: int) -> dict:
    """The facts at the top of the feedback workbook's summary sheet."""
    import openpyxl

    summary = openpyxl.load_workbook(warehouse / "feedback" / "2025" / "33.75" / f"{opd}_versi{version}.xlsx")["ringkasan"]
    return {row[0]: row[1] for row in summary.iter_rows(min_row=3, max_row=16, max_col=2, values_only=True) if row[0]}


def test_return_resubmit_approve(built_sample, reference, tmp_path):
    from pipelines.build import run_build

    raw, warehouse = copy_built_sample(built_sample, tmp_path)
    layout = Layout(raw, warehouse)
    opd = RESUBMITTED.rsplit("/", 1)[1].removesuffix(".xlsx")
    assert _status(warehouse, opd)[:3] == (1, "pending", None)  # nothing decided yet

    note = "Realisasi anggaran baris 2 <b>tidak</b> sesuai DPA; mohon diperbaiki. <script>alert(1)</script>"
    decisions.record(layout, _decision(_current(warehouse, opd), "returned", note=note))
    with using_project(raw, warehouse):
        report = run_build(log=lambda line: None)
    assert report.ok
    assert _status(warehouse, opd) == (1, "returned", note, True)
    page = (warehouse / "review" / "2025.html").read_text(encoding="utf-8")
    row = page.split(f"<b>{opd}</b>", 1)[1].split("</tr>", 1)[0]
    assert "Dikembalikan" in row and "&lt;script&gt;alert(1)&lt;/script&gt;" in row and "<script>alert" not in page
    summary = _feedback_summary(warehouse, opd, 1)
    assert summary["Keputusan pemeriksa"].startswith("Dikembalikan") and summary["Catatan pemeriksa"] == note
    with duckdb.connect(str(warehouse / "pug.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM fct_review_decision").fetchone()[0] == 1
        # the other region was not built again for a decision in this one
        assert con.execute("SELECT count(*) FROM mart_submission_status WHERE review_status = 'returned'").fetchone()[0] == 1

    resubmit(raw, reference)  # the OPD sends a corrected version: pending again
    with using_project(raw, warehouse):
        assert run_build(log=lambda line: None).ok
    assert _status(warehouse, opd)[:3] == (2, "pending", None)

    decisions.record(layout, _decision(_current(warehouse, opd), "approved"))
    with using_project(raw, warehouse):
        assert run_build(log=lambda line: None).ok
    assert _status(warehouse, opd)[:2] == (2, "approved")
    assert _feedback_summary(warehouse, opd, 2)["Keputusan pemeriksa"].startswith("Disetujui")
    with duckdb.connect(str(warehouse / "pug.duckdb"), read_only=True) as con:
        history = con.execute("""SELECT version, decision, is_latest FROM fct_review_decision
                                 WHERE opd_code = ? ORDER BY decided_at, version""", [opd]).fetchall()
    assert history == [(1, "returned", True), (2, "approved", True)]
