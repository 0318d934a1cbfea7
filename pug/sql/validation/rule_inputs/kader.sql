-- Rows of sheet kader: region checks, training date against the report year, organisation registered.
SELECT
    k.*,
    s.region_code, s.report_year, s.opd_code,
    is_known_region(k.kode_wilayah) AS region_known,
    inside_region(k.kode_wilayah, s.region_code) AS inside_region,
    days_outside_year(k.tanggal_pelatihan, s.report_year) AS days_outside_year,
    is_registered(k.kode_organisasi, s.region_code, s.report_year, k.submission_id) AS org_registered
FROM stg_kader AS k
JOIN v_submission AS s USING (submission_id)
