"""The analyst report: one self-contained HTML page per report year, every figure read from the warehouse."""

import hashlib
import re
import shutil

import duckdb
import pytest
from browser import render

import pug.paths
from pug.outputs.report import write_report

REGIONS = ("33.75", "32.75")


def pct_text(value: float) -> str:
    """How the report prints a percentage: at most two decimals, no trailing zeros."""
    return f"{round(value, 2):,.2f}".rstrip("0").rstrip(".") + " %"


def region_sections(html: str) -> dict[str, str]:
    """The HTML of each region's section, keyed by region code."""
    sections = {}
    for part in html.split('<section class="region"')[1:]:
        code = re.search(r"<h2>[^<]*\((\d\d\.\d\d)\)", part)[1]
        sections[code] = part.split("</section>", 1)[0]
    return sections


@pytest.fixture(scope="module")
def report_2025(built_sample, tmp_path_factory):
    warehouse = built_sample["report"].published
    before = hashlib.sha256(warehouse.read_bytes()).hexdigest()
    out = tmp_path_factory.mktemp("analyst") / "report" / "2025.html"
    page = write_report(warehouse, 2025, out)
    return {"page": page, "out": out, "html": page.read_text(encoding="utf-8"), "warehouse": warehouse,
            "warehouse_sha_before": before}


def test_the_report_is_written_atomically_to_the_given_path_and_leaves_the_warehouse_alone(report_2025):
    assert report_2025["page"] == report_2025["out"]
    assert [p.name for p in report_2025["out"].parent.iterdir()] == ["2025.html"]  # no partial file left behind
    assert report_2025["html"].startswith("<!DOCTYPE html>")
    assert hashlib.sha256(report_2025["warehouse"].read_bytes()).hexdigest() == report_2025["warehouse_sha_before"]


def test_every_region_has_its_sections_and_inline_svg_charts(report_2025):
    html = report_2025["html"]
    sections = region_sections(html)
    assert sorted(sections) == sorted(REGIONS)
    for code, section in sections.items():
        assert section.count("<svg") >= 6, code
        assert section.count("<svg") == section.count("</svg>")
        for heading in ("1. Progress against the five-year target", "2. Women's-organisation coverage",
                        "3. Family-resilience cadres", "4. Women in strategic posts", "5. Gender-responsive budget",
                        "6. The seven PUG prerequisites", "7. The five Presidential directives"):
            assert heading in section, (code, heading)
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "element ids (SVG clip paths among them) must be unique in the page"


def test_the_report_loads_nothing_from_the_network(report_2025):
    html = report_2025["html"]
    assert "<script" not in html.lower() and "<link" not in html.lower() and "@import" not in html
    references = re.findall(r"""\b(?:src|href|xlink:href)\s*=\s*["']?([^"'\s>]*)""", html, re.I)
    assert references and all(ref.startswith("#") for ref in references), [r for r in references if not r.startswith("#")]
    assert not re.search(r"url\(\s*['\"]?(?!#)", html)
    without_namespaces = re.sub(r'xmlns(?::\w+)?="http://www\.w3\.org/[^"]*"', "", html)
    assert "http://" not in without_namespaces and "https://" not in without_namespaces


def test_figures_come_from_the_warehouse(report_2025, built_sample):
    with duckdb.connect(str(report_2025["warehouse"]), read_only=True) as con:
        coverage = con.execute("""SELECT 100.0 * sum(orgs_advocated_cumulative) / sum(orgs_registered) FROM mart_org_coverage
                                  WHERE region_code = '33.75' AND report_year = 2025""").fetchone()[0]
        cadres, cadre_target = con.execute("""SELECT actual_value, final_target FROM mart_indicator_progress
            WHERE region_code = '33.75' AND scope = region_code AND indicator_code = 'KADER_KK_JML' AND year = 2025""").fetchone()
        score = con.execute("SELECT readiness_score FROM mart_ape_readiness WHERE region_code = '33.75' AND report_year = 2025").fetchone()[0]
    truth = built_sample["truth"]["regions"]["33.75"]["years"]["2025"]["indicators"]["ORG_ADVOKASI_PCT"]
    assert coverage == pytest.approx(100.0 * truth["pembilang"] / truth["penyebut"])
    section = region_sections(report_2025["html"])["33.75"]
    cards = re.search(r'<div class="cards" id="coverage-33\.75">(.*?)</div>\s*</div>', section, re.S)[1]
    assert f'<b class="coverage">{pct_text(coverage)}</b>' in cards
    assert f"<b>{cadres:,.0f}</b>cadres trained (target {cadre_target:,.0f})" in section
    assert f"{score:g}" in section


def test_the_readiness_score_is_never_presented_as_an_ape_category(report_2025):
    for code, section in region_sections(report_2025["html"]).items():
        assert "not an official APE category" in section, code


def test_the_sample_warehouse_is_marked_synthetic(report_2025):
    footer = report_2025["html"].split("<footer", 1)[1]
    assert "synthetic" in footer and "Data: warehouse/pug.duckdb; see docs/warehouse.md for the tables" in footer


def test_the_report_renders_in_a_browser_without_console_messages(report_2025, tmp_path):
    console, dom = render(report_2025["page"], tmp_path / "report.png")
    assert console == []
    assert "PUG analyst report 2025" in dom and "Kota Pekalongan" in dom and "Kota Bekasi" in dom
    assert (tmp_path / "report.png").stat().st_size > 30_000


@pytest.mark.parametrize("year", [2026, 2030])
def test_a_year_with_little_or_no_data_still_writes(built_sample, tmp_path, year):
    page = write_report(built_sample["report"].published, year, tmp_path / f"{year}.html")
    html = page.read_text(encoding="utf-8")
    assert f"PUG analyst report {year}" in html and "no data" in html
    assert sorted(region_sections(html)) == sorted(REGIONS)


def test_a_failed_write_keeps_the_previous_report(built_sample, tmp_path, monkeypatch):
    out = tmp_path / "2025.html"
    out.write_text("previous report", encoding="utf-8")

    def broken_replace(source, target):
        raise OSError("disk full")

    monkeypatch.setattr(pug.paths.os, "replace", broken_replace)  # the one rename every writer goes through
    with pytest.raises(OSError, match="disk full"):
        write_report(built_sample["report"].published, 2030, out)  # a year without data: quick to render
    assert out.read_text(encoding="utf-8") == "previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["2025.html"]


def test_the_report_escapes_names_from_the_warehouse(built_sample, tmp_path):
    copy = tmp_path / "pug.duckdb"
    shutil.copyfile(built_sample["report"].published, copy)
    hostile = "<img src=x onerror=alert(1)>"
    with duckdb.connect(str(copy)) as con:
        con.execute("UPDATE dim_indicator SET name_en = ? WHERE indicator_code = 'IPG'", [hostile])
        con.execute("UPDATE dim_region SET region_name = ? WHERE region_code = '33.75.01'", [hostile])
        con.execute("UPDATE dim_code_list SET description = ? WHERE code = 'FEDERASI'", [hostile])
    html = write_report(copy, 2025, tmp_path / "2025.html").read_text(encoding="utf-8")
    assert "<img" not in html
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") >= 3


def _without_timestamp(html: str) -> str:
    return re.sub(r"Generated [^<]* from the published warehouse", "Generated", html)


def test_kept_sections_are_reused_until_their_region_s_rows_change_and_the_page_matches_a_fresh_one(built_sample, tmp_path):
    copy, sections = tmp_path / "pug.duckdb", tmp_path / "sections"
    shutil.copyfile(built_sample["report"].published, copy)
    first = write_report(copy, 2025, tmp_path / "first.html", sections).read_text(encoding="utf-8")
    kept = {region: (sections / "2025" / f"{region}.json").stat().st_mtime_ns for region in REGIONS}
    report_html = write_report(copy, 2025, tmp_path / "plain.html").read_text(encoding="utf-8")  # no sections kept
    assert _without_timestamp(first) == _without_timestamp(report_html)

    with duckdb.connect(str(copy)) as con:  # one budget line of Pekalongan changes
        con.execute("""UPDATE fct_budget_line SET budget_idr = budget_idr + 1000000000
                       WHERE rowid = (SELECT min(rowid) FROM fct_budget_line WHERE region_code = '33.75' AND report_year = 2025)""")
    second = write_report(copy, 2025, tmp_path / "second.html", sections).read_text(encoding="utf-8")
    assert (sections / "2025" / "32.75.json").stat().st_mtime_ns == kept["32.75"]  # Bekasi's section reused
    assert (sections / "2025" / "33.75.json").stat().st_mtime_ns != kept["33.75"]  # Pekalongan's rendered again
    assert region_sections(second)["32.75"] == region_sections(report_html)["32.75"]
    assert region_sections(second)["33.75"] != region_sections(report_html)["33.75"]
    fresh = write_report(copy, 2025, tmp_path / "fresh.html").read_text(encoding="utf-8")
    assert _without_timestamp(second) == _without_timestamp(fresh)
