"""Row verdicts of a report year: which rows are accepted and which are quarantined, with their reasons.

Runs on the year's staging database after parsing. The rules that produce findings are the parser's type and
format checks; every finding of severity 'error' quarantines its row, and a rejected submission quarantines all.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from pug import contract
from pug.sqlfiles import run_sql_file


def apply_row_verdicts(year_db: Path) -> dict:
    with duckdb.connect(str(year_db)) as con:
        con.execute("BEGIN")
        run_sql_file(con, "validation/prepare.sql")
        for sheet in contract.SHEETS:
            run_sql_file(con, "validation/row_verdicts.sql", sheet=sheet)
        run_sql_file(con, "validation/submission_status.sql")
        con.execute("COMMIT")
        accepted, quarantined = con.execute(
            "SELECT sum(rows_accepted), sum(rows_quarantined) FROM stg_submission_sheet").fetchone()
        statuses = dict(con.execute("SELECT status, count(*) FROM stg_submission GROUP BY ALL ORDER BY 1").fetchall())
    return {"rows_accepted": int(accepted or 0), "rows_quarantined": int(quarantined or 0), "submissions_by_status": statuses}
