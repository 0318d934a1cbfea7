-- opd_gap_gbs_pct: the share of the OPDs that reported that year with a budget line that has both GAP and GBS.
SELECT s.region_code, s.report_year AS year, s.region_code AS scope,
       100.0 * count(DISTINCT b.opd_code) / nullif(count(DISTINCT s.opd_code), 0) AS computed_value
FROM fct_submission AS s
LEFT JOIN fct_budget_line AS b
    ON b.submission_id = s.submission_id AND b.has_gap AND b.has_gbs
WHERE s.is_current
GROUP BY ALL
