-- Rows of sheet capaian with what its rules need: unit, scope, ratio consistency, and the other OPDs that report
-- the same indicator, scope and year in their current reports.
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
    is_known_scope(c.lingkup, s.region_code, s.report_year, c.submission_id) AS scope_known,
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
    END AS owner_matches
FROM stg_capaian AS c
JOIN v_submission AS s USING (submission_id)
LEFT JOIN ref_indikator AS i ON i.kode_indikator = c.kode_indikator
LEFT JOIN ref_opd AS o ON o.kode_wilayah = s.region_code AND o.kode_opd = s.opd_code
