"""The whole loop in a real browser (Debian's Chromium driven by Playwright, nothing downloaded): an OPD user logs
in, downloads the template, uploads a faulty workbook and sees its problem cells, submits a corrected one; the
build publishes it; a reviewer sees the row changes and returns it with a note; the OPD user sees the note and
submits again; the reviewer approves; mart_submission_status shows approved."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import duckdb
import openpyxl
import pytest

from browser import require_chromium
from portal_server import PASSWORDS, running_portal
from pug.ingest.parse import parse_submission

OPD = "KEC_PEKALONGAN_BARAT"


def _version_of(original: Path, out: Path, reference, days_later: int, spent_row: int, pagu: int | None = None) -> Path:
    """The workbook sent again `days_later` days after the original, one line's spending 1,000 lower (and its budget
    ceiling set to `pagu`, to make it faulty)."""
    sent = parse_submission(original, reference).identity["tanggal_kirim"]
    workbook = openpyxl.load_workbook(original)
    for row in workbook["identitas"].iter_rows(min_row=2):
        if row[0].value == "tanggal_kirim":
            row[1].value = dt.datetime.combine(sent + dt.timedelta(days=days_later), dt.time())
    budget = workbook["anggaran"]
    header = [c.value for c in budget[1]]
    spent = budget.cell(row=spent_row, column=header.index("realisasi_anggaran") + 1)
    spent.value = int(spent.value) - 1000
    if pagu is not None:
        budget.cell(row=2, column=header.index("pagu") + 1).value = pagu
    workbook.save(out)
    return out


def _login(page, base: str, user: str) -> None:
    page.goto(f"{base}/masuk/")
    page.fill("#id_username", user)
    page.fill("#id_password", PASSWORDS[user])
    page.click("input[type=submit]")
    page.wait_for_load_state()


def _submit(page, base: str, workbook: Path) -> str:
    page.goto(f"{base}/opd/?tahun=2025")
    page.set_input_files("#file", str(workbook))
    page.click("button[value=submit]")
    page.wait_for_selector("#stored")
    return re.search(r"\(([0-9a-f]{16})\)", page.inner_text("#stored")).group(1)


def _wait_published(page, base: str, submission_id: str, timeout: float = 240) -> None:
    """The portal has the year built: wait until the version links to its published page."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page.goto(f"{base}/opd/?tahun=2025")
        if page.locator(f'a[href="/pengiriman/{submission_id}/"]').count():
            return
        time.sleep(2)
    raise AssertionError(f"{submission_id} was not published within {timeout} s")


def _review_status(warehouse: Path) -> tuple:
    with duckdb.connect(str(warehouse / "pug.duckdb"), read_only=True) as con:
        return con.execute("""SELECT version_shown, review_status, review_note FROM mart_submission_status
                              WHERE region_code = '33.75' AND report_year = 2025 AND opd_code = ?""", [OPD]).fetchone()


def test_submit_return_resubmit_approve_in_a_browser(built_sample, reference, tmp_path):
    from playwright.sync_api import sync_playwright

    chromium = require_chromium()
    original = built_sample["raw"] / "submissions" / "2025" / "33.75" / f"{OPD}.xlsx"
    faulty = _version_of(original, tmp_path / "laporan.xlsx", reference, 1, 2, pagu=-5)
    corrected = _version_of(original, tmp_path / "laporan_perbaikan.xlsx", reference, 1, 2)
    again = _version_of(original, tmp_path / "laporan_perbaikan_2.xlsx", reference, 2, 3)
    with running_portal(built_sample, tmp_path / "deployment", builds="portal") as portal, sync_playwright() as playwright:
        base = portal["base"]
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        opd = browser.new_context(accept_downloads=True, viewport={"width": 1366, "height": 900}).new_page()
        reviewer = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
        _login(opd, base, "opd")
        assert opd.url.endswith("/opd/")

        # the template of the OPD and year
        opd.goto(f"{base}/opd/?tahun=2025")
        with opd.expect_download() as download:
            opd.click("#templat")
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        template = openpyxl.load_workbook(saved)
        assert {"identitas", "anggaran", "petunjuk"} <= set(template.sheetnames)
        assert download.value.suggested_filename == f"{OPD}_2025.xlsx"

        # a faulty workbook: its problem cell, in Bahasa Indonesia; nothing stored
        opd.set_input_files("#file", str(faulty))
        opd.click("button[value=check]")
        opd.wait_for_selector("#result")
        result = opd.inner_text("#result")
        pagu_column = [c.value for c in openpyxl.load_workbook(faulty)["anggaran"][1]].index("pagu")
        assert "BUDGET_NEGATIVE" in result and f"{chr(65 + pagu_column)}2" in result and "negatif" in result
        opd.screenshot(path=str(tmp_path / "opd-check.png"), full_page=True)

        # the corrected one, submitted and published by the build the portal starts
        first = _submit(opd, base, corrected)
        _wait_published(opd, base, first)

        # the reviewer sees the row that changed, and returns the report with a note
        _login(reviewer, base, "reviewer")
        reviewer.goto(f"{base}/pemeriksa/33.75/2025/")
        assert OPD in reviewer.inner_text("#review")
        reviewer.goto(f"{base}/pengiriman/{first}/")
        changes = reviewer.inner_text("#changes")
        assert "realisasi_anggaran" in changes and "diubah" in changes
        note = "Realisasi anggaran baris 3 belum sesuai DPA; mohon diperbaiki."
        reviewer.fill("#note", note)
        reviewer.click("button[value=returned]")
        reviewer.wait_for_load_state()
        assert reviewer.inner_text("#review-status") == "Dikembalikan"
        reviewer.screenshot(path=str(tmp_path / "reviewer-return.png"), full_page=True)

        # the OPD user sees the note, and submits again: pending once more
        opd.goto(f"{base}/opd/?tahun=2025")
        versions = opd.inner_text("#versions")
        assert "Dikembalikan" in versions and note in versions
        second = _submit(opd, base, again)
        _wait_published(opd, base, second)
        assert _review_status(portal["warehouse"])[:2] == (3, "pending")

        # the reviewer approves; the build puts it in the warehouse
        reviewer.goto(f"{base}/pengiriman/{second}/")
        reviewer.click("button[value=approved]")
        reviewer.wait_for_load_state()
        deadline = time.monotonic() + 240
        while _review_status(portal["warehouse"])[1] != "approved" and time.monotonic() < deadline:
            time.sleep(2)
        assert _review_status(portal["warehouse"])[:2] == (3, "approved")
        browser.close()
