"""Publishing: the checked candidate moved over warehouse/pug.duckdb in one atomic rename, and annual editions.

os.replace() moves the candidate (pug.warehouse.candidate) into place in one step once the blocking checks passed.
Readers that have the old file open keep reading it; new readers get the new one; a build killed at any moment
leaves the old one. Closing a year freezes a copy that never changes again.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

from pug.paths import Layout, written_atomically


def promote(layout: Layout) -> Path:
    """Replace the published warehouse by the checked candidate in one atomic rename, then record what it was built
    from. A build killed between the two renames leaves a state that does not match the published file (its size
    and modification time), so the next build is a full one."""
    layout.published.parent.mkdir(parents=True, exist_ok=True)
    layout.published_state.unlink(missing_ok=True)
    os.replace(layout.candidate, layout.published)
    os.replace(layout.candidate_state, layout.published_state)
    return layout.published


def table_summaries(database: Path) -> dict[str, dict]:
    """Row counts and column schemas of every table, read-only (for asset metadata and the build summary)."""
    with duckdb.connect(str(database), read_only=True) as con:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        summary = {}
        for table in tables:
            columns = con.execute(
                "SELECT column_name, data_type, comment FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
                [table]).fetchall()
            summary[table] = {"rows": con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0], "columns": columns}
        return summary


class EditionExists(RuntimeError):
    pass


def freeze_edition(layout: Layout, year: int) -> Path:
    """Close a report year: a read-only copy of the published warehouse as warehouse/editions/pug-<year>.duckdb.

    An edition is frozen: it is never overwritten. The copy is made from the published file (same DuckDB 1.x storage
    format) and moved into place in one step.
    """
    edition = layout.edition(year)
    if edition.exists():
        raise EditionExists(f"{edition} exists: report year {year} is already closed")
    with written_atomically(edition) as partial:
        shutil.copyfile(layout.published, partial)
        partial.chmod(0o444)
    return edition
