-- Registers that shrank sharply since last year (REGISTER_SHRANK): each current report of the regions being
-- validated whose organisasi sheet holds fewer than half the organisations the same OPD registered the year before
-- (the previous year's staging database, attached as `prior`), when that was at least $at_least. Other OPDs' rows
-- that name the organisations left out fail as not registered: the reviewer should see the cause first.
WITH this_year AS (
    SELECT s.submission_id, s.region_code, s.opd_code, count(o.source_row) AS organisations
    FROM stg_submission AS s
    LEFT JOIN stg_organisasi AS o USING (submission_id)
    WHERE s.is_current AND s.region_code IN (SELECT unnest($regions::VARCHAR[]))
    GROUP BY ALL
),
last_year AS (
    SELECT s.region_code, s.opd_code, count(*) AS organisations
    FROM prior.stg_submission AS s
    JOIN prior.stg_organisasi AS o USING (submission_id)
    WHERE s.is_current
      AND NOT EXISTS (  -- last year's register as accepted: rows no error quarantined
          SELECT 1 FROM prior.stg_finding AS f
          WHERE f.submission_id = o.submission_id AND f.sheet = 'organisasi' AND f.source_row = o.source_row AND f.severity = 'error'
      )
    GROUP BY ALL
)
SELECT t.submission_id, t.organisations AS now, l.organisations AS before
FROM this_year AS t
JOIN last_year AS l USING (region_code, opd_code)
WHERE l.organisations >= $at_least AND t.organisations * 2 < l.organisations
ORDER BY ALL;
