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
    nullif(arah, '') AS direction,
    TRY_CAST(nullif(paritas, '') AS DOUBLE) AS parity_value,
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
COMMENT ON COLUMN dim_indicator.direction IS 'NAIK: higher is better; TURUN: lower is better; null: context, shown with its trend but no attainment, status or outlook.';
COMMENT ON COLUMN dim_indicator.parity_value IS 'For an indicator read against parity (IPG: 100), the parity value: attainment compares the distance from it (docs/methods.md); null otherwise.';
COMMENT ON COLUMN dim_indicator.is_cumulative IS 'True when the value accumulates over the plan period.';
COMMENT ON COLUMN dim_indicator.owner_role IS 'PUG role of the OPD that reports the indicator.';
COMMENT ON COLUMN dim_indicator.theme IS 'PRASYARAT_<key> (a prerequisite, by its key in dim_prerequisite; PRASYARAT for all seven), ARAHAN_n (Presidential directive n), ORGANISASI or INDEKS.';
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

CREATE TABLE dim_prerequisite AS
SELECT kode_prasyarat::INTEGER AS prerequisite_no, kunci AS prerequisite_key, nama AS name_id, nama_en AS name_en
FROM ref_prasyarat;
COMMENT ON TABLE dim_prerequisite IS 'The seven PUG prerequisites by name (raw/reference/prasyarat.csv), with the number each has on the sheet prasyarat.';
COMMENT ON COLUMN dim_prerequisite.prerequisite_no IS 'Its number on the sheet prasyarat (kode_prasyarat); only the sheet''s code.';
COMMENT ON COLUMN dim_prerequisite.prerequisite_key IS 'Stable key: KOMITMEN, KEBIJAKAN, KELEMBAGAAN, SUMBER_DAYA, DATA_TERPILAH, ALAT_ANALISIS, PARTISIPASI.';
COMMENT ON COLUMN dim_prerequisite.name_id IS 'Name in Bahasa Indonesia.';
COMMENT ON COLUMN dim_prerequisite.name_en IS 'Name in English.';

CREATE TABLE dim_ape_edition AS
SELECT edisi::INTEGER AS edition, TRY_CAST(nullif(diumumkan, '') AS DATE) AS announced_on,
       list_filter(string_split(kategori, ';'), lambda c: c <> '') AS categories, keterangan AS note
FROM ref_ape_edisi;
COMMENT ON TABLE dim_ape_edition IS 'Editions of the national PUG award, Anugerah Parahita Ekapraya (raw/reference/ape_edisi.csv): when each was announced and its categories. Editions are irregular and their categories change (Nindya since APE 2023).';
COMMENT ON COLUMN dim_ape_edition.edition IS 'The edition, by the year in its name (APE 2023).';
COMMENT ON COLUMN dim_ape_edition.announced_on IS 'Date the results were announced or awarded; null when not recorded.';
COMMENT ON COLUMN dim_ape_edition.categories IS 'Categories of the edition, from lowest to highest.';
COMMENT ON COLUMN dim_ape_edition.note IS 'Note on the edition, in Bahasa Indonesia.';

CREATE TABLE dim_ape_award AS
SELECT h.kode_wilayah AS region_code, h.edisi::INTEGER AS edition, h.kategori AS category,
       list_position(e.categories, h.kategori) AS category_rank, len(e.categories) AS categories_in_edition
FROM ref_ape_hasil AS h LEFT JOIN dim_ape_edition AS e ON e.edition = h.edisi::INTEGER;
COMMENT ON TABLE dim_ape_award IS 'APE categories awarded to each kab/kota (raw/reference/ape_hasil.csv).';
COMMENT ON COLUMN dim_ape_award.region_code IS 'Kab/kota.';
COMMENT ON COLUMN dim_ape_award.edition IS 'APE edition (dim_ape_edition).';
COMMENT ON COLUMN dim_ape_award.category IS 'Category awarded.';
COMMENT ON COLUMN dim_ape_award.category_rank IS 'Its place among the edition''s categories, 1 the lowest; null when the edition does not list it.';
COMMENT ON COLUMN dim_ape_award.categories_in_edition IS 'How many categories the edition had.';

CREATE TABLE dim_kla_category AS
SELECT kategori AS category, nilai_min::INTEGER AS min_score, nilai_maks::INTEGER AS max_score FROM ref_kla_kategori;
COMMENT ON TABLE dim_kla_category IS 'Categories of the child-friendly kab/kota grade, Kabupaten/Kota Layak Anak (raw/reference/kla_kategori.csv), by score.';
COMMENT ON COLUMN dim_kla_category.category IS 'Pratama, Madya, Nindya, Utama or KLA.';
COMMENT ON COLUMN dim_kla_category.min_score IS 'Lowest score of the category.';
COMMENT ON COLUMN dim_kla_category.max_score IS 'Highest score of the category.';
