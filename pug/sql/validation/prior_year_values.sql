-- Last year's value of each indicator and scope, for the rule that flags a value ten times or more away from it
-- (VALUE_FAR_FROM_LAST_YEAR): from the previous report year's staging database, attached as `prior`, the rows of
-- current reports that no error quarantined, as that year reported them (tahun = its report year).
CREATE OR REPLACE TEMP TABLE prior_reported_value AS
SELECT s.region_code, c.kode_indikator, coalesce(c.lingkup, '') AS lingkup_key, max(c.realisasi) AS realisasi
FROM prior.stg_capaian AS c
JOIN prior.stg_submission AS s USING (submission_id)
WHERE s.is_current AND c.tahun = s.report_year AND c.realisasi IS NOT NULL
  AND NOT EXISTS (
      SELECT 1 FROM prior.stg_finding AS f
      WHERE f.submission_id = c.submission_id AND f.sheet = 'capaian' AND f.source_row = c.source_row AND f.severity = 'error'
  )
GROUP BY ALL;
