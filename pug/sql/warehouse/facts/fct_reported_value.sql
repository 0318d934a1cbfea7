-- fct_reported_value: the accepted rows of sheet capaian in the current version of each OPD's report, with their
-- lineage (submission_id, source_sheet, source_row = the Excel row). A blank lingkup (scope) means the whole
-- region and is stored as the region's own code.
CREATE TABLE fct_reported_value AS
SELECT
    t.region_code, t.report_year, t.opd_code,
    t.kode_indikator AS indicator_code,
    coalesce(nullif(t.lingkup, ''), t.region_code) AS scope,
    CASE WHEN coalesce(t.lingkup, '') = '' THEN 'region' WHEN r.region_code IS NOT NULL THEN r.level ELSE 'organisation' END AS scope_type,
    t.tahun AS year,
    t.realisasi AS reported_value,
    t.pembilang AS numerator,
    t.penyebut AS denominator,
    t.sumber_data AS data_source,
    t.keterangan AS note,
    t.submission_id, 'capaian' AS source_sheet, t.source_row
FROM cur_capaian AS t
LEFT JOIN dim_region AS r ON r.region_code = t.lingkup;
COMMENT ON TABLE fct_reported_value IS 'Realised indicator values as reported by the owner OPD (sheet capaian).';
COMMENT ON COLUMN fct_reported_value.indicator_code IS 'Indicator (dim_indicator).';
COMMENT ON COLUMN fct_reported_value.scope IS 'What the value covers: the region code for the whole kab/kota, a kecamatan or kelurahan code, or an organisation code.';
COMMENT ON COLUMN fct_reported_value.scope_type IS 'region (whole kab/kota), kecamatan, kelurahan or organisation.';
COMMENT ON COLUMN fct_reported_value.year IS 'The year the value is for.';
COMMENT ON COLUMN fct_reported_value.reported_value IS 'Realised value in the indicator''s unit (realisasi).';
COMMENT ON COLUMN fct_reported_value.numerator IS 'Numerator of a ratio indicator (pembilang), when given.';
COMMENT ON COLUMN fct_reported_value.denominator IS 'Denominator of a ratio indicator (penyebut), when given.';
COMMENT ON COLUMN fct_reported_value.data_source IS 'Source of the data as the OPD names it (sumber_data).';
COMMENT ON COLUMN fct_reported_value.note IS 'Remarks of the submitter (keterangan).';
