"""The Dagster instance storage: SQLite under the warehouse by default, Postgres (dagster-postgres, deploy/postgres/
dagster.yaml) when PUG_DAGSTER_POSTGRES_URL is set. The Postgres test materializes real assets on a real server:
PUG_TEST_POSTGRES_URL names one (.ci/postgres starts it in CI); without it the test skips, or fails in CI (CI=true).

Each build runs in a subprocess, so DAGSTER_HOME and the other variables of this process stay as they are."""

import json
import os
import shutil
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from pug import paths

# Variables that choose the instance; a subprocess starts without them unless the test sets them.
INSTANCE_VARIABLES = ("DAGSTER_HOME", "PUG_DAGSTER_POSTGRES_URL", "PUG_DAGSTER_STORAGE", "PUG_DAGSTER_COMPUTE_LOGS",
                      "PUG_RAW_DIR", "PUG_WAREHOUSE_DIR")

DESCRIBE_INSTANCE = """
import json, os
from pipelines.instance import use_project_instance
use_project_instance()
import dagster as dg
with dg.DagsterInstance.get() as instance:
    print(json.dumps({"home": os.environ["DAGSTER_HOME"], "storage": os.environ["PUG_DAGSTER_STORAGE"],
                      "run_storage": type(instance.run_storage).__name__,
                      "event_log_storage": type(instance.event_log_storage).__name__}))
"""

MATERIALIZE = """
import json, os
from pipelines.build import QUIET
from pipelines.instance import use_project_instance
use_project_instance()
import dagster as dg
from pipelines.definitions import defs
with dg.DagsterInstance.get() as instance:
    storage = type(instance.run_storage).__name__
    assert "Postgres" in storage, f"run storage is {storage}, not Postgres (DAGSTER_HOME={os.environ['DAGSTER_HOME']})"
    result = defs.resolve_job_def("build").execute_in_process(
        run_config=QUIET, instance=instance, asset_selection=[dg.AssetKey("reference_data"), dg.AssetKey("submission_ledger")])
    print(json.dumps({"home": os.environ["DAGSTER_HOME"], "run_storage": storage,
                      "event_log_storage": type(instance.event_log_storage).__name__,
                      "run_id": result.run_id, "success": result.success}))
"""


def run_python(code: str, **variables: str) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in INSTANCE_VARIABLES}
    env.update(variables)
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=paths.PROJECT_ROOT, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def unavailable(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; in CI, .ci/run installs and starts PostgreSQL (.ci/postgres) and sets PUG_TEST_POSTGRES_URL")
    pytest.skip(reason)


@contextmanager
def scratch_database(url: str):
    """A new, empty database on the server of `url` (its role may create databases), dropped afterwards: the URL
    of the new database."""
    try:
        import psycopg2
    except ImportError:
        unavailable("psycopg2 is not installed (pip install -e '.[postgres]' installs dagster-postgres)")
    try:
        admin = psycopg2.connect(url, connect_timeout=5)
    except psycopg2.OperationalError as error:
        unavailable(f"no PostgreSQL server at PUG_TEST_POSTGRES_URL ({str(error).strip()})")
    admin.autocommit = True
    name = f"pug_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.cursor() as cur:
            cur.execute(f"CREATE DATABASE {name}")
        try:
            yield urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
        finally:
            with admin.cursor() as cur:
                cur.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    finally:
        admin.close()


def test_default_instance_is_sqlite_under_the_warehouse(tmp_path):
    warehouse = tmp_path / "warehouse"
    described = run_python(DESCRIBE_INSTANCE, PUG_WAREHOUSE_DIR=str(warehouse))
    assert Path(described["home"]) == paths.PROJECT_ROOT
    assert Path(described["storage"]) == warehouse / "dagster"
    assert "Sqlite" in described["run_storage"] and "Sqlite" in described["event_log_storage"], described
    assert (warehouse / "dagster" / "history" / "runs.db").is_file()


def test_postgres_url_chooses_deploy_postgres_unless_dagster_home_is_set(tmp_path):
    code = "import os; from pipelines.instance import use_project_instance; use_project_instance(); " \
           "print(__import__('json').dumps({'home': os.environ['DAGSTER_HOME']}))"
    url = "postgresql://nobody@127.0.0.1:1/none"  # never connected to: only the choice of DAGSTER_HOME is looked at
    chosen = run_python(code, PUG_DAGSTER_POSTGRES_URL=url, PUG_WAREHOUSE_DIR=str(tmp_path / "warehouse"))
    assert Path(chosen["home"]) == paths.PROJECT_ROOT / "deploy" / "postgres"
    assert (paths.PROJECT_ROOT / "deploy" / "postgres" / "dagster.yaml").is_file()
    explicit = run_python(code, PUG_DAGSTER_POSTGRES_URL=url, DAGSTER_HOME=str(tmp_path),
                          PUG_WAREHOUSE_DIR=str(tmp_path / "warehouse"))
    assert Path(explicit["home"]) == tmp_path


def test_materialization_with_postgres_instance_storage(tmp_path):
    server = os.environ.get("PUG_TEST_POSTGRES_URL")
    if not server:
        unavailable("PUG_TEST_POSTGRES_URL is not set (e.g. postgresql://pug:pug@127.0.0.1:5432/pug_dagster after "
                    "`bash .ci/postgres`)")
    raw, warehouse = tmp_path / "raw", tmp_path / "warehouse"
    shutil.copytree(paths.PROJECT_ROOT / "raw" / "reference", raw / "reference")
    (raw / "submissions").mkdir()
    with scratch_database(server) as url:
        import psycopg2

        ran = run_python(MATERIALIZE, PUG_DAGSTER_POSTGRES_URL=url, PUG_RAW_DIR=str(raw), PUG_WAREHOUSE_DIR=str(warehouse))
        assert Path(ran["home"]) == paths.PROJECT_ROOT / "deploy" / "postgres"
        assert ran["run_storage"] == "PostgresRunStorage" and ran["event_log_storage"] == "PostgresEventLogStorage", ran
        assert ran["success"], ran
        with psycopg2.connect(url, connect_timeout=5) as con, con.cursor() as cur:
            cur.execute("SELECT pipeline_name, status FROM runs WHERE run_id = %s", (ran["run_id"],))
            assert cur.fetchall() == [("build", "SUCCESS")]
            cur.execute("SELECT DISTINCT asset_key FROM event_logs WHERE run_id = %s "
                        "AND dagster_event_type = 'ASSET_MATERIALIZATION'", (ran["run_id"],))
            materialized = sorted(json.loads(key)[-1] for (key,) in cur.fetchall())
        con.close()
        assert materialized == ["reference_data", "submission_ledger"]
    # The runs went to Postgres, not to a SQLite database under the warehouse; the ledger itself is still DuckDB.
    assert not (warehouse / "dagster" / "history" / "runs.db").exists()
    assert (warehouse / "state").is_dir()
