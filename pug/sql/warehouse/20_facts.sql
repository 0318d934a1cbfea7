-- Facts: the accepted rows of the current version of each OPD's report, in English names.
-- Every fact row carries its lineage: region_code, report_year, opd_code (who reported), submission_id
-- (-> fct_submission.file_sha256 and file_path), source_sheet and source_row (the Excel row number).
-- A blank lingkup (scope) means the whole region and is stored as the region's own code.

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

CREATE TABLE fct_advocacy_attendance AS
SELECT
    t.region_code, t.report_year, t.opd_code,
    t.kode_kegiatan AS event_code,
    t.kode_organisasi AS org_code,
    t.jumlah_hadir AS attendees,
    t.submission_id, 'advokasi_peserta' AS source_sheet, t.source_row
FROM cur_advokasi_peserta AS t;
COMMENT ON TABLE fct_advocacy_attendance IS 'Which women''s organisations each advocacy event reached (sheet advokasi_peserta).';
COMMENT ON COLUMN fct_advocacy_attendance.event_code IS 'Event (fct_advocacy_event.event_code of the same submission).';
COMMENT ON COLUMN fct_advocacy_attendance.org_code IS 'Organisation reached (dim_organisation.org_code).';
COMMENT ON COLUMN fct_advocacy_attendance.attendees IS 'Members of the organisation attending, when given.';

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

CREATE TABLE fct_prerequisite AS
SELECT
    t.region_code, t.report_year, t.opd_code,
    t.kode_prasyarat::INTEGER AS prerequisite_no,
    t.butir AS prerequisite_name,
    t.uraian AS description,
    t.terpenuhi AS fulfilled,
    t.bukti AS evidence,
    t.nilai AS score,
    t.submission_id, 'prasyarat' AS source_sheet, t.source_row
FROM cur_prasyarat AS t;
COMMENT ON TABLE fct_prerequisite IS 'The seven PUG prerequisites and their self-assessed scores (sheet prasyarat).';
COMMENT ON COLUMN fct_prerequisite.prerequisite_no IS '1 komitmen, 2 kebijakan, 3 kelembagaan, 4 sumber daya, 5 data terpilah, 6 alat analisis gender, 7 partisipasi masyarakat.';
COMMENT ON COLUMN fct_prerequisite.prerequisite_name IS 'Name of the prerequisite as submitted (butir).';
COMMENT ON COLUMN fct_prerequisite.description IS 'What is in place (uraian).';
COMMENT ON COLUMN fct_prerequisite.fulfilled IS 'True when the prerequisite is met (terpenuhi).';
COMMENT ON COLUMN fct_prerequisite.evidence IS 'Evidence named by the submitter (bukti).';
COMMENT ON COLUMN fct_prerequisite.score IS 'Score 0 to 100 (nilai).';

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
