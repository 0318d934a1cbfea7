-- dim_organisation: the accepted rows of sheet organisasi in the current version of each OPD's report, with their
-- lineage (submission_id, source_sheet, source_row = the Excel row).
CREATE TABLE dim_organisation AS
SELECT
    t.region_code, t.report_year, t.opd_code,
    t.kode_organisasi AS org_code,
    t.nama_organisasi AS org_name,
    t.jenis AS org_type,
    t.tingkat AS org_level,
    t.kode_wilayah AS area_code,
    r.kecamatan_code,
    r.kelurahan_code,
    t.kode_induk AS parent_org_code,
    t.tahun_berdiri AS founded_year,
    t.jumlah_anggota AS members,
    t.status,
    t.status = 'AKTIF' AS is_active,
    t.submission_id, 'organisasi' AS source_sheet, t.source_row
FROM cur_organisasi AS t
LEFT JOIN dim_region AS r ON r.region_code = t.kode_wilayah;
COMMENT ON TABLE dim_organisation IS 'Women''s organisations as registered in each report year (a yearly snapshot of the register, sheet organisasi).';
COMMENT ON COLUMN dim_organisation.org_code IS 'Organisation code, unique within the region.';
COMMENT ON COLUMN dim_organisation.org_name IS 'Name of the organisation.';
COMMENT ON COLUMN dim_organisation.org_type IS 'PKK, FEDERASI (GOW), ISTRI_APARATUR, KEAGAMAAN, PROFESI_EKONOMI, KOMUNITAS or LAINNYA.';
COMMENT ON COLUMN dim_organisation.org_level IS 'KOTA, KECAMATAN, KELURAHAN, RW, RT or DASAWISMA.';
COMMENT ON COLUMN dim_organisation.area_code IS 'Region code of the organisation, of the depth its level implies.';
COMMENT ON COLUMN dim_organisation.kecamatan_code IS 'Kecamatan of the organisation; null for kota-level organisations.';
COMMENT ON COLUMN dim_organisation.kelurahan_code IS 'Kelurahan of the organisation; null above kelurahan level.';
COMMENT ON COLUMN dim_organisation.parent_org_code IS 'Parent organisation (kode_induk), e.g. the PKK of the level above.';
COMMENT ON COLUMN dim_organisation.founded_year IS 'Year founded, when given.';
COMMENT ON COLUMN dim_organisation.members IS 'Number of members, when given.';
COMMENT ON COLUMN dim_organisation.status IS 'AKTIF or NONAKTIF in that year.';
COMMENT ON COLUMN dim_organisation.is_active IS 'True when status is AKTIF: the organisations a coverage target counts.';
