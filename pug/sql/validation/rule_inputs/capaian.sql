-- Rows of sheet capaian with what its rules need: unit, scope, ratio consistency, the other OPDs that report the
-- same indicator, scope and year in their current reports, and how far a value lies from last year's.
WITH current_reporters AS (
    SELECT DISTINCT s.region_code, s.report_year, s.opd_code, c.kode_indikator, coalesce(c.lingkup, '') AS lingkup_key, c.tahun
    FROM stg_capaian AS c
    JOIN v_submission AS s USING (submission_id)
    WHERE s.is_current
)
SELECT
    c.*,
    s.region_code, s.report_year, s.opd_code,
    coalesce(c.lingkup, '') AS lingkup_key,
    i.satuan,
    -- an organisation a newer version of the register left out: ORG_DROPPED_FROM_REGISTER says which
    CASE WHEN dropped_by(c.lingkup, s.region_code, s.report_year, c.submission_id) IS NULL
         THEN is_known_scope(c.lingkup, s.region_code, s.report_year, c.submission_id) END AS scope_known,
    dropped_by(c.lingkup, s.region_code, s.report_year, c.submission_id) AS scope_dropped_by,
    NOT is_other_region(c.lingkup, s.region_code, s.report_year, c.submission_id) AS scope_of_this_region,
    CASE WHEN i.satuan = '%' AND c.penyebut > 0 AND c.pembilang IS NOT NULL AND c.realisasi IS NOT NULL
         THEN abs(c.realisasi - 100.0 * c.pembilang / c.penyebut) END AS ratio_gap,
    1 + (
        SELECT count(DISTINCT r.opd_code) FROM current_reporters AS r
        WHERE r.region_code = s.region_code AND r.report_year = s.report_year AND r.opd_code <> s.opd_code
          AND r.kode_indikator = c.kode_indikator AND r.lingkup_key = coalesce(c.lingkup, '') AND r.tahun = c.tahun
    ) AS owners_of_scope,
    CASE WHEN i.peran_pemilik IS NOT NULL THEN
        coalesce(list_contains(string_split(o.peran, ';'), i.peran_pemilik), false)
    END AS owner_matches,
    -- the factor between this year's value and last year's, both above zero (1 = equal, 10 = an order of magnitude)
    CASE WHEN c.tahun = s.report_year AND c.realisasi > 0 AND p.realisasi > 0
         THEN greatest(c.realisasi / p.realisasi, p.realisasi / c.realisasi) END AS change_factor,
    regexp_replace(CAST(p.realisasi AS VARCHAR), '\.0$', '') AS last_year_value
FROM stg_capaian AS c
JOIN v_submission AS s USING (submission_id)
LEFT JOIN ref_indikator AS i ON i.kode_indikator = c.kode_indikator
LEFT JOIN ref_opd AS o ON o.kode_wilayah = s.region_code AND o.kode_opd = s.opd_code
LEFT JOIN prior_reported_value AS p
  ON p.region_code = s.region_code AND p.kode_indikator = c.kode_indikator AND p.lingkup_key = coalesce(c.lingkup, '')
