-- org_advocacy_pct: the share of the active organisations of the year's register advocated in any year of the plan
-- period up to it, for the kab/kota and for each kecamatan.
-- Source: Kota Pekalongan's target for the plan period, that every women's organisation be advocated on PUG
-- (domain.md); counting the active organisations of the year's register is this project's choice.
SELECT region_code, report_year AS year, region_code AS scope,
       100.0 * count(*) FILTER (WHERE is_active AND advocated_in_period) / nullif(count(*) FILTER (WHERE is_active), 0) AS computed_value
FROM int_org_year GROUP BY ALL
UNION ALL
SELECT region_code, report_year, kecamatan_code,
       100.0 * count(*) FILTER (WHERE is_active AND advocated_in_period) / nullif(count(*) FILTER (WHERE is_active), 0)
FROM int_org_year WHERE kecamatan_code IS NOT NULL GROUP BY ALL
