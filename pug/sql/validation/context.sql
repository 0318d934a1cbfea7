-- Shared inputs of the rules (temporary views): submissions that were read, of the regions being validated
-- (validation_scope; rules only ever compare submissions of one region), rows already faulted (by the parser,
-- or by the suites of sheets validated earlier), and the register of organisations of each region and year
-- (current versions, rows without errors; in a lone-file check, also the register the published warehouse knows).

CREATE OR REPLACE TEMP VIEW v_submission AS
SELECT submission_id, region_code, report_year, opd_code, is_current, parse_status
FROM stg_submission
WHERE parse_status <> 'rejected'
  AND coalesce(region_code, '') IN (SELECT region_code FROM validation_scope);

CREATE OR REPLACE TEMP VIEW v_error_row AS
SELECT DISTINCT submission_id, sheet, source_row
FROM stg_finding
WHERE severity = 'error' AND source_row IS NOT NULL;

CREATE OR REPLACE TEMP VIEW v_org_register AS
SELECT DISTINCT s.region_code, s.report_year, o.kode_organisasi AS org_code, s.opd_code, o.submission_id
FROM stg_organisasi AS o
JOIN v_submission AS s USING (submission_id)
WHERE s.is_current AND o.kode_organisasi IS NOT NULL
  AND NOT EXISTS (
      SELECT 1 FROM v_error_row AS e
      WHERE e.submission_id = o.submission_id AND e.sheet = 'organisasi' AND e.source_row = o.source_row
  )
UNION
-- a lone-file check's stand-in for the reports it cannot see: the published warehouse's register (empty in a build)
SELECT region_code, report_year, org_code, NULL, NULL FROM known_register;

-- Days a date lies outside its report year (0 inside it).
CREATE OR REPLACE TEMP MACRO days_outside_year(d, y) AS
    CASE
        WHEN d IS NULL THEN NULL
        WHEN d < make_date(y, 1, 1) THEN date_diff('day', d, make_date(y, 1, 1))
        WHEN d > make_date(y, 12, 31) THEN date_diff('day', make_date(y, 12, 31), d)
        ELSE 0
    END;

-- True when a region code lies inside (or is) the submitting kab/kota; NULL when there is no code to judge.
CREATE OR REPLACE TEMP MACRO inside_region(code, region) AS
    CASE WHEN code IS NOT NULL THEN code = region OR starts_with(code, region || '.') END;

-- (Parameter names differ from every column name: inside a subquery a column would win over the parameter.)
CREATE OR REPLACE TEMP MACRO is_known_region(candidate) AS
    CASE WHEN candidate IS NOT NULL THEN candidate IN (SELECT w.code FROM ref_wilayah AS w) END;

CREATE OR REPLACE TEMP MACRO is_registered(org, region, year, submission) AS
    CASE WHEN org IS NOT NULL THEN EXISTS (
        SELECT 1 FROM v_org_register AS r
        WHERE r.org_code = org AND r.region_code = region AND r.report_year = year
    ) OR EXISTS (
        SELECT 1 FROM stg_organisasi AS own
        WHERE own.submission_id = submission AND own.kode_organisasi = org
          AND NOT EXISTS (
              SELECT 1 FROM v_error_row AS e
              WHERE e.submission_id = own.submission_id AND e.sheet = 'organisasi' AND e.source_row = own.source_row
          )
    ) END;

-- A scope that can only be another kab/kota's region: a Kemendagri code (PP.KK, PP.KK.CC or PP.KK.CC.NNNN) outside
-- the submitting kab/kota, under which no organisation is registered. Known without the other OPDs' reports, so it
-- is an error in a lone-file check too.
CREATE OR REPLACE TEMP MACRO is_other_region(scope, region, year, submission) AS
    CASE WHEN scope IS NOT NULL THEN
        regexp_full_match(scope, '[0-9]{2}\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?') AND NOT inside_region(scope, region)
        AND NOT is_registered(scope, region, year, submission)
    END;

-- A scope (lingkup) is a region inside the submitting kab/kota or a registered organisation; NULL for a blank scope
-- and for another kab/kota's region (is_other_region says so).
CREATE OR REPLACE TEMP MACRO is_known_scope(scope, region, year, submission) AS
    CASE WHEN scope IS NOT NULL AND NOT is_other_region(scope, region, year, submission) THEN
        (is_known_region(scope) AND inside_region(scope, region)) OR is_registered(scope, region, year, submission)
    END;

-- Organisations an OPD registered in an earlier version of its report and left out of its current one, with the
-- version that left them out ('DPPPA versi 2'): the cause named on the rows of other OPDs that still refer to them.
CREATE OR REPLACE TEMP VIEW v_dropped_from_register AS
SELECT DISTINCT earlier.region_code, earlier.report_year, o.kode_organisasi AS org_code,
       current.opd_code || ' versi ' || current.version AS dropped_by
FROM stg_organisasi AS o
JOIN stg_submission AS earlier ON earlier.submission_id = o.submission_id
JOIN stg_submission AS current
  ON current.region_code = earlier.region_code AND current.opd_code = earlier.opd_code AND current.is_current
 AND current.version > earlier.version
WHERE o.kode_organisasi IS NOT NULL AND earlier.parse_status <> 'rejected'
  AND coalesce(earlier.region_code, '') IN (SELECT region_code FROM validation_scope)
  AND NOT EXISTS (SELECT 1 FROM v_org_register AS r
                  WHERE r.org_code = o.kode_organisasi AND r.region_code = earlier.region_code
                    AND r.report_year = earlier.report_year);

-- The version that dropped an organisation from the register, when the organisation is not registered now.
CREATE OR REPLACE TEMP MACRO dropped_by(org, region, year, submission) AS
    CASE WHEN org IS NOT NULL AND NOT is_registered(org, region, year, submission) THEN (
        SELECT min(d.dropped_by) FROM v_dropped_from_register AS d
        WHERE d.org_code = org AND d.region_code = region AND d.report_year = year
    ) END;
