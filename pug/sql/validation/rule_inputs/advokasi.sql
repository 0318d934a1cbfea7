-- Rows of sheet advokasi with region checks and how far the date lies outside the report year.
SELECT
    a.*,
    s.region_code, s.report_year, s.opd_code,
    is_known_region(a.kode_wilayah) AS region_known,
    inside_region(a.kode_wilayah, s.region_code) AS inside_region,
    days_outside_year(a.tanggal, s.report_year) AS days_outside_year
FROM stg_advokasi AS a
JOIN v_submission AS s USING (submission_id)
