"""docs/warehouse.md: every example query runs in the DuckDB 1.x CLI against the sample warehouse and returns rows."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from pug import paths

QUERIES = re.findall(r"```sql\n(.*?)```", (paths.PROJECT_ROOT / "docs" / "warehouse.md").read_text(encoding="utf-8"), re.S)


def test_there_are_at_least_twelve_example_queries():
    assert len(QUERIES) >= 12


@pytest.mark.parametrize("query", QUERIES, ids=[f"query{i + 1}" for i in range(len(QUERIES))])
def test_example_query_returns_rows_in_the_duckdb_1x_cli(built_sample, query):
    cli = Path(sys.executable).parent / "duckdb"
    result = subprocess.run([str(cli), "-readonly", "-csv", str(built_sample["report"].published), query],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) >= 2, f"no rows:\n{query}"  # a header and at least one row


def test_every_table_in_the_warehouse_is_listed_in_the_docs(warehouse_con):
    listed = set(re.findall(r"^\| `(\w+)`", (paths.PROJECT_ROOT / "docs" / "warehouse.md").read_text(encoding="utf-8"), re.M))
    tables = {r[0] for r in warehouse_con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    also_named = set(re.findall(r"^\| `\w+`, `(\w+)`", (paths.PROJECT_ROOT / "docs" / "warehouse.md").read_text(encoding="utf-8"), re.M))
    assert tables <= listed | also_named, tables - listed - also_named
