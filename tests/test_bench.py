"""`pug bench` at the smallest scale: it generates, measures and prints its line (a benchmark, not a timed test)."""

import re

from pipelines.bench import print_bench, run_bench


def test_bench_measures_a_national_build_and_prints_its_line(tmp_path, capsys):
    result = run_bench(1, tmp_path / "bench", log=lambda line: None)
    print_bench(result)
    line = capsys.readouterr().out.strip().splitlines()[-1]
    fields = dict(re.findall(r"(\w+)=([\d.]+)", line))
    assert line.startswith("bench regions=1 ") and set(fields) == {
        "regions", "workbooks", "rows", "build_s", "floor_s", "ratio", "peak_rss_mib", "incremental_s"}
    assert int(fields["workbooks"]) > 20 and int(fields["rows"]) > 5000
    assert float(fields["build_s"]) > float(fields["floor_s"]) > 0 and float(fields["peak_rss_mib"]) > 50
    # Every stage of the breakdown was timed, and the resubmission parsed one file and validated one region.
    assert {"discover", "parse", "load", "validate", "marts", "publish", "reports"} <= set(result["stages_full"])
    assert result["stages_incremental"]["parse"] < result["stages_full"]["parse"]
    assert (tmp_path / "bench" / "bench.json").exists()
