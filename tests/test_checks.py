"""The blocking checks pass on the sample warehouse and fail on a broken one, so a broken warehouse is never published."""

import re
import shutil

import duckdb
import pytest

from pug import paths, values
from pug.warehouse import blocking_checks as checks


@pytest.fixture
def broken_copy(built_sample, tmp_path):
    copy = tmp_path / "candidate.duckdb"
    shutil.copy(built_sample["report"].published, copy)
    return copy


def outcome(check, database):
    return checks.run_check(check, database)


def test_every_blocking_check_passes_on_the_published_sample(built_sample):
    for check in checks.BLOCKING_CHECKS:
        result = outcome(check, built_sample["report"].published)
        assert result.passed, (result.name, result.failures)
    figures = outcome(checks.conservation, built_sample["report"].published).figures
    assert figures["rows_read"] == figures["rows_accepted"] + figures["rows_quarantined"] > 20000


def test_conservation_fails_when_a_fact_row_goes_missing(broken_copy):
    with duckdb.connect(str(broken_copy)) as con:
        con.execute("DELETE FROM fct_cadre WHERE rowid = (SELECT min(rowid) FROM fct_cadre)")
    result = outcome(checks.conservation, broken_copy)
    assert not result.passed and len(result.failures) == 1 and result.failures[0][1] == "kader"


def test_lineage_fails_for_a_row_without_its_submission(broken_copy):
    with duckdb.connect(str(broken_copy)) as con:
        con.execute("UPDATE fct_post SET submission_id = 'ffffffffffffffff' WHERE rowid = (SELECT min(rowid) FROM fct_post)")
    result = outcome(checks.lineage, broken_copy)
    assert not result.passed and result.failures[0]["table"] == "fct_post"


def test_documentation_fails_for_an_uncommented_column(broken_copy):
    with duckdb.connect(str(broken_copy)) as con:
        con.execute("ALTER TABLE fct_target ADD COLUMN mystery INTEGER")
    result = outcome(checks.documented, broken_copy)
    assert not result.passed and result.failures == ["fct_target.mystery"]


def test_no_nik_fails_when_a_nik_is_stored(broken_copy):
    with duckdb.connect(str(broken_copy)) as con:
        con.execute("UPDATE fct_target SET note = 'NIK 3375014506890003' WHERE rowid = (SELECT min(rowid) FROM fct_target)")
    result = outcome(checks.no_nik, broken_copy)
    assert not result.passed and result.failures == [{"table": "fct_target", "column": "note", "rows": 1}]


def test_no_nik_on_an_incremental_candidate_reads_the_rebuilt_regions_and_the_ledger_table(broken_copy):
    with duckdb.connect(str(broken_copy)) as con:
        con.execute("""UPDATE fct_target SET note = 'NIK 3375014506890003'
                       WHERE rowid = (SELECT min(rowid) FROM fct_target WHERE region_code = '33.75')""")
    with duckdb.connect(str(broken_copy), read_only=True) as con:
        assert not checks.no_nik(con, ["33.75"]).passed  # a rebuilt region's rows are read
        assert checks.no_nik(con, ["32.75"]).passed  # Pekalongan's rows were copied from the published file, not read
    with duckdb.connect(str(broken_copy)) as con:
        con.execute("UPDATE fct_submission_file SET file_path = '2025/32.75/3375014506890003.xlsx' WHERE rowid = 0")
    with duckdb.connect(str(broken_copy), read_only=True) as con:
        result = checks.no_nik(con, ["32.75"])  # the ledger's table is rebuilt whole: read whole
    assert not result.passed and result.failures == [{"table": "fct_submission_file", "column": "file_path", "rows": 1}]


def test_a_failing_blocking_check_in_dagster_leaves_the_published_warehouse_untouched(built_sample):
    import dagster as dg

    from pipelines.build import QUIET
    from pipelines.definitions import defs
    from pug.ingest.ledger import sha256_of
    from pug.paths import Layout

    published = built_sample["report"].published
    before = sha256_of(published)
    year_db = built_sample["warehouse"] / "build" / "year=2024.duckdb"
    shutil.copy(year_db, year_db.with_suffix(".backup"))
    # Without the record of what the published file was built from, the candidate is built in full from staging
    # (otherwise the unchanged regions would be copied from the published file, where the row is not lost).
    state = Layout(built_sample["raw"], built_sample["warehouse"]).published_state
    shutil.move(state, state.with_suffix(".backup"))
    try:
        with duckdb.connect(str(year_db)) as con:  # lose a row between staging and publishing
            con.execute("DELETE FROM stg_kader WHERE rowid = (SELECT min(rowid) FROM stg_kader WHERE row_status = 'accepted')")
        result = defs.resolve_job_def("build").execute_in_process(
            run_config=QUIET, instance=dg.DagsterInstance.get(), raise_on_error=False, partition_key="2024")
    finally:
        shutil.move(year_db.with_suffix(".backup"), year_db)
        shutil.move(state.with_suffix(".backup"), state)
    failed = {e.check_name for e in result.get_asset_check_evaluations() if not e.passed and e.severity == dg.AssetCheckSeverity.ERROR}
    assert failed == {"conservation"}
    assert not result.success
    assert sha256_of(published) == before


def test_referential_integrity_fails_for_attendance_of_an_unregistered_organisation(broken_copy):
    with duckdb.connect(str(broken_copy)) as con:
        con.execute("UPDATE fct_advocacy_attendance SET org_code = 'TIDAK-ADA' WHERE rowid = (SELECT min(rowid) FROM fct_advocacy_attendance)")
    result = outcome(checks.referential_integrity, broken_copy)
    assert not result.passed
    assert result.failures == [{"rule": "attendance names a registered organisation of that region and year", "rows": 1}]


NIK_LIKE = [  # (text, whether it holds a NIK-like number)
    ("3375014506890003", True), ("NIK 3375014506890003.", True), ("a3375014506890003b", True),
    ("3375014506890003 3375014506890004", True), ("3.375.014.506.890.003", True), ("Rp 3.375.014.506.890.003,-", True),
    ("3,375,014,506,890,003", True), ("x 3.375.014.506.890.003,50 y", True),
    ("2025/33.75/3.375.014.506.890.003 3.375.014.506.890.004.xlsx", True), ("3375014506890003,3.375.014.506.890.004", True),
    ("0.3333333333333333", True),  # as text, 16 digits in a row (a number cell is shown with 15: pug.values.cell_text)
    ("33750112049000011", False), ("3.375.014.506.890.003.123", False), ("33.375.014.506.890.003", False),
    ("1.234.567", False), ("33.75.01.1002", False), ("Rp 150.000.000,-", False), ("", False),
]


def test_the_warehouse_masks_and_finds_a_nik_as_the_parser_does():
    """The SQL mask of file names (submissions.sql) and the no_nik check find and mask what pug.values does: a
    check stricter than the parser would block every publish, a laxer mask would store a NIK."""
    sql = (paths.PROJECT_ROOT / "pug" / "sql" / "warehouse" / "submissions.sql").read_text(encoding="utf-8")
    with duckdb.connect() as con:
        for macro in re.findall(r"CREATE OR REPLACE TEMP MACRO mask_nik.*?;", sql, re.S):
            con.execute(macro)
        for text, is_nik in NIK_LIKE:
            assert values.contains_nik(text) == is_nik, text
            assert con.execute("SELECT regexp_matches(?, ?)", [text, checks.NIK_REGEX]).fetchone()[0] == is_nik, text
            masked = con.execute("SELECT mask_nik(?)", [text]).fetchone()[0]
            assert masked == values.mask_nik(text), text
            assert not values.contains_nik(masked) and (masked == text) != is_nik, masked
