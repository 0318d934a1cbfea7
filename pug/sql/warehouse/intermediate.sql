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

-- The OPDs a share of OPDs counts (setting penyebut_opd, docs/methods.md): those that reported that year
-- (melapor), or every OPD of the kab/kota's register (terdaftar), in every year the kab/kota reports.
CREATE OR REPLACE TEMP TABLE int_counted_opd AS
SELECT DISTINCT region_code, report_year, opd_code FROM fct_submission
WHERE is_current AND region_code IS NOT NULL AND opd_code IS NOT NULL
  AND setting_choice('penyebut_opd', ['melapor', 'terdaftar']) = 'melapor'
UNION ALL
SELECT o.region_code, r.report_year, o.opd_code FROM dim_opd AS o JOIN int_region_year AS r USING (region_code)
WHERE setting_choice('penyebut_opd', ['melapor', 'terdaftar']) = 'terdaftar';

-- The holders of strategic posts (setting kelompok_jabatan_strategis) per year, one row per person: a person
-- holding several posts (the same kode_pegawai), say one definitive and one acting (PLT), is one holder. A post
-- without kode_pegawai is a holder of its own. `definitive` when the person holds one of them definitively.
CREATE OR REPLACE TEMP TABLE int_strategic_post_holder AS
SELECT region_code, report_year, coalesce(holder_code, 'post:' || post_code) AS holder,
       mode(holder_sex) AS holder_sex, bool_or(status = 'DEFINITIF') AS definitive
FROM fct_post
WHERE status IN ('DEFINITIF', 'PLT')
  AND list_contains(string_split(setting_text('kelompok_jabatan_strategis'), ';'), post_group)
GROUP BY ALL;
