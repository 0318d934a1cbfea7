"""What the portal shows, read from the published warehouse (and, for versions not yet published, from the year's
build database and the record of uploads). Every query is limited to what the user may see (portal.access)."""

from __future__ import annotations

import duckdb
from django.conf import settings

from portal import access
from portal.models import Upload
from pug.ingest import decisions
from pug.outputs.feedback import feedback_workbook
from pug.sqlfiles import fetch_dicts

LAYOUT = settings.LAYOUT


def _published() -> duckdb.DuckDBPyConnection | None:
    path = LAYOUT.published
    if not path.is_file():
        return None
    return duckdb.connect(str(path), read_only=True)


def _staged_ids(year: int) -> set[str]:
    """Versions staged and validated in the year's build database (not necessarily published yet)."""
    path = LAYOUT.year_database(year)
    if not path.is_file():
        return set()
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            return {r[0] for r in con.execute("SELECT submission_id FROM stg_submission").fetchall()}
    except duckdb.Error:
        return set()


SUBMISSION_FIELDS = ("submission_id", "region_code", "opd_code", "report_year", "version", "submitted_on", "status",
                     "review_status")


def submissions(user, year: int | None = None) -> list[dict]:
    """The versions the user may see, newest first: published ones from the warehouse, and those uploaded through
    the portal and not published yet (build_state waiting or validated)."""
    where, params = access.visible_where(user, "s")
    rows: list[dict] = []
    con = _published()
    if con is not None:
        with con:
            rows = fetch_dicts(con, f"""
                SELECT s.submission_id, s.region_code, s.opd_code, s.report_year, s.version,
                       strftime(s.submitted_on, '%Y-%m-%d') AS submitted_on, s.status, s.errors, s.warnings,
                       s.is_current, 'published' AS build_state
                FROM fct_submission AS s
                WHERE s.opd_code IS NOT NULL AND ({where})
                  AND (? IS NULL OR s.report_year = ?)
                ORDER BY s.report_year DESC, s.region_code, s.opd_code, s.version DESC""", [*params, year, year])
    published = {r["submission_id"] for r in rows}
    uploads = Upload.objects.order_by("-uploaded_at")
    if year is not None:
        uploads = uploads.filter(report_year=year)
    staged_by_year: dict[int, set[str]] = {}
    for upload in uploads:
        if upload.submission_id in published or not access.may_see(user, upload.region_code, upload.opd_code):
            continue
        staged = staged_by_year.setdefault(upload.report_year, _staged_ids(upload.report_year))
        rows.insert(0, {"submission_id": upload.submission_id, "region_code": upload.region_code,
                        "opd_code": upload.opd_code, "report_year": upload.report_year, "version": None,
                        "submitted_on": upload.uploaded_at.date().isoformat(), "status": upload.status, "errors": None,
                        "warnings": None, "is_current": None,
                        "build_state": "validated" if upload.submission_id in staged else "waiting"})
        published.add(upload.submission_id)
    decided = _decisions()
    for row in rows:
        row.update(_in_force(decided.get(row["submission_id"], [])))
    return rows


def _taken(decision: decisions.Decision) -> dict:
    return {"decision": decision.decision, "note": decision.note, "reviewer": decision.reviewer,
            "decided_at": decision.decided_at[:16].replace("T", " ")}


def _decisions() -> dict[str, list[decisions.Decision]]:
    """Every decision recorded, by submission, in the order recorded: read from raw/decisions/ itself, so that a
    decision shows at once, before the next build loads it into the warehouse."""
    by_submission: dict[str, list[decisions.Decision]] = {}
    for decision in decisions.read(LAYOUT):
        by_submission.setdefault(decision.submission_id, []).append(decision)
    return by_submission


def _in_force(taken: list[decisions.Decision]) -> dict:
    """The decision in force (the latest) and every one taken, as the pages and the API show them."""
    history = [_taken(d) for d in taken]
    latest = history[-1] if history else {}
    return {"review_status": latest.get("decision", "pending"), "review_note": latest.get("note"),
            "reviewer": latest.get("reviewer"), "reviewed_at": latest.get("decided_at"), "decisions": history}


def submission(user, submission_id: str) -> dict | None:
    """One version with its findings, decisions and row changes; None when it does not exist or the user may not
    see it (the two are not told apart)."""
    found = next((s for s in submissions(user) if s["submission_id"] == submission_id), None)
    if found is None:
        return None
    found = dict(found)
    found.update(findings=[], row_changes=[], feedback=None)
    con = _published()
    if con is None or found["build_state"] != "published":
        return found
    with con:
        found["findings"] = fetch_dicts(con, """
            SELECT code, severity, sheet, source_row AS row, column_name AS column, cell, value, message, message_en
            FROM fct_finding WHERE submission_id = ? ORDER BY sheet NULLS FIRST, source_row NULLS FIRST, cell""", [submission_id])
        found["row_changes"] = fetch_dicts(con, """
            SELECT sheet, row_key, change, source_row, previous_source_row, column_name, value_before, value_after
            FROM fct_row_change WHERE submission_id = ? ORDER BY sheet, coalesce(source_row, previous_source_row), column_name""",
            [submission_id])
    path = feedback_workbook(LAYOUT.feedback, found["report_year"], found["region_code"], found["opd_code"], found["version"])
    found["feedback"] = path if path.is_file() else None
    return found


def status_table(region_code: str, year: int) -> list[dict]:
    """The live review table of a region's year: every expected OPD, submitted or not (mart_submission_status)."""
    con = _published()
    if con is None:
        return []
    with con:
        rows = fetch_dicts(con, """
            SELECT opd_code, opd_name, expected, received, on_time, versions, status, errors, warnings, version_shown,
                   strftime(submitted_on, '%Y-%m-%d') AS submitted_on, submission_id, review_status,
                   strftime(reviewed_at, '%Y-%m-%d %H:%M') AS reviewed_at, review_note
            FROM mart_submission_status WHERE region_code = ? AND report_year = ? ORDER BY expected DESC, opd_code""",
            [region_code, year])
    decided = _decisions()
    for row in rows:
        if row["submission_id"]:
            row.update(_in_force(decided.get(row["submission_id"], [])))
    return rows

