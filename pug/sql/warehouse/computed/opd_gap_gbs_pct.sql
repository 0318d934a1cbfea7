-- opd_gap_gbs_pct: the share of OPDs with a budget line that has both GAP and GBS that year. The denominator is the
-- setting penyebut_opd (docs/methods.md): the OPDs that reported that year (melapor), or every OPD of the register
-- (terdaftar).
WITH reporting AS (
    SELECT region_code, report_year, opd_code, submission_id FROM fct_submission WHERE is_current
),
with_gap_gbs AS (
    SELECT DISTINCT r.region_code, r.report_year, r.opd_code
    FROM reporting AS r JOIN fct_budget_line AS b ON b.submission_id = r.submission_id AND b.has_gap AND b.has_gbs
),
denominator AS (
    SELECT region_code, report_year, count(DISTINCT opd_code) AS opds FROM reporting
    WHERE setting_choice('penyebut_opd', ['melapor', 'terdaftar']) = 'melapor' GROUP BY ALL
    UNION ALL
    SELECT o.region_code, y.report_year, count(*) FROM dim_opd AS o
    JOIN (SELECT DISTINCT region_code, report_year FROM reporting) AS y USING (region_code)
    WHERE setting_choice('penyebut_opd', ['melapor', 'terdaftar']) = 'terdaftar' GROUP BY ALL
)
SELECT d.region_code, d.report_year AS year, d.region_code AS scope,
       100.0 * (SELECT count(*) FROM with_gap_gbs AS w WHERE w.region_code = d.region_code AND w.report_year = d.report_year)
             / nullif(d.opds, 0) AS computed_value
FROM denominator AS d
