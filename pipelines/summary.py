"""The short summary `pug build` (and so `make run`) prints: what was built, where, and how much."""

import duckdb

from pipelines.build import BuildReport
from pug.paths import Layout


# A national build has hundreds of regions: the summary lists the first ones and totals the rest.
LISTED_REGIONS = 10


def print_summary(report: BuildReport) -> None:
    published = report.published
    with duckdb.connect(str(published), read_only=True) as con:
        statuses = con.execute(
            """SELECT region_code, report_year, count(*) FILTER (WHERE is_current) AS current,
                      count(*) AS versions,
                      count(*) FILTER (WHERE status = 'rejected') AS rejected,
                      count(*) FILTER (WHERE status = 'accepted_with_errors') AS with_errors
               FROM fct_submission WHERE region_code IS NOT NULL GROUP BY ALL ORDER BY 1, 2""").fetchall()
        tables = con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()
        counts = [(t, con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for (t,) in tables]
        quarantined = con.execute("SELECT count(*) FROM fct_quarantined_row").fetchone()[0]
        coverage = con.execute(
            """SELECT region_code, year, round(actual_value, 2), target, status, outlook FROM mart_indicator_progress
               WHERE indicator_code = 'ORG_ADVOKASI_PCT' AND scope = region_code AND actual_value IS NOT NULL
               QUALIFY year = max(year) OVER (PARTITION BY region_code) ORDER BY 1""").fetchall()
    print()
    print(f"Published warehouse: {published}")
    print(f"Report years built:  {', '.join(map(str, report.years))}   "
          f"(time: {', '.join(f'{k} {v:.1f}s' for k, v in report.seconds.items())})")
    print()
    print("Submissions per region and year (current reports / versions / rejected / with quarantined rows):")
    for region, year, current, versions, rejected, with_errors in statuses[:LISTED_REGIONS]:
        print(f"  {region} {year}: {current} current / {versions} versions / {rejected} rejected / {with_errors} with errors")
    if len(statuses) > LISTED_REGIONS:
        rest = statuses[LISTED_REGIONS:]
        print(f"  ... and {len(rest)} more region-years: {sum(r[2] for r in rest)} current / {sum(r[3] for r in rest)} versions / "
              f"{sum(r[4] for r in rest)} rejected / {sum(r[5] for r in rest)} with errors (all in mart_submission_status)")
    print()
    print("Tables:")
    for table, n in counts:
        print(f"  {table:<28} {n:>8} rows")
    print()
    print("Women's organisations advocated (latest year, cumulative in the plan period):")
    for region, year, actual, target, status, outlook in coverage[:LISTED_REGIONS]:
        print(f"  {region} {year}: {actual}% against a target of {target}% -> {status}, outlook {outlook}")
    if len(coverage) > LISTED_REGIONS:
        print(f"  ... and {len(coverage) - LISTED_REGIONS} more regions (mart_indicator_progress, indicator ORG_ADVOKASI_PCT)")
    print()
    print(f"Quarantined rows (with reasons): {quarantined}, in fct_quarantined_row")
    layout = Layout.from_environment()
    print(f"Review pages:    {layout.review}/<year>.html")
    print(f"Analyst reports: {layout.report}/<year>.html")
    print(f"Feedback:        {layout.feedback}/<year>/<region>/<opd>_versi<N>.xlsx")
    print(f"Data Docs:       {layout.warehouse / 'validation'}/<year>/index.html")
    print(f"Ledger:          {layout.ledger}")
    print(f"Query:  .venv/bin/python -c \"import duckdb; duckdb.connect('{published}', read_only=True)"
          f".sql('SELECT * FROM fct_submission LIMIT 5').show()\"")
