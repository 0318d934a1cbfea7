-- Rows of sheet jabatan: the post's OPD exists in the region; the data date against the report year.
SELECT
    j.*,
    s.region_code, s.report_year, s.opd_code AS submitting_opd_code,
    CASE WHEN j.kode_opd IS NOT NULL THEN EXISTS (
        SELECT 1 FROM ref_opd AS o WHERE o.kode_wilayah = s.region_code AND o.kode_opd = j.kode_opd
    ) END AS opd_known,
    days_outside_year(j.tanggal_data, s.report_year) AS days_outside_year
FROM stg_jabatan AS j
JOIN v_submission AS s USING (submission_id)
