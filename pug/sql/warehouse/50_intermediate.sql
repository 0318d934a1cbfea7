-- Intermediate tables of the marts (temporary: not published). dbt's "intermediate" layer.

-- Organisations advocated, by region and report year (from the attendance of that year's reports).
CREATE OR REPLACE TEMP TABLE int_advocated AS
SELECT DISTINCT region_code, report_year, org_code FROM fct_advocacy_attendance;

-- Every registered organisation of every year, with whether it was advocated that year or in any year of the plan
-- period up to it.
CREATE OR REPLACE TEMP TABLE int_org_year AS
SELECT
    o.*,
    y.period_code,
    EXISTS (
        SELECT 1 FROM int_advocated AS a
        WHERE a.region_code = o.region_code AND a.report_year = o.report_year AND a.org_code = o.org_code
    ) AS advocated_in_year,
    EXISTS (
        SELECT 1 FROM int_advocated AS a JOIN dim_year AS ay ON ay.year = a.report_year
        WHERE a.region_code = o.region_code AND a.org_code = o.org_code
          AND ay.period_code = y.period_code AND a.report_year <= o.report_year
    ) AS advocated_in_period
FROM dim_organisation AS o
JOIN dim_year AS y ON y.year = o.report_year;

-- Report years each region has reports for.
CREATE OR REPLACE TEMP TABLE int_region_year AS
SELECT DISTINCT s.region_code, s.report_year, y.period_code
FROM fct_submission AS s JOIN dim_year AS y ON y.year = s.report_year
WHERE s.is_current;

-- Values the warehouse computes itself, by the rule named in dim_indicator.computation_rule.
CREATE OR REPLACE TEMP TABLE int_computed_value AS
-- org_advocacy_pct: active organisations of the year's register advocated in any year of the period up to it.
SELECT region_code, report_year AS year, 'ORG_ADVOKASI_PCT' AS indicator_code, region_code AS scope,
       100.0 * count(*) FILTER (WHERE is_active AND advocated_in_period) / nullif(count(*) FILTER (WHERE is_active), 0) AS computed_value
FROM int_org_year GROUP BY ALL
UNION ALL
SELECT region_code, report_year, 'ORG_ADVOKASI_PCT', kecamatan_code,
       100.0 * count(*) FILTER (WHERE is_active AND advocated_in_period) / nullif(count(*) FILTER (WHERE is_active), 0)
FROM int_org_year WHERE kecamatan_code IS NOT NULL GROUP BY ALL
UNION ALL
-- org_advocacy_count: distinct organisations advocated in any year of the period up to the year.
SELECT r.region_code, r.report_year, 'ORG_ADVOKASI_JML', r.region_code, count(DISTINCT a.org_code)
FROM int_region_year AS r
JOIN int_advocated AS a ON a.region_code = r.region_code AND a.report_year <= r.report_year
JOIN dim_year AS ay ON ay.year = a.report_year AND ay.period_code = r.period_code
GROUP BY ALL
UNION ALL
-- cadres_trained: distinct cadres trained in any year of the period up to the year.
SELECT r.region_code, r.report_year, 'KADER_KK_JML', r.region_code, count(DISTINCT c.cadre_code)
FROM int_region_year AS r
JOIN fct_cadre AS c ON c.region_code = r.region_code AND c.report_year <= r.report_year
JOIN dim_year AS cy ON cy.year = c.report_year AND cy.period_code = r.period_code
GROUP BY ALL
UNION ALL
-- strategic_posts_women_pct: filled (DEFINITIF or PLT) posts of the strategic groups held by women.
SELECT region_code, report_year, 'JABATAN_STRATEGIS_P_PCT', region_code,
       100.0 * count(*) FILTER (WHERE holder_sex = 'P') / nullif(count(*), 0)
FROM fct_post
WHERE status IN ('DEFINITIF', 'PLT')
  AND list_contains(string_split((SELECT value FROM dim_setting WHERE setting = 'kelompok_jabatan_strategis'), ';'), post_group)
GROUP BY ALL
UNION ALL
-- arg_pct: budget tagged gender-responsive, as a share of all budget lines.
SELECT region_code, report_year, 'ARG_PCT', region_code,
       100.0 * sum(budget_idr) FILTER (WHERE gender_responsive) / nullif(sum(budget_idr), 0)
FROM fct_budget_line GROUP BY ALL
UNION ALL
-- opd_gap_gbs_pct: OPDs with a budget line that has both GAP and GBS, among the OPDs that reported that year.
SELECT s.region_code, s.report_year, 'OPD_GAP_GBS_PCT', s.region_code,
       100.0 * count(DISTINCT b.opd_code) / nullif(count(DISTINCT s.opd_code), 0)
FROM fct_submission AS s
LEFT JOIN fct_budget_line AS b
    ON b.submission_id = s.submission_id AND b.has_gap AND b.has_gbs
WHERE s.is_current
GROUP BY ALL
UNION ALL
-- prerequisite_score: mean score of the seven prerequisites.
SELECT region_code, report_year, 'PRASYARAT_SKOR', region_code, avg(score)
FROM fct_prerequisite GROUP BY ALL;

-- The latest statement of each target (targets may be revised in later reports) and of each reported value.
CREATE OR REPLACE TEMP TABLE int_target AS
SELECT region_code, indicator_code, scope, year,
       arg_max(target, report_year) AS target, max(report_year) AS target_report_year, arg_max(opd_code, report_year) AS target_opd_code
FROM fct_target GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE int_reported AS
SELECT region_code, indicator_code, scope, year,
       arg_max(reported_value, report_year) AS reported_value, max(report_year) AS value_report_year,
       arg_max(opd_code, report_year) AS value_opd_code
FROM fct_reported_value GROUP BY ALL;
