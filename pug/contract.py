"""The submission workbook contract (DESIGN "The submission workbook"): sheets, columns and their kinds.

Everything that reads, writes or documents a workbook takes its names from here, so the contract is stated once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Kinds of value a column holds; pug.values parses each kind from what OPD staff type.
TEXT = "text"  # free text
CODE = "code"  # identifier: 1 to 64 letters, digits and . - _ /
REGION = "region"  # Kemendagri region code PP, PP.KK, PP.KK.CC or PP.KK.CC.NNNN
YEAR = "year"  # a four-digit year
INTEGER = "integer"  # a whole number, Indonesian notation allowed (1.234)
DECIMAL = "decimal"  # a number, Indonesian notation allowed (12,5 / Rp 1.500.000 / 45%)
DATE = "date"  # Excel date or text date (18/04/2022, 2022-04-18, 18 April 2022)
YESNO = "yesno"  # Y / Ya / T / Tidak / N / 1 / 0
SEX = "sex"  # P (perempuan) / L (laki-laki)
CHOICE = "choice"  # an upper-case code from a code list in raw/reference/daftar_kode.csv

DUCKDB_TYPES = {
    TEXT: "VARCHAR",
    CODE: "VARCHAR",
    REGION: "VARCHAR",
    YEAR: "INTEGER",
    INTEGER: "BIGINT",
    DECIMAL: "DOUBLE",
    DATE: "DATE",
    YESNO: "BOOLEAN",
    SEX: "VARCHAR",
    CHOICE: "VARCHAR",
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    required_column: bool = True  # the header must be present
    required_value: bool = True  # a row must give a value
    code_list: str | None = None  # for CHOICE columns: the list in daftar_kode.csv
    description: str = ""  # what OPD staff read in the template's header note
    example: str = ""


# Who fills a sheet, beside PUG roles of raw/reference/opd.csv (PPPA, PERENCANAAN, ...).
EVERY_OPD = "*"  # every OPD that reports
INDICATOR_OWNERS = "owners"  # every OPD whose role owns an indicator of raw/reference/indikator.csv


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    description: str
    key: tuple[str, ...] = field(default=())  # columns unique within the sheet
    fact_table: str = ""  # the warehouse table of its accepted rows: pug/sql/warehouse/facts/<fact_table>.sql
    filled_by: tuple[str, ...] = ()  # the roles whose template has the sheet (EVERY_OPD, INDICATOR_OWNERS, a role)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _col(name, kind, *, optional=False, blank_ok=False, code_list=None, description="", example=""):
    return Column(
        name=name,
        kind=kind,
        required_column=not optional,
        required_value=not (optional or blank_ok),
        code_list=code_list,
        description=description,
        example=example,
    )


# The identitas sheet is a two-column key/value list (kolom, isian), not a table.
IDENTITAS = "identitas"
IDENTITAS_FIELDS: tuple[Column, ...] = (
    _col("kode_wilayah", REGION, description="Kode wilayah Kemendagri kab/kota pelapor"),
    _col("kode_opd", CODE, description="Kode OPD pelapor"),
    _col("nama_opd", TEXT, description="Nama OPD"),
    _col("tahun_laporan", YEAR, description="Tahun yang dilaporkan"),
    _col("tanggal_kirim", DATE, description="Tanggal laporan dikirim"),
    _col("nama_petugas", TEXT, description="Nama petugas pengisi"),
)
IDENTITAS_HEADER = ("kolom", "isian")

SHEETS: dict[str, Sheet] = {
    s.name: s
    for s in (
        Sheet(
            "target",
            (
                _col("kode_indikator", CODE, description="Kode indikator dari lembar daftar_indikator", example="ORG_ADVOKASI_PCT"),
                _col("lingkup", TEXT, blank_ok=True, description="Kosong = seluruh kab/kota; atau kode kecamatan/kelurahan "
                     "(lembar daftar_wilayah); atau kode organisasi (lembar daftar_organisasi)", example="33.75.01"),
                _col("tahun", YEAR, description="Tahun target, di dalam periode RPJMD", example="2026"),
                _col("target", DECIMAL, description="Nilai target dalam satuan indikator (persen ditulis 0 sampai 100)", example="75"),
                _col("keterangan", TEXT, optional=True, description="Catatan bila perlu"),
            ),
            "Target lima tahunan per indikator, lingkup dan tahun",
            key=("kode_indikator", "lingkup", "tahun"),
            fact_table="fct_target",
            filled_by=("PPPA", "PERENCANAAN", "KEPEGAWAIAN", INDICATOR_OWNERS),
        ),
        Sheet(
            "capaian",
            (
                _col("kode_indikator", CODE, description="Kode indikator dari lembar daftar_indikator", example="ORG_ADVOKASI_PCT"),
                _col("lingkup", TEXT, blank_ok=True, description="Kosong = seluruh kab/kota; atau kode kecamatan/kelurahan "
                     "(lembar daftar_wilayah); atau kode organisasi (lembar daftar_organisasi)", example="33.75.01"),
                _col("tahun", YEAR, description="Tahun realisasi", example="2025"),
                _col("realisasi", DECIMAL, description="Nilai yang dicapai dalam satuan indikator (persen ditulis 0 sampai 100)",
                     example="62,5"),
                _col("pembilang", DECIMAL, optional=True, description="Untuk indikator persen: angka yang dibagi", example="125"),
                _col("penyebut", DECIMAL, optional=True, description="Untuk indikator persen: angka pembagi", example="200"),
                _col("sumber_data", TEXT, optional=True, description="Asal data", example="Laporan TP PKK kecamatan"),
                _col("keterangan", TEXT, optional=True, description="Catatan bila perlu"),
            ),
            "Realisasi indikator per lingkup dan tahun",
            key=("kode_indikator", "lingkup", "tahun"),
            fact_table="fct_reported_value",
            filled_by=("PPPA", "PERENCANAAN", "KEPEGAWAIAN", INDICATOR_OWNERS),
        ),
        Sheet(
            "organisasi",
            (
                _col("kode_organisasi", CODE, description="Kode tetap organisasi; sama dari tahun ke tahun", example="PKK-3375011002"),
                _col("nama_organisasi", TEXT, description="Nama organisasi", example="TP PKK Kelurahan Medono"),
                _col("jenis", CHOICE, code_list="jenis_organisasi", description="Jenis organisasi (lembar daftar_kode)", example="PKK"),
                _col("tingkat", CHOICE, code_list="tingkat_organisasi", description="Tingkat wilayah kerja organisasi "
                     "(lembar daftar_kode)", example="KELURAHAN"),
                _col("kode_wilayah", REGION, description="Kode wilayah tempat organisasi bekerja (lembar daftar_wilayah), "
                     "sesuai tingkatnya", example="33.75.01.1002"),
                _col("kode_induk", CODE, optional=True, description="Kode organisasi induk, bila ada", example="PKK-3375"),
                _col("tahun_berdiri", YEAR, optional=True, description="Tahun organisasi berdiri", example="1998"),
                _col("jumlah_anggota", INTEGER, optional=True, description="Jumlah anggota (bilangan bulat)", example="35"),
                _col("status", CHOICE, code_list="status_organisasi", description="Status organisasi tahun ini (lembar daftar_kode)",
                     example="AKTIF"),
            ),
            "Register organisasi perempuan (snapshot tahunan)",
            key=("kode_organisasi",),
            fact_table="dim_organisation",
            filled_by=("PPPA", "KECAMATAN"),
        ),
        Sheet(
            "advokasi",
            (
                _col("kode_kegiatan", CODE, description="Kode kegiatan buatan Anda, unik di lembar ini", example="ADV-2025-001"),
                _col("tanggal", DATE, description="Tanggal kegiatan, di tahun laporan", example="18/04/2025"),
                _col("kode_wilayah", REGION, description="Wilayah tempat kegiatan (lembar daftar_wilayah)", example="33.75.01"),
                _col("tema", TEXT, description="Tema atau judul kegiatan", example="Sosialisasi PUG bagi TP PKK"),
                _col("peserta_perempuan", INTEGER, description="Jumlah peserta perempuan", example="30"),
                _col("peserta_laki_laki", INTEGER, description="Jumlah peserta laki-laki", example="5"),
            ),
            "Kegiatan advokasi PUG",
            key=("kode_kegiatan",),
            fact_table="fct_advocacy_event",
            filled_by=("PPPA", "KECAMATAN"),
        ),
        Sheet(
            "advokasi_peserta",
            (
                _col("kode_kegiatan", CODE, description="Kode kegiatan dari lembar advokasi", example="ADV-2025-001"),
                _col("kode_organisasi", CODE, description="Kode organisasi yang hadir (lembar daftar_organisasi)",
                     example="PKK-3375011002"),
                _col("jumlah_hadir", INTEGER, optional=True, description="Jumlah anggota organisasi yang hadir", example="4"),
            ),
            "Organisasi yang hadir pada setiap kegiatan advokasi",
            key=("kode_kegiatan", "kode_organisasi"),
            fact_table="fct_advocacy_attendance",
            filled_by=("PPPA", "KECAMATAN"),
        ),
        Sheet(
            "kader",
            (
                _col("kode_kader", CODE, description="Kode kader buatan Anda; jangan menulis NIK", example="KDR-0001"),
                _col("jenis_kelamin", SEX, description="P (perempuan) atau L (laki-laki)", example="P"),
                _col("kode_organisasi", CODE, optional=True, description="Organisasi asal kader (lembar daftar_organisasi), "
                     "bila ada", example="PKK-3375011002"),
                _col("kode_wilayah", REGION, description="Wilayah tugas kader (lembar daftar_wilayah)", example="33.75.01.1002"),
                _col("tanggal_pelatihan", DATE, description="Tanggal pelatihan kader", example="12/09/2025"),
                _col("materi_pug", YESNO, description="Y bila pelatihannya memuat materi PUG, T bila tidak", example="Y"),
                _col("status", CHOICE, code_list="status_kader", description="Status kader (lembar daftar_kode)", example="AKTIF"),
            ),
            "Kader pendamping ketahanan keluarga (1001 kader)",
            key=("kode_kader",),
            fact_table="fct_cadre",
            filled_by=("PPPA",),
        ),
        Sheet(
            "jabatan",
            (
                _col("kode_jabatan", CODE, description="Kode jabatan, unik di lembar ini", example="JPT-001"),
                _col("nama_jabatan", TEXT, description="Nama jabatan", example="Kepala Dinas"),
                _col("kelompok", CHOICE, code_list="kelompok_jabatan", description="Kelompok jabatan (lembar daftar_kode)",
                     example="JPT_PRATAMA"),
                _col("kode_opd", CODE, description="OPD tempat jabatan (lembar daftar_opd)", example="DPMPPA"),
                _col("jenis_kelamin", SEX, blank_ok=True, description="Jenis kelamin pemangku: P atau L; kosong bila jabatan KOSONG",
                     example="P"),
                _col("status", CHOICE, code_list="status_jabatan", description="Status pengisian jabatan (lembar daftar_kode)",
                     example="DEFINITIF"),
                _col("tanggal_data", DATE, description="Tanggal keadaan data", example="31/12/2025"),
                _col("kode_pegawai", CODE, optional=True, description="Kode pemangku buatan Anda (bukan NIP, jangan NIK); "
                     "kode yang sama untuk orang yang memangku lebih dari satu jabatan, misalnya definitif dan Plt",
                     example="PGW-017"),
            ),
            "Jabatan struktural dan pemangkunya",
            key=("kode_jabatan",),
            fact_table="fct_post",
            filled_by=("KEPEGAWAIAN",),
        ),
        Sheet(
            "anggaran",
            (
                _col("kode_subkegiatan", CODE, description="Kode sub kegiatan menurut DPA", example="2.08.02.2.01.0001"),
                _col("nama_subkegiatan", TEXT, description="Nama sub kegiatan", example="Pelatihan PUG bagi OPD"),
                _col("pagu", DECIMAL, description="Pagu anggaran dalam rupiah", example="150000000"),
                _col("realisasi_anggaran", DECIMAL, optional=True, description="Realisasi anggaran dalam rupiah", example="142500000"),
                _col("responsif_gender", YESNO, description="Y bila sub kegiatan ditandai responsif gender", example="Y"),
                _col("ada_gap", YESNO, description="Y bila ada Gender Analysis Pathway (GAP)", example="Y"),
                _col("ada_gbs", YESNO, description="Y bila ada Gender Budget Statement (GBS)", example="T"),
            ),
            "Sub kegiatan anggaran dan penandaan responsif gender (PPRG)",
            key=("kode_subkegiatan",),
            fact_table="fct_budget_line",
            filled_by=(EVERY_OPD,),
        ),
        Sheet(
            "prasyarat",
            (
                _col("kode_prasyarat", INTEGER, description="Nomor prasyarat pada lembar ini (lembar daftar_kode, daftar prasyarat)",
                     example="1"),
                _col("butir", TEXT, description="Nama prasyarat", example="Komitmen"),
                _col("uraian", TEXT, blank_ok=True, description="Uraian pemenuhan", example="Perwal PUG Nomor 12 Tahun 2023"),
                _col("terpenuhi", YESNO, description="Y bila prasyarat terpenuhi, T bila belum", example="Y"),
                _col("bukti", TEXT, optional=True, description="Dokumen bukti", example="Perwal 12/2023"),
                _col("nilai", DECIMAL, description="Nilai penilaian mandiri, 0 sampai 100", example="80"),
            ),
            "Tujuh prasyarat PUG",
            key=("kode_prasyarat",),
            fact_table="fct_prerequisite",
            filled_by=("PERENCANAAN",),
        ),
        Sheet(
            "krppa",
            (
                _col("kode_wilayah", REGION, description="Kode kelurahan atau desa (lembar daftar_wilayah)", example="33.75.01.1002"),
                _col("indikator_terpenuhi", INTEGER, description="Berapa dari 10 indikator KRPPA/DRPPA yang sudah terpenuhi, "
                     "0 sampai 10", example="8"),
                _col("ditetapkan", YESNO, description="Y bila kelurahan/desa sudah ditetapkan KRPPA/DRPPA dengan keputusan; "
                     "penandatanganan komitmen (MoU) saja belum", example="T"),
                _col("nomor_sk", TEXT, optional=True, description="Nomor keputusan penetapan, bila ada",
                     example="SK Wali Kota 400/123/2025"),
                _col("keterangan", TEXT, optional=True, description="Catatan bila perlu"),
            ),
            "Status kelurahan/desa ramah perempuan dan peduli anak (KRPPA/DRPPA)",
            key=("kode_wilayah",),
            fact_table="fct_krppa_status",
            filled_by=("PPPA",),
        ),
        Sheet(
            "kelembagaan_opd",
            (
                _col("kode_opd", CODE, description="OPD (lembar daftar_opd)", example="DINKES"),
                _col("focal_point_sk", YESNO, description="Y bila focal point PUG OPD ini ditetapkan dengan SK", example="Y"),
                _col("focal_point_terlatih", YESNO, description="Y bila focal point PUG OPD ini sudah dilatih PUG/PPRG",
                     example="Y"),
                _col("data_siga", YESNO, description="Y bila OPD ini menyampaikan data terpilah ke SIGA (Satu Data Gender "
                     "dan Anak) tahun ini", example="T"),
                _col("nomor_sk", TEXT, optional=True, description="Nomor SK focal point, bila ada", example="SK 050/17/2025"),
                _col("keterangan", TEXT, optional=True, description="Catatan bila perlu"),
            ),
            "Kelembagaan PUG setiap OPD: focal point dan penyampaian data ke SIGA",
            key=("kode_opd",),
            fact_table="fct_opd_institution",
            filled_by=("PPPA",),
        ),
    )
}

SHEET_NAMES: tuple[str, ...] = (IDENTITAS, *SHEETS)

# Sheets the template adds for the people who fill it: instructions and lookup lists. A workbook may keep them; they
# are never read and never a finding. Messages and header notes name the lookups by these names.
GUIDE = "petunjuk"
REGION_LIST = "daftar_wilayah"
OPD_LIST = "daftar_opd"
INDICATOR_LIST = "daftar_indikator"
CODE_LISTS = "daftar_kode"
ORGANISATION_LIST = "daftar_organisasi"
TEMPLATE_SHEETS: tuple[str, ...] = (GUIDE, REGION_LIST, OPD_LIST, INDICATOR_LIST, CODE_LISTS, ORGANISATION_LIST)

_NAME_FOLD = re.compile(r"[\s_]+")


def normalise_name(name: object) -> str:
    """Sheet and column names match ignoring case, spaces and underscores-versus-spaces."""
    return _NAME_FOLD.sub("_", str(name).strip().lower()).strip("_")


def is_template_sheet(name: str) -> bool:
    return normalise_name(name) in TEMPLATE_SHEETS


def find_sheet(name: str) -> str | None:
    """The contract name of a sheet as it was written in a workbook, or None for an extra sheet."""
    folded = normalise_name(name)
    return folded if folded in SHEET_NAMES else None
