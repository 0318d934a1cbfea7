-- Rows of sheet anggaran (its rules need nothing from elsewhere).
SELECT a.*, s.region_code, s.report_year, s.opd_code
FROM stg_anggaran AS a
JOIN v_submission AS s USING (submission_id)
