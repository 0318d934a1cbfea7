-- Dimensions from the reference data (raw/reference/*.csv, loaded as temporary ref_* tables).

CREATE TABLE dim_region AS
SELECT
    code AS region_code,
    name AS region_name,
    level,
    nullif(parent_code, '') AS parent_code,
    len(string_split(code, '.')) AS depth,
    left(code, 2) AS province_code,
    CASE WHEN len(code) >= 5 THEN left(code, 5) END AS kota_code,
    CASE WHEN len(code) >= 8 THEN left(code, 8) END AS kecamatan_code,
    CASE WHEN len(code) >= 13 THEN code END AS kelurahan_code
FROM ref_wilayah;
COMMENT ON TABLE dim_region IS 'Regions by Kemendagri code (Kepmendagri 300.2.2-2430/2025): kab/kota, kecamatan and kelurahan/desa, each with the codes of the areas that contain it.';
COMMENT ON COLUMN dim_region.region_code IS 'Kemendagri region code: PP province, PP.KK kab/kota, PP.KK.CC kecamatan, PP.KK.CC.NNNN desa/kelurahan.';
COMMENT ON COLUMN dim_region.region_name IS 'Official name.';
COMMENT ON COLUMN dim_region.level IS 'provinsi, kabupaten, kota, kecamatan, kelurahan, desa or desa_adat.';
COMMENT ON COLUMN dim_region.parent_code IS 'Code of the region that directly contains this one.';
COMMENT ON COLUMN dim_region.depth IS '1 province, 2 kab/kota, 3 kecamatan, 4 desa/kelurahan.';
COMMENT ON COLUMN dim_region.province_code IS 'Province containing the region.';
COMMENT ON COLUMN dim_region.kota_code IS 'Kab/kota containing the region (itself for a kab/kota); null for a province.';
COMMENT ON COLUMN dim_region.kecamatan_code IS 'Kecamatan containing the region (itself for a kecamatan); null above kecamatan.';
COMMENT ON COLUMN dim_region.kelurahan_code IS 'The desa/kelurahan code for regions at that depth; null above it.';

CREATE TABLE dim_opd AS
SELECT
    kode_wilayah AS region_code,
    kode_opd AS opd_code,
    nama_opd AS opd_name,
    list_filter(string_split(peran, ';'), lambda r: r <> '') AS roles,
    nullif(kode_kecamatan, '') AS kecamatan_code
FROM ref_opd;
COMMENT ON TABLE dim_opd IS 'Work units (OPD) of each kab/kota that report on PUG every year (raw/reference/opd.csv).';
COMMENT ON COLUMN dim_opd.region_code IS 'Kab/kota the OPD belongs to.';
COMMENT ON COLUMN dim_opd.opd_code IS 'Short upper-case OPD code, unique within the region (DPMPPA, BAPPEDA, ...).';
COMMENT ON COLUMN dim_opd.opd_name IS 'Full name of the OPD.';
COMMENT ON COLUMN dim_opd.roles IS 'PUG roles of the OPD: PPPA (women''s agency), PERENCANAAN, KEPEGAWAIAN, KEUANGAN, KECAMATAN, ...; names differ per city, roles do not.';
COMMENT ON COLUMN dim_opd.kecamatan_code IS 'For a kecamatan office, the kecamatan it serves; null otherwise.';

CREATE TABLE dim_indicator AS
SELECT
    kode_indikator AS indicator_code,
    nama_indikator AS name_id,
    nama_indikator_en AS name_en,
    satuan AS unit,
    arah AS direction,
    kumulatif = 'Y' AS is_cumulative,
    peran_pemilik AS owner_role,
    tema AS theme,
    nullif(aturan_hitung, '') AS computation_rule
FROM ref_indikator;
COMMENT ON TABLE dim_indicator IS 'The indicator catalogue (raw/reference/indikator.csv).';
COMMENT ON COLUMN dim_indicator.indicator_code IS 'Stable indicator code, e.g. ORG_ADVOKASI_PCT.';
COMMENT ON COLUMN dim_indicator.name_id IS 'Name in Bahasa Indonesia.';
COMMENT ON COLUMN dim_indicator.name_en IS 'Name in English.';
COMMENT ON COLUMN dim_indicator.unit IS 'Unit of target and values (%, orang, organisasi, indeks, ...).';
COMMENT ON COLUMN dim_indicator.direction IS 'NAIK: higher is better; TURUN: lower is better.';
COMMENT ON COLUMN dim_indicator.is_cumulative IS 'True when the value accumulates over the plan period.';
COMMENT ON COLUMN dim_indicator.owner_role IS 'PUG role of the OPD that reports the indicator.';
COMMENT ON COLUMN dim_indicator.theme IS 'PRASYARAT_n (prerequisite), ARAHAN_n (Presidential directive), ORGANISASI or INDEKS.';
COMMENT ON COLUMN dim_indicator.computation_rule IS 'Name of the rule by which the warehouse computes the value from detail sheets; null when only reported.';

CREATE TABLE dim_plan_period AS
SELECT kode_periode AS period_code, tahun_awal::INTEGER AS start_year, tahun_akhir::INTEGER AS end_year
FROM ref_periode;
COMMENT ON TABLE dim_plan_period IS 'Five-year plan periods (raw/reference/periode.csv).';
COMMENT ON COLUMN dim_plan_period.period_code IS 'Plan period code, e.g. 2022-2026.';
COMMENT ON COLUMN dim_plan_period.start_year IS 'First year of the period.';
COMMENT ON COLUMN dim_plan_period.end_year IS 'Last year of the period, the year of the five-year target.';

CREATE TABLE dim_year AS
SELECT y.year::INTEGER AS year, p.period_code, (y.year - p.start_year + 1)::INTEGER AS year_of_period
FROM dim_plan_period AS p, range(p.start_year, p.end_year + 1) AS y(year);
COMMENT ON TABLE dim_year IS 'Years of the plan periods.';
COMMENT ON COLUMN dim_year.year IS 'Calendar year.';
COMMENT ON COLUMN dim_year.period_code IS 'Plan period the year belongs to.';
COMMENT ON COLUMN dim_year.year_of_period IS '1 for the first year of the period, 5 for the last.';

CREATE TABLE dim_report_deadline AS
SELECT region_code, report_year::INTEGER AS report_year, deadline::DATE AS deadline FROM ref_deadline;
COMMENT ON TABLE dim_report_deadline IS 'Submission deadline per kab/kota and report year (raw/reference/tenggat.csv; default 31 March of the following year).';
COMMENT ON COLUMN dim_report_deadline.region_code IS 'Kab/kota.';
COMMENT ON COLUMN dim_report_deadline.report_year IS 'The year reported on.';
COMMENT ON COLUMN dim_report_deadline.deadline IS 'Last day a report counts as on time.';

CREATE TABLE dim_code_list AS
SELECT daftar AS list_name, kode AS code, keterangan AS description FROM ref_daftar_kode;
COMMENT ON TABLE dim_code_list IS 'Code lists of the workbook contract (organisation types and levels, statuses, post groups).';
COMMENT ON COLUMN dim_code_list.list_name IS 'Which list: jenis_organisasi, tingkat_organisasi, status_organisasi, status_kader, status_jabatan, kelompok_jabatan.';
COMMENT ON COLUMN dim_code_list.code IS 'The code as written in workbooks.';
COMMENT ON COLUMN dim_code_list.description IS 'Meaning in Bahasa Indonesia.';

CREATE TABLE dim_setting AS
SELECT kunci AS setting, nilai AS value, keterangan AS description FROM ref_pengaturan;
COMMENT ON TABLE dim_setting IS 'Rule settings (raw/reference/pengaturan.csv), e.g. which post groups count as strategic.';
COMMENT ON COLUMN dim_setting.setting IS 'Setting name.';
COMMENT ON COLUMN dim_setting.value IS 'Setting value as text.';
COMMENT ON COLUMN dim_setting.description IS 'What the setting means, in Bahasa Indonesia.';
