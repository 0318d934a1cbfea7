"""The review page of a report year: warehouse/review/<year>.html, for the women's agency and Bappeda.

Per region, every OPD that must report: received or not, on time, which version (and, for a resubmission, the
rows it added, removed and changed per sheet against the version before), status, error and warning counts,
quarantined rows, and links to its feedback workbook and to the Data Docs pages of its sheets. Every text
is escaped by Jinja2's autoescaping; the page needs no script and no network.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import duckdb
import jinja2
from markupsafe import Markup

from pug.outputs.feedback import written_workbooks
from pug.ingest.parse import STATUS_ID
from pug.freshness import code_version, digest
from pug.paths import feedback_workbook, written_atomically
from pug.reference import Reference
from pug.outputs.sections import SectionCache
from pug.sqlfiles import fetch_dicts

_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
)


# Findings about what a version changed (a sheet that lost most of its rows, a register that lost most of last
# year's organisations, an implausible sending date, a value an order of magnitude off last year's): a reviewer
# sees them first, before the table of OPDs.
FIRST_SHOWN = {"SHEET_ROWS_DROPPED", "REGISTER_SHRANK", "SENT_DATE_IMPLAUSIBLE", "VALUE_FAR_FROM_LAST_YEAR"}


def _link(target: Path, page: Path) -> str:
    return Path(os.path.relpath(target, page.parent)).as_posix()


def disagreements(published: Path, year: int) -> list[dict]:
    """Indicators whose reported value differs from the computed one beyond the tolerance (mart_indicator_progress)."""
    with duckdb.connect(str(published), read_only=True) as con:
        return fetch_dicts(con, """
            SELECT region_code, owner_opd_code AS opd_code, indicator_code, scope, reported_value, computed_value
            FROM mart_indicator_progress
            WHERE year = ? AND values_disagree
            ORDER BY ALL""", [year])


def decisions_in_force(published: Path, year: int) -> dict[str, dict]:
    """The reviewer's decision in force on each submitted version of the year (fct_review_decision), by submission."""
    with duckdb.connect(str(published), read_only=True) as con:
        return {r["submission_id"]: r for r in fetch_dicts(con, """
            SELECT submission_id, decision, note, reviewer, strftime(decided_at, '%Y-%m-%d %H:%M') AS decided_at
            FROM fct_review_decision WHERE report_year = ? AND is_latest""", [year])}


def render_review(year_db: Path, reference: Reference, year: int, out: Path, feedback_root: Path, docs_dir: Path,
                  value_warnings: list[dict] = (), sections_dir: Path | None = None,
                  decided: dict[str, dict] | None = None) -> Path:
    """value_warnings: reported values that disagree with the computed ones (see disagreements()), shown as
    warnings on the owner OPD's row; decided: the reviewers' decisions in force (see decisions_in_force()). With `sections_dir`, each region's part is kept there and rendered again only
    when what it shows changed."""
    with duckdb.connect(str(year_db), read_only=True) as con:
        submissions = fetch_dicts(con, """
            SELECT s.*, coalesce(q.quarantined, 0) AS quarantined,
                   count(*) OVER (PARTITION BY s.region_code, s.opd_code) AS versions,
                   row_number() OVER (PARTITION BY s.region_code, s.opd_code ORDER BY s.is_current DESC, s.version DESC) AS pick
            FROM stg_submission s
            LEFT JOIN (SELECT submission_id, sum(rows_quarantined) AS quarantined FROM stg_submission_sheet GROUP BY 1) q USING (submission_id)""")
        sheets_of = {}
        for row in fetch_dicts(con, "SELECT submission_id, list(sheet ORDER BY sheet) AS sheets FROM stg_submission_sheet WHERE rows_read > 0 GROUP BY 1"):
            sheets_of[row["submission_id"]] = row["sheets"]
        # Each region's latest validation run has its own Data Docs pages.
        docs_pages = {(r["region_code"], r["sheet"]): r["docs_page"] for r in fetch_dicts(
            con, "SELECT region_code, sheet, docs_page FROM stg_suite_result WHERE docs_page IS NOT NULL")}
        changes: dict[str, list[dict]] = {}
        for row in fetch_dicts(con, """
                SELECT * FROM stg_version_change
                WHERE rows_added + rows_removed + rows_changed > 0 ORDER BY submission_id, sheet"""):
            changes.setdefault(row["submission_id"], []).append(row)
        # What a version changed that others depend on: shown first, above the region's table.
        attention = fetch_dicts(con, """
            SELECT s.region_code, s.opd_code, s.version, f.code, f.sheet, f.message FROM stg_finding AS f
            JOIN stg_submission AS s USING (submission_id)
            WHERE f.code IN (SELECT unnest(?)) AND s.present ORDER BY ALL""", [sorted(FIRST_SHOWN)])
        reasons = {r["submission_id"]: r["message"] for r in fetch_dicts(con, """
            SELECT submission_id, first(message ORDER BY source_row NULLS FIRST) AS message FROM stg_finding
            WHERE severity = 'error' GROUP BY 1""")}

    opds = reference.tables["opd"]
    regions_table = reference.tables["wilayah"].set_index("code")
    expected_codes = set(zip(opds["kode_wilayah"], opds["kode_opd"]))
    chosen = {(s["region_code"], s["opd_code"]): s for s in submissions if s["pick"] == 1 and s["opd_code"]}
    # Everything per region gathered in one pass: a scan of every submission per region is quadratic at national scale.
    opds_of: dict[str, list] = {}
    for opd in opds.itertuples():
        opds_of.setdefault(opd.kode_wilayah, []).append(opd)
    attention_of: dict[str, list] = {}
    for row in attention:
        attention_of.setdefault(row["region_code"], []).append(row)
    unidentified_of: dict[str, list] = {}
    for s in submissions:
        if (s["region_code"], s["opd_code"]) not in expected_codes:
            unidentified_of.setdefault(s["region_code"], []).append({"path": s["file_path"], "reason": reasons.get(s["submission_id"], "")})
    warnings_of: dict[tuple, list] = {}
    for warning in value_warnings:
        warnings_of.setdefault((warning["region_code"], warning["opd_code"]), []).append(warning)
    # Links relative to the page, computed once: os.path.relpath per link is slow at national scale.
    feedback_href, docs_href = _link(feedback_root, out), _link(docs_dir, out)
    written = written_workbooks(feedback_root, year)
    regions = []
    for region_code in sorted(reference.cities):
        entries = []
        for opd in opds_of.get(region_code, []):
            submission = chosen.get((region_code, opd.kode_opd))
            entry = {"code": opd.kode_opd, "name": opd.nama_opd, "received": submission is not None,
                     "value_warnings": warnings_of.get((region_code, opd.kode_opd), [])}
            if submission:
                feedback = feedback_workbook(Path(), year, region_code, opd.kode_opd, submission["version"]).as_posix()
                entry.update(
                    submitted_on=submission["submitted_on"], on_time=submission["on_time"], version=submission["version"],
                    versions=submission["versions"], changes=changes.get(submission["submission_id"], []),
                    status=submission["status"], errors=submission["errors"],
                    warnings=submission["warnings"] + len(entry["value_warnings"]), quarantined=submission["quarantined"],
                    feedback=f"{feedback_href}/{feedback}" if feedback in written else None,
                    decision=(decided or {}).get(submission["submission_id"]),
                    docs=[{"sheet": sheet, "href": f"{docs_href}/{Path(docs_pages[(region_code, sheet)]).as_posix()}"}
                          for sheet in sheets_of.get(submission["submission_id"], []) if (region_code, sheet) in docs_pages],
                )
            entries.append(entry)
        received = [e for e in entries if e["received"]]
        regions.append({
            "code": region_code,
            "name": regions_table.loc[region_code, "name"] if region_code in regions_table.index else region_code,
            "deadline": reference.deadline(region_code, year),
            "expected": len(entries), "received": len(received),
            "on_time": sum(bool(e["on_time"]) for e in received), "missing": len(entries) - len(received),
            "rejected": sum(e["status"] == "rejected" for e in received),
            "with_errors": sum(e["status"] == "accepted_with_errors" for e in received),
            "opds": entries, "unidentified": unidentified_of.get(region_code, []),
            "attention": attention_of.get(region_code, []),
        })
    stray = [{"path": s["file_path"], "reason": reasons.get(s["submission_id"], "")} for s in submissions
             if s["region_code"] not in reference.cities]
    if stray:
        regions.append({"code": "-", "name": "Wilayah tidak dikenali", "deadline": "-", "expected": 0, "received": 0, "on_time": 0,
                        "missing": 0, "rejected": len(stray), "with_errors": 0, "opds": [], "unidentified": stray, "attention": []})
    _render_regions(regions, sections_dir / str(year) if sections_dir else None)
    index = docs_dir / "index.html"
    html = _ENVIRONMENT.get_template("review.html.j2").render(
        year=year, regions=regions, submissions=len(submissions),
        generated=dt.datetime.now().strftime("%Y-%m-%d %H:%M"), docs_index=_link(index, out) if index.exists() else None,
    )
    with written_atomically(out) as partial:
        partial.write_text(html, encoding="utf-8")
    return out


DECISION_TEXT = {"approved": "Disetujui", "returned": "Dikembalikan", "pending": "Menunggu pemeriksaan"}

# The code a region's part of the page is rendered by.
SECTION_VERSION = code_version("outputs/review.py", "outputs/templates/review_region.html.j2")


def _render_regions(regions: list[dict], kept_in: Path | None) -> None:
    """Each region's part of the page, as region["html"]: kept from an earlier page when the region's data (and
    the template) are the same, rendered otherwise."""
    template = _ENVIRONMENT.get_template("review_region.html.j2")
    kept = SectionCache(kept_in) if kept_in else None
    for region in regions:  # keyed by region code: a kab/kota of the reference data, or "-" for stray files
        rendered_from = digest(SECTION_VERSION, STATUS_ID, DECISION_TEXT, region) if kept else ""
        cached = kept.get(region["code"], rendered_from) if kept else None
        html = cached["html"] if cached else Markup(template.render(region=region, status_text=STATUS_ID,
                                                                             decision_text=DECISION_TEXT))
        if kept and not cached:
            kept.put(region["code"], rendered_from, html)
        region["html"] = html
    if kept:
        kept.prune({region["code"] for region in regions})
