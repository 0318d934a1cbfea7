-- Last year's value of each indicator and scope of one region as the published warehouse (attached as `published`)
-- holds them: what a lone-file check (`pug check`) compares a report with, in place of the previous year's staging
-- database that a build reads (prior_year_values.sql). A blank scope is the region itself there.
CREATE OR REPLACE TEMP TABLE prior_reported_value AS
SELECT region_code, indicator_code AS kode_indikator,
       CASE WHEN scope = region_code THEN '' ELSE scope END AS lingkup_key, max(reported_value) AS realisasi
FROM published.fct_reported_value
WHERE region_code = $region_code AND report_year = $prior_year AND year = $prior_year AND reported_value IS NOT NULL
GROUP BY ALL;
