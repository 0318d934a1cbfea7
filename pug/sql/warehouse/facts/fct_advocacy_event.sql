-- fct_advocacy_event: the accepted rows of sheet advokasi in the current version of each OPD's report, with their
-- lineage (submission_id, source_sheet, source_row = the Excel row).
CREATE TABLE fct_advocacy_event AS
SELECT
    t.region_code, t.report_year, t.opd_code,
    t.kode_kegiatan AS event_code,
    t.tanggal AS event_date,
    t.kode_wilayah AS area_code,
    t.tema AS theme,
    t.peserta_perempuan AS participants_female,
    t.peserta_laki_laki AS participants_male,
    t.submission_id, 'advokasi' AS source_sheet, t.source_row
FROM cur_advokasi AS t;
COMMENT ON TABLE fct_advocacy_event IS 'PUG advocacy events held in the report year (sheet advokasi).';
COMMENT ON COLUMN fct_advocacy_event.event_code IS 'Event code, unique within the submission (kode_kegiatan).';
COMMENT ON COLUMN fct_advocacy_event.event_date IS 'Date of the event.';
COMMENT ON COLUMN fct_advocacy_event.area_code IS 'Region where the event took place (kab/kota, kecamatan or kelurahan code).';
COMMENT ON COLUMN fct_advocacy_event.theme IS 'Theme of the event (tema).';
COMMENT ON COLUMN fct_advocacy_event.participants_female IS 'Women attending.';
COMMENT ON COLUMN fct_advocacy_event.participants_male IS 'Men attending.';
