-- fct_target: the accepted rows of sheet target in the current version of each OPD's report, with their
-- lineage (submission_id, source_sheet, source_row = the Excel row). A blank lingkup (scope) means the whole
-- region and is stored as the region's own code.
CREATE TABLE fct_target AS
SELECT
    t.region_code, t.report_year, t.opd_code,
    t.kode_indikator AS indicator_code,
    coalesce(nullif(t.lingkup, ''), t.region_code) AS scope,
    CASE WHEN coalesce(t.lingkup, '') = '' THEN 'region' WHEN r.region_code IS NOT NULL THEN r.level ELSE 'organisation' END AS scope_type,
    t.tahun AS year,
    t.target,
    t.keterangan AS note,
    t.submission_id, 'target' AS source_sheet, t.source_row
FROM cur_target AS t
LEFT JOIN dim_region AS r ON r.region_code = t.lingkup;
COMMENT ON TABLE fct_target IS 'Five-year targets per indicator, scope and year, as the owner OPD submitted them in report_year (targets may be revised each year: use the latest report_year).';
COMMENT ON COLUMN fct_target.indicator_code IS 'Indicator (dim_indicator).';
COMMENT ON COLUMN fct_target.scope IS 'What the target covers: the region code for the whole kab/kota, a kecamatan or kelurahan code, or an organisation code.';
COMMENT ON COLUMN fct_target.scope_type IS 'region (whole kab/kota), kecamatan, kelurahan or organisation.';
COMMENT ON COLUMN fct_target.year IS 'The year the target is for.';
COMMENT ON COLUMN fct_target.target IS 'Target value in the indicator''s unit.';
COMMENT ON COLUMN fct_target.note IS 'Remarks of the submitter (keterangan).';
