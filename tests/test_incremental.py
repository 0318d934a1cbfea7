"""Incremental builds and resubmissions, on a private copy of the built sample."""

import contextlib
import datetime as dt
import os
import re
import shutil
import signal
from pathlib import Path

import dagster as dg
import duckdb
import openpyxl
import pytest

from operations import copy_built_sample, resubmit, using_project, warehouse_differences
from pipelines.build import run_build
from pug.ingest.parse import parse_submission
from pug.paths import Layout
from pug.warehouse import candidate
from pug.validation import validate as validation
from pug.paths import year_database


@contextlib.contextmanager
def failing_after(seconds: int):
    """Raise TimeoutError in this (the main) thread if the block takes longer, even inside a blocking open()."""
    def expire(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def built_copy(built_sample, tmp_path):
    raw, warehouse = copy_built_sample(built_sample, tmp_path)
    with using_project(raw, warehouse):
        yield raw, warehouse


def test_a_second_build_with_no_changed_file_parses_and_validates_nothing_and_says_so(built_copy):
    raw, warehouse = built_copy
    year_files = {p: p.stat().st_mtime_ns for p in (warehouse / "build").glob("year=*.duckdb")}
    cached = sorted((warehouse / "cache").rglob("*.json"))
    said = []
    report = run_build(log=said.append)
    assert report.ok and report.parsed == 0
    assert report.regions_staged == {year: [] for year in report.years}
    assert report.regions_validated == {year: [] for year in report.years}
    assert "0 parsed" in said[1] and "unchanged (parsed before, not read again)" in said[1]
    assert sum("unchanged: nothing staged or validated again" in line for line in said) == len(report.years)
    assert {p: p.stat().st_mtime_ns for p in year_files} == year_files  # the staging databases were not rewritten
    assert sorted((warehouse / "cache").rglob("*.json")) == cached


def test_a_resubmission_becomes_current_counts_as_a_new_version_and_shows_its_changes(built_copy, reference):
    raw, warehouse = built_copy
    resubmit(raw, reference)
    folder = raw / "submissions" / "2025" / "33.75"
    (folder / "catatan rapat.xlsx").write_text("bukan buku kerja")  # garbage among the submissions
    (folder / "~$DPMPPA.xlsx").write_bytes(b"\0" * 165)  # Excel's lock file while someone has DPMPPA.xlsx open
    os.symlink("/etc/passwd", folder / "passwd.xlsx")  # a link that leaves raw/
    (folder / "3375012345678901.xlsx").write_text("NIK sebagai nama berkas")  # a name that is a NIK
    (Path(os.fsdecode(bytes(folder) + b"/rev\xe9.xlsx"))).write_bytes(b"PK")  # a name that is not UTF-8
    os.mkfifo(folder / "antrian.xlsx")  # a FIFO: opening it to read waits for a writer, for ever
    os.symlink("/dev/zero", folder / "nol.xlsx")  # a link to a file that never ends

    with failing_after(120):  # rather than hanging the suite, should the build open the FIFO
        report = run_build([2025], log=lambda line: None)
    assert report.ok  # the blocking checks (no NIK stored anywhere among them) passed
    assert report.parsed == 7  # the new version and six bad files; the lock file is not a submission
    assert report.regions_staged == {2025: ["33.75"]} and report.regions_validated == {2025: ["33.75"]}  # Bekasi untouched

    with duckdb.connect(str(report.published), read_only=True) as con:
        versions = con.execute("""
            SELECT version, is_current, file_path, status FROM fct_submission
            WHERE region_code = '33.75' AND report_year = 2025 AND opd_code = 'KEC_PEKALONGAN_BARAT' ORDER BY version""").fetchall()
        assert [(v, current, path.rsplit("/", 1)[1]) for v, current, path, _ in versions] == [
            (1, False, "KEC_PEKALONGAN_BARAT.xlsx"), (2, True, "KEC_PEKALONGAN_BARAT_revisi.xlsx")]
        changes = con.execute("""
            SELECT sheet, rows_before, rows_after, rows_added, rows_removed, rows_changed, rows_unchanged
            FROM fct_version_change WHERE opd_code = 'KEC_PEKALONGAN_BARAT' AND report_year = 2025 ORDER BY sheet""").fetchall()
        anggaran = next(c for c in changes if c[0] == "anggaran")
        assert anggaran[1] == anggaran[2] == 20 and anggaran[3:6] == (1, 1, 1) and anggaran[6] == 18
        assert all(c[3:6] == (0, 0, 0) for c in changes if c[0] != "anggaran")
        # Row by row: the removed last line, the added one, and the one changed column with both values.
        rows = con.execute("""
            SELECT change, row_key, source_row, previous_source_row, column_name, value_before, value_after
            FROM fct_row_change WHERE opd_code = 'KEC_PEKALONGAN_BARAT' AND report_year = 2025 ORDER BY change""").fetchall()
        assert [r[0] for r in rows] == ["added", "changed", "removed"]
        added, changed, removed = rows
        assert added[1] == "7.01.01.2.01.0099" and added[2] == 21 and added[3] is None and added[4] is None
        assert changed[2] == changed[3] == 2 and changed[4] == "realisasi_anggaran"
        assert float(changed[5]) - float(changed[6]) == 1000
        assert removed[2] is None and removed[3] == 21 and removed[1] != added[1]
        rejected = dict(con.execute("""
            SELECT s.file_path, list(f.code) FROM fct_submission s JOIN fct_finding f USING (submission_id)
            WHERE s.status = 'rejected' AND s.report_year = 2025 GROUP BY 1""").fetchall())
        assert rejected["2025/33.75/catatan rapat.xlsx"] == ["FILE_UNREADABLE"]
        assert rejected["2025/33.75/passwd.xlsx"] == rejected["2025/33.75/nol.xlsx"] == ["FILE_IS_LINK"]
        assert rejected["2025/33.75/antrian.xlsx"] == ["FILE_TYPE_UNSUPPORTED"]  # not a regular file: never opened
        assert rejected["2025/33.75/************8901.xlsx"] == ["FILE_UNREADABLE"]
        assert rejected["2025/33.75/rev\ufffd.xlsx"] == ["FILE_UNREADABLE"]
        assert con.execute("SELECT count(*) FROM fct_submission_file WHERE file_path LIKE '%~$%'").fetchone()[0] == 0
        # The current version's rows are the ones published.
        budget = con.execute("""
            SELECT count(*), count(*) FILTER (WHERE source_row > 0) FROM fct_budget_line b
            JOIN fct_submission s USING (submission_id) WHERE s.opd_code = 'KEC_PEKALONGAN_BARAT' AND s.report_year = 2025""").fetchone()
        assert budget[0] == 20
        assert con.execute("""SELECT count(*) FROM fct_budget_line b JOIN fct_submission s USING (submission_id)
                              WHERE s.opd_code = 'KEC_PEKALONGAN_BARAT' AND NOT s.is_current""").fetchone()[0] == 0

    page = (warehouse / "review" / "2025.html").read_text(encoding="utf-8")
    row = page.split("<b>KEC_PEKALONGAN_BARAT</b>", 1)[1].split("</tr>", 1)[0]
    assert "2 dari 2" in row and "Dibanding versi 1" in row and "anggaran: +1 baru, &minus;1 dihapus, 1 diubah" in row
    assert "passwd.xlsx" in page and "catatan rapat.xlsx" in page
    # After validating one region again, both regions' Data Docs links still lead to pages (old ones kept).
    links = [href for href in re.findall(r'href="([^"]+)"', page) if "validation" in href]
    assert len(links) > 20 and all((warehouse / "review" / href).resolve().exists() for href in links)


def test_a_rule_change_validates_every_region_again(built_copy, reference, monkeypatch):
    raw, warehouse = built_copy
    database = year_database(warehouse / "build", 2024)
    assert validation.regions_to_validate(database) == ([], 2)
    monkeypatch.setattr(validation, "RULES_VERSION", "another-catalogue")
    assert validation.regions_to_validate(database) == (["32.75", "33.75"], 2)
    before = duckdb.connect(str(database), read_only=True).execute("SELECT count(*) FROM stg_finding").fetchone()[0]
    summary = validation.validate_year(database, reference, 2024, warehouse / "validation" / "2024")  # in this process
    assert summary["regions_validated"] == ["32.75", "33.75"]
    with duckdb.connect(str(database), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM stg_finding").fetchone()[0] == before  # same rules, same verdicts
    assert validation.regions_to_validate(database) == ([], 2)


def test_removing_a_file_takes_its_version_out_and_restages_only_its_region(built_copy):
    raw, warehouse = built_copy
    removed = raw / "submissions" / "2025" / "32.75"
    victim = sorted(removed.glob("*.xlsx"))[0]
    shutil.move(victim, warehouse.parent / victim.name)
    report = run_build([2025], log=lambda line: None)
    assert report.ok and report.parsed == 0 and report.regions_staged == {2025: ["32.75"]}
    with duckdb.connect(str(report.published), read_only=True) as con:
        present, current = con.execute(
            "SELECT present, is_current FROM fct_submission WHERE file_path = ?", [f"2025/32.75/{victim.name}"]).fetchone()
    assert (present, current) == (False, False)  # kept in the ledger and the warehouse, never deleted; no longer current


def test_a_resubmission_rebuilds_only_its_region_of_the_warehouse_and_the_result_equals_a_full_build(built_copy, reference):
    raw, warehouse = built_copy
    resubmit(raw, reference)
    report = run_build([2025], log=lambda line: None)
    assert report.ok
    with dg.DagsterInstance.get() as instance:
        record = instance.get_latest_materialization_event(dg.AssetKey("warehouse_candidate"))
        assert record.asset_materialization.metadata["regions_rebuilt"].value == "33.75"  # Bekasi's rows copied as they were
    published = report.published
    full = candidate.build_candidate(Layout(raw, warehouse), incremental=False)
    assert full["regions_rebuilt"] == "all"
    assert warehouse_differences(published, Path(full["path"])) == {}
    with duckdb.connect(str(published), read_only=True) as con:  # the resubmitted version is the one published
        assert con.execute("""SELECT count(*) FROM fct_budget_line JOIN fct_submission USING (submission_id)
                              WHERE file_path LIKE '%KEC_PEKALONGAN_BARAT_revisi.xlsx'""").fetchone()[0] == 20

    # The published file changed behind the build's back (opened for writing by someone): the next build is a full one.
    with duckdb.connect(str(published)) as con:
        con.execute("CREATE TABLE scratch AS SELECT 1 AS x")
    (raw / "submissions" / "2025" / "33.75" / "KEC_PEKALONGAN_BARAT_revisi.xlsx").unlink()
    report = run_build([2025], log=lambda line: None)
    assert report.ok
    with dg.DagsterInstance.get() as instance:
        record = instance.get_latest_materialization_event(dg.AssetKey("warehouse_candidate"))
        assert record.asset_materialization.metadata["regions_rebuilt"].value == "all"
    with duckdb.connect(str(report.published), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'scratch'").fetchone()[0] == 0


def test_a_resubmission_that_cuts_the_register_is_flagged_on_its_sheet_and_shown_first(built_copy, reference):
    """DPPPA sends its 2025 report again with 5 of its thousands of organisations: a warning on the sheet, on that
    version, against the version before and against last year's register, and first in the region's part of the
    review page."""
    raw, warehouse = built_copy
    original = raw / "submissions" / "2025" / "32.75" / "DPPPA.xlsx"
    sent = parse_submission(original, reference).identity["tanggal_kirim"]
    workbook = openpyxl.load_workbook(original)
    for row in workbook["identitas"].iter_rows(min_row=2):
        if row[0].value == "tanggal_kirim":
            row[1].value = dt.datetime.combine(sent + dt.timedelta(days=1), dt.time())
    register = workbook["organisasi"]
    before = register.max_row - 1
    unexplained = ("ORG_NOT_REGISTERED", "PARENT_ORG_UNKNOWN", "SCOPE_UNKNOWN")

    def bare_findings():  # what other OPDs' rows of Bekasi 2025 get without a cause named
        with duckdb.connect(str(warehouse / "pug.duckdb"), read_only=True) as con:
            return con.execute("""SELECT f.code, count(*) FROM fct_finding AS f JOIN fct_submission AS s USING (submission_id)
                                  WHERE s.region_code = '32.75' AND s.report_year = 2025 AND s.opd_code <> 'DPPPA'
                                    AND f.code IN (SELECT unnest(?)) GROUP BY ALL""", [list(unexplained)]).fetchall()

    bare_before = bare_findings()
    header = [cell.value for cell in register[1]]
    dropped = register.cell(10, header.index("kode_organisasi") + 1).value
    register.delete_rows(7, register.max_row)  # the header and 5 organisations stay
    register.cell(3, header.index("kode_induk") + 1).value = dropped  # a parent the cut leaves out
    workbook.save(original.with_name("DPPPA_revisi.xlsx"))
    planning = raw / "submissions" / "2025" / "32.75" / "BAPPELITBANGDA.xlsx"  # a value reported for that organisation
    report_of_planning = openpyxl.load_workbook(planning)
    report_of_planning["capaian"]["B2"] = dropped
    report_of_planning.save(planning)
    report = run_build([2025], log=lambda line: None)
    assert report.ok
    with duckdb.connect(str(report.published), read_only=True) as con:
        flagged = con.execute("""
            SELECT s.version, f.severity, f.message FROM fct_finding AS f JOIN fct_submission AS s USING (submission_id)
            WHERE f.code = 'SHEET_ROWS_DROPPED' AND f.sheet = 'organisasi' AND s.opd_code = 'DPPPA' AND s.report_year = 2025""").fetchall()
    assert len(flagged) == 1 and flagged[0][:2] == (2, "warning"), flagged
    assert f"memuat 5, sedangkan versi sebelumnya {before}" in flagged[0][2]
    with duckdb.connect(str(report.published), read_only=True) as con:
        shrank = con.execute("""
            SELECT s.version, f.severity, f.message FROM fct_finding AS f JOIN fct_submission AS s USING (submission_id)
            WHERE f.code = 'REGISTER_SHRANK' AND s.region_code = '32.75' AND s.report_year = 2025""").fetchall()
        last_year = con.execute("""SELECT count(*) FROM dim_organisation
                                   WHERE region_code = '32.75' AND report_year = 2024 AND opd_code = 'DPPPA'""").fetchone()[0]
    # and against last year's register of the same OPD, once (on the current version)
    assert len(shrank) == 1 and shrank[0][:2] == (2, "warning"), shrank
    assert f"memuat 5 organisasi, sedangkan tahun lalu {last_year}" in shrank[0][2]
    with duckdb.connect(str(report.published), read_only=True) as con:
        orphaned = con.execute("""
            SELECT s.opd_code, f.severity, f.message, f.sheet FROM fct_finding AS f JOIN fct_submission AS s USING (submission_id)
            WHERE s.region_code = '32.75' AND s.report_year = 2025 AND s.is_current
              AND f.code = 'ORG_DROPPED_FROM_REGISTER'""").fetchall()
    # The kecamatan whose advocacy named the dropped organisations: each row says which version dropped them.
    assert len(orphaned) > 20 and {opd for opd, *_ in orphaned} - {"DPPPA"}, orphaned[:3]
    assert all("laporan DPPPA versi 2 menghapusnya" in message for _, _, message, _ in orphaned), orphaned[:3]
    # a scope and a parent the cut left out are named so too, and no finding is left bare
    assert {(opd, sheet) for opd, _, _, sheet in orphaned} >= {("BAPPELITBANGDA", "capaian"), ("DPPPA", "organisasi")}
    assert sorted(bare_findings()) == sorted(bare_before), (bare_findings(), bare_before)
    assert {severity for _, severity, _, sheet in orphaned if sheet == "advokasi_peserta"} == {"error"}
    page = (warehouse / "review" / "2025.html").read_text(encoding="utf-8")
    bekasi = page[page.index("(32.75)"):]
    assert 'class="attention"' in bekasi and bekasi.index('class="attention"') < bekasi.index("<table>")
    assert "DPPPA</b> versi 2, lembar organisasi" in bekasi


def test_a_resubmission_adds_its_data_docs_to_a_site_whose_scripts_are_linked_to_node_modules(built_copy, reference):
    """Built in place, a site's vendored scripts are hard links to web/node_modules, as are those of the pages a
    resubmission's run writes; adding those pages to the site must not try to copy a file onto itself (every
    resubmission failed so: copying the built sample, as the other tests do, makes the links plain files)."""
    from pug.outputs.offline import install_vendor

    raw, warehouse = built_copy
    site = warehouse / "validation" / "2025"
    shutil.rmtree(site / "static" / "vendor")
    vendor = install_vendor(site)
    assert any(path.stat().st_nlink > 1 for path in vendor.rglob("*.js"))
    before = {path.name for path in (site / "validations").rglob("*.html")}
    resubmit(raw, reference)
    report = run_build(log=lambda line: None)
    assert report.ok and report.regions_validated[2025] == ["33.75"]
    pages = list((site / "validations").rglob("*.html"))
    assert len(pages) > len(before) and (vendor / "bootstrap").is_dir()


def test_a_value_ten_times_last_years_is_flagged_first_and_judged_again_when_last_year_changes(built_copy, reference):
    """The sample's Bekasi DPPPA reported ORG_ADVOKASI_PCT of kecamatan 32.75.01 as 4.66 in 2022 and 46.76 in 2023:
    a warning on the 2023 cell naming last year's value, shown first on the review page. Correcting 2022 (a second
    version with 40.1) makes 2023's region judged again although none of its files changed, and the warning goes."""
    raw, warehouse = built_copy

    def flagged(year):
        with duckdb.connect(str(year_database(warehouse / "build", year)), read_only=True) as con:
            return con.execute("""SELECT s.opd_code, f.cell, f.severity, f.message FROM stg_finding AS f
                                  JOIN stg_submission AS s USING (submission_id)
                                  WHERE f.code = 'VALUE_FAR_FROM_LAST_YEAR' AND s.is_current""").fetchall()

    assert [(opd, cell, severity) for opd, cell, severity, _ in flagged(2023)] == [("DPPPA", "D3", "warning")]
    assert "46.76" in flagged(2023)[0][3] and "(4.66)" in flagged(2023)[0][3]
    page = (warehouse / "review" / "2023.html").read_text(encoding="utf-8")
    bekasi = page[page.index("(32.75)"):]
    assert 'class="attention"' in bekasi and bekasi.index('class="attention"') < bekasi.index("<table>")
    assert "sepuluh kali lipat" in bekasi[:bekasi.index("<table>")]
    # `pug check` of the file alone compares it with the published warehouse's values of 2022
    from pug.validation.lone_file import check_file
    alone = check_file(raw / "submissions" / "2023" / "32.75" / "DPPPA.xlsx", reference, warehouse / "pug.duckdb")
    assert [(f["cell"], f["severity"]) for f in alone["errors"] if f["code"] == "VALUE_FAR_FROM_LAST_YEAR"] == [("D3", "warning")]

    original = raw / "submissions" / "2022" / "32.75" / "DPPPA.xlsx"
    workbook = openpyxl.load_workbook(original)
    identitas, capaian = workbook["identitas"], workbook["capaian"]
    sent = parse_submission(original, reference).identity["tanggal_kirim"]
    for row in identitas.iter_rows(min_row=2):
        if row[0].value == "tanggal_kirim":
            row[1].value = dt.datetime.combine(sent + dt.timedelta(days=1), dt.time())
    header = [cell.value for cell in capaian[1]]
    assert capaian.cell(3, header.index("lingkup") + 1).value == "32.75.01"
    capaian.cell(3, header.index("realisasi") + 1).value = 40.1
    workbook.save(original.with_name("DPPPA_revisi.xlsx"))
    report = run_build(log=lambda line: None)
    assert report.ok and report.regions_staged[2023] == [] and "32.75" in report.regions_validated[2023]
    assert flagged(2023) == []
