-- fct_prerequisite: the accepted rows of sheet prasyarat in the current version of each OPD's report, with their
-- lineage (submission_id, source_sheet, source_row = the Excel row).
CREATE TABLE fct_prerequisite AS
SELECT
    t.region_code, t.report_year, t.opd_code,
    t.kode_prasyarat::INTEGER AS prerequisite_no,
    p.prerequisite_key,
    t.butir AS prerequisite_name,
    t.uraian AS description,
    t.terpenuhi AS fulfilled,
    t.bukti AS evidence,
    t.nilai AS score,
    t.submission_id, 'prasyarat' AS source_sheet, t.source_row
FROM cur_prasyarat AS t
LEFT JOIN dim_prerequisite AS p ON p.prerequisite_no = t.kode_prasyarat::INTEGER;
COMMENT ON TABLE fct_prerequisite IS 'The seven PUG prerequisites and their self-assessed scores (sheet prasyarat).';
COMMENT ON COLUMN fct_prerequisite.prerequisite_no IS 'Number of the prerequisite on the sheet (kode_prasyarat); sources number them differently, so join on prerequisite_key.';
COMMENT ON COLUMN fct_prerequisite.prerequisite_key IS 'The prerequisite by name (dim_prerequisite): KOMITMEN, KEBIJAKAN, KELEMBAGAAN, SUMBER_DAYA, DATA_TERPILAH, ALAT_ANALISIS or PARTISIPASI.';
COMMENT ON COLUMN fct_prerequisite.prerequisite_name IS 'Name of the prerequisite as submitted (butir).';
COMMENT ON COLUMN fct_prerequisite.description IS 'What is in place (uraian).';
COMMENT ON COLUMN fct_prerequisite.fulfilled IS 'True when the prerequisite is met (terpenuhi).';
COMMENT ON COLUMN fct_prerequisite.evidence IS 'Evidence named by the submitter (bukti).';
COMMENT ON COLUMN fct_prerequisite.score IS 'Score 0 to 100 (nilai).';
