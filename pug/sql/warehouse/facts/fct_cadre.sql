-- fct_cadre: the accepted rows of sheet kader in the current version of each OPD's report, with their
-- lineage (submission_id, source_sheet, source_row = the Excel row).
CREATE TABLE fct_cadre AS
SELECT
    t.region_code, t.report_year, t.opd_code,
    t.kode_kader AS cadre_code,
    t.jenis_kelamin AS sex,
    t.kode_organisasi AS org_code,
    t.kode_wilayah AS area_code,
    t.tanggal_pelatihan AS trained_on,
    t.materi_pug AS pug_material,
    t.status,
    t.submission_id, 'kader' AS source_sheet, t.source_row
FROM cur_kader AS t;
COMMENT ON TABLE fct_cadre IS 'Family-resilience cadres (1001 Kader Pendamping Ketahanan Keluarga) trained, by pseudonymous code (sheet kader).';
COMMENT ON COLUMN fct_cadre.cadre_code IS 'Pseudonymous cadre code (never a NIK).';
COMMENT ON COLUMN fct_cadre.sex IS 'P (perempuan, female) or L (laki-laki, male).';
COMMENT ON COLUMN fct_cadre.org_code IS 'Organisation the cadre belongs to, when given.';
COMMENT ON COLUMN fct_cadre.area_code IS 'Region (usually kelurahan) the cadre serves.';
COMMENT ON COLUMN fct_cadre.trained_on IS 'Date of training.';
COMMENT ON COLUMN fct_cadre.pug_material IS 'True when the training included PUG material.';
COMMENT ON COLUMN fct_cadre.status IS 'AKTIF or NONAKTIF.';
