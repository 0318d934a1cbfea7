-- arg_pct: budget tagged gender-responsive, as a share of all budget lines.
SELECT region_code, report_year AS year, region_code AS scope,
       100.0 * sum(budget_idr) FILTER (WHERE gender_responsive) / nullif(sum(budget_idr), 0) AS computed_value
FROM fct_budget_line GROUP BY ALL
