"""Builds that survive each other and their own state (issue 19), each on a copy of the built sample: one build at a
time per warehouse, caches that heal, a ledger restored from its backup or rebuilt, and every failure named in one
line in both languages."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from operations import copy_built_sample, resubmit, sha256_of_file, using_project, warehouse_differences

from pipelines.build import BuildFailed, run_build
from pipelines.instance import project_env
from pug.failures import explain
from pug.ingest import ledger_backup
from pug.warehouse import blocking_checks
from pug.warehouse.lock import BuildLock

PROJECT = Path(__file__).parents[1]
PUG = [sys.executable, "-u", "-m", "pipelines.cli"]


def _pug(raw: Path, warehouse: Path, *args: str, **options) -> subprocess.Popen:
    """`pug ...` on that raw/ and warehouse/; `env` adds variables to the environment, or removes those set to None."""
    env = {**os.environ, **project_env(raw, warehouse), **options.pop("env", {})}
    return subprocess.Popen([*PUG, *args], cwd=PROJECT, env={k: v for k, v in env.items() if v is not None},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **options)


def _last_line(stderr: str) -> str:
    return stderr.strip().splitlines()[-1]


def _passes_its_checks(published: Path) -> bool:
    return all(outcome.passed for outcome in blocking_checks.run_checks(published))


@pytest.fixture
def sample_copy(built_sample, reference, tmp_path):
    """A copy of the built sample with one resubmission waiting, so that the next build has work to do."""
    raw, warehouse = copy_built_sample(built_sample, tmp_path)
    resubmit(raw, reference)
    return raw, warehouse


def test_two_builds_started_together_end_one_after_the_other_and_publish_a_sound_warehouse(sample_copy):
    raw, warehouse = sample_copy
    builds = [_pug(raw, warehouse, "build") for _ in range(2)]
    outputs = [build.communicate(timeout=900) for build in builds]
    assert [build.returncode for build in builds] == [0, 0], [err[-2000:] for _, err in outputs]
    assert all("Traceback" not in err for _, err in outputs)
    said = "".join(out + err for out, err in outputs)
    assert "waiting for another build to end" in said  # the second one waited for the first, and said so
    assert _passes_its_checks(warehouse / "pug.duckdb")


def test_a_build_that_cannot_wait_is_refused_naming_the_build_that_runs(sample_copy):
    raw, warehouse = sample_copy
    published = sha256_of_file(warehouse / "pug.duckdb")
    holder = BuildLock(warehouse)
    holder.acquire("0123456789abcdef", "pug build", 0)  # another build, as far as the second one can tell
    try:
        refused = _pug(raw, warehouse, "build", "--wait", "1")
        _, err = refused.communicate(timeout=300)
    finally:
        holder.release()
    line = _last_line(err)
    assert refused.returncode == 1 and "Traceback" not in err, err[-3000:]
    assert line.startswith("pug build: FAILED: Build lain sedang berjalan") and "Another build is running" in line
    assert f"run 01234567 (pug build, PID {os.getpid()}@" in line
    assert sha256_of_file(warehouse / "pug.duckdb") == published


def test_a_build_killed_while_holding_the_lock_leaves_no_lock_behind(sample_copy):
    raw, warehouse = sample_copy
    lock = BuildLock(warehouse)
    build = _pug(raw, warehouse, "build", start_new_session=True)
    deadline = time.monotonic() + 300
    while not lock.is_held() and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert lock.is_held(), "the build never took the lock"
    os.killpg(build.pid, signal.SIGKILL)
    build.communicate(timeout=60)
    assert not lock.is_held()
    with using_project(raw, warehouse):
        assert run_build(log=lambda line: None, wait_seconds=0).ok


def test_garbage_in_every_cache_file_and_a_forced_restage_give_the_warehouse_of_a_clean_build(built_sample, tmp_path):
    raw, warehouse = copy_built_sample(built_sample, tmp_path)
    clean = built_sample["warehouse"] / "pug.duckdb"
    cached = [p for p in (warehouse / "cache").rglob("*") if p.is_file()]
    states = [warehouse / "build" / "published.json", *(warehouse / "build").glob("year=*.duckdb"),
              *(warehouse / "build").glob("*_sections/*/*.json")]
    assert len(cached) > 200 and len(states) > 4
    for number, file in enumerate([*cached, *states]):
        file.write_bytes([b"", b"\x80\x04garbage", b"{", b"[]", b"\x00" * 4096][number % 5])
    said = []
    with using_project(raw, warehouse):
        report = run_build(log=said.append)
    assert report.ok and report.parsed == 0  # the ledger knew every file: nothing was new to it
    assert all(report.regions_staged[year] for year in report.years)  # every region staged again, from the files
    assert warehouse_differences(clean, report.published, ignored=("last_seen_at",)) == {}  # seen again: now
    assert all(p.read_bytes()[:1] == b"{" and len(p.read_bytes()) > 100 for p in (warehouse / "cache").rglob("*.json"))


def test_a_damaged_ledger_is_restored_from_its_backup_or_stops_the_build_until_rebuilt(sample_copy):
    raw, warehouse = sample_copy
    ledger = warehouse / "state" / "ledger.duckdb"
    assert ledger_backup.backups(ledger), "a successful build backs the ledger up"
    with using_project(raw, warehouse):
        files_before = run_build(log=lambda line: None).ok and ledger_backup.problem_with(ledger) is None
        assert files_before
        backups = ledger_backup.backups(ledger)
        assert 2 <= len(backups) <= ledger_backup.BACKUPS_KEPT and (ledger.parent / "backups" / "ledger.key").exists()

        with open(ledger, "r+b") as handle:
            handle.truncate(ledger.stat().st_size // 2)
        said = []
        report = run_build(log=said.append)
        assert report.ok
        restored = [line for line in said if "restored from the backup" in line]
        assert restored and backups[0].name in restored[0] and "dipulihkan dari cadangan" in restored[0]
        assert ledger_backup.problem_with(ledger) is None

        with open(ledger, "r+b") as handle:
            handle.truncate(ledger.stat().st_size // 2)
        shutil.rmtree(ledger.parent / "backups")
        published = sha256_of_file(report.published)
        for _ in range(2):  # the damaged ledger stays where it is: every build stops until it is dealt with
            with pytest.raises(BuildFailed) as failed:
                run_build(log=lambda line: None)
            assert f"Ledger {ledger} rusak" in str(failed.value) and "pug ledger rebuild" in str(failed.value)
        assert sha256_of_file(report.published) == published

    rebuilt = _pug(raw, warehouse, "ledger", "rebuild")
    out, err = rebuilt.communicate(timeout=300)
    assert rebuilt.returncode == 0, err
    assert "first-seen times are estimates" in out
    with using_project(raw, warehouse):
        report = run_build(log=lambda line: None)
    assert report.ok and report.parsed == 0
    assert _passes_its_checks(report.published)


def test_a_build_on_a_full_disk_says_so_leaves_the_published_warehouse_and_the_next_build_succeeds(sample_copy, tmp_path):
    if os.geteuid() != 0:
        if os.environ.get("CI"):
            pytest.fail("CI runs as root, to mount a small tmpfs")
        pytest.skip("mounting a tmpfs needs root")
    raw, warehouse = sample_copy
    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256m", "tmpfs", str(disk)], check=True)
    try:
        small = disk / "warehouse"
        shutil.copytree(warehouse, small, symlinks=True)
        published = sha256_of_file(small / "pug.duckdb")
        filler = disk / "filler"
        free = shutil.disk_usage(disk).free
        subprocess.run(["fallocate", "-l", str(free - (2 << 20)), str(filler)], check=True)
        full = _pug(raw, small, "build")
        _, err = full.communicate(timeout=600)
        line = _last_line(err)
        assert full.returncode == 1 and "Traceback" not in err, err[-3000:]
        assert line.startswith("pug build: FAILED: Disk penuh") and f"Disk full: {small} has" in line
        assert sha256_of_file(small / "pug.duckdb") == published
        filler.unlink()
        again = _pug(raw, small, "build")
        _, err = again.communicate(timeout=600)
        assert again.returncode == 0, err[-3000:]
        assert sha256_of_file(small / "pug.duckdb") != published
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_postgres_storage_without_its_package_names_the_package_and_the_command_to_install_it(sample_copy, tmp_path):
    """The package is hidden as pip leaves it when the extra is not installed: importing it fails."""
    raw, warehouse = sample_copy
    hidden = tmp_path / "without_postgres"
    hidden.mkdir()
    (hidden / "dagster_postgres.py").write_text(
        "raise ModuleNotFoundError(\"No module named 'dagster_postgres'\", name='dagster_postgres')\n")
    build = _pug(raw, warehouse, "build", env={"PYTHONPATH": str(hidden), "DAGSTER_HOME": None,  # pug chooses it
                                               "PUG_DAGSTER_POSTGRES_URL": "postgresql://pug@127.0.0.1:9/none"})
    _, err = build.communicate(timeout=300)
    assert build.returncode == 1 and "Traceback" not in err, err[-3000:]
    assert _last_line(err) == ("pug build: FAILED: Paket Python dagster_postgres belum terpasang; pasang dengan: "
                               "pip install -e '.[postgres]' / The Python package dagster_postgres is not installed; "
                               "install it with: pip install -e '.[postgres]'")


@pytest.mark.parametrize("chain", [
    [("DagsterExecutionStepExecutionError", "Error occurred while executing op"), ("OSError", "[Errno 28] No space left on device")],
    [("IOException", "IO Error: Could not write file \"x\": No space left on device")],
    [("OperationalError", "(sqlite3.OperationalError) database or disk is full")],
])
def test_every_way_a_full_disk_is_reported_is_named_a_full_disk(chain, tmp_path):
    assert explain(chain, tmp_path).startswith("Disk penuh: folder")


def test_every_asset_holds_the_warehouse_lock():
    """A run takes the lock when it sets up its resources, for the assets it runs; an asset without the lock would
    let a run that materializes only it write beside another build."""
    from pipelines.definitions import defs

    assets = [a for a in defs.resolve_asset_graph().assets_defs if a.is_executable and a.keys]
    assert len(assets) >= 10
    assert [a.key.to_user_string() for a in assets if "warehouse_lock" not in a.required_resource_keys] == []
