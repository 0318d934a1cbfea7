"""Operations: the sensors and schedules, readers during a build, and builds killed with SIGKILL."""

import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb

from operations import RESUBMITTED, copy_built_sample, project_env, resubmit, sha256_of_file, using_project
from assets.resources import PugPaths

PUG = [sys.executable, "-u", "-m", "pipelines.cli"]


# -- sensors and schedules ---------------------------------------------------------------------------------------

def test_the_sensor_waits_for_copies_ignores_lock_files_and_its_build_redoes_only_what_changed(built_sample, tmp_path):
    from pipelines.definitions import defs
    from pipelines.sensors import submissions_sensor

    raw, warehouse = tmp_path / "raw", tmp_path / "warehouse"
    shutil.copytree(built_sample["raw"] / "reference", raw / "reference")
    inbox = raw / "submissions" / "masuk"
    inbox.mkdir(parents=True)
    sample = built_sample["raw"] / "submissions"
    instance = dg.DagsterInstance.ephemeral()
    resources = {"pug_paths": PugPaths()}
    cursor = None
    ledger_only = [dg.AssetKey("reference_data"), dg.AssetKey("submission_ledger")]

    def look():
        nonlocal cursor
        result = submissions_sensor.evaluate_tick(dg.build_sensor_context(instance=instance, cursor=cursor, resources=resources))
        cursor = result.cursor
        return result

    def run(request, selection=ledger_only):
        """The build the request starts (its ledger step alone, unless told otherwise): what changed, by year."""
        assert request.job_name in (None, "build")
        result = defs.resolve_job_def("build").execute_in_process(instance=instance, tags=request.tags, asset_selection=selection)
        assert result.success
        return result

    def changed(result):
        (event,) = [e for e in result.get_asset_materialization_events()
                    if e.step_materialization_data.materialization.asset_key == dg.AssetKey("submission_ledger")]
        return event.step_materialization_data.materialization.metadata["changed"].value

    with using_project(raw, warehouse):
        shutil.copy2(sample / "2025" / "33.75" / "DPMPPA.xlsx", inbox / "DPMPPA.xlsx")
        shutil.copy2(sample / "2025" / "33.75" / "BAPPEDA.xlsx", inbox / "BAPPEDA.xlsx")
        (inbox / "~$DPMPPA.xlsx").write_bytes(b"\0" * 165)  # Excel's lock file: never a submission
        first = look()
        assert not first.run_requests and "waiting for them to settle" in first.skip_message
        assert "~$" not in first.skip_message
        (request,) = look().run_requests
        assert "no change" in look().skip_message
        # One run over every report year: each year's steps redo only what changed, here Pekalongan's 2025.
        assert request.partition_key_range == dg.PartitionKeyRange("2022", "2026")
        built = run(request, selection=None)
        staged = built.asset_materializations_for_node("parsed_submissions")[0].metadata["years"].value
        assert {year: figures["regions_staged"] for year, figures in staged.items()} == {"2025": ["33.75"]}
        assert (warehouse / "pug.duckdb").exists() and (warehouse / "review" / "2025.html").exists()

        # A copy in progress: half a file, then the rest; only a file that stopped changing starts a run.
        content = (sample / "2024" / "32.75" / "DPPPA.xlsx").read_bytes()
        partial = inbox / "DPPPA-2024.xlsx"
        partial.write_bytes(content[: len(content) // 2])
        assert "DPPPA-2024.xlsx" in look().skip_message
        with open(partial, "ab") as handle:
            handle.write(content[len(content) // 2:])
        assert not look().run_requests  # still changing since the last look
        (request,) = look().run_requests
        assert changed(run(request)) == {"2024": ["32.75"]}

        # Touched but not changed: the ledger finds the same sha256 and no year has anything to redo.
        os.utime(inbox / "BAPPEDA.xlsx", (time.time() + 5, time.time() + 5))
        look()
        (request,) = look().run_requests
        assert changed(run(request)) == {}

        # Removed: its year is built again (the version stops being current).
        (inbox / "BAPPEDA.xlsx").unlink()
        (request,) = look().run_requests
        assert changed(run(request)) == {"2025": ["33.75"]}

        # Back to files seen before (a file added, then removed): a change all the same, under a run key of its own.
        keys = {request.run_key}
        shutil.copy2(sample / "2025" / "33.75" / "BAPPEDA.xlsx", inbox / "BAPPEDA.xlsx")
        look()
        (request,) = look().run_requests
        keys.add(request.run_key)
        (inbox / "BAPPEDA.xlsx").unlink()
        (request,) = look().run_requests
        assert request.run_key not in keys


def test_the_close_schedule_waits_for_the_last_deadline_and_closes_once(tmp_path):
    from pipelines.definitions import defs
    from pipelines.schedules import close_previous_year, daily_submission_window

    raw, warehouse = tmp_path / "raw", tmp_path / "warehouse"
    shutil.copytree(Path(__file__).parents[1] / "raw" / "reference", raw / "reference")

    def evaluate(schedule, when):
        context = dg.build_schedule_context(scheduled_execution_time=when, resources={"pug_paths": PugPaths()},
                                            repository_def=defs.get_repository_def())
        return schedule.evaluate_tick(context)

    with using_project(raw, warehouse):
        # Pekalongan's deadline for 2025 is 31 March 2026, Bekasi's 15 April 2026 (raw/reference/tenggat.csv).
        assert "still open" in evaluate(close_previous_year, dt.datetime(2026, 4, 10, 2)).skip_message
        request = evaluate(close_previous_year, dt.datetime(2026, 4, 16, 2)).run_requests[0]
        assert request.partition_key == "2025"
        (warehouse / "editions").mkdir(parents=True)
        (warehouse / "editions" / "pug-2025.duckdb").write_bytes(b"")
        assert "already closed" in evaluate(close_previous_year, dt.datetime(2026, 4, 17, 2)).skip_message
        daily = evaluate(daily_submission_window, dt.datetime(2026, 2, 3, 6)).run_requests[0]
        assert daily.partition_key == "2025"


# -- readers during a build, builds killed ----------------------------------------------------------------------

READER = """
import json, pathlib, sys, time
import duckdb
path, stop, out = sys.argv[1:4]
queries, errors, seen = 0, [], set()
while not pathlib.Path(stop).exists():
    try:
        with duckdb.connect(path, read_only=True) as con:
            versions = con.execute("SELECT count(*) FROM fct_submission").fetchone()[0]
            read, accepted, quarantined = con.execute(
                "SELECT sum(rows_read), sum(rows_accepted), sum(rows_quarantined) FROM fct_submission_sheet").fetchone()
            tables = con.execute("SELECT count(*) FROM duckdb_tables()").fetchone()[0]
            marts = con.execute("SELECT count(*) FROM mart_submission_status").fetchone()[0]
        if read != accepted + quarantined or not marts:
            errors.append(f"incomplete warehouse: {read} read, {accepted} + {quarantined}, {marts} status rows")
        seen.add((versions, tables))
        queries += 1
    except Exception as exc:
        errors.append(repr(exc))
    time.sleep(0.01)
pathlib.Path(out).write_text(json.dumps({"queries": queries, "errors": errors, "seen": sorted(seen)}))
"""


def _start_build(raw, warehouse):
    env = {**os.environ, **project_env(raw, warehouse)}
    return subprocess.Popen([*PUG, "build", "--year", "2025"], cwd=Path(__file__).parents[1], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _kill_when(process, appears, signum=signal.SIGKILL, timeout=300):
    """Send `signum` to the build as soon as `appears()` is true; return whether it was seen before the build ended.
    A build told to stop (SIGTERM) must end within 10 s and leave none of its processes behind."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if appears():
            family = _descendants(process.pid)
            process.send_signal(signum)
            process.communicate(timeout=None if signum == signal.SIGKILL else 10)
            if signum != signal.SIGKILL:
                assert family  # the validation process at least was running
                time.sleep(0.5)  # a process ending is reaped by its parent a moment after
                assert not [pid for pid in family if _alive(pid)], "processes of the stopped build are left"
            return True
        time.sleep(0.005)
    process.kill()
    process.wait()
    return False


def _descendants(pid: int) -> list[int]:
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [grandchild for child in map(int, children) for grandchild in (child, *_descendants(child))]


def _alive(pid: int) -> bool:
    """Running, not a zombie waiting to be reaped."""
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False


def test_readers_are_never_refused_and_a_killed_or_stopped_build_leaves_the_warehouse_and_stops_nothing(built_sample, reference, tmp_path):
    raw, warehouse = copy_built_sample(built_sample, tmp_path)
    published = warehouse / "pug.duckdb"
    before = sha256_of_file(published)
    resubmit(raw, reference)
    build = warehouse / "build"

    reader_out, stop = tmp_path / "reader.json", tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(published), str(stop), str(reader_out)])
    try:
        # Killed while the staging database of 2025 is being written, while the candidate warehouse is being
        # written, and while the blocking checks run on the finished candidate; told to stop (SIGTERM, as a
        # service manager or `kill` does) while the candidate is written, with the validation process and the
        # feedback writers at work.
        def written(pattern):  # a partial file of this build's (a killed build leaves its own behind)
            before = set(build.glob(pattern))
            return lambda: bool(set(build.glob(pattern)) - before)

        kill_points = [
            ("staging", signal.SIGKILL, lambda: written(".year=2025.duckdb.*.partial")),
            ("candidate", signal.SIGKILL, lambda: written(".pug.candidate.duckdb.*.partial")),
            ("checks", signal.SIGKILL, lambda: (build / "pug.candidate.duckdb").exists),
            ("candidate", signal.SIGTERM, lambda: written(".pug.candidate.duckdb.*.partial")),
        ]
        for point, signum, watch in kill_points:
            appears = watch()
            assert _kill_when(_start_build(raw, warehouse), appears, signum), f"the build never reached {point}"
            assert sha256_of_file(published) == before, f"{signum.name} at {point}, the published warehouse changed"

        finished = _start_build(raw, warehouse)
        output, _ = finished.communicate(timeout=600)
        assert finished.returncode == 0, output
        assert "Traceback" not in output, output
        # The validation process ends with terminate(); it must leave no multiprocessing semaphore behind.
        assert "leaked semaphore" not in output, output
        assert sha256_of_file(published) != before
    finally:
        stop.write_text("")
        reader.wait(timeout=60)

    observed = json.loads(reader_out.read_text())
    assert observed["errors"] == [] and observed["queries"] > 50
    assert len({tables for _, tables in observed["seen"]}) == 1  # every read saw a whole warehouse
    with duckdb.connect(str(published), read_only=True) as con:
        current = con.execute("SELECT file_path FROM fct_submission WHERE is_current AND opd_code = 'KEC_PEKALONGAN_BARAT' "
                              "AND report_year = 2025").fetchone()[0]
    assert current == RESUBMITTED.replace(".xlsx", "_revisi.xlsx")
    assert [v for v, _ in observed["seen"]][-1] > observed["seen"][0][0] or len(observed["seen"]) == 1


# Run as a file of its own, as a build's process: the validation process it spawns unpickles _echo and _divide
# from it.
VALIDATE_IN_A_BUILD = """
import json, shutil, subprocess, sys
from pathlib import Path


def _echo(workspace, text):
    return text, workspace.beside is not None


def _divide(workspace, a, b):
    return a / b


if __name__ == "__main__":
    from pug.reference import Reference
    from pug.validation import validate
    from pug.validation.process import ValidationProcess

    source, target, reference_dir = map(Path, sys.argv[1:4])
    shutil.copy(source, target)
    validate.regions_to_validate = lambda db: (["33.75"], 2)  # as after a resubmission in Pekalongan
    process = ValidationProcess()
    summary = validate.validate_year(target, Reference.load(reference_dir), 2024, target.parent / "docs", process)
    process.wait_for_docs()
    assert summary["regions_validated"] == ["33.75"] and summary["rows_quarantined"] > 0, summary
    assert (target.parent / "docs" / "index.html").exists()
    first, second = process.submit(_echo, "satu"), process.submit(_echo, "dua")
    answers = [process.result(second), process.result(first)]  # in any order
    try:
        process.call(_divide, 1, 0)
        raised = None
    except ZeroDivisionError as error:
        raised = type(error).__name__
    pid = process._process.pid
    pids = [pid, *map(int, subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split())]
    process.close()
    print(json.dumps({"gx_loaded_here": "great_expectations" in sys.modules, "answers": answers, "raised": raised,
                      "pids": pids}))
"""


def test_a_build_validates_through_its_validation_process_which_answers_in_order_and_leaves_no_process(built_sample, tmp_path):
    """Great Expectations takes seconds to load: the build's own process prepares the rule inputs and reads the
    failing rows while GX loads in the validation process, and never loads GX itself. That process (and the one
    it forks beside it) answer calls in order, raise where a call is received, and end when the build closes its
    pipe: nothing is left running."""
    script = tmp_path / "validate_in_a_build.py"
    script.write_text(VALIDATE_IN_A_BUILD, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), str(built_sample["warehouse"] / "build" / "year=2024.duckdb"),
                           str(tmp_path / "year=2024.duckdb"), str(built_sample["raw"] / "reference")],
                          capture_output=True, text=True, timeout=300, cwd=Path(__file__).parents[1])
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert outcome["gx_loaded_here"] is False
    assert outcome["answers"] == [["dua", True], ["satu", True]] and outcome["raised"] == "ZeroDivisionError"
    assert len(outcome["pids"]) == 2  # the validation process and the one forked beside it
    deadline = time.monotonic() + 10  # the one beside ends when it sees its pipe close
    while any(Path(f"/proc/{pid}").exists() for pid in outcome["pids"]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(Path(f"/proc/{pid}").exists() for pid in outcome["pids"])
