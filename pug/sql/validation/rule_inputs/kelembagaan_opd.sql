-- Rows of sheet kelembagaan_opd: the OPD exists in the region.
SELECT
    k.*,
    s.region_code, s.report_year, s.opd_code AS submitting_opd_code,
    CASE WHEN k.kode_opd IS NOT NULL THEN EXISTS (
        SELECT 1 FROM ref_opd AS o WHERE o.kode_wilayah = s.region_code AND o.kode_opd = k.kode_opd
    ) END AS opd_known
FROM stg_kelembagaan_opd AS k
JOIN v_submission AS s USING (submission_id)
