-- Changes of sheet {sheet} between consecutive versions of each OPD's report (see versions.sql). Rows are matched on
-- the sheet's key ({key_hash}; the n-th row of a key with the n-th); {value_hash} tells whether a matched row changed.
CREATE OR REPLACE TEMP TABLE matched_rows AS
WITH pairs AS (
    SELECT later.submission_id, earlier.submission_id AS previous_submission_id
    FROM stg_submission AS later
    JOIN stg_submission AS earlier
      ON earlier.region_code = later.region_code AND earlier.opd_code = later.opd_code
     AND earlier.version = later.version - 1
),
keyed AS (
    SELECT
        submission_id, source_row,
        {key_hash} AS key_hash,
        {key_text} AS row_key,
        row_number() OVER (PARTITION BY submission_id, {key_hash} ORDER BY source_row) AS occurrence,
        {value_hash} AS value_hash
    FROM stg_{sheet}
    WHERE submission_id IN (SELECT submission_id FROM pairs UNION ALL SELECT previous_submission_id FROM pairs)
),
after AS (SELECT p.*, k.* EXCLUDE (submission_id) FROM pairs AS p JOIN keyed AS k USING (submission_id)),
before AS (
    SELECT p.*, k.* EXCLUDE (submission_id)
    FROM pairs AS p JOIN keyed AS k ON k.submission_id = p.previous_submission_id
)
SELECT
    coalesce(a.submission_id, b.submission_id) AS submission_id,
    coalesce(a.previous_submission_id, b.previous_submission_id) AS previous_submission_id,
    coalesce(a.row_key, b.row_key) AS row_key,
    a.source_row, b.source_row AS previous_source_row,
    a.value_hash, b.value_hash AS previous_value_hash
FROM after AS a
FULL JOIN before AS b
  ON a.submission_id = b.submission_id AND a.key_hash = b.key_hash AND a.occurrence = b.occurrence;

INSERT INTO stg_version_change
SELECT
    submission_id, previous_submission_id, '{sheet}' AS sheet,
    count(previous_source_row) AS rows_before,
    count(source_row) AS rows_after,
    count(*) FILTER (WHERE previous_source_row IS NULL) AS rows_added,
    count(*) FILTER (WHERE source_row IS NULL) AS rows_removed,
    count(*) FILTER (WHERE value_hash <> previous_value_hash) AS rows_changed,
    count(*) FILTER (WHERE value_hash = previous_value_hash) AS rows_unchanged
FROM matched_rows
GROUP BY ALL;

-- Row by row: each row added or removed, and each changed column of a changed row with both values.
INSERT INTO stg_row_change
SELECT submission_id, previous_submission_id, '{sheet}', row_key,
       CASE WHEN previous_source_row IS NULL THEN 'added' ELSE 'removed' END, source_row, previous_source_row,
       NULL, NULL, NULL
FROM matched_rows
WHERE source_row IS NULL OR previous_source_row IS NULL;

INSERT INTO stg_row_change
SELECT submission_id, previous_submission_id, '{sheet}', row_key, 'changed', source_row, previous_source_row,
       column_name, value_before, value_after
FROM (
    SELECT m.submission_id, m.previous_submission_id, m.row_key, m.source_row, m.previous_source_row,
           unnest([{column_pairs}], recursive := true)
    FROM matched_rows AS m
    JOIN stg_{sheet} AS a ON a.submission_id = m.submission_id AND a.source_row = m.source_row
    JOIN stg_{sheet} AS b ON b.submission_id = m.previous_submission_id AND b.source_row = m.previous_source_row
    WHERE m.value_hash <> m.previous_value_hash
)
WHERE value_before IS DISTINCT FROM value_after;
