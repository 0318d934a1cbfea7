-- The accepted rows of the current version of every submission, for sheet {sheet}, with the submission's identity.
CREATE OR REPLACE TEMP VIEW cur_{sheet} AS
SELECT s.region_code, s.report_year, s.opd_code, t.*
FROM stg_{sheet} AS t
JOIN stg_submission AS s USING (submission_id)
WHERE s.is_current AND t.row_status = 'accepted';
