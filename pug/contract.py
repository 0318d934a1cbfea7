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
    description: str = ""


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


def _col(name, kind, *, optional=False, blank_ok=False, code_list=None, description=""):
    return Column(
        name=name,
        kind=kind,
        required_column=not optional,
        required_value=not (optional or blank_ok),
        code_list=code_list,
        description=description,
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
                _col("kode_indikator", CODE),
                _col("lingkup", TEXT, blank_ok=True, description="Kosong = seluruh wilayah; kode wilayah; atau kode organisasi"),
                _col("tahun", YEAR),
                _col("target", DECIMAL),
                _col("keterangan", TEXT, optional=True),
            ),
            "Target lima tahunan per indikator, lingkup dan tahun",
            key=("kode_indikator", "lingkup", "tahun"),
            fact_table="fct_target",
            filled_by=("PPPA", "PERENCANAAN", "KEPEGAWAIAN", INDICATOR_OWNERS),
        ),
        Sheet(
            "capaian",
            (
                _col("kode_indikator", CODE),
                _col("lingkup", TEXT, blank_ok=True),
                _col("tahun", YEAR),
                _col("realisasi", DECIMAL),
                _col("pembilang", DECIMAL, optional=True),
                _col("penyebut", DECIMAL, optional=True),
                _col("sumber_data", TEXT, optional=True),
                _col("keterangan", TEXT, optional=True),
            ),
            "Realisasi indikator per lingkup dan tahun",
            key=("kode_indikator", "lingkup", "tahun"),
            fact_table="fct_reported_value",
            filled_by=("PPPA", "PERENCANAAN", "KEPEGAWAIAN", INDICATOR_OWNERS),
        ),
        Sheet(
            "organisasi",
            (
                _col("kode_organisasi", CODE),
                _col("nama_organisasi", TEXT),
                _col("jenis", CHOICE, code_list="jenis_organisasi"),
                _col("tingkat", CHOICE, code_list="tingkat_organisasi"),
                _col("kode_wilayah", REGION),
                _col("kode_induk", CODE, optional=True),
                _col("tahun_berdiri", YEAR, optional=True),
                _col("jumlah_anggota", INTEGER, optional=True),
                _col("status", CHOICE, code_list="status_organisasi"),
            ),
            "Register organisasi perempuan (snapshot tahunan)",
            key=("kode_organisasi",),
            fact_table="dim_organisation",
            filled_by=("PPPA", "KECAMATAN"),
        ),
        Sheet(
            "advokasi",
            (
                _col("kode_kegiatan", CODE),
                _col("tanggal", DATE),
                _col("kode_wilayah", REGION),
                _col("tema", TEXT),
                _col("peserta_perempuan", INTEGER),
                _col("peserta_laki_laki", INTEGER),
            ),
            "Kegiatan advokasi PUG",
            key=("kode_kegiatan",),
            fact_table="fct_advocacy_event",
            filled_by=("PPPA", "KECAMATAN"),
        ),
        Sheet(
            "advokasi_peserta",
            (
                _col("kode_kegiatan", CODE),
                _col("kode_organisasi", CODE),
                _col("jumlah_hadir", INTEGER, optional=True),
            ),
            "Organisasi yang hadir pada setiap kegiatan advokasi",
            key=("kode_kegiatan", "kode_organisasi"),
            fact_table="fct_advocacy_attendance",
            filled_by=("PPPA", "KECAMATAN"),
        ),
        Sheet(
            "kader",
            (
                _col("kode_kader", CODE),
                _col("jenis_kelamin", SEX),
                _col("kode_organisasi", CODE, optional=True),
                _col("kode_wilayah", REGION),
                _col("tanggal_pelatihan", DATE),
                _col("materi_pug", YESNO),
                _col("status", CHOICE, code_list="status_kader"),
            ),
            "Kader pendamping ketahanan keluarga (1001 kader)",
            key=("kode_kader",),
            fact_table="fct_cadre",
            filled_by=("PPPA",),
        ),
        Sheet(
            "jabatan",
            (
                _col("kode_jabatan", CODE),
                _col("nama_jabatan", TEXT),
                _col("kelompok", CHOICE, code_list="kelompok_jabatan"),
                _col("kode_opd", CODE),
                _col("jenis_kelamin", SEX, blank_ok=True, description="Kosong bila jabatan KOSONG"),
                _col("status", CHOICE, code_list="status_jabatan"),
                _col("tanggal_data", DATE),
            ),
            "Jabatan struktural dan pemangkunya",
            key=("kode_jabatan",),
            fact_table="fct_post",
            filled_by=("KEPEGAWAIAN",),
        ),
        Sheet(
            "anggaran",
            (
                _col("kode_subkegiatan", CODE),
                _col("nama_subkegiatan", TEXT),
                _col("pagu", DECIMAL),
                _col("realisasi_anggaran", DECIMAL, optional=True),
                _col("responsif_gender", YESNO),
                _col("ada_gap", YESNO),
                _col("ada_gbs", YESNO),
            ),
            "Sub kegiatan anggaran dan penandaan responsif gender (PPRG)",
            key=("kode_subkegiatan",),
            fact_table="fct_budget_line",
            filled_by=(EVERY_OPD,),
        ),
        Sheet(
            "prasyarat",
            (
                _col("kode_prasyarat", INTEGER),
                _col("butir", TEXT),
                _col("uraian", TEXT, blank_ok=True),
                _col("terpenuhi", YESNO),
                _col("bukti", TEXT, optional=True),
                _col("nilai", DECIMAL),
            ),
            "Tujuh prasyarat PUG",
            key=("kode_prasyarat",),
            fact_table="fct_prerequisite",
            filled_by=("PERENCANAAN",),
        ),
    )
}

SHEET_NAMES: tuple[str, ...] = (IDENTITAS, *SHEETS)

# Prerequisite numbers and their names (domain.md), used by templates and the sample.
PREREQUISITES = {
    1: "Komitmen",
    2: "Kebijakan",
    3: "Kelembagaan",
    4: "Sumber daya",
    5: "Data terpilah",
    6: "Alat analisis gender",
    7: "Partisipasi masyarakat",
}

_NAME_FOLD = re.compile(r"[\s_]+")


def normalise_name(name: object) -> str:
    """Sheet and column names match ignoring case, spaces and underscores-versus-spaces."""
    return _NAME_FOLD.sub("_", str(name).strip().lower()).strip("_")


def find_sheet(name: str) -> str | None:
    """The contract name of a sheet as it was written in a workbook, or None for an extra sheet."""
    folded = normalise_name(name)
    return folded if folded in SHEET_NAMES else None
