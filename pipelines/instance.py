"""The project's Dagster instance: where it lives, and recovering what a killed build left in it.

The one module that touches names Dagster does not document as public (PRIVATE_NAMES; the instance settings of
dagster.yaml name two such modules too): tests/test_library_boundaries.py fails when one disappears.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import dagster as dg

from pug.paths import PROJECT_ROOT, Layout

# (module, attribute): what this module and dagster.yaml use although Dagster does not document it as public API.
PRIVATE_NAMES = (
    ("dagster.DagsterInstance", "event_log_storage"),
    ("dagster._core.storage.event_log.base.EventLogStorage", "get_concurrency_keys"),
    ("dagster._core.storage.event_log.base.EventLogStorage", "get_concurrency_info"),
    ("dagster._core.storage.event_log.base.EventLogStorage", "free_concurrency_slots_for_run"),
    ("dagster._core.storage.root", "LocalArtifactStorage"),  # dagster.yaml: local_artifact_storage
    ("dagster._core.storage.local_compute_log_manager", "LocalComputeLogManager"),  # dagster.yaml: compute_logs
)


def project_env(raw: Path, warehouse: Path) -> dict[str, str]:
    """The environment that points pug and its Dagster instance at a raw/ and a warehouse/ directory."""
    dagster = Layout(raw, warehouse).dagster
    return {"PUG_RAW_DIR": str(raw), "PUG_WAREHOUSE_DIR": str(warehouse), "PUG_DAGSTER_STORAGE": str(dagster),
            "PUG_DAGSTER_COMPUTE_LOGS": str(dagster / "compute_logs")}


def use_project_instance() -> None:
    """DAGSTER_HOME is the checkout (its dagster.yaml: SQLite storage under the warehouse directory), or
    deploy/postgres/ (its dagster.yaml: Postgres storage) when PUG_DAGSTER_POSTGRES_URL is set; an explicit
    DAGSTER_HOME wins. Artifacts and step logs go under the warehouse directory either way."""
    home = PROJECT_ROOT / "deploy" / "postgres" if os.environ.get("PUG_DAGSTER_POSTGRES_URL") else PROJECT_ROOT
    os.environ.setdefault("DAGSTER_HOME", str(home))
    layout = Layout.from_environment()
    defaults = project_env(layout.raw, layout.warehouse)
    os.environ.setdefault("PUG_DAGSTER_STORAGE", defaults["PUG_DAGSTER_STORAGE"])
    os.environ.setdefault("PUG_DAGSTER_COMPUTE_LOGS", str(Path(os.environ["PUG_DAGSTER_STORAGE"]) / "compute_logs"))
    Path(os.environ["PUG_DAGSTER_STORAGE"]).mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")


# Runs that `pug` executes in its own process carry that process, so a later build can tell a live run from a
# killed one (the daemon's run monitoring does the same for the runs it launched).
RUNNER_TAGS = {"pug/host": socket.gethostname(), "pug/pid": str(os.getpid())}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover_killed_runs(instance: dg.DagsterInstance, log=print) -> list[str]:
    """Mark as failed the runs of `pug` on this host whose process is gone (a build killed with SIGKILL never
    reports its end), and give back the concurrency slots they held, so the next build is not left waiting."""
    recovered = []
    unfinished = instance.get_runs(filters=dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING],
                                                          tags={"pug/host": RUNNER_TAGS["pug/host"]}))
    storage = instance.event_log_storage
    for run in unfinished:
        pid = int(run.tags.get("pug/pid", "0"))
        if pid == os.getpid() or (pid and _alive(pid)):
            continue
        instance.report_run_failed(run, f"the process running it (pid {pid}) is gone: killed or crashed")
        storage.free_concurrency_slots_for_run(run.run_id)
        recovered.append(run.run_id)
    # A slot can also outlive its run record (run storage reset while a step waited): free any slot whose run is
    # not running any more.
    for pool in storage.get_concurrency_keys():
        info = storage.get_concurrency_info(pool)
        for run_id in {slot.run_id for slot in info.claimed_slots} | {step.run_id for step in info.pending_steps}:
            run = instance.get_run_by_id(run_id)
            if run_id in recovered or run is None or run.is_finished:
                storage.free_concurrency_slots_for_run(run_id)
                recovered.append(run_id)
    if recovered:
        log(f"pug build: {len(set(recovered))} run(s) of a killed build marked failed, their locks released")
    return recovered
