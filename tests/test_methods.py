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


@pytest.mark.parametrize("actual, target, expected", [
    (94.0, 94.0, 100.0), (97.0, 94.0, 200.0),  # closer to parity than the target: at most 200, as lower is better
    (91.0, 94.0, 100.0 * 6 / 9), (103.0, 97.0, 100.0),  # past parity is as far from it as short of it
    (100.0, 100.0, 100.0), (99.0, 100.0, 50.0),
])
def test_attainment_against_parity(con, actual, target, expected):
    assert value(con, f"attainment_pct({actual}, {target}, 'NAIK', parity := 100)") == pytest.approx(expected)


def test_context_indicators_have_no_attainment_status_or_outlook(con):
    assert value(con, "attainment_pct(50, 40, NULL)") is None
    assert value(con, "progress_status(NULL, 40, 50, 90, is_context := true)") is None
    assert value(con, "outlook(NULL, 40, 4, 90, is_context := true)") is None


def test_readiness_weighted_mean_leaves_out_what_is_missing(con):
    assert value(con, "weighted_mean([80.0, NULL, 20.0], [1.0, 1.0, 3.0])") == pytest.approx((80 + 60) / 4)
    assert value(con, "weighted_mean([NULL::DOUBLE, NULL], [1.0, 1.0])") is None


def test_readiness_bands(con):
    assert [value(con, f"readiness_band({s}, 85, 70)") for s in (90, 75, 10, "NULL")] == ["strong", "developing", "early", None]


def test_docs_methods_is_generated_from_the_sql():
    committed = (paths.PROJECT_ROOT / "docs" / "methods.md").read_text(encoding="utf-8")
    assert committed == methods_markdown(), "run: pug methods > docs/methods.md"


def test_fewer_is_never_worse_for_a_turun_indicator(con):
    for target in (0, 1, 5, 48):
        scores = [value(con, f"attainment_pct({actual}, {target}, 'TURUN')") for actual in range(0, 120)]
        assert all(a >= b for a, b in zip(scores, scores[1:])), target


def test_every_definition_in_the_methods_names_its_source_and_every_setting_and_rule_is_there():
    """docs/methods.md says for each definition where it comes from, or that it is this project's choice; and it
    names every setting and every computation rule, so the docs and the code stay in step."""
    import csv
    import re

    text = methods_markdown()
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    assert sections
    for section in sections:
        title, *_ = section.splitlines()
        if title == "The indicator catalogue":
            rows = [line for line in section.splitlines() if line.startswith("| `")]
            assert rows and all(line.rstrip(" |").rsplit("|", 1)[1].strip() for line in rows), title
        elif title == "Computed indicators":
            for rule in re.split(r"^### ", section, flags=re.M)[1:]:
                assert "Source:" in rule, rule.splitlines()[0]
        else:
            assert "Source:" in section, title
    reference = paths.PROJECT_ROOT / "raw" / "reference"
    with open(reference / "pengaturan.csv", encoding="utf-8") as handle:
        settings = [row["kunci"] for row in csv.DictReader(handle)]
    with open(reference / "indikator.csv", encoding="utf-8") as handle:
        catalogue = list(csv.DictReader(handle))
    assert [s for s in settings if s not in text] == []
    assert [r["aturan_hitung"] for r in catalogue if r["aturan_hitung"] and f"### `{r['aturan_hitung']}`" not in text] == []
    assert [r["kode_indikator"] for r in catalogue if f"| `{r['kode_indikator']}` |" not in text] == []
