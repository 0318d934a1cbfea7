"""`pug bench` at the smallest scale: it generates, measures and prints its line (a benchmark, not a timed test);
and the national roll-up of its warehouse with the two-city sample's, as two deployments would roll up."""

import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipelines.bench import print_bench, run_bench
from pipelines.cli import main
from pug.warehouse.rollup import SHARED_TABLES


@pytest.fixture(scope="module")
def bench(tmp_path_factory):
    root = tmp_path_factory.mktemp("bench")
    # One resubmission: the bench's three are the same build in three regions.
    return run_bench(1, root, log=lambda line: None, resubmissions=1), root


def test_bench_measures_a_national_build_and_prints_its_line(bench, capsys):
    result, root = bench
    print_bench(result)
    line = capsys.readouterr().out.strip().splitlines()[-1]
    fields = dict(re.findall(r"(\w+)=([\d.]+)", line))
    assert line.startswith("bench regions=1 ") and set(fields) == {
        "regions", "workbooks", "rows", "build_s", "floor_s", "ratio", "peak_rss_mib", "incremental_s", "incremental_published_s",
        "build_cpu_s", "one_workbook_s"}
    assert int(fields["workbooks"]) > 20 and int(fields["rows"]) > 5000
    assert float(fields["build_s"]) > float(fields["floor_s"]) > 0 and float(fields["peak_rss_mib"]) > 50
    # The CPU of the process tree was counted: the Great Expectations import in the validation process alone costs
    # seconds.
    assert float(fields["build_cpu_s"]) > 3 and 0 < result["incremental_cpu_s"]
    # Every stage of the breakdown was timed, and the resubmission parsed one file and validated one region.
    assert {"discover", "parse", "load", "validate", "marts", "publish", "reports"} <= set(result["stages_full"])
    assert result["stages_incremental"]["parse"] < result["stages_full"]["parse"]
    # The resubmission was timed; the warehouse is published before the build ends (reports follow).
    assert len(result["incremental_runs_s"]) == 1 and result["incremental_s"] in result["incremental_runs_s"]
    assert 0 < result["incremental_published_s"] < result["incremental_s"] and 0 < result["published_s"] < result["build_s"]
    assert not list((root / "raw" / "submissions").rglob("*_revisi.xlsx"))  # the sample is left as generated
    assert (root / "bench.json").exists()
    # What any build pays was measured on a build of the sample's first workbook alone.
    with duckdb.connect(str(root / "one-workbook" / "warehouse" / "pug.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM fct_submission").fetchone()[0] == 1
    assert len(list((root / "one-workbook" / "raw" / "submissions").rglob("*.xlsx"))) == 1
    assert 0 < result["one_workbook_published_s"] < result["one_workbook_s"] and result["one_workbook_cpu_s"] > 3


def test_two_deployments_roll_up_into_one_national_warehouse(bench, built_sample, tmp_path, capsys):
    regional = [built_sample["report"].published, bench[1] / "warehouse" / "pug.duckdb"]
    national = tmp_path / "national" / "pug-2025.duckdb"
    assert main(["rollup", "--out", str(national), *map(str, regional)]) == 0
    assert "2 warehouses" in capsys.readouterr().out

    with duckdb.connect(str(national), read_only=True) as con:
        for index, path in enumerate(regional):
            con.execute(f"ATTACH '{path}' AS r{index} (READ_ONLY)")
        tables = [t for (t,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'r0' ORDER BY 1").fetchall()]
        assert {t for (t,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'pug-2025'").fetchall()} == set(tables)
        for table in tables:
            total = con.execute(f'SELECT count(*) FROM "pug-2025".{table}').fetchone()[0]
            parts = [con.execute(f"SELECT count(*) FROM r{i}.{table}").fetchone()[0] for i in range(2)]
            if table in SHARED_TABLES:
                assert total == parts[0] == parts[1], table
            elif table == "dim_region":  # no region twice
                assert total == con.execute('SELECT count(DISTINCT region_code) FROM "pug-2025".dim_region').fetchone()[0]
            else:
                assert total == sum(parts), table
        regions = [{r for (r,) in con.execute(f"SELECT DISTINCT region_code FROM {db}.mart_submission_status").fetchall()}
                   for db in ('"pug-2025"', "r0", "r1")]
        assert regions[0] == regions[1] | regions[2] and {"33.75", "32.75"} <= regions[1] and len(regions[2]) == 1
        # Analysts keep the documentation: table and column comments come along.
        assert con.execute("""SELECT count(*) FROM duckdb_columns() WHERE database_name = 'pug-2025'
                              AND table_name = 'mart_org_coverage' AND comment IS NOT NULL""").fetchone()[0] >= 10
        expected = con.execute('SELECT count(*) FROM "pug-2025".fct_submission').fetchone()[0]
    # Written in the storage version DuckDB 1.x clients read, like the published warehouse: the 1.5 CLI opens it.
    cli = Path(sys.executable).parent / "duckdb"
    result = subprocess.run([str(cli), "-readonly", "-csv", "-noheader", str(national), "SELECT count(*) FROM fct_submission"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) == expected


def test_rollup_refuses_deployments_with_different_reference_data(built_sample, tmp_path, capsys):
    published = built_sample["report"].published
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as con:
        con.execute(f"ATTACH '{published}' AS p (READ_ONLY)")
        con.execute("COPY FROM DATABASE p TO other")
        con.execute("UPDATE dim_setting SET value = '99' WHERE setting = 'ambang_status_hampir'")
    assert main(["rollup", "--out", str(tmp_path / "national.duckdb"), str(published), str(other)]) == 1
    assert "dim_setting differs" in capsys.readouterr().err
    assert not (tmp_path / "national.duckdb").exists()
