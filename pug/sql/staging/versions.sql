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
    FROM stg_submission_file
)
SELECT
    * EXCLUDE (recency),
    (parse_status <> 'rejected' AND present AND recency = 1) AS is_current,
    submitted_on <= deadline AS on_time
FROM ranked;

-- Each version against the one before it (same region and OPD), sheet by sheet: rows added, removed, changed
-- and unchanged. Rows are matched on the sheet's key (the n-th row of a key with the n-th); a matched row has
-- changed when any contract value differs. Filled sheet by sheet by version_changes.sql.
CREATE OR REPLACE TABLE stg_version_change (
    submission_id VARCHAR,
    previous_submission_id VARCHAR,
    sheet VARCHAR,
    rows_before BIGINT,
    rows_after BIGINT,
    rows_added BIGINT,
    rows_removed BIGINT,
    rows_changed BIGINT,
    rows_unchanged BIGINT
);

-- The same, row by row: each row added or removed (column_name null) and each changed column of a changed row.
CREATE OR REPLACE TABLE stg_row_change (
    submission_id VARCHAR,
    previous_submission_id VARCHAR,
    sheet VARCHAR,
    row_key VARCHAR,
    change VARCHAR,
    source_row BIGINT,
    previous_source_row BIGINT,
    column_name VARCHAR,
    value_before VARCHAR,
    value_after VARCHAR
);
