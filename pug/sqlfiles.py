"""Running the project's .sql files (pug/sql/), which an analyst can read on their own."""

from __future__ import annotations

import csv
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
    """docs/methods.md: the formulas of pug/sql/warehouse/methods.sql (its comments are the prose, its macros the
    formulas), then each computed indicator's rule (computed/<rule>.sql) and the indicator catalogue with the source
    of each definition (raw/reference/indikator.csv)."""
    parts = [_prose_and_code(sql_text("warehouse/methods.sql"))]
    parts.append("## Computed indicators\n\nThe value the warehouse computes from the detail sheets for each catalogue "
                 "indicator that names a computation rule (`dim_indicator.computation_rule`), from "
                 "`pug/sql/warehouse/computed/<rule>.sql`.\n")
    for path in sorted((SQL_DIR / "warehouse" / "computed").glob("*.sql")):
        parts.append(f"### `{path.stem}`\n\n" + _prose_and_code(path.read_text(encoding="utf-8")))
    parts.append(_catalogue_markdown())
    return "\n".join(parts)


def _catalogue_markdown() -> str:
    from pug.paths import PROJECT_ROOT

    with open(PROJECT_ROOT / "raw" / "reference" / "indikator.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    lines = ["## The indicator catalogue", "",
             "Each indicator of `raw/reference/indikator.csv` with its direction (none: context, with no attainment, status "
             "or outlook) and where its definition comes from.", "",
             "| code | indicator | unit | direction | computed by | source |", "|---|---|---|---|---|---|"]
    for r in rows:
        direction = r["arah"] or "none (context)"
        if r.get("paritas"):
            direction += f", read against parity at {r['paritas']}"
        rule = f"`{r['aturan_hitung']}`" if r["aturan_hitung"] else "reported"
        lines.append(f"| `{r['kode_indikator']}` | {r['nama_indikator_en']} | {r['satuan']} | {direction} | {rule} | {r['sumber']} |")
    return "\n".join(lines) + "\n"


def _prose_and_code(text: str) -> str:
    lines, code = [], []
    for line in text.splitlines():
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
