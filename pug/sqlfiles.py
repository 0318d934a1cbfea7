"""Running the project's .sql files (pug/sql/), which an analyst can read on their own."""

from __future__ import annotations

from pathlib import Path

import duckdb

SQL_DIR = Path(__file__).parent / "sql"


def sql_text(relative: str, **names: str) -> str:
    """The text of a .sql file; {placeholders} take identifiers from the contract, never user input."""
    text = (SQL_DIR / relative).read_text(encoding="utf-8")
    return text.format(**names) if names else text


def fetch_dicts(con: duckdb.DuckDBPyConnection, query: str, parameters: list | None = None) -> list[dict]:
    """The rows of a query as dicts keyed by column name."""
    cursor = con.execute(query, parameters or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def run_sql_file(con: duckdb.DuckDBPyConnection, relative: str, **names: str) -> None:
    con.execute(sql_text(relative, **names))


def methods_markdown() -> str:
    """docs/methods.md from pug/sql/warehouse/methods.sql: its comments are the prose, its macros the formulas."""
    lines, code = [], []
    for line in sql_text("warehouse/methods.sql").splitlines():
        if line.startswith("--"):
            if code:
                lines += ["```sql", *code, "```"]
                code = []
            lines.append(line[3:] if line.startswith("-- ") else line[2:])
        elif line.strip():
            code.append(line)
        elif code:
            lines += ["```sql", *code, "```", ""]
            code = []
    if code:
        lines += ["```sql", *code, "```"]
    return "\n".join(lines).strip() + "\n"
