-- Row verdicts of one sheet ({sheet}) of a report year.
-- A row is quarantined when a finding of severity 'error' names it, or when its whole submission was rejected;
-- otherwise it is accepted (warnings keep the row). Quarantined rows are kept whole, with every reason.
ALTER TABLE stg_{sheet} ADD COLUMN IF NOT EXISTS row_status VARCHAR;

UPDATE stg_{sheet} AS t
SET row_status = CASE
    WHEN s.parse_status = 'rejected' THEN 'quarantined'
    WHEN EXISTS (
        SELECT 1 FROM stg_finding f
        WHERE f.submission_id = t.submission_id AND f.sheet = '{sheet}'
          AND f.source_row = t.source_row AND f.severity = 'error'
    ) THEN 'quarantined'
    ELSE 'accepted'
END
FROM stg_submission AS s
WHERE s.submission_id = t.submission_id;

INSERT INTO stg_quarantined_row
SELECT
    t.submission_id,
    '{sheet}' AS sheet,
    t.source_row,
    t.raw_values,
    coalesce(
        list(DISTINCT f.code ORDER BY f.code) FILTER (WHERE f.code IS NOT NULL),
        []
    ) AS reason_codes,
    coalesce(
        string_agg(DISTINCT coalesce(f.cell || ': ', '') || f.message, ' | ') FILTER (WHERE f.code IS NOT NULL),
        ''
    ) AS reasons
FROM stg_{sheet} AS t
LEFT JOIN stg_finding AS f
    ON f.submission_id = t.submission_id AND f.severity = 'error'
   AND ((f.sheet = '{sheet}' AND f.source_row = t.source_row) OR f.file_level)
WHERE t.row_status = 'quarantined'
GROUP BY t.submission_id, t.source_row, t.raw_values;

-- Conservation, counted from the table itself: rows read = rows accepted + rows quarantined.
UPDATE stg_submission_sheet AS c
SET rows_accepted = n.accepted, rows_quarantined = n.quarantined
FROM (
    SELECT
        submission_id,
        count(*) FILTER (WHERE row_status = 'accepted') AS accepted,
        count(*) FILTER (WHERE row_status = 'quarantined') AS quarantined
    FROM stg_{sheet}
    GROUP BY submission_id
) AS n
WHERE c.sheet = '{sheet}' AND c.submission_id = n.submission_id;
