-- fct_opd_institution: the accepted rows of sheet kelembagaan_opd in the current version of each OPD's report, with
-- their lineage (submission_id, source_sheet, source_row = the Excel row).
CREATE TABLE fct_opd_institution AS
SELECT
    t.region_code, t.report_year, t.opd_code,
    t.kode_opd AS described_opd_code,
    t.focal_point_sk AS focal_point_appointed,
    t.focal_point_terlatih AS focal_point_trained,
    t.data_siga AS supplies_siga,
    t.nomor_sk AS decree,
    t.keterangan AS note,
    t.submission_id, 'kelembagaan_opd' AS source_sheet, t.source_row
FROM cur_kelembagaan_opd AS t;
COMMENT ON TABLE fct_opd_institution IS 'The PUG institutions of each OPD as the women''s agency reports them (sheet kelembagaan_opd): a focal point appointed by decree and trained; sex-disaggregated data supplied to SIGA.';
COMMENT ON COLUMN fct_opd_institution.described_opd_code IS 'The OPD the row describes (dim_opd.opd_code).';
COMMENT ON COLUMN fct_opd_institution.focal_point_appointed IS 'True when the OPD''s PUG focal point is appointed by decree (SK).';
COMMENT ON COLUMN fct_opd_institution.focal_point_trained IS 'True when that focal point is trained in PUG/PPRG.';
COMMENT ON COLUMN fct_opd_institution.supplies_siga IS 'True when the OPD supplies sex-disaggregated data to SIGA (Satu Data Gender dan Anak, Permen PPPA 4/2023) that year.';
COMMENT ON COLUMN fct_opd_institution.decree IS 'Number of the focal point decree, when given.';
COMMENT ON COLUMN fct_opd_institution.note IS 'Note of the submitter.';
