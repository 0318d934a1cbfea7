"""End to end: the sample, built through Dagster, compared with what the generator recorded as truth."""

import os
import random
import subprocess
import sys
from pathlib import Path


from pug.ingest.ledger import sha256_of
from pug.warehouse.candidate import SHEET_TABLES
from pug.ingest.reader import read_submission
from pug import contract, values

def row_mistakes(truth):
    """Deliberate mistakes that must quarantine their row (errors in a data row)."""
    return [m for m in truth["mistakes"] if m["severity"] == "error" and m["excel_row"]]


def test_the_build_publishes_both_cities_for_every_report_year(built_sample, warehouse_con):
    assert built_sample["report"].ok
    years = warehouse_con.execute(
        "SELECT region_code, list(DISTINCT report_year ORDER BY report_year) FROM fct_submission WHERE is_current GROUP BY 1 ORDER BY 1").fetchall()
    assert years == [("32.75", [2022, 2023, 2024, 2025]), ("33.75", [2022, 2023, 2024, 2025])]
    for table in ("fct_target", "fct_reported_value", "dim_organisation", "fct_advocacy_event", "fct_advocacy_attendance",
                  "fct_cadre", "fct_post", "fct_budget_line", "fct_prerequisite"):
        per_city = dict(warehouse_con.execute(f"SELECT region_code, count(*) FROM {table} GROUP BY 1").fetchall())
        assert per_city.get("32.75", 0) > 0 and per_city.get("33.75", 0) > 0, table


def test_every_file_is_in_the_ledger_with_its_hash_version_and_status(built_sample, warehouse_con):
    truth, raw = built_sample["truth"], built_sample["raw"]
    rows = {path: (sha, current, status) for path, sha, current, status in warehouse_con.execute(
        "SELECT 'submissions/' || file_path, file_sha256, is_current, status FROM fct_submission").fetchall()}
    assert set(rows) == {f["path"] for f in truth["files"]}
    for file in truth["files"]:
        sha, current, status = rows[file["path"]]
        assert sha == sha256_of(raw / file["path"])
        if file.get("expected_status") == "rejected":
            assert (status, current) == ("rejected", False)
        else:
            assert current == file["current"], file["path"]
    revised = warehouse_con.execute(
        "SELECT file_path, version, is_current FROM fct_submission WHERE region_code = '33.75' AND report_year = 2024 AND opd_code = 'DPMPPA' ORDER BY version").fetchall()
    assert revised == [("2024/33.75/DPMPPA.xlsx", 1, False), ("2024/33.75/DPMPPA_revisi.xlsx", 2, True)]


def test_rows_read_per_file_and_sheet_match_what_was_written(built_sample, warehouse_con):
    read = {(f"submissions/{path}", sheet): n for path, sheet, n in warehouse_con.execute(
        "SELECT s.file_path, c.sheet, c.rows_read FROM fct_submission_sheet c JOIN fct_submission s USING (submission_id)").fetchall()}
    written = {(f["path"], sheet): n for f in built_sample["truth"]["files"] for sheet, n in f.get("sheets", {}).items() if sheet != "identitas"}
    assert read == written


def test_nothing_is_lost_and_exactly_the_faulty_rows_are_quarantined(built_sample, warehouse_con):
    read, accepted, quarantined = warehouse_con.execute(
        "SELECT sum(rows_read), sum(rows_accepted), sum(rows_quarantined) FROM fct_submission_sheet").fetchone()
    assert read == accepted + quarantined
    located = {(f"submissions/{path}", sheet, row): codes for path, sheet, row, codes in warehouse_con.execute(
        """SELECT s.file_path, q.source_sheet, q.source_row, q.reason_codes FROM fct_quarantined_row q
           JOIN fct_submission s USING (submission_id)""").fetchall()}
    mistakes = {(m["file"], m["sheet"], m["excel_row"]) for m in row_mistakes(built_sample["truth"])}
    assert set(located) == mistakes
    assert all(located.values())


def test_organisations_cadres_and_posts_agree_with_the_truth(built_sample, warehouse_con):
    truth = built_sample["truth"]
    for region, facts in truth["regions"].items():
        for year, figures in facts["years"].items():
            year = int(year)
            orgs = warehouse_con.execute(
                "SELECT count(*), count(*) FILTER (WHERE is_active) FROM dim_organisation WHERE region_code = ? AND report_year = ?",
                [region, year]).fetchone()
            assert orgs[0] == figures["organisations"]["valid"]["rows"], (region, year)
            cadres = warehouse_con.execute(
                "SELECT count(*) FROM fct_cadre WHERE region_code = ? AND report_year = ?", [region, year]).fetchone()[0]
            assert cadres == figures["cadres"]["trained_in_year_valid"], (region, year)
            posts = dict(((group, sex), n) for group, sex, n in warehouse_con.execute(
                """SELECT post_group, coalesce(holder_sex, 'KOSONG'), count(*) FROM fct_post
                   WHERE region_code = ? AND report_year = ? GROUP BY ALL""", [region, year]).fetchall())
            for group, counts in figures["posts"]["by_kelompok"].items():
                for sex in ("P", "L", "KOSONG"):
                    assert posts.get((group, sex), 0) == counts[sex], (region, year, group, sex)


def test_advocated_organisations_per_year_agree_with_the_truth(built_sample, warehouse_con):
    for region, facts in built_sample["truth"]["regions"].items():
        for year, figures in facts["years"].items():
            advocated = {code for (code,) in warehouse_con.execute(
                """SELECT DISTINCT a.org_code FROM fct_advocacy_attendance a
                   JOIN dim_organisation o ON o.region_code = a.region_code AND o.report_year = a.report_year AND o.org_code = a.org_code
                   WHERE a.region_code = ? AND a.report_year = ?""", [region, int(year)]).fetchall()}
            assert advocated == set(figures["advocacy"]["advocated_in_year"]["codes"]), (region, year)


def test_a_sample_of_fact_rows_leads_back_to_the_same_cell_in_its_file(built_sample, warehouse_con):
    """Every fact row names its file (through fct_submission), sheet and Excel row: reading that row gives the value."""
    raw, rng, checked = built_sample["raw"], random.Random(7), 0
    grids = {}
    for sheet, table in SHEET_TABLES.items():
        key_column = contract.SHEETS[sheet].columns[0].name
        rows = warehouse_con.execute(
            f"""SELECT s.file_path, t.source_sheet, t.source_row, s.file_sha256 FROM {table} t
                JOIN fct_submission s USING (submission_id)""").fetchall()
        for file_path, source_sheet, source_row, sha in rng.sample(rows, min(25, len(rows))):
            path = raw / "submissions" / file_path
            if path not in grids:
                assert sha256_of(path) == sha
                grids[path] = {contract.find_sheet(g.name): g for g in read_submission(path)[1]}
            grid = grids[path][source_sheet]
            header = [contract.normalise_name(h) for h in grid.rows[0]]
            cell = grid.rows[source_row - 1][header.index(key_column)]
            warehouse_key = warehouse_con.execute(
                f"SELECT * FROM {table} t JOIN fct_submission s USING (submission_id) WHERE s.file_path = ? AND t.source_row = ?",
                [file_path, source_row]).fetchone()
            assert values.cell_text(cell) and values.cell_text(cell) in [str(v) for v in warehouse_key], (file_path, source_row)
            checked += 1
    assert checked >= 100


def test_the_raw_files_are_never_modified(built_sample):
    from conftest import _tree_digest

    assert all((built_sample["raw"] / f["path"]).exists() for f in built_sample["truth"]["files"])
    assert _tree_digest(built_sample["raw"] / "submissions") == built_sample["raw_digest_before_build"]


def test_the_duckdb_1x_cli_opens_the_published_warehouse_read_only(built_sample, warehouse_con):
    cli = Path(sys.executable).parent / "duckdb"
    version = subprocess.run([str(cli), "--version"], capture_output=True, text=True, check=True).stdout
    assert version.startswith("v1.")
    published = str(built_sample["report"].published)
    result = subprocess.run([str(cli), "-readonly", "-csv", "-noheader", published,
                             "SELECT count(*) FROM fct_target; SELECT count(*) FROM dim_organisation WHERE report_year = 2025"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    expected = [warehouse_con.execute("SELECT count(*) FROM fct_target").fetchone()[0],
                warehouse_con.execute("SELECT count(*) FROM dim_organisation WHERE report_year = 2025").fetchone()[0]]
    assert [int(line) for line in result.stdout.split()] == expected
    refused = subprocess.run([str(cli), "-readonly", published, "CREATE TABLE x AS SELECT 1"], capture_output=True, text=True)
    assert refused.returncode != 0


def test_every_table_and_column_is_documented(warehouse_con):
    missing = warehouse_con.execute(
        """SELECT table_name FROM duckdb_tables() WHERE comment IS NULL
           UNION ALL SELECT table_name || '.' || column_name FROM duckdb_columns() WHERE comment IS NULL AND database_name = current_database()""").fetchall()
    assert missing == []


def test_no_nik_reaches_the_warehouse(built_sample, warehouse_con):
    nik_mistake = next(m for m in built_sample["truth"]["mistakes"] if m["kind"] == "nik_like")
    nik = next(run for run in values.NIK_PATTERN.findall(nik_mistake["value"]))
    hits = 0
    for table, column in warehouse_con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE data_type = 'VARCHAR' AND database_name = current_database()").fetchall():
        hits += warehouse_con.execute(f'SELECT count(*) FROM "{table}" WHERE contains("{column}", ?)', [nik]).fetchone()[0]
    assert hits == 0
    masked = warehouse_con.execute("SELECT value FROM fct_finding WHERE code = 'NIK_DETECTED'").fetchone()[0]
    assert masked.endswith("*" * 12 + nik[-4:])


def test_dagster_definitions_validate(built_sample):
    result = subprocess.run([sys.executable, "-m", "dagster", "definitions", "validate", "-m", "pipelines.definitions"],
                            capture_output=True, text=True, env={**os.environ, "DAGSTER_HOME": str(Path(__file__).parents[1])})
    assert result.returncode == 0, result.stdout + result.stderr
