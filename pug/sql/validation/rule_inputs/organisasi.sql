-- Rows of sheet organisasi with what its rules need: region checks, the depth its level implies, other OPDs that
-- register the same code, and whether the parent organisation is registered.
SELECT
    o.*,
    s.region_code, s.report_year, s.opd_code,
    is_known_region(o.kode_wilayah) AS region_known,
    inside_region(o.kode_wilayah, s.region_code) AS inside_region,
    len(string_split(o.kode_wilayah, '.')) AS region_depth,
    CASE o.tingkat
        WHEN 'KOTA' THEN 2
        WHEN 'KECAMATAN' THEN 3
        WHEN 'KELURAHAN' THEN 4 WHEN 'RW' THEN 4 WHEN 'RT' THEN 4 WHEN 'DASAWISMA' THEN 4
    END AS expected_depth,
    1 + (
        SELECT count(DISTINCT r.opd_code) FROM v_org_register AS r
        WHERE r.org_code = o.kode_organisasi AND r.region_code = s.region_code AND r.report_year = s.report_year
          AND r.opd_code <> s.opd_code
    ) AS registrations_in_region,
    -- a parent a newer version of the register left out: ORG_DROPPED_FROM_REGISTER says which
    CASE WHEN dropped_by(o.kode_induk, s.region_code, s.report_year, o.submission_id) IS NULL
         THEN is_registered(o.kode_induk, s.region_code, s.report_year, o.submission_id) END AS parent_known,
    dropped_by(o.kode_induk, s.region_code, s.report_year, o.submission_id) AS parent_dropped_by
FROM stg_organisasi AS o
JOIN v_submission AS s USING (submission_id)
