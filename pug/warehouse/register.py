"""The register of organisations of a region as the published warehouse knows it, for those who fill a report
(`pug template`'s lookup) and check it alone (`pug check`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pug.sqlfiles import fetch_dicts, sql_text


@dataclass(frozen=True)
class Register:
    year: int | None  # the report year the organisations were registered for; None when none is known
    organisations: list[dict] = field(default_factory=list)

    @property
    def codes(self) -> list[str]:
        return [o["org_code"] for o in self.organisations]


def published_register(database: Path | None, region_code: str | None, report_year: int | None) -> Register:
    """The newest register up to `report_year`; an empty one when there is no published warehouse yet, or it cannot
    be read (a missing register only makes the check milder, never stops it)."""
    if database is None or not region_code or report_year is None or not Path(database).is_file():
        return Register(None)
    try:
        with duckdb.connect(str(database), read_only=True) as con:
            rows = fetch_dicts(con, sql_text("warehouse/published_register.sql"),
                               {"region_code": region_code, "report_year": int(report_year)})
    except duckdb.Error:
        return Register(None)
    return Register(rows[0]["report_year"] if rows else None, rows)
