"""Report years as Dagster partitions, spanning the plan periods of raw/reference/periode.csv.

A run may build one year or a range of years (the tags dagster/asset_partition_range_start and _end): `pug build`
and the sensor start one run over their years, whose steps loop over them; each year reads and writes its own
files. Region is meant
to become a second dimension when many kab/kota share a deployment; every table is already keyed by region_code.
"""

from __future__ import annotations

import dagster as dg

from pug.paths import Layout
from pug.reference import report_years


def _plan_years() -> tuple[int, int]:
    years = report_years(Layout.from_environment().reference)
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

def years_of(context: dg.AssetExecutionContext) -> list[int]:
    """The report years a step builds: its run's partition or range of partitions."""
    return [int(key) for key in context.partition_keys]


def every_year() -> dict[str, str]:
    """The tags of a run over every report year."""
    keys = report_year_partitions.get_partition_keys()
    return year_range(int(keys[0]), int(keys[-1]))


def year_range(first: int, last: int) -> dict[str, str]:
    """The tags of a run over the report years from `first` to `last`."""
    return {"dagster/asset_partition_range_start": str(first), "dagster/asset_partition_range_end": str(last)}
