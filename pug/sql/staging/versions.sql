-- Versions of one OPD's report for one year (DESIGN "Submissions have versions").
-- A version is one distinct submitted content. Versions are numbered by submission date (identitas.tanggal_kirim),
-- then by the file's modification time. The current version is the latest one that was not rejected, among files
-- still present under raw/submissions/: a rejected newer version leaves the older accepted one current.
CREATE OR REPLACE TABLE stg_submission AS
WITH ranked AS (
    SELECT
        *,
        row_number() OVER (
            PARTITION BY region_code, opd_code
            ORDER BY submitted_on NULLS FIRST, file_modified_at, submission_id
        ) AS version,
        row_number() OVER (
            PARTITION BY region_code, opd_code, (parse_status <> 'rejected' AND present)
            ORDER BY submitted_on DESC NULLS LAST, file_modified_at DESC, submission_id DESC
        ) AS recency
    FROM stg_submission
)
SELECT
    * EXCLUDE (recency),
    (parse_status <> 'rejected' AND present AND recency = 1) AS is_current,
    submitted_on <= deadline AS on_time
FROM ranked;
