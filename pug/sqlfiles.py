"""Running the project's .sql files (pug/sql/), which an analyst can read on their own."""

from __future__ import annotations

from pathlib import Path

import duckdb

SQL_DIR = Path(__file__).parent / "sql"


def sql_text(relative: str, **names: str) -> str:
    """The text of a .sql file; {placeholders} take identifiers from the contract, never user input."""
    text = (SQL_DIR / relative).read_text(encoding="utf-8")
    return text.format(**names) if names else text


def run_sql_file(con: duckdb.DuckDBPyConnection, relative: str, **names: str) -> None:
    con.execute(sql_text(relative, **names))
