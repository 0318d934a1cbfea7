-- org_advocacy_count: distinct organisations advocated in any year of the plan period up to the year.
SELECT r.region_code, r.report_year AS year, r.region_code AS scope, count(DISTINCT a.org_code) AS computed_value
FROM int_region_year AS r
JOIN int_advocated AS a ON a.region_code = r.region_code AND a.report_year <= r.report_year
JOIN dim_year AS ay ON ay.year = a.report_year AND ay.period_code = r.period_code
GROUP BY ALL
