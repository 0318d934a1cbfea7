-- Rows of sheet advokasi_peserta: is the event listed (and not quarantined) in the same submission, is the
-- organisation registered.
SELECT
    p.*,
    s.region_code, s.report_year, s.opd_code,
    CASE WHEN p.kode_kegiatan IS NOT NULL THEN EXISTS (
        SELECT 1 FROM stg_advokasi AS a
        WHERE a.submission_id = p.submission_id AND a.kode_kegiatan = p.kode_kegiatan
          AND NOT EXISTS (
              SELECT 1 FROM v_error_row AS e
              WHERE e.submission_id = a.submission_id AND e.sheet = 'advokasi' AND e.source_row = a.source_row
          )
    ) END AS event_listed,
    -- not registered because a newer version of the register left it out: ORG_DROPPED_FROM_REGISTER says which
    CASE WHEN dropped_by(p.kode_organisasi, s.region_code, s.report_year, p.submission_id) IS NULL
         THEN is_registered(p.kode_organisasi, s.region_code, s.report_year, p.submission_id) END AS org_registered,
    dropped_by(p.kode_organisasi, s.region_code, s.report_year, p.submission_id) AS org_dropped_by
FROM stg_advokasi_peserta AS p
JOIN v_submission AS s USING (submission_id)
