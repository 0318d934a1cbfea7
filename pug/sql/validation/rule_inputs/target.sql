-- Rows of sheet target with what its rules need: the indicator's unit, whether the scope exists, and the target
-- of the year before for cumulative indicators.
SELECT
    t.*,
    s.region_code, s.report_year, s.opd_code,
    coalesce(t.lingkup, '') AS lingkup_key,
    i.satuan,
    -- an organisation a newer version of the register left out: ORG_DROPPED_FROM_REGISTER says which
    CASE WHEN dropped_by(t.lingkup, s.region_code, s.report_year, t.submission_id) IS NULL
         THEN is_known_scope(t.lingkup, s.region_code, s.report_year, t.submission_id) END AS scope_known,
    dropped_by(t.lingkup, s.region_code, s.report_year, t.submission_id) AS scope_dropped_by,
    NOT is_other_region(t.lingkup, s.region_code, s.report_year, t.submission_id) AS scope_of_this_region,
    CASE WHEN i.kumulatif = 'Y' THEN
        lag(t.target) OVER (PARTITION BY t.submission_id, t.kode_indikator, coalesce(t.lingkup, '') ORDER BY t.tahun)
    END AS previous_target
FROM stg_target AS t
JOIN v_submission AS s USING (submission_id)
LEFT JOIN ref_indikator AS i ON i.kode_indikator = t.kode_indikator
