"""In what order the sheets are validated, read from the rule inputs' SQL.

A sheet's rule inputs (pug/sql/validation/rule_inputs/<sheet>.sql) may read the verdicts of other sheets: the rows
found faulty there (v_error_row with that sheet), or the register of organisations, whose faulty rows do not count
(the views and macros of context.sql). Such a sheet is validated in a later wave than every sheet it reads; the
sheets of one wave need nothing of each other and are validated side by side.
"""

from __future__ import annotations

import re
from functools import cache

from pug import contract
from pug.sqlfiles import SQL_DIR

_DEFINITION = re.compile(r"CREATE OR REPLACE TEMP (?:VIEW|MACRO) (\w+)(.*?);", re.S)
_FAULTED = re.compile(r"v_error_row\b.*?\.sheet\s*=\s*'(\w+)'", re.S)


def rule_inputs_sql(sheet: str) -> str:
    """The SELECT of a sheet's rule inputs: rule_inputs/<sheet>.sql, or the sheet's rows as they are (rule_inputs.sql)."""
    own = SQL_DIR / "validation" / "rule_inputs" / f"{sheet}.sql"
    if own.exists():
        return own.read_text(encoding="utf-8")
    return (SQL_DIR / "validation" / "rule_inputs.sql").read_text(encoding="utf-8").format(sheet=sheet)


@cache
def _context_reads() -> dict[str, set[str]]:
    """The sheets whose verdicts each view and macro of context.sql reads, through the others it uses too."""
    bodies = dict(_DEFINITION.findall((SQL_DIR / "validation" / "context.sql").read_text(encoding="utf-8")))
    reads = {name: set(_FAULTED.findall(body)) for name, body in bodies.items()}
    changed = True
    while changed:
        changed = False
        for name, body in bodies.items():
            for other in bodies:
                if other != name and re.search(rf"\b{other}\b", body) and not reads[other] <= reads[name]:
                    reads[name] |= reads[other]
                    changed = True
    return reads


def verdicts_read(sheet: str) -> set[str]:
    """The other sheets whose verdicts the sheet's rule inputs read."""
    sql = rule_inputs_sql(sheet)
    read = set(_FAULTED.findall(sql))
    for name, sheets in _context_reads().items():
        if re.search(rf"\b{name}\b", sql):
            read |= sheets
    return read - {sheet}  # its own verdicts are the parser's, there before any suite runs


@cache
def waves() -> tuple[tuple[str, ...], ...]:
    """The sheets in waves: each sheet after every sheet whose verdicts it reads; contract order within a wave."""
    reads = {sheet: verdicts_read(sheet) for sheet in contract.SHEETS}
    placed: list[str] = []
    result = []
    while len(placed) < len(reads):
        wave = tuple(s for s in contract.SHEETS if s not in placed and reads[s] <= set(placed))
        if not wave:
            raise ValueError(f"rule inputs read each other's verdicts in a circle: {sorted(set(reads) - set(placed))}")
        result.append(wave)
        placed += wave
    return tuple(result)
