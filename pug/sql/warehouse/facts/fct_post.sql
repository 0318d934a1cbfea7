-- fct_post: the accepted rows of sheet jabatan in the current version of each OPD's report, with their
-- lineage (submission_id, source_sheet, source_row = the Excel row).
CREATE TABLE fct_post AS
SELECT
    t.region_code, t.report_year, t.opd_code,
    t.kode_jabatan AS post_code,
    t.nama_jabatan AS post_name,
    t.kelompok AS post_group,
    t.kode_opd AS post_opd_code,
    t.jenis_kelamin AS holder_sex,
    t.status,
    t.tanggal_data AS data_date,
    t.kode_pegawai AS holder_code,
    t.submission_id, 'jabatan' AS source_sheet, t.source_row
FROM cur_jabatan AS t;
COMMENT ON TABLE fct_post IS 'Structural posts and the sex of who holds them (sheet jabatan, usually from BKPSDM).';
COMMENT ON COLUMN fct_post.post_code IS 'Post code (kode_jabatan).';
COMMENT ON COLUMN fct_post.post_name IS 'Name of the post.';
COMMENT ON COLUMN fct_post.post_group IS 'SEKDA, JPT_PRATAMA, ADMINISTRATOR, PENGAWAS, CAMAT or LURAH; strategic groups are a setting (dim_setting).';
COMMENT ON COLUMN fct_post.post_opd_code IS 'OPD the post belongs to.';
COMMENT ON COLUMN fct_post.holder_sex IS 'P or L; null when the post is vacant.';
COMMENT ON COLUMN fct_post.status IS 'DEFINITIF, PLT (acting) or KOSONG (vacant).';
COMMENT ON COLUMN fct_post.data_date IS 'Date the data describes.';
COMMENT ON COLUMN fct_post.holder_code IS 'Pseudonymous code of the holder (kode_pegawai; never a NIP or NIK), the same for one person''s posts; null when not given.';
