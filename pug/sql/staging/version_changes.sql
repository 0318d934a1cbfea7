-- Changes of sheet {sheet} between consecutive versions of each OPD's report (see versions.sql).
-- {key_hash} identifies a row (the sheet's key), {value_hash} its contract values.
INSERT INTO stg_version_change
WITH pairs AS (
    SELECT later.submission_id, earlier.submission_id AS previous_submission_id
    FROM stg_submission AS later
    JOIN stg_submission AS earlier
      ON earlier.region_code = later.region_code AND earlier.opd_code = later.opd_code
     AND earlier.version = later.version - 1
),
keyed AS (
    SELECT
        submission_id,
        {key_hash} AS key_hash,
        row_number() OVER (PARTITION BY submission_id, {key_hash} ORDER BY source_row) AS occurrence,
        {value_hash} AS value_hash
    FROM stg_{sheet}
    WHERE submission_id IN (SELECT submission_id FROM pairs UNION ALL SELECT previous_submission_id FROM pairs)
),
after AS (SELECT p.*, k.key_hash, k.occurrence, k.value_hash FROM pairs AS p JOIN keyed AS k USING (submission_id)),
before AS (
    SELECT p.*, k.key_hash, k.occurrence, k.value_hash
    FROM pairs AS p JOIN keyed AS k ON k.submission_id = p.previous_submission_id
)
SELECT
    coalesce(a.submission_id, b.submission_id) AS submission_id,
    coalesce(a.previous_submission_id, b.previous_submission_id) AS previous_submission_id,
    '{sheet}' AS sheet,
    count(b.key_hash) AS rows_before,
    count(a.key_hash) AS rows_after,
    count(*) FILTER (WHERE b.key_hash IS NULL) AS rows_added,
    count(*) FILTER (WHERE a.key_hash IS NULL) AS rows_removed,
    count(*) FILTER (WHERE a.key_hash IS NOT NULL AND b.key_hash IS NOT NULL AND a.value_hash <> b.value_hash) AS rows_changed,
    count(*) FILTER (WHERE a.value_hash = b.value_hash) AS rows_unchanged
FROM after AS a
FULL JOIN before AS b
  ON a.submission_id = b.submission_id AND a.key_hash = b.key_hash AND a.occurrence = b.occurrence
GROUP BY ALL;
