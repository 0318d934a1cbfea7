-- fct_budget_line: the accepted rows of sheet anggaran in the current version of each OPD's report, with their
-- lineage (submission_id, source_sheet, source_row = the Excel row).
CREATE TABLE fct_budget_line AS
SELECT
    t.region_code, t.report_year, t.opd_code,
    t.kode_subkegiatan AS subactivity_code,
    t.nama_subkegiatan AS subactivity_name,
    t.pagu AS budget_idr,
    t.realisasi_anggaran AS spent_idr,
    t.responsif_gender AS gender_responsive,
    t.ada_gap AS has_gap,
    t.ada_gbs AS has_gbs,
    t.submission_id, 'anggaran' AS source_sheet, t.source_row
FROM cur_anggaran AS t;
COMMENT ON TABLE fct_budget_line IS 'Budget lines (sub-activities) of each OPD and their gender tagging (PPRG; sheet anggaran).';
COMMENT ON COLUMN fct_budget_line.subactivity_code IS 'Sub-activity code (kode_subkegiatan).';
COMMENT ON COLUMN fct_budget_line.subactivity_name IS 'Sub-activity name.';
COMMENT ON COLUMN fct_budget_line.budget_idr IS 'Budget ceiling (pagu) in rupiah.';
COMMENT ON COLUMN fct_budget_line.spent_idr IS 'Budget realised in rupiah, when given.';
COMMENT ON COLUMN fct_budget_line.gender_responsive IS 'True when tagged gender-responsive (ARG).';
COMMENT ON COLUMN fct_budget_line.has_gap IS 'True when a Gender Analysis Pathway (GAP) was made.';
COMMENT ON COLUMN fct_budget_line.has_gbs IS 'True when a Gender Budget Statement (GBS) was made.';
