"""`pug bench --regions N` (and `make bench`): a national-scale build of report year 2025, measured.

Generates (or reuses) the national sample under warehouse/bench/national-<N>/raw, then measures, each in a fresh
process as an operator would run it: the floor (every cell read, nothing else), a full `pug build --year 2025`
into an empty warehouse (wall time, peak memory of the process tree, the time of each stage from the Dagster run
records, and the CPU seconds of all its processes), and the publish after one resubmission. Prints a table,
then one line for logs and CI:
    bench regions=N workbooks=W rows=R build_s=B floor_s=F ratio=B/F peak_rss_mib=M incremental_s=I ...
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from pipelines.instance import project_env, use_project_instance
from pug import paths
from pug.paths import Layout
from pug.bench import PeakMemory, read_floor, resubmit_one

RESUBMISSIONS = 3  # timed one after another, in three regions; the median is reported

# Dagster steps -> the stages of the breakdown. discover and parse come from the ledger's own timing.
STAGES = {
    "parsed_submissions": "load",
    "row_verdicts": "validate",
    "feedback_workbooks": "feedback",
    "validation_docs": "docs",
    "warehouse_candidate": "marts",
    "candidate_checks": "checks",
    "published_warehouse": "publish",
    "review_pages": "reports",
    "analyst_reports": "reports",
}


def _timed_build(raw: Path, warehouse: Path, year: int) -> dict:
    env = {**os.environ, **project_env(raw, warehouse)}
    started, started_at = time.monotonic(), time.time()
    cpu_before = _children_cpu_seconds()
    process = subprocess.Popen([sys.executable, "-m", "pipelines.cli", "build", "--year", str(year)], env=env,
                               cwd=paths.PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with PeakMemory(process.pid) as memory:
        output, _ = process.communicate()
    seconds = time.monotonic() - started
    # The build and every worker it waited for. A steadier figure than the wall time on a shared machine, whose
    # speed drifts by a fifth from minute to minute.
    cpu_seconds = _children_cpu_seconds() - cpu_before
    if process.returncode != 0:
        raise RuntimeError(f"pug build failed ({process.returncode}):\n{output[-4000:]}")
    stages, published_at = _stages(warehouse, process.pid, seconds)
    return {"seconds": round(seconds, 2), "peak_rss_mib": memory.peak_mib, "stages": stages,
            "published_s": round(published_at - started_at, 2), "cpu_s": round(cpu_seconds, 1)}


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _stages(warehouse: Path, pid: int, total: float) -> tuple[dict[str, float], float]:
    """Seconds per stage of the build run by process `pid`, from its Dagster runs (tagged with the pid); and when
    its publish step ended (the new warehouse in place; review pages and reports follow)."""
    instance_env = project_env(warehouse.parent / "raw", warehouse)
    os.environ.update({key: instance_env[key] for key in ("PUG_DAGSTER_STORAGE", "PUG_DAGSTER_COMPUTE_LOGS")})
    use_project_instance()
    import dagster as dg

    stages: dict[str, float] = {"discover": 0.0, "parse": 0.0}
    published_at = 0.0
    with dg.DagsterInstance.get() as instance:
        for run in instance.get_runs(filters=dg.RunsFilter(tags={"pug/pid": str(pid)})):
            for step in instance.get_run_step_stats(run.run_id):
                seconds = (step.end_time or 0) - (step.start_time or 0)
                if step.step_key == "submission_ledger":
                    record = instance.get_latest_materialization_event(dg.AssetKey("submission_ledger"))
                    metadata = record.asset_materialization.metadata if record else {}
                    for stage in ("discover", "parse"):
                        stages[stage] += float(getattr(metadata.get(f"seconds_{stage}"), "value", 0) or 0)
                    continue
                stage = STAGES.get(step.step_key, "other")
                stages[stage] = stages.get(stage, 0.0) + seconds
                if step.step_key == "published_warehouse":
                    published_at = step.end_time or 0.0
    stages["orchestration"] = total - sum(stages.values())  # process start, imports, Dagster between the steps
    return {stage: round(value, 2) for stage, value in stages.items()}, published_at


def run_bench(regions: int, root: Path | None = None, year: int = 2025, log=print, mistakes: float = 0.0,
              resubmissions: int = RESUBMISSIONS) -> dict:
    from pug.synthetic.national import generate_national

    root = root or Layout.from_environment().bench(f"national-{regions}-mistakes-{mistakes:g}" if mistakes else f"national-{regions}")
    raw, warehouse = root / "raw", root / "warehouse"
    truth_file = raw / "national_truth.json"
    if truth_file.exists() and _mistakes_rate(truth_file) == mistakes:
        log(f"bench: reusing the national sample in {raw}")
        for revised in (raw / "submissions").rglob("*_revisi.xlsx"):  # a previous bench's resubmission
            revised.unlink()
    else:
        log(f"bench: generating the national sample of {regions} regions in {raw} ...")
        shutil.rmtree(raw, ignore_errors=True)
        generate_national(raw, regions, mistakes=mistakes)

    log("bench: the floor (reading every cell of every submission) ...")
    floor = read_floor(raw / "submissions")
    log(f"bench:   {floor['workbooks']} workbooks, {floor['rows']:,} rows, {floor['cells']:,} cells in {floor['seconds']} s")

    shutil.rmtree(warehouse, ignore_errors=True)
    log(f"bench: full build of report year {year} into an empty warehouse ...")
    full = _timed_build(raw, warehouse, year)
    log(f"bench:   {full['seconds']} s ({full['cpu_s']} s of CPU), peak {full['peak_rss_mib']} MiB")

    # What every build pays whatever it reads (Dagster's start and run, Great Expectations' import and its nine
    # suites, the candidate, checks and publish): the same build of one workbook, beside the full build's figures.
    log("bench: full build of one workbook into an empty warehouse ...")
    one_workbook = _timed_build(_one_workbook_sample(raw, root / "one-workbook" / "raw", year), root / "one-workbook" / "warehouse", year)
    log(f"bench:   {one_workbook['seconds']} s ({one_workbook['cpu_s']} s of CPU), published at {one_workbook['published_s']} s")

    # The shared machine's speed drifts by a fifth from minute to minute: several resubmissions (three by default),
    # each in another region, are timed and the median reported.
    timed = []
    for attempt in range(resubmissions):
        revised = resubmit_one(raw / "submissions", year, fraction=attempt / resubmissions)
        log(f"bench: publish after one resubmission ({revised.relative_to(raw)}) ...")
        timed.append(_timed_build(raw, warehouse, year))
        log(f"bench:   {timed[-1]['seconds']} s (warehouse published at {timed[-1]['published_s']} s)")
    for revised in (raw / "submissions").rglob("*_revisi.xlsx"):  # the sample stays as generated, for the next bench
        revised.unlink()
    incremental = sorted(timed, key=lambda r: r["seconds"])[len(timed) // 2]

    result = {
        "regions": regions, "mistakes": mistakes, "workbooks": floor["workbooks"], "rows": floor["rows"], "cells": floor["cells"],
        "build_s": full["seconds"], "floor_s": floor["seconds"], "ratio": round(full["seconds"] / max(floor["seconds"], 0.01), 2),
        "peak_rss_mib": max(full["peak_rss_mib"], *(r["peak_rss_mib"] for r in timed)),
        "incremental_s": incremental["seconds"], "incremental_published_s": incremental["published_s"],
        "incremental_runs_s": [r["seconds"] for r in timed], "published_s": full["published_s"],
        "build_cpu_s": full["cpu_s"], "incremental_cpu_s": incremental["cpu_s"],
        "stages_full": full["stages"], "stages_incremental": incremental["stages"],
        "one_workbook_s": one_workbook["seconds"], "one_workbook_published_s": one_workbook["published_s"],
        "one_workbook_cpu_s": one_workbook["cpu_s"],
    }
    (root / "bench.json").write_text(json.dumps(result, indent=1))
    return result


def _one_workbook_sample(raw: Path, target: Path, year: int) -> Path:
    """A raw folder beside the sample with its reference data and only the first workbook of the report year (the
    old folder and its warehouse removed)."""
    shutil.rmtree(target.parent, ignore_errors=True)
    shutil.copytree(raw / "reference", target / "reference")
    first = sorted((raw / "submissions" / str(year)).rglob("*.xlsx"))[0]
    copy = target / first.relative_to(raw)
    copy.parent.mkdir(parents=True)
    shutil.copy2(first, copy)
    return target


def _mistakes_rate(truth_file: Path) -> float:
    """The share of rows given a mistake in a generated national sample (samples written before the option: 0)."""
    return float(json.loads(truth_file.read_text(encoding="utf-8")).get("mistakes", {}).get("rate", 0.0))


def print_bench(result: dict) -> None:
    print()
    print(f"{'stage':<15}{'full build s':>14}{'resubmission s':>16}")
    for stage in dict.fromkeys([*result["stages_full"], *result["stages_incremental"]]):
        print(f"{stage:<15}{result['stages_full'].get(stage, 0):>14.2f}{result['stages_incremental'].get(stage, 0):>16.2f}")
    print(f"{'total':<15}{result['build_s']:>14.2f}{result['incremental_s']:>16.2f}")
    print(f"{'published at':<15}{result['published_s']:>14.2f}{result['incremental_published_s']:>16.2f}")
    print(f"{'CPU seconds':<15}{result['build_cpu_s']:>14.1f}{result['incremental_cpu_s']:>16.1f}")
    print(f"{'floor':<15}{result['floor_s']:>14.2f}")
    print(f"one workbook: {result['one_workbook_s']} s, published at {result['one_workbook_published_s']} s, "
          f"{result['one_workbook_cpu_s']} s of CPU (what any build pays; 3 times the floor is {3 * result['floor_s']:.2f} s)")
    print(f"resubmissions: {', '.join(map(str, result['incremental_runs_s']))} s (the median is reported)")
    print()
    print(f"bench regions={result['regions']} workbooks={result['workbooks']} rows={result['rows']} build_s={result['build_s']} "
          f"floor_s={result['floor_s']} ratio={result['ratio']} peak_rss_mib={result['peak_rss_mib']} "
          f"incremental_s={result['incremental_s']} incremental_published_s={result['incremental_published_s']} "
          f"build_cpu_s={result['build_cpu_s']} one_workbook_s={result['one_workbook_s']}" + (f" mistakes={result['mistakes']:g}" if result.get("mistakes") else ""))
