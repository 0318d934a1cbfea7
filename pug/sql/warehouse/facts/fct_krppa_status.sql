-- fct_krppa_status: the accepted rows of sheet krppa in the current version of each OPD's report, with their
-- lineage (submission_id, source_sheet, source_row = the Excel row).
CREATE TABLE fct_krppa_status AS
SELECT
    t.region_code, t.report_year, t.opd_code,
    t.kode_wilayah AS village_code,
    t.indikator_terpenuhi AS indicators_met,
    t.ditetapkan AS designated,
    t.indikator_terpenuhi >= 10 OR t.ditetapkan AS counts_as_krppa,
    t.nomor_sk AS decree,
    t.keterangan AS note,
    t.submission_id, 'krppa' AS source_sheet, t.source_row
FROM cur_krppa AS t;
COMMENT ON TABLE fct_krppa_status IS 'Each kelurahan''s or desa''s standing as women- and child-friendly (KRPPA/DRPPA), as the women''s agency reports it (sheet krppa).';
COMMENT ON COLUMN fct_krppa_status.village_code IS 'Kelurahan or desa (dim_region).';
COMMENT ON COLUMN fct_krppa_status.indicators_met IS 'How many of the 10 KRPPA/DRPPA indicators it meets.';
COMMENT ON COLUMN fct_krppa_status.designated IS 'True when designated KRPPA/DRPPA by decree (a signed commitment alone is not).';
COMMENT ON COLUMN fct_krppa_status.counts_as_krppa IS 'True when it meets all 10 indicators or is designated: what KRPPA_PCT counts (docs/methods.md).';
COMMENT ON COLUMN fct_krppa_status.decree IS 'Number of the designating decree, when given.';
COMMENT ON COLUMN fct_krppa_status.note IS 'Note of the submitter.';
