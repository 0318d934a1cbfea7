-- org_advocacy_count: the active organisations of the year's register advocated in any year of the plan period up
-- to the year: the numerator of ORG_ADVOKASI_PCT, so that the count and the share count the same organisations (one
-- no longer active, or no longer registered, is counted by neither).
-- Source: as org_advocacy_pct, whose numerator it is.
SELECT region_code, report_year AS year, region_code AS scope,
       count(*) FILTER (WHERE is_active AND advocated_in_period) AS computed_value
FROM int_org_year GROUP BY ALL
