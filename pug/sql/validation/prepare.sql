-- Before row verdicts: an empty quarantine table and the conservation counters of every submission sheet.
CREATE OR REPLACE TABLE stg_quarantined_row (
    submission_id VARCHAR,
    sheet VARCHAR,
    source_row INTEGER,
    raw_values VARCHAR,
    reason_codes VARCHAR[],
    reasons VARCHAR
);
ALTER TABLE stg_submission_sheet ADD COLUMN IF NOT EXISTS rows_accepted BIGINT DEFAULT 0;
ALTER TABLE stg_submission_sheet ADD COLUMN IF NOT EXISTS rows_quarantined BIGINT DEFAULT 0;
