-- Rows of sheet kader: region checks, training date against the report year, organisation registered.
SELECT
    k.*,
    s.region_code, s.report_year, s.opd_code,
    is_known_region(k.kode_wilayah) AS region_known,
    inside_region(k.kode_wilayah, s.region_code) AS inside_region,
    days_outside_year(k.tanggal_pelatihan, s.report_year) AS days_outside_year,
    -- not registered because a newer version of the register left it out: ORG_DROPPED_FROM_REGISTER says which
    CASE WHEN dropped_by(k.kode_organisasi, s.region_code, s.report_year, k.submission_id) IS NULL
         THEN is_registered(k.kode_organisasi, s.region_code, s.report_year, k.submission_id) END AS org_registered,
    dropped_by(k.kode_organisasi, s.region_code, s.report_year, k.submission_id) AS org_dropped_by
FROM stg_kader AS k
JOIN v_submission AS s USING (submission_id)
