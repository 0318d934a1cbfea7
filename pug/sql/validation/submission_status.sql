-- The status of each submission (DESIGN "pug check"), from all findings once every rule has run:
--   rejected                the whole file (a file-level error)
--   accepted_with_errors    some rows quarantined
--   accepted_with_warnings  rows kept but flagged
--   accepted                nothing to fix
CREATE OR REPLACE TABLE stg_submission AS
SELECT
    s.* EXCLUDE (errors, warnings, notices),
    coalesce(f.errors, 0) AS errors,
    coalesce(f.warnings, 0) AS warnings,
    coalesce(f.notices, 0) AS notices,
    CASE
        WHEN s.parse_status = 'rejected' THEN 'rejected'
        WHEN coalesce(f.errors, 0) > 0 THEN 'accepted_with_errors'
        WHEN coalesce(f.warnings, 0) > 0 THEN 'accepted_with_warnings'
        ELSE 'accepted'
    END AS status
FROM stg_submission AS s
LEFT JOIN (
    SELECT
        submission_id,
        count(*) FILTER (WHERE severity = 'error') AS errors,
        count(*) FILTER (WHERE severity = 'warning') AS warnings,
        count(*) FILTER (WHERE severity = 'notice') AS notices
    FROM stg_finding
    GROUP BY submission_id
) AS f USING (submission_id);
