-- Rows of sheet prasyarat (its rules need nothing from elsewhere).
SELECT p.*, s.region_code, s.report_year, s.opd_code
FROM stg_prasyarat AS p
JOIN v_submission AS s USING (submission_id)
