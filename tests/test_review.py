"""What reviewers and OPD staff read: Data Docs, feedback workbooks and the review page of the sample."""

import datetime as dt
import re
from pathlib import Path

import dagster as dg
import duckdb
import openpyxl
import pytest
from browser import render, scroll_width
from workbooks import identitas_rows, write_workbook

from pug import contract
from pug.outputs.feedback import write_feedback_workbooks
from pug.ingest.parse import parse_submission
from pug.outputs.review import render_review
from pug.ingest.staging import load_staging
from pug.validation.validate import apply_row_verdicts, validate_staged


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def test_data_docs_exist_per_year_for_every_suite_and_stay_bounded(built_sample):
    """A page for the suite of every sheet that has rows that year (a sheet no one filled is not validated), so that a
    new sheet needs no sample data for this to hold."""
    with duckdb.connect(str(built_sample["report"].published), read_only=True) as con:
        filled = dict(con.execute("SELECT report_year, list(DISTINCT sheet) FROM fct_submission_sheet WHERE rows_read > 0 "
                                  "GROUP BY report_year").fetchall())
    for year in (2022, 2023, 2024, 2025):
        site = built_sample["warehouse"] / "validation" / str(year)
        pages = sorted(p.relative_to(site).parts[1] for p in (site / "validations").rglob("*.html"))
        assert filled[year] and set(filled[year]) <= set(contract.SHEETS)
        assert pages == sorted(f"pug_{s}" for s in filled[year]), year
        assert (site / "index.html").exists()
        assert sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) < 10 * 1024 * 1024


def _feedback(built_sample, year, region, opd) -> Path:
    """The feedback workbook of the latest version of an OPD's report."""
    with duckdb.connect(str(built_sample["report"].published), read_only=True) as con:
        version = con.execute("SELECT max(version) FROM fct_submission WHERE report_year = ? AND region_code = ? AND opd_code = ?",
                              [int(year), region, opd]).fetchone()[0]
    return built_sample["warehouse"] / "feedback" / str(year) / region / f"{opd}_versi{version}.xlsx"


def test_the_feedback_workbook_points_at_the_faulty_cell_in_bahasa_indonesia(built_sample):
    mistake = next(m for m in built_sample["truth"]["mistakes"] if m["kind"] == "unregistered_organisation")
    path = _feedback(built_sample, mistake["year"], mistake["region"], mistake["opd"])
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames[0] == "ringkasan"
    summary = workbook["ringkasan"]
    listed = [row for row in summary.iter_rows() if row[0].value == mistake["sheet"] and row[1].value == mistake["cell"]]
    assert listed and listed[0][5].value == "ORG_NOT_REGISTERED" and "tidak ada dalam register" in listed[0][6].value
    assert listed[0][1].hyperlink.location == f"'{mistake['sheet']}'!{mistake['cell']}"  # the summary links to the cell
    sheet = workbook[mistake["sheet"]]
    cell = sheet[mistake["cell"]]
    assert cell.value == mistake["value"]
    assert cell.fill.fgColor.rgb.endswith("F8CBAD")  # highlighted as an error
    assert "tidak ada dalam register" in cell.comment.text  # and explained where it is
    header = [c.value for c in sheet[1]]
    explanation = sheet.cell(row=mistake["excel_row"], column=header.index("catatan_pemeriksaan") + 1).value
    assert explanation.startswith(f"{mistake['cell']}: Organisasi") and "register" in explanation
    clean = sheet.cell(row=mistake["excel_row"] - 1, column=header.index("catatan_pemeriksaan") + 1).value
    assert clean is None


@pytest.mark.parametrize("sheet, column, typed", [("kader", "tanggal_pelatihan", dt.datetime), ("anggaran", "pagu", (int, float))])
def test_a_feedback_workbook_keeps_numbers_and_dates_typed_and_comments_every_problem_cell(built_sample, sheet, column, typed):
    with duckdb.connect(str(built_sample["report"].published), read_only=True) as con:
        year, region, opd, cells = con.execute("""
            SELECT s.report_year, s.region_code, s.opd_code, list(DISTINCT f.sheet || '!' || f.cell)
            FROM fct_finding AS f JOIN fct_submission AS s USING (submission_id)
            WHERE f.cell IS NOT NULL AND f.sheet = ? GROUP BY ALL ORDER BY ALL LIMIT 1""", [sheet]).fetchone()
    workbook = openpyxl.load_workbook(_feedback(built_sample, year, region, opd))
    commented = [place for place in cells if workbook[place.split("!")[0]][place.split("!")[1]].comment is not None]
    assert commented == cells
    data = workbook[sheet]
    header = [c.value for c in data[1]]
    values = [row[header.index(column)] for row in data.iter_rows(min_row=2) if row[header.index(column)].value is not None]
    assert values and sum(isinstance(c.value, typed) for c in values) >= len(values) - 1  # all but a problem cell
    if typed is dt.datetime:
        assert all(c.number_format == "[$-421]d mmmm yyyy" for c in values if isinstance(c.value, dt.datetime))
    facts = {row[0]: row[1] for row in workbook["ringkasan"].iter_rows(values_only=True) if row[0]}
    assert re.fullmatch(r"\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}",
                        facts["Batas waktu"])


def test_every_version_of_every_opd_gets_its_own_feedback(built_sample):
    with duckdb.connect(str(built_sample["report"].published), read_only=True) as con:
        versions = con.execute("""SELECT report_year, region_code, opd_code, version FROM fct_submission
                                  WHERE opd_code IS NOT NULL AND region_code IS NOT NULL""").fetchall()
    files = {p.relative_to(built_sample["warehouse"] / "feedback").as_posix()
             for p in (built_sample["warehouse"] / "feedback").rglob("*.xlsx")}
    assert any(version > 1 for *_, version in versions)
    assert files == {f"{year}/{region}/{opd}_versi{version}.xlsx" for year, region, opd, version in versions}


def test_a_submission_without_findings_gets_a_receipt_and_one_with_findings_its_sheets(built_sample):
    with duckdb.connect(str(built_sample["report"].published), read_only=True) as con:
        latest = con.execute("""SELECT report_year, region_code, opd_code, errors + warnings + notices AS findings
                                FROM fct_submission WHERE opd_code IS NOT NULL
                                QUALIFY row_number() OVER (PARTITION BY region_code, report_year, opd_code ORDER BY version DESC) = 1
                                ORDER BY ALL""").fetchall()
        in_a_cell = {tuple(row) for row in con.execute("""
            SELECT DISTINCT s.report_year, s.region_code, s.opd_code FROM fct_finding AS f JOIN fct_submission AS s
            USING (submission_id) WHERE f.cell IS NOT NULL""").fetchall()}
    clean = next(row for row in latest if row[3] == 0)
    faulty = next(row for row in latest if tuple(row[:3]) in in_a_cell)
    receipt = openpyxl.load_workbook(_feedback(built_sample, *clean[:3]))
    assert receipt.sheetnames == ["ringkasan"]
    assert any(row[0] == "Tidak ada masalah. Terima kasih." for row in receipt["ringkasan"].iter_rows(values_only=True))
    with_sheets = openpyxl.load_workbook(_feedback(built_sample, *faulty[:3]))
    assert with_sheets.sheetnames[0] == "ringkasan" and len(with_sheets.sheetnames) > 1  # the submitted sheets follow


def test_the_review_page_lists_every_expected_opd_and_links_to_existing_files(built_sample):
    page = built_sample["warehouse"] / "review" / "2025.html"
    html = page.read_text(encoding="utf-8")
    truth = built_sample["truth"]["regions"]
    for region, facts in truth.items():
        status = facts["years"]["2025"]["submission_status"]
        assert f"({region})" in html
        for opd in status["missing"]:
            assert re.search(rf"<b>{opd}</b>.*?Belum ada laporan", html, re.S), opd
    assert "catatan.xlsx" in html and "Berkas yang tidak dapat dikenali" in html
    links = hrefs(html)
    assert any(link.endswith(".xlsx") for link in links) and any("validations/pug_" in link for link in links)
    for link in links:
        assert (page.parent / link).resolve().exists(), link


def test_the_review_page_renders_in_a_browser_without_console_errors(built_sample, tmp_path):
    page = built_sample["warehouse"] / "review" / "2025.html"
    console, dom = render(page, tmp_path / "review.png")
    assert console == []
    assert "Tinjauan laporan PUG tahun 2025" in dom and "DPPPA" in dom and "DPMPPA" in dom
    assert (tmp_path / "review.png").stat().st_size > 10_000


def test_the_review_page_fits_a_1366_pixel_screen(built_sample):
    """A reviewer's laptop: no sideways scrolling at 1,366 px (it overflowed at 1,400 before)."""
    assert scroll_width(built_sample["warehouse"] / "review" / "2025.html", 1366) <= 1366


@pytest.fixture
def hostile_year(tmp_path, reference):
    """A small year staged and validated from files whose names and values are crafted as HTML and formulas."""
    folder = tmp_path / "raw" / "submissions" / "2024" / "33.75"
    good = write_workbook(folder / "DPMPPA.xlsx", {
        "identitas": identitas_rows(officer="<script>alert('nama')</script>"),
        "capaian": [["kode_indikator", "lingkup", "tahun", "realisasi", "keterangan"],
                    ["KRPPA_PCT", None, 2024, 140, "=HYPERLINK(\"http://contoh.invalid\",\"klik\")"],
                    ["IPG", None, 2024, 93, "+62 812 <b>tebal</b>"]],
    })
    hostile_name = folder / "<img src=x onerror=alert(1)>.xlsx"
    hostile_name.write_bytes(b"bukan excel")
    items = []
    for index, path in enumerate((good, hostile_name)):
        parsed = parse_submission(path, reference)
        items.append(({"sha256": f"{index:064d}", "path": path.name, "present": True, "region_code": "33.75",
                       "modified_at": None, "first_seen_at": None, "size_bytes": path.stat().st_size}, parsed))
    database = tmp_path / "year=2024.duckdb"
    with duckdb.connect(str(database)) as con:
        load_staging(con, 2024, items, reference)
        validate_staged(con, reference, 2024)
        apply_row_verdicts(con)
    return tmp_path, database


def test_feedback_writes_formula_like_values_as_text(hostile_year):
    root, database = hostile_year
    (path,) = write_feedback_workbooks(database, root / "feedback", 2024)["written"]
    sheet = openpyxl.load_workbook(path)["capaian"]
    header = [c.value for c in sheet[1]]
    note = sheet.cell(row=2, column=header.index("keterangan") + 1)
    assert note.data_type == "s" and note.value.startswith("=HYPERLINK")
    assert sheet.cell(row=3, column=header.index("keterangan") + 1).value == "+62 812 <b>tebal</b>"
    assert sheet.cell(row=2, column=header.index("realisasi") + 1).fill.fgColor.rgb.endswith("F8CBAD")


def test_the_review_page_escapes_everything_submitted(hostile_year, reference, tmp_path):
    root, database = hostile_year
    write_feedback_workbooks(database, root / "feedback", 2024)
    page = render_review(database, reference, 2024, root / "review" / "2024.html", root / "feedback", root / "validation" / "2024")
    html = page.read_text(encoding="utf-8")
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;.xlsx" in html
    console, dom = render(page, tmp_path / "hostile.png")
    assert console == []
    assert "<img" not in dom.split("<body>", 1)[1].replace("&lt;img", "")


def test_a_reported_value_that_disagrees_with_the_computed_one_is_a_warning_for_its_owner(built_sample, reference, tmp_path):
    import shutil

    from pug.outputs.review import disagreements

    published = tmp_path / "pug.duckdb"
    shutil.copy(built_sample["report"].published, published)
    assert disagreements(published, 2025) == []  # the sample's owners report what the detail sheets say
    with duckdb.connect(str(published)) as con:
        con.execute("""UPDATE mart_indicator_progress SET reported_value = 99, values_disagree = true
                       WHERE region_code = '33.75' AND indicator_code = 'ARG_PCT' AND scope = '33.75' AND year = 2025""")
    found = disagreements(published, 2025)
    assert [(w["opd_code"], w["indicator_code"]) for w in found] == [("BPKAD", "ARG_PCT")]
    warehouse = built_sample["warehouse"]
    page = render_review(warehouse / "build" / "year=2025.duckdb", reference, 2025, tmp_path / "review" / "2025.html",
                         warehouse / "feedback", warehouse / "validation" / "2025", found)
    bekasi, pekalongan = page.read_text(encoding="utf-8").split("(33.75)", 1)  # both cities have a BPKAD
    assert "Peringatan:" not in bekasi
    row = re.search(r"<b>BPKAD</b>.*?</tr>", pekalongan, re.S).group(0)
    assert "Peringatan: ARG_PCT (33.75) dilaporkan 99.00" in row


def test_kept_review_sections_are_reused_only_while_their_region_is_unchanged(built_sample, reference, tmp_path):
    warehouse, kept = built_sample["warehouse"], tmp_path / "sections"
    year_db = warehouse / "build" / "year=2025.duckdb"

    def page(name: str, warnings=(), sections=kept) -> str:
        html = render_review(year_db, reference, 2025, tmp_path / "review" / name, warehouse / "feedback",
                             warehouse / "validation" / "2025", list(warnings), sections).read_text(encoding="utf-8")
        return re.sub(r"Dibuat [^<]* dari", "Dibuat dari", html)

    first = page("first.html")
    times = {p.name: p.stat().st_mtime_ns for p in (kept / "2025").glob("*.json")}
    assert sorted(times) == ["32.75.json", "33.75.json"]
    assert page("again.html") == first == page("plain.html", sections=None)
    assert {p.name: p.stat().st_mtime_ns for p in (kept / "2025").glob("*.json")} == times  # nothing rendered again
    warning = {"region_code": "33.75", "opd_code": "BPKAD", "indicator_code": "ARG_PCT", "scope": "33.75",
               "reported_value": 99.0, "computed_value": 12.5}
    changed = page("changed.html", [warning])
    assert changed == page("changed-plain.html", [warning], sections=None) != first
    assert (kept / "2025" / "32.75.json").stat().st_mtime_ns == times["32.75.json"]  # Bekasi reused
    assert (kept / "2025" / "33.75.json").stat().st_mtime_ns != times["33.75.json"]  # Pekalongan rendered again


def test_the_build_writes_a_review_page_and_an_analyst_report_for_every_report_year(built_sample):
    warehouse = built_sample["warehouse"]
    assert {p.name for p in (warehouse / "report").glob("*.html")} == {f"{y}.html" for y in (2022, 2023, 2024, 2025)}
    assert {f"{y}.html" for y in (2022, 2023, 2024, 2025)} <= {p.name for p in (warehouse / "review").glob("*.html")}
    report = (warehouse / "report" / "2025.html").read_text(encoding="utf-8")
    assert report.count("<svg") >= 12 and "<script" not in report


def test_the_suite_checks_link_to_their_data_docs_pages(built_sample):
    """In the Dagster UI each sheet's suite check carries a link per year to its Data Docs page."""
    with dg.DagsterInstance.get() as instance:
        record = instance.get_latest_asset_check_evaluation_record(
            dg.AssetCheckKey(dg.AssetKey("row_verdicts"), "suite_organisasi"))
    metadata = record.event.dagster_event.event_specific_data.metadata
    links = {key[len("data_docs_"):]: value for key, value in metadata.items() if key.startswith("data_docs_")}
    assert links  # one per year the run validated (a later run of another test may have built fewer years)
    for year, link in links.items():
        assert isinstance(link, dg.UrlMetadataValue) and link.url.startswith("file://")
        page = Path(link.url[len("file://"):])
        assert page.is_file() and page.is_relative_to(built_sample["warehouse"] / "validation" / year), page
        assert "pug_organisasi" in str(page)


def test_data_docs_name_failing_rows_by_opd_and_excel_row_assets_by_sheet_and_region_runs_by_year(built_sample):
    failing = 0
    for year in (2022, 2023, 2024, 2025):
        site = built_sample["warehouse"] / "validation" / str(year)
        for page in (site / "validations").rglob("*.html"):
            suite, run_name = page.relative_to(site).parts[1:3]
            assert run_name == str(year), page
            text = page.read_text(encoding="utf-8")
            shown = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))
            assert re.search(rf"Data asset: {suite.removeprefix('pug_')}_3[23]\.75", shown), page
            assert "df.filter(items=" not in text, page  # no frame positions for reviewers to decode
            if "unexpected values found" in shown:
                failing += 1
                assert "baris Excel" in shown and re.search(r"\b3[23]\.75 [A-Z_0-9]+ versi \d+\b", shown), page
    assert failing >= 3
