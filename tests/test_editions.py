"""Closing a report year freezes an annual edition that DuckDB 1.x clients read and nothing overwrites."""

import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.build import BuildFailed, close_year


def test_closing_a_year_freezes_a_readable_edition_once(built_sample, warehouse_con):
    edition = close_year(2025)
    assert edition == built_sample["warehouse"] / "editions" / "pug-2025.duckdb"
    assert not edition.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    cli = Path(sys.executable).parent / "duckdb"
    result = subprocess.run([str(cli), "-readonly", "-csv", "-noheader", str(edition),
                             "SELECT sum(orgs_registered) FROM mart_org_coverage WHERE report_year = 2025"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    expected = warehouse_con.execute("SELECT sum(orgs_registered) FROM mart_org_coverage WHERE report_year = 2025").fetchone()[0]
    assert int(result.stdout) == expected
    before = edition.read_bytes()
    with pytest.raises(BuildFailed, match="already closed"):
        close_year(2025)
    assert edition.read_bytes() == before
