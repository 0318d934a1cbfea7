"""The formulas of docs/methods.md, on hand-made cases, including the edge cases."""

import duckdb
import pytest

from pug import paths
from pug.sqlfiles import methods_markdown, run_sql_file


@pytest.fixture(scope="module")
def con():
    with duckdb.connect() as con:
        con.execute("CREATE TABLE dim_setting AS SELECT * FROM (VALUES ('ambang_status_hampir', '90'), ('toleransi_selisih_pct', '5')) t(setting, value)")
        run_sql_file(con, "warehouse/methods.sql")
        yield con


def value(con, expression):
    return con.execute(f"SELECT {expression}").fetchone()[0]


@pytest.mark.parametrize("actual, target, direction, expected", [
    (50, 100, "NAIK", 50.0),
    (120, 100, "NAIK", 120.0),
    (0, 0, "NAIK", 100.0),       # a zero target is attained by any value
    (5, 0, "NAIK", 100.0),
    (40, 50, "TURUN", 125.0),    # fewer cases than the target: better than planned
    (60, 48, "TURUN", 80.0),
    (0, 10, "TURUN", 200.0),     # zero cases is the best possible
    (1, 10, "TURUN", 200.0),     # never above zero cases: a tenth of the target counts as twice the target, as 0 does
    (6, 10, "TURUN", 100.0 * 10 / 6),
    (0, 0, "TURUN", 100.0),      # a target of zero, met
    (1, 0, "TURUN", 50.0),       # missed by one case
    (3, 0, "TURUN", 25.0),       # missed by three: lower still, not 0 for every miss
    ("NULL", 100, "NAIK", None),  # no value yet
    (50, "NULL", "NAIK", None),   # no target
])
def test_attainment(con, actual, target, direction, expected):
    assert value(con, f"attainment_pct({actual}, {target}, '{direction}')") == expected


@pytest.mark.parametrize("attainment, target, actual, expected", [
    (100, 10, 10, "achieved"), (95, 10, 9.5, "near"), (89.9, 10, 8.99, "behind"),
    ("NULL", "NULL", 10, "no_target"), ("NULL", 10, "NULL", "no_data"),
])
def test_status_bands(con, attainment, target, actual, expected):
    assert value(con, f"progress_status({attainment}, {target}, {actual}, setting_number('ambang_status_hampir'))") == expected


@pytest.mark.parametrize("projected, final_target, points, expected", [
    (100, 100, 3, "on_track"), (92, 100, 3, "at_risk"), (50, 100, 3, "off_track"),
    (120, 100, 1, "not_enough_data"), (120, "NULL", 4, "no_target"),
])
def test_outlook(con, projected, final_target, points, expected):
    assert value(con, f"outlook({projected}, {final_target}, {points}, 90)") == expected


@pytest.mark.parametrize("reported, computed, expected", [(100, 104, False), (100, 110, True), (0, 0, False), (1, 0, True), ("NULL", 5, None)])
def test_reported_and_computed_values_disagree_beyond_the_tolerance(con, reported, computed, expected):
    assert value(con, f"values_disagree({reported}, {computed}, setting_number('toleransi_selisih_pct'))") == expected


def test_readiness_bands(con):
    assert [value(con, f"readiness_band({s}, 85, 70)") for s in (90, 75, 10, "NULL")] == ["strong", "developing", "early", None]


def test_docs_methods_is_generated_from_the_sql():
    committed = (paths.PROJECT_ROOT / "docs" / "methods.md").read_text(encoding="utf-8")
    assert committed == methods_markdown(), "run: pug methods > docs/methods.md"


def test_fewer_is_never_worse_for_a_turun_indicator(con):
    for target in (0, 1, 5, 48):
        scores = [value(con, f"attainment_pct({actual}, {target}, 'TURUN')") for actual in range(0, 120)]
        assert all(a >= b for a, b in zip(scores, scores[1:])), target
