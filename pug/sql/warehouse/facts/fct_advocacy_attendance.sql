-- fct_advocacy_attendance: the accepted rows of sheet advokasi_peserta in the current version of each OPD's report, with their
-- lineage (submission_id, source_sheet, source_row = the Excel row).
CREATE TABLE fct_advocacy_attendance AS
SELECT
    t.region_code, t.report_year, t.opd_code,
    t.kode_kegiatan AS event_code,
    t.kode_organisasi AS org_code,
    t.jumlah_hadir AS attendees,
    t.submission_id, 'advokasi_peserta' AS source_sheet, t.source_row
FROM cur_advokasi_peserta AS t;
COMMENT ON TABLE fct_advocacy_attendance IS 'Which women''s organisations each advocacy event reached (sheet advokasi_peserta).';
COMMENT ON COLUMN fct_advocacy_attendance.event_code IS 'Event (fct_advocacy_event.event_code of the same submission).';
COMMENT ON COLUMN fct_advocacy_attendance.org_code IS 'Organisation reached (dim_organisation.org_code).';
COMMENT ON COLUMN fct_advocacy_attendance.attendees IS 'Members of the organisation attending, when given.';
