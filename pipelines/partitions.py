"""Report years as Dagster partitions, spanning the plan periods of raw/reference/periode.csv.

Region is meant to become a second dimension (MultiPartitionsDefinition) when many kab/kota share a deployment;
every table is already keyed by region_code.
"""

from __future__ import annotations

import dagster as dg

from pug import paths
from pug.reference import Reference


def _plan_years() -> tuple[int, int]:
    years = Reference.load(paths.reference_dir()).report_years()
    return years[0], years[-1]


FIRST_YEAR, LAST_YEAR = _plan_years()

report_year_partitions = dg.TimeWindowPartitionsDefinition(
    cron_schedule="0 0 1 1 *",
    start=str(FIRST_YEAR),
    end=str(LAST_YEAR + 1),
    fmt="%Y",
    end_offset=1,  # the running year too: an OPD may send its report before the year is over
    timezone="Asia/Jakarta",
)
