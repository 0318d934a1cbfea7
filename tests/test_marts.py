"""The marts of the sample against the generator's truth and against a recomputation straight from the raw files."""

import re

import duckdb
import numpy as np
import pytest

from pug import contract, paths
from pug.ingest.reader import read_submission

STABLE_COLUMNS = {
    "mart_indicator_progress": ["region_code", "indicator_code", "scope", "year", "target", "reported_value", "computed_value",
                                "value_difference", "attainment_pct", "status", "outlook"],
    "mart_org_coverage": ["region_code", "report_year", "kecamatan_code", "org_type", "orgs_registered", "orgs_advocated_in_year",
                          "orgs_advocated_cumulative", "coverage_pct", "target_pct", "gap_pct"],
    "mart_org_progress": ["region_code", "report_year", "org_code", "org_name", "org_type", "org_level", "kecamatan_code",
                          "kelurahan_code", "advocated_in_year", "advocated_in_period", "members_reached", "cadres"],
    "mart_submission_status": ["region_code", "report_year", "opd_code", "expected", "received", "on_time", "versions", "status",
                               "errors", "warnings"],
    "mart_ape_readiness": ["region_code", "report_year", "prerequisite_mean", "readiness_score", "readiness_band"],
    "mart_directives": ["region_code", "year", "directive_no", "indicator_code", "target", "actual_value", "attainment_pct"],
}


def test_the_marts_have_the_stable_columns_of_the_design(warehouse_con):
    for mart, columns in STABLE_COLUMNS.items():
        present = [r[0] for r in warehouse_con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index", [mart]).fetchall()]
        assert columns == [c for c in present if c in columns], mart


def rows_of(path, sheet_name):
    """The rows of one sheet, read from the file itself, as dicts keyed by the header, with the Excel row number."""
    for grid in read_submission(path)[1]:
        if contract.normalise_name(grid.name) == sheet_name:
            header = [contract.normalise_name(h) for h in grid.rows[0]]
            return [(index + 1, dict(zip(header, row))) for index, row in enumerate(grid.rows) if index and any(str(c).strip() for c in row)]
    return []


def test_coverage_per_city_and_year_agrees_with_a_recomputation_from_the_raw_files(built_sample, warehouse_con):
    raw, truth = built_sample["raw"], built_sample["truth"]
    faulty = {(m["file"], m["sheet"], m["excel_row"]) for m in truth["mistakes"] if m["severity"] == "error"}
    current = [f for f in truth["files"] if f.get("current")]
    for region, facts in truth["regions"].items():
        advocated_so_far = set()
        for year in sorted(facts["years"], key=int):
            files = [f for f in current if f["region"] == region and f["year"] == int(year)]
            register = set()
            for f in files:
                for row, values in rows_of(raw / f["path"], "organisasi"):
                    if (f["path"], "organisasi", row) not in faulty and values["status"] == "AKTIF":
                        register.add(values["kode_organisasi"])
            for f in files:
                for row, values in rows_of(raw / f["path"], "advokasi_peserta"):
                    if (f["path"], "advokasi_peserta", row) not in faulty:
                        advocated_so_far.add(values["kode_organisasi"])
            expected = round(100 * len(register & advocated_so_far) / len(register), 2)
            registered, advocated, coverage = warehouse_con.execute(
                """SELECT sum(orgs_registered), sum(orgs_advocated_cumulative),
                          round(100.0 * sum(orgs_advocated_cumulative) / sum(orgs_registered), 2)
                   FROM mart_org_coverage WHERE region_code = ? AND report_year = ?""", [region, int(year)]).fetchone()
            assert (registered, advocated) == (len(register), len(register & advocated_so_far)), (region, year)
            assert coverage == expected == pytest.approx(facts["years"][year]["advocacy"]["cumulative_share_pct"], abs=0.01)


def test_coverage_by_kecamatan_agrees_with_the_truth(built_sample, warehouse_con):
    for region, facts in built_sample["truth"]["regions"].items():
        for year, figures in facts["years"].items():
            by_kecamatan = dict(warehouse_con.execute(
                """SELECT kecamatan_code, round(100.0 * sum(orgs_advocated_cumulative) / sum(orgs_registered), 2)
                   FROM mart_org_coverage WHERE region_code = ? AND report_year = ? AND kecamatan_code IS NOT NULL GROUP BY 1""",
                [region, int(year)]).fetchall())
            expected = {k: v["share_pct"] for k, v in figures["advocacy"]["by_kecamatan"].items()}
            assert by_kecamatan == pytest.approx(expected, abs=0.01), (region, year)


def test_computed_indicators_agree_with_the_truth(built_sample, warehouse_con):
    for region, facts in built_sample["truth"]["regions"].items():
        for year, figures in facts["years"].items():
            computed = dict(warehouse_con.execute(
                """SELECT indicator_code, computed_value FROM mart_indicator_progress
                   WHERE region_code = ? AND year = ? AND scope = region_code AND computed_value IS NOT NULL""",
                [region, int(year)]).fetchall())
            assert computed["KADER_KK_JML"] == figures["cadres"]["cumulative_valid"]
            assert computed["JABATAN_STRATEGIS_P_PCT"] == pytest.approx(figures["posts"]["strategic_women_pct"], abs=0.01)
            assert computed["ORG_ADVOKASI_PCT"] == pytest.approx(figures["advocacy"]["cumulative_share_pct"], abs=0.01)
            assert computed["PRASYARAT_SKOR"] == pytest.approx(figures["prerequisites"]["mean"], abs=0.01)
            if not figures["budget"]["includes_mistake_rows"]:
                assert computed["ARG_PCT"] == pytest.approx(figures["budget"]["arg_pct"], abs=0.01)


def test_reported_and_computed_values_are_shown_side_by_side(warehouse_con):
    rows = warehouse_con.execute(
        """SELECT reported_value, computed_value, value_difference, values_disagree FROM mart_indicator_progress
           WHERE reported_value IS NOT NULL AND computed_value IS NOT NULL""").fetchall()
    assert len(rows) >= 40
    for reported, computed, difference, disagree in rows:
        assert difference == pytest.approx(reported - computed)
        assert disagree == (abs(reported - computed) > abs(computed) * 0.05 if computed else reported != 0)


def test_the_outlook_is_a_straight_line_through_the_values_so_far(warehouse_con):
    series = warehouse_con.execute(
        """SELECT region_code, indicator_code, scope, list(year ORDER BY year), list(actual_value ORDER BY year),
                  list(projected_final_value ORDER BY year), list(outlook ORDER BY year), any_value(final_target), any_value(unit)
           FROM mart_indicator_progress WHERE direction IS NOT NULL GROUP BY 1, 2, 3""").fetchall()  # context: no outlook
    checked = 0
    for region, indicator, scope, years, actuals, projections, outlooks, final_target, unit in series:
        for index, year in enumerate(years[:-1]):  # before the last year of the period
            known = [(y, v) for y, v in zip(years[: index + 1], actuals[: index + 1]) if v is not None]
            if len(known) < 2:
                assert outlooks[index] in ("not_enough_data", "no_target")
                continue
            slope, intercept = np.polyfit([y for y, _ in known], [v for _, v in known], 1)
            line = intercept + slope * years[-1]
            # kept within the unit (docs/methods.md): a share or score from 0 to 100, a count whole from 0, ...
            if unit in ("orang", "keluarga", "organisasi", "anak", "kasus", "permohonan"):
                assert projections[index] == int(projections[index]) and abs(projections[index] - max(line, 0)) <= 0.5 + 1e-6
            else:
                low, high = {"%": (0, 100), "skor": (0, 100), "ada": (0, 1), "nilai KLA": (0, 1000)}.get(unit, (0, None))
                expected = max(line, low) if high is None else min(max(line, low), high)
                if unit == "ada":  # in place or not
                    expected = round(expected)
                assert projections[index] == pytest.approx(expected, abs=1e-3), (region, indicator, scope, year)
            checked += 1
    assert checked > 100


def test_submission_status_knows_who_is_missing_and_late(built_sample, warehouse_con):
    for region, facts in built_sample["truth"]["regions"].items():
        for year, figures in facts["years"].items():
            status = figures["submission_status"]
            missing = {r[0] for r in warehouse_con.execute(
                "SELECT opd_code FROM mart_submission_status WHERE region_code = ? AND report_year = ? AND expected AND NOT received",
                [region, int(year)]).fetchall()}
            late = {r[0] for r in warehouse_con.execute(
                "SELECT opd_code FROM mart_submission_status WHERE region_code = ? AND report_year = ? AND on_time = false",
                [region, int(year)]).fetchall()}
            assert missing == set(status["missing"]) and late == set(status["late"]), (region, year)


def test_every_organisation_has_a_progress_row_each_year(built_sample, warehouse_con):
    assert warehouse_con.execute("SELECT count(*) FROM mart_org_progress").fetchone()[0] == \
        warehouse_con.execute("SELECT count(*) FROM dim_organisation").fetchone()[0]
    for region, facts in built_sample["truth"]["regions"].items():
        for year, figures in facts["years"].items():
            advocated = warehouse_con.execute(
                "SELECT count(*) FILTER (WHERE advocated_in_year) FROM mart_org_progress WHERE region_code = ? AND report_year = ?",
                [region, int(year)]).fetchone()[0]
            assert advocated == figures["advocacy"]["advocated_in_year"]["count"]


def test_ape_readiness_is_descriptive_and_complete(warehouse_con):
    rows = warehouse_con.execute("SELECT readiness_score, readiness_band, prerequisite_mean FROM mart_ape_readiness").fetchall()
    assert len(rows) == 8
    assert all(0 <= score <= 100 and band in ("strong", "developing", "early") and mean for score, band, mean in rows)


def test_no_projection_leaves_the_range_of_its_unit(warehouse_con):
    """A straight line through a few values projected shares of up to 228 % and 1,894.5 cadres."""
    rows = warehouse_con.execute("""
        SELECT unit, count(*) AS projected,
               count(*) FILTER (WHERE unit IN ('%', 'skor') AND NOT projected_final_value BETWEEN 0 AND 100) AS outside,
               count(*) FILTER (WHERE unit IN ('orang', 'keluarga', 'organisasi', 'anak', 'kasus', 'permohonan')
                                AND (projected_final_value <> round(projected_final_value) OR projected_final_value < 0)) AS not_whole
        FROM mart_indicator_progress WHERE projected_final_value IS NOT NULL GROUP BY unit""").fetchall()
    assert {unit for unit, *_ in rows} >= {"%", "orang", "organisasi"}
    assert [(unit, outside, not_whole) for unit, _, outside, not_whole in rows if outside or not_whole] == []


def test_the_count_of_organisations_advocated_is_the_numerator_of_their_share(warehouse_con):
    """ORG_ADVOKASI_JML counted organisations no longer active or registered: 3,399 against the 3,336 of the share."""
    rows = warehouse_con.execute("""
        SELECT c.region_code, c.report_year, c.advocated, p.computed_value
        FROM (SELECT region_code, report_year, sum(orgs_advocated_cumulative) AS advocated
              FROM mart_org_coverage GROUP BY ALL) AS c
        LEFT JOIN mart_indicator_progress AS p
          ON p.region_code = c.region_code AND p.year = c.report_year AND p.indicator_code = 'ORG_ADVOKASI_JML'
         AND p.scope = c.region_code""").fetchall()
    assert len(rows) >= 8
    assert [row for row in rows if row[2] != row[3]] == []


def test_every_expected_opd_has_its_deadline_sent_or_not(warehouse_con):
    missing = warehouse_con.execute("""
        SELECT count(*) FILTER (WHERE NOT received), count(*) FILTER (WHERE m.deadline IS NULL),
               count(*) FILTER (WHERE m.deadline IS DISTINCT FROM d.deadline)
        FROM mart_submission_status AS m JOIN dim_report_deadline AS d USING (region_code, report_year)
        WHERE expected""").fetchone()
    assert missing[0] > 0 and missing[1:] == (0, 0)


def test_the_marts_carry_names_beside_their_codes(warehouse_con):
    """An analyst reads names without joining the dimensions: region, kecamatan, kelurahan, OPD, indicator."""
    named = {("mart_indicator_progress", "region_code", "region_name"), ("mart_indicator_progress", "indicator_code", "indicator_name"),
             ("mart_indicator_progress", "owner_opd_code", "owner_opd_name"), ("mart_org_coverage", "region_code", "region_name"),
             ("mart_org_coverage", "kecamatan_code", "kecamatan_name"), ("mart_org_progress", "kecamatan_code", "kecamatan_name"),
             ("mart_org_progress", "kelurahan_code", "kelurahan_name"), ("mart_submission_status", "opd_code", "opd_name"),
             ("mart_ape_readiness", "region_code", "region_name"), ("mart_directives", "region_code", "region_name")}
    for table, code, name in sorted(named):
        rows, unnamed = warehouse_con.execute(
            f"SELECT count({code}), count(*) FILTER (WHERE {code} IS NOT NULL AND {name} IS NULL) FROM {table}").fetchone()
        assert rows > 0 and unnamed == 0, (table, code, unnamed)
    assert warehouse_con.execute("SELECT region_name FROM mart_org_coverage WHERE region_code = '33.75' LIMIT 1").fetchone()[0] \
        == "Kota Pekalongan"


def test_the_definitions_that_are_a_choice_follow_the_settings(built_sample, tmp_path):
    """Acting post holders, cadres trained without PUG material and the denominator of OPD shares, each turned the
    other way in raw/reference/pengaturan.csv, change the computed values as docs/methods.md says."""
    from operations import copy_built_sample, using_project

    from pipelines.build import run_build

    raw, warehouse = copy_built_sample(built_sample, tmp_path)
    settings = raw / "reference" / "pengaturan.csv"
    text = settings.read_text(encoding="utf-8")
    for key, shipped, other in (("jabatan_plt_dihitung", "Y", "T"), ("kader_tanpa_materi_pug_dihitung", "Y", "T"),
                                ("penyebut_opd", "melapor", "terdaftar")):
        assert f"\n{key},{shipped}," in text
        text = text.replace(f"\n{key},{shipped},", f"\n{key},{other},")
    settings.write_text(text, encoding="utf-8")
    with using_project(raw, warehouse):
        report = run_build(log=lambda line: None)
    with duckdb.connect(str(report.published), read_only=True) as con:
        def computed(indicator):
            return dict(((r, y), v) for r, y, v in con.execute(
                "SELECT region_code, year, computed_value FROM mart_indicator_progress WHERE indicator_code = ? "
                "AND scope = region_code AND computed_value IS NOT NULL", [indicator]).fetchall())
        posts = dict(((r, y), v) for r, y, v in con.execute("""
            SELECT region_code, report_year, 100.0 * count(*) FILTER (WHERE holder_sex = 'P') / count(*) FROM fct_post
            WHERE status = 'DEFINITIF' AND post_group IN ('SEKDA', 'JPT_PRATAMA') GROUP BY ALL""").fetchall())
        cadres = dict(((r, y), v) for r, y, v in con.execute("""
            SELECT r.region_code, r.report_year, count(DISTINCT c.cadre_code)
            FROM (SELECT DISTINCT region_code, report_year FROM fct_submission) AS r
            JOIN fct_cadre AS c ON c.region_code = r.region_code AND c.report_year <= r.report_year AND c.pug_material
            GROUP BY ALL""").fetchall())
        registered = dict(con.execute("SELECT region_code, count(*) FROM dim_opd GROUP BY ALL").fetchall())
        with_gap_gbs = dict(((r, y), n) for r, y, n in con.execute("""
            SELECT s.region_code, s.report_year, count(DISTINCT s.opd_code) FROM fct_submission AS s
            JOIN fct_budget_line AS b ON b.submission_id = s.submission_id AND b.has_gap AND b.has_gbs
            WHERE s.is_current GROUP BY ALL""").fetchall())
        assert computed("JABATAN_STRATEGIS_P_PCT") == pytest.approx(posts)
        assert {k: v for k, v in computed("KADER_KK_JML").items() if k in cadres} == cadres
        shares = computed("OPD_GAP_GBS_PCT")
        assert shares and all(shares[(r, y)] == pytest.approx(100.0 * with_gap_gbs.get((r, y), 0) / registered[r]) for r, y in shares)
    with duckdb.connect(str(built_sample["report"].published), read_only=True) as con:
        shipped = dict(((r, y), v) for r, y, v in con.execute(
            "SELECT region_code, year, computed_value FROM mart_indicator_progress WHERE indicator_code = "
            "'JABATAN_STRATEGIS_P_PCT' AND scope = region_code AND computed_value IS NOT NULL").fetchall())
    assert any(shipped[k] != pytest.approx(v) for k, v in posts.items())  # the sample's acting holders move the share


def test_a_deployment_whose_settings_predate_a_new_setting_gets_its_shipped_default(tmp_path):
    """An upgrade adds settings; a region's own pengaturan.csv written before lacks them and must keep building."""
    import shutil

    from pug.reference import Reference

    reference = tmp_path / "reference"
    shutil.copytree(paths.PROJECT_ROOT / "raw" / "reference", reference)
    lines = (reference / "pengaturan.csv").read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith(("penyebut_opd,", "jabatan_plt_dihitung,"))]
    (reference / "pengaturan.csv").write_text("\n".join(kept).replace("ambang_status_hampir,90", "ambang_status_hampir,80") + "\n",
                                              encoding="utf-8")
    loaded = Reference.load(reference)
    assert loaded.setting("penyebut_opd") == "melapor" and loaded.setting("jabatan_plt_dihitung") == "Y"
    assert loaded.setting("ambang_status_hampir") == "80"  # the region's own value stays
    assert len(loaded.tables["pengaturan"]) == len(lines) - 1


def test_every_rounded_mart_column_says_so_in_its_comment(warehouse_con):
    sql = (paths.PROJECT_ROOT / "pug" / "sql" / "warehouse" / "marts.sql").read_text(encoding="utf-8")
    rounded = set(re.findall(r"round\([^;]*?\)\s+AS\s+(\w+)", sql))
    assert {"attainment_pct", "coverage_pct", "readiness_score"} <= rounded
    comments = dict(warehouse_con.execute("SELECT table_name || '.' || column_name, comment FROM duckdb_columns() "
                                          "WHERE table_name LIKE 'mart_%'").fetchall())
    unstated = [column for column, comment in comments.items()
                if column.split(".")[1] in rounded and "rounded to" not in (comment or "")]
    assert unstated == []


def test_a_deployment_staged_and_catalogued_before_new_columns_builds(built_sample, tmp_path):
    """An upgrade adds columns: a year staged by the code before (stg_jabatan without kode_pegawai) is staged again
    whole, and a catalogue written before (without paritas and sumber) reads them as blank."""
    import csv

    from operations import copy_built_sample, using_project

    from pipelines.build import run_build

    raw, warehouse = copy_built_sample(built_sample, tmp_path)
    with duckdb.connect(str(warehouse / "build" / "year=2025.duckdb")) as con:
        con.execute("ALTER TABLE stg_jabatan DROP COLUMN kode_pegawai")
    catalogue = raw / "reference" / "indikator.csv"
    with open(catalogue, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with open(catalogue, "w", encoding="utf-8", newline="") as handle:
        columns = [c for c in rows[0] if c not in ("paritas", "sumber")]
        writer = csv.DictWriter(handle, columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    with using_project(raw, warehouse):
        report = run_build(log=lambda line: None)
    assert report.ok and sorted(report.regions_staged[2025]) == ["32.75", "33.75"]
    with using_project(raw, warehouse):
        again = run_build(log=lambda line: None)
    assert again.ok and not any(again.regions_staged.values())  # staged as this code stages: kept
    with duckdb.connect(str(report.published), read_only=True) as con:
        assert con.execute("SELECT count(holder_code) FROM fct_post WHERE report_year = 2025").fetchone()[0] > 0
        assert con.execute("SELECT count(parity_value) FROM dim_indicator").fetchone()[0] == 0
