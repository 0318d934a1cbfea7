-- Rows of sheet krppa: the kelurahan or desa is a known region of the submitting kab/kota, at desa/kelurahan depth.
SELECT
    k.*,
    s.region_code, s.report_year, s.opd_code,
    is_known_region(k.kode_wilayah) AS region_known,
    inside_region(k.kode_wilayah, s.region_code) AS inside_region,
    CASE WHEN k.kode_wilayah IS NOT NULL THEN len(string_split(k.kode_wilayah, '.')) = 4 END AS is_village
FROM stg_krppa AS k
JOIN v_submission AS s USING (submission_id)
