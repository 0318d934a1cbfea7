"""A corpus of submissions as OPD staff really send them: each case one small, realistic workbook or CSV folder.

Every case names the mistake it makes, the status `pug check` must give it, and the findings that must be among
those reported, as (code, severity, sheet, Excel row, contract column); row and column are None for file- and
sheet-level findings. Codes come from pug/findings.py (the parser) and pug/rules.py (the Great Expectations rules,
judged as in a lone-file check). tests/test_corpus.py runs every case through `check_file` and the real CLI.

Groups: "file" (the whole submission is rejected), "type" (a cell cannot be read: the row is quarantined),
"rule" (a Great Expectations rule fails) and "valid" (quirky but correct: no error-severity finding).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
import xlsxwriter
from workbooks import Formula, identitas_rows, write_csv_folder, write_workbook

ACCEPTED = "accepted"
WARNINGS = "accepted_with_warnings"
ERRORS = "accepted_with_errors"
REJECTED = "rejected"

E, W, N = "error", "warning", "notice"

Expected = tuple[str, str, str | None, int | None, str | None]


@dataclass(frozen=True)
class Case:
    name: str
    group: str  # file / type / rule / valid
    build: Callable[[Path], Path]  # writes the submission into a folder and returns its path
    expected_status: str
    expected: list[Expected]
    niks: tuple[str, ...] = ()  # NIK-like values written into the submission: must never come back unmasked
    marks: tuple = field(default=())  # pytest marks, e.g. xfail for a suspected bug in the project code
    forbidden: list[Expected] = field(default_factory=list)  # findings that would be wrong here


def suspected_bug(reason: str):
    """A case whose correct expectation the project code does not meet yet (reported, not fixed here)."""
    return (pytest.mark.xfail(reason=reason, strict=True, raises=AssertionError),)


BUG_REGION_MACRO = (
    "pug/sql/validation/context.sql: in the macro is_known_region(code) the parameter `code` shadows the column of "
    "`SELECT code FROM ref_wilayah`, so the code is compared with itself: every well-formed region code counts as "
    "registered and REGION_CODE_UNKNOWN (and SCOPE_UNKNOWN for a region-like scope) never fire")
BUG_NUMPY_REPR = (
    "pug/validation.py _finding: a non-integer number from the rule inputs is a numpy.float64 and values.cell_text "
    "shows it with repr(), so value and message read 'np.float64(0.375)' instead of '0.375'")
BUG_RULE_ON_UNREADABLE = (
    "the rules also run on cells the parser could not read (typed as NULL), so they add a second, wrong finding to "
    "a row that already has its parse error")
BUG_HEADER_NIK = (
    "pug/parse.py: COLUMN_EXTRA reports a header cell as written (value and column) without masking NIK-like values; "
    "a sheet pasted without its header row puts the NIK of its first data row into the findings")
BUG_OWN_QUARANTINED_ORG = (
    "pug/sql/validation/context.sql is_registered(): an organisation of the submission's own organisasi sheet counts "
    "as registered even when its row is quarantined, so attending it raises no ORG_NOT_REGISTERED (in a build the "
    "attendance row is then accepted while dim_organisation lacks the organisation)")


# The template's headers (pug/contract.py), as OPD staff receive them.
TARGET = ["kode_indikator", "lingkup", "tahun", "target", "keterangan"]
CAPAIAN = ["kode_indikator", "lingkup", "tahun", "realisasi", "pembilang", "penyebut", "sumber_data", "keterangan"]
ORGANISASI = ["kode_organisasi", "nama_organisasi", "jenis", "tingkat", "kode_wilayah", "kode_induk", "tahun_berdiri",
              "jumlah_anggota", "status"]
ADVOKASI = ["kode_kegiatan", "tanggal", "kode_wilayah", "tema", "peserta_perempuan", "peserta_laki_laki"]
PESERTA = ["kode_kegiatan", "kode_organisasi", "jumlah_hadir"]
KADER = ["kode_kader", "jenis_kelamin", "kode_organisasi", "kode_wilayah", "tanggal_pelatihan", "materi_pug", "status"]
JABATAN = ["kode_jabatan", "nama_jabatan", "kelompok", "kode_opd", "jenis_kelamin", "status", "tanggal_data"]
ANGGARAN = ["kode_subkegiatan", "nama_subkegiatan", "pagu", "realisasi_anggaran", "responsif_gender", "ada_gap", "ada_gbs"]
PRASYARAT = ["kode_prasyarat", "butir", "uraian", "terpenuhi", "bukti", "nilai"]

OPD_NAMES = {
    "DPMPPA": "Dinas Pemberdayaan Masyarakat Perempuan dan Perlindungan Anak",
    "DPPPA": "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
    "BAPPEDA": "Badan Perencanaan Pembangunan Daerah",
    "BKPSDM": "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "BPKAD": "Badan Pengelolaan Keuangan dan Aset Daerah",
    "DINKES": "Dinas Kesehatan",
    "KEC_PEKALONGAN_BARAT": "Kecamatan Pekalongan Barat",
}


def identitas(opd="DPMPPA", region="33.75", year=2024, sent="15/02/2025", officer="Siti Aminah, S.Sos"):
    """Excel rows: 2 kode_wilayah, 3 kode_opd, 4 nama_opd, 5 tahun_laporan, 6 tanggal_kirim, 7 nama_petugas."""
    rows = identitas_rows(region=region, opd=opd, year=year, sent=sent, officer=officer)
    rows[3] = ["nama_opd", OPD_NAMES.get(opd, opd)]
    return rows


# Valid rows to surround a faulty one, so each workbook looks like a real (small) report.
ORG_ROWS = [
    ["PKK-3375", "TP PKK Kota Pekalongan", "PKK", "KOTA", "33.75", None, 1975, 45, "AKTIF"],
    ["GOW-3375", "Gabungan Organisasi Wanita Kota Pekalongan", "FEDERASI", "KOTA", "33.75", None, 1980, 30, "AKTIF"],
    ["PKK-337501", "TP PKK Kecamatan Pekalongan Barat", "PKK", "KECAMATAN", "33.75.01", "PKK-3375", 1978, 25, "AKTIF"],
    ["DW-337501-1002-01", "Dasawisma Melati Medono", "PKK", "DASAWISMA", "33.75.01.1002", "PKK-337501", 2010, 12, "AKTIF"],
]
ADVOKASI_ROW = ["ADV-2024-01", dt.date(2024, 3, 12), "33.75.01", "Sosialisasi PUG bagi organisasi perempuan", 42, 6]


def xlsx(filename: str, sheets: dict[str, list[list]]) -> Callable[[Path], Path]:
    return lambda folder: write_workbook(folder / filename, sheets)


def raw_bytes(filename: str, content: bytes | Callable[[], bytes]) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / filename
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content() if callable(content) else content)
        return path
    return build


def csv_folder(name: str, sheets: dict[str, list[list]], delimiter=",") -> Callable[[Path], Path]:
    return lambda folder: write_csv_folder(folder / name, sheets, delimiter=delimiter)


def csv_files(name: str, files: dict[str, bytes]) -> Callable[[Path], Path]:
    """A CSV folder written byte for byte (BOM, CRLF, Windows-1252, ...)."""
    def build(folder: Path) -> Path:
        target = folder / name
        target.mkdir(parents=True, exist_ok=True)
        for filename, content in files.items():
            (target / filename).write_bytes(content)
        return target
    return build


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


def _truncated_workbook() -> bytes:
    """A real .xlsx cut off half-way, as an interrupted e-mail download leaves it."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("identitas")
    for r, row in enumerate(identitas()):
        sheet.write_row(r, 0, row)
    workbook.close()
    data = buffer.getvalue()
    assert zipfile.is_zipfile(io.BytesIO(data))
    return data[: len(data) // 2]


# Synthetic NIK-like numbers (16 digits); each must come back only as ************ + its last four digits.
NIK_OFFICER = "3375014506890003"
NIK_NOTE = "3375016711920004"
NIK_EXTRA = "3375025203850001"
NIK_NUMBER = 3375034408770002  # typed as a number in Excel
NIK_HEADER = "3375045612900005"

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1016  # the magic of an OLE file, and nothing readable after it
FILES = Path(__file__).parent / "files"  # real files written by real programs (files/README.md)

CASES: list[Case] = []


def case(name, group, build, status, expected, **extra) -> None:
    CASES.append(Case(name, group, build, status, list(expected), **extra))


# --- file level: the whole submission is rejected with one clear reason -------------------------------------------

case("text_file_renamed_to_xlsx", "file",
     raw_bytes("DPMPPA_2024.xlsx", "Laporan PUG DPMPPA 2024\nterlampir\n".encode()), REJECTED,
     [("FILE_UNREADABLE", E, None, None, None)])
case("truncated_download", "file", raw_bytes("DPMPPA_2024.xlsx", _truncated_workbook), REJECTED,
     [("FILE_UNREADABLE", E, None, None, None)])
case("excel_97_2003_xls", "valid", raw_bytes("DPMPPA_2024.xls", (FILES / "excel-97-2003.xls").read_bytes()), ACCEPTED, [])
case("xls_renamed_xlsx", "valid", raw_bytes("DPMPPA_2024.xlsx", (FILES / "excel-97-2003.xls").read_bytes()), ACCEPTED, [],
     forbidden=[("FILE_ENCRYPTED", E, None, None, None), ("FILE_UNREADABLE", E, None, None, None)])
case("libreoffice_ods", "valid", raw_bytes("DPMPPA_2024.ods", (FILES / "libreoffice.ods").read_bytes()), ACCEPTED, [])
case("password_protected_xlsx", "file", raw_bytes("DPMPPA_2024_final.xlsx", (FILES / "password-rahasia.xlsx").read_bytes()),
     REJECTED, [("FILE_ENCRYPTED", E, None, None, None)])
case("damaged_ole_file", "file", raw_bytes("DPMPPA_2024_final.xlsx", OLE), REJECTED,
     [("FILE_UNREADABLE", E, None, None, None)], forbidden=[("FILE_ENCRYPTED", E, None, None, None)])
case("scanned_pdf_instead_of_workbook", "file", raw_bytes("laporan_pug_2024.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), REJECTED,
     [("FILE_TYPE_UNSUPPORTED", E, None, None, None)])
case("empty_csv_folder", "file", lambda folder: _mkdir(folder / "DPMPPA_2024"), REJECTED,
     [("FILE_TYPE_UNSUPPORTED", E, None, None, None)])
case("csv_folder_without_csv_files", "file",
     csv_files("DPMPPA_2024", {"catatan.txt": b"file menyusul\n"}), REJECTED,
     [("FILE_TYPE_UNSUPPORTED", E, None, None, None)])
case("csv_saved_as_windows_1252", "valid",  # Excel's "CSV (Comma delimited)" on Windows
     csv_files("DPMPPA_2024", {
         "identitas.csv": "kolom,isian\r\nkode_wilayah,33.75\r\nkode_opd,DPMPPA\r\nnama_opd,Dinas PPPA\r\n"
                          "tahun_laporan,2024\r\ntanggal_kirim,15/02/2025\r\nnama_petugas,Siti Aminah\r\n".encode(),
         "advokasi.csv": "kode_kegiatan,tanggal,kode_wilayah,tema,peserta_perempuan,peserta_laki_laki\r\n"
                         "ADV-1,12/03/2024,33.75.01,Sosialisasi PUG \u2013 GOW,40,5\r\n".encode("cp1252"),
     }), ACCEPTED, [], forbidden=[("FILE_UNREADABLE", E, None, None, None)])
case("no_identitas_sheet", "file",
     xlsx("DPMPPA_2024.xlsx", {"capaian": [CAPAIAN, ["KRPPA_PCT", None, 2024, 40, 12, 30, "DPMPPA", None]]}), REJECTED,
     [("SHEET_IDENTITAS_MISSING", E, "identitas", None, None)])
case("identitas_without_kode_opd_row", "file",
     xlsx("laporan.xlsx", {"identitas": [r for r in identitas() if r[0] != "kode_opd"]}), REJECTED,
     [("IDENTITAS_FIELD_MISSING", E, "identitas", None, "kode_opd")])
case("identitas_kode_opd_left_blank", "file",
     xlsx("laporan.xlsx", {"identitas": [r if r[0] != "kode_opd" else ["kode_opd", None] for r in identitas()]}), REJECTED,
     [("IDENTITAS_FIELD_MISSING", E, "identitas", 3, "kode_opd")])
case("identitas_unknown_region", "file", xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(region="33.99")}), REJECTED,
     [("REGION_UNKNOWN", E, "identitas", 2, "kode_wilayah")])
case("identitas_opd_of_the_other_city", "file",
     xlsx("DPPPA_2024.xlsx", {"identitas": identitas(opd="DPPPA", region="33.75")}), REJECTED,
     [("OPD_UNKNOWN", E, "identitas", 3, "kode_opd")])
case("identitas_report_year_2019", "file", xlsx("DPMPPA_2019.xlsx", {"identitas": identitas(year=2019)}), REJECTED,
     [("REPORT_YEAR_OUTSIDE_PERIOD", E, "identitas", 5, "tahun_laporan")])
case("identitas_year_written_as_text", "file",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(year="TA 2024")}), REJECTED,
     [("IDENTITAS_FIELD_INVALID", E, "identitas", 5, "tahun_laporan")])
case("identitas_tanggal_kirim_unparseable", "file",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(sent="Februari 2025")}), REJECTED,
     [("IDENTITAS_FIELD_INVALID", E, "identitas", 6, "tanggal_kirim")])
case("identitas_year_formula_broken", "file",
     xlsx("DPMPPA_2024.xlsx", {"identitas": [r if r[0] != "tahun_laporan" else ["tahun_laporan", Formula("=#REF!+1", "#REF!")]
                                             for r in identitas()]}), REJECTED,
     [("EXCEL_ERROR_VALUE", E, "identitas", 5, "tahun_laporan"), ("IDENTITAS_FIELD_MISSING", E, "identitas", 5, "tahun_laporan")])
case("capaian_without_realisasi_column", "file",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(),
                               "capaian": [[c for c in CAPAIAN if c != "realisasi"], ["KRPPA_PCT", None, 2024, 12, 30, "DPMPPA", None]]}),
     REJECTED, [("COLUMN_MISSING", E, "capaian", None, "realisasi")])
case("title_row_above_the_header", "file",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(),
                               "advokasi": [["KEGIATAN ADVOKASI PUG TAHUN 2024"], ADVOKASI, ADVOKASI_ROW]}),
     REJECTED, [("COLUMN_MISSING", E, "advokasi", None, c) for c in ADVOKASI])
case("header_row_deleted_with_nik_in_first_row", "file",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "kader": [
         ["KDR-001", "P", None, "33.75.01.1002", "05/03/2024", "Y", "AKTIF", NIK_HEADER],
         ["KDR-002", "P", None, "33.75.01.1003", "05/03/2024", "Y", "AKTIF", None]]}),
     REJECTED, [("COLUMN_MISSING", E, "kader", None, c) for c in KADER if c != "kode_organisasi"],
     niks=(NIK_HEADER,))
case("target_with_tahun_twice", "file",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(),
                               "target": [TARGET[:4] + ["Tahun", "keterangan"], ["KRPPA_PCT", None, 2024, 40, 2024, None]]}),
     REJECTED, [("COLUMN_DUPLICATE", E, "target", 1, "tahun")])
case("two_sheets_named_capaian", "file",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(),
                               "capaian": [CAPAIAN, ["KRPPA_PCT", None, 2024, 40, 12, 30, "DPMPPA", None]],
                               "Capaian_": [CAPAIAN, ["KRPPA_PCT", None, 2024, 45, 14, 30, "DPMPPA", "revisi"]]}),
     REJECTED, [("SHEET_DUPLICATE", E, "capaian", None, None)])

# --- types and formats: the row is quarantined, the rest of the file is accepted ----------------------------------


def capaian(*rows):
    return {"identitas": identitas(), "capaian": [CAPAIAN, *rows]}


case("number_with_two_decimal_commas", "type",
     xlsx("DPMPPA_2024.xlsx", capaian(["AP3_KASUS_KEKERASAN", None, 2024, "1,234,5", None, None, "SIMFONI-PPA", None])),
     ERRORS, [("NUMBER_INVALID", E, "capaian", 2, "realisasi")])
case("decimal_point_is_ambiguous", "type",
     xlsx("DPMPPA_2024.xlsx", capaian(["KRPPA_PCT", None, 2024, "40", "12", "30", "DPMPPA", None],
                                      ["AP3_KASUS_TERTANGANI_PCT", None, 2024, "12.5", None, None, "UPTD PPA", None])),
     ERRORS, [("NUMBER_INVALID", E, "capaian", 3, "realisasi")])
case("rupiah_with_trailing_comma_dash", "valid",
     xlsx("BPKAD_2024.xlsx", {"identitas": identitas(opd="BPKAD"), "anggaran": [
         ANGGARAN,
         ["4.01.01.2.01.0001", "Penyusunan Dokumen Perencanaan", "Rp 150.000.000", "Rp 142.500.000", "T", "T", "T"],
         ["4.01.01.2.02.0003", "Pelatihan PUG bagi ASN", "Rp 1.500.000,-", "Rp 1.200.000", "Y", "Y", "Y"]]}),
     ACCEPTED, [])
case("impossible_date_31_february", "type",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "advokasi": [
         ADVOKASI, ADVOKASI_ROW, ["ADV-2024-02", "31/02/2024", "33.75.02", "Pelatihan ARG", 25, 3]]}),
     ERRORS, [("DATE_INVALID", E, "advokasi", 3, "tanggal")])
case("date_with_two_digit_year", "type",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "kader": [
         KADER, ["KDR-001", "P", None, "33.75.01.1002", "18/04/22", "Y", "AKTIF"]]}),
     ERRORS, [("DATE_INVALID", E, "kader", 2, "tanggal_pelatihan")])
case("us_style_date", "type",
     xlsx("BKPSDM_2024.xlsx", {"identitas": identitas(opd="BKPSDM"), "jabatan": [
         JABATAN, ["JPT-DINKES-01", "Kepala Dinas Kesehatan", "JPT_PRATAMA", "DINKES", "P", "DEFINITIF", "04/18/2024"]]}),
     ERRORS, [("DATE_INVALID", E, "jabatan", 2, "tanggal_data")])
case("yes_no_answered_mungkin", "type",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "kader": [
         KADER, ["KDR-001", "P", None, "33.75.01.1002", "05/03/2024", "Ya", "AKTIF"],
         ["KDR-002", "P", None, "33.75.01.1003", "05/03/2024", "mungkin", "AKTIF"]]}),
     ERRORS, [("YESNO_INVALID", E, "kader", 3, "materi_pug")])
case("sex_written_w_for_wanita", "type",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "kader": [
         KADER, ["KDR-001", "W", None, "33.75.01.1002", "05/03/2024", "Y", "AKTIF"]]}),
     ERRORS, [("SEX_INVALID", E, "kader", 2, "jenis_kelamin")])
case("yes_no_answered_ada", "valid",
     xlsx("DINKES_2024.xlsx", {"identitas": identitas(opd="DINKES"), "anggaran": [
         ANGGARAN, ["1.02.02.2.02.0001", "Pelayanan Kesehatan Ibu Hamil", 250000000, None, "Y", "Ada", "Tidak Ada"]]}),
     ACCEPTED, [])
case("post_holder_sex_written_wanita", "type",
     xlsx("BKPSDM_2024.xlsx", {"identitas": identitas(opd="BKPSDM"), "jabatan": [
         JABATAN, ["JPT-DINKES-01", "Kepala Dinas Kesehatan", "JPT_PRATAMA", "DINKES", "Wanita", "DEFINITIF", "31/12/2024"]]}),
     ERRORS, [("SEX_INVALID", E, "jabatan", 2, "jenis_kelamin")],
     forbidden=[("POST_HOLDER_SEX_MISSING", E, "jabatan", 2, "jenis_kelamin")])
case("two_cadres_without_code", "type",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "kader": [
         KADER, [None, "P", None, "33.75.01.1002", "05/03/2024", "Y", "AKTIF"],
         [None, "P", None, "33.75.01.1003", "05/03/2024", "Y", "AKTIF"]]}),
     ERRORS, [("VALUE_REQUIRED", E, "kader", 2, "kode_kader"), ("VALUE_REQUIRED", E, "kader", 3, "kode_kader")],
     forbidden=[("DUPLICATE_KEY", E, "kader", 3, "kode_kader")])
case("organisation_code_with_spaces", "type",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "organisasi": [
         ORGANISASI, ORG_ROWS[0], ["PKK KEL MEDONO", "TP PKK Kelurahan Medono", "PKK", "KELURAHAN", "33.75.01.1002", None, 1985, 20, "AKTIF"]]}),
     ERRORS, [("CODE_INVALID", E, "organisasi", 3, "kode_organisasi")])
case("region_code_typed_as_number", "type",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "advokasi": [
         ADVOKASI, ["ADV-2024-01", "12/03/2024", 33.7, "Sosialisasi PUG", 40, 5]]}),
     ERRORS, [("REGION_CODE_INVALID", E, "advokasi", 2, "kode_wilayah")])
case("participants_with_decimals", "type",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "advokasi": [
         ADVOKASI, ["ADV-2024-01", "12/03/2024", "33.75.01", "Sosialisasi PUG", "40,5", 5]]}),
     ERRORS, [("INTEGER_INVALID", E, "advokasi", 2, "peserta_perempuan")])
case("target_year_as_range", "type",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "target": [
         TARGET, ["KRPPA_PCT", None, 2025, 50, None], ["KRPPA_PCT", None, "2025/2026", 55, "revisi"]]}),
     ERRORS, [("YEAR_INVALID", E, "target", 3, "tahun")])
case("excel_error_values", "type",
     xlsx("DPMPPA_2024.xlsx", capaian(
         ["KRPPA_PCT", None, 2024, Formula("=E2/F2*100", 40), 12, 30, "DPMPPA", None],
         ["AP3_KASUS_TERTANGANI_PCT", None, 2024, Formula("=E3/F3*100", "#DIV/0!"), 0, 0, "UPTD PPA", None],
         ["AP3_KASUS_KEKERASAN", None, 2024, Formula("=Sheet2!B4", "#REF!"), None, None, "SIMFONI-PPA", None],
         ["AP5_DISPENSASI_KAWIN", None, 2024, Formula("=VLOOKUP(A5,PA!A:B,2,0)", "#N/A"), None, None, "PA Pekalongan", None])),
     ERRORS, [("EXCEL_ERROR_VALUE", E, "capaian", 3, "realisasi"), ("EXCEL_ERROR_VALUE", E, "capaian", 4, "realisasi"),
              ("EXCEL_ERROR_VALUE", E, "capaian", 5, "realisasi"),
              ("RATIO_DENOMINATOR_INVALID", E, "capaian", 3, "penyebut")])  # the 0/0 behind the #DIV/0!
case("error_value_typed_in_csv", "type",
     csv_folder("DPMPPA_2024", {"identitas": identitas(), "capaian": [
         CAPAIAN, ["KRPPA_PCT", "", "2024", "40", "12", "30", "DPMPPA", ""],
         ["AP3_KASUS_KEKERASAN", "", "2024", "#N/A", "", "", "SIMFONI-PPA", ""]]}),
     ERRORS, [("EXCEL_ERROR_VALUE", E, "capaian", 3, "realisasi")])
case("required_value_left_blank", "type",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "organisasi": [
         ORGANISASI, ORG_ROWS[0], ["GOW-3375", None, "FEDERASI", "KOTA", "33.75", None, 1980, 30, "AKTIF"]]}),
     ERRORS, [("VALUE_REQUIRED", E, "organisasi", 3, "nama_organisasi")])
case("error_after_blank_rows_keeps_excel_row", "type",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "kader": [
         KADER, ["KDR-001", "P", None, "33.75.01.1002", "05/03/2024", "Y", "AKTIF"], [], [None, None, None],
         ["KDR-002", "L", None, "33.75.01.1003", "05/03/2024", "Y", "AKTIF"], [],
         ["KDR-003", "P", None, "33.75.01.1004", "5 Maret 2024", "Y", ""]]}),
     ERRORS, [("VALUE_REQUIRED", E, "kader", 7, "status")])
case("nik_as_officer_name", "type",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(officer=NIK_OFFICER)}),
     ERRORS, [("NIK_DETECTED", E, "identitas", 7, "nama_petugas")], niks=(NIK_OFFICER,))
case("nik_in_keterangan", "type",
     xlsx("DPMPPA_2024.xlsx", capaian(["AP3_KASUS_KEKERASAN", None, 2024, 87, None, None, "SIMFONI-PPA",
                                       f"termasuk korban a.n. Sri, NIK {NIK_NOTE}"])),
     ERRORS, [("NIK_DETECTED", E, "capaian", 2, "keterangan")], niks=(NIK_NOTE,))
case("nik_in_extra_column", "type",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "kader": [
         KADER + ["NIK"], ["KDR-001", "P", None, "33.75.01.1002", "05/03/2024", "Y", "AKTIF", NIK_EXTRA],
         ["KDR-002", "P", None, "33.75.01.1003", "05/03/2024", "Y", "AKTIF", NIK_NUMBER]]}),
     ERRORS, [("COLUMN_EXTRA", N, "kader", 1, "nik"), ("NIK_DETECTED", E, "kader", 2, "nik"), ("NIK_DETECTED", E, "kader", 3, "nik")],
     niks=(NIK_EXTRA, str(NIK_NUMBER)))

# --- rules (Great Expectations): errors quarantine the row, warnings keep it ----------------------------------------

case("percentage_over_100", "rule",
     xlsx("DPMPPA_2024.xlsx", capaian(["KRPPA_PCT", None, 2024, 120, None, None, "DPMPPA", None])),
     ERRORS, [("PERCENT_OUT_OF_RANGE", E, "capaian", 2, "realisasi")])
case("target_percentage_over_100", "rule",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "target": [
         TARGET, ["ORG_ADVOKASI_PCT", None, 2025, 80, None], ["ORG_ADVOKASI_PCT", None, 2026, "110%", None]]}),
     ERRORS, [("PERCENT_OUT_OF_RANGE", E, "target", 3, "target")])
case("negative_value", "rule",
     xlsx("DPMPPA_2024.xlsx", capaian(["AP5_DISPENSASI_KAWIN", None, 2024, -12, None, None, "PA Pekalongan", "turun 12"])),
     ERRORS, [("VALUE_NEGATIVE", E, "capaian", 2, "realisasi")])
case("negative_participant_and_member_counts", "rule",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(),
                               "organisasi": [ORGANISASI, ORG_ROWS[0][:7] + [-45, "AKTIF"]],
                               "advokasi": [ADVOKASI, ["ADV-2024-01", "12/03/2024", "33.75.01", "Sosialisasi PUG", 40, -5]]}),
     ERRORS, [("COUNT_NEGATIVE", E, "organisasi", 2, "jumlah_anggota"), ("COUNT_NEGATIVE", E, "advokasi", 2, "peserta_laki_laki")])
case("negative_pagu", "rule",
     xlsx("BPKAD_2024.xlsx", {"identitas": identitas(opd="BPKAD"), "anggaran": [
         ANGGARAN, ["4.01.01.2.01.0001", "Penyusunan Dokumen Perencanaan", -150000000, None, "T", "T", "T"]]}),
     ERRORS, [("BUDGET_NEGATIVE", E, "anggaran", 2, "pagu")])
case("spent_over_budget", "rule",
     xlsx("BPKAD_2024.xlsx", {"identitas": identitas(opd="BPKAD"), "anggaran": [
         ANGGARAN, ["4.01.01.2.01.0001", "Penyusunan Dokumen Perencanaan", "150.000.000", "165.000.000", "T", "T", "T"]]}),
     WARNINGS, [("SPENT_EXCEEDS_BUDGET", W, "anggaran", 2, "realisasi_anggaran")])
case("gbs_without_gap", "rule",
     xlsx("DINKES_2024.xlsx", {"identitas": identitas(opd="DINKES"), "anggaran": [
         ANGGARAN, ["1.02.02.2.02.0001", "Pelayanan Kesehatan Ibu Hamil", "Rp 250.000.000", "Rp 230.000.000", "Y", "T", "Y"]]}),
     WARNINGS, [("GBS_WITHOUT_GAP", W, "anggaran", 2, "ada_gap")])
case("vacant_post_with_sex", "rule",
     xlsx("BKPSDM_2024.xlsx", {"identitas": identitas(opd="BKPSDM"), "jabatan": [
         JABATAN, ["JPT-DINKES-01", "Kepala Dinas Kesehatan", "JPT_PRATAMA", "DINKES", "L", "KOSONG", "31/12/2024"]]}),
     ERRORS, [("VACANT_POST_HAS_SEX", E, "jabatan", 2, "jenis_kelamin")])
case("filled_post_without_sex", "rule",
     xlsx("BKPSDM_2024.xlsx", {"identitas": identitas(opd="BKPSDM"), "jabatan": [
         JABATAN, ["JPT-DINKES-01", "Kepala Dinas Kesehatan", "JPT_PRATAMA", "DINKES", "P", "DEFINITIF", "31/12/2024"],
         ["ADM-DINKES-01", "Sekretaris Dinas Kesehatan", "ADMINISTRATOR", "DINKES", None, "PLT", "31/12/2024"]]}),
     ERRORS, [("POST_HOLDER_SEX_MISSING", E, "jabatan", 3, "jenis_kelamin")])
case("post_of_unknown_opd", "rule",
     xlsx("BKPSDM_2024.xlsx", {"identitas": identitas(opd="BKPSDM"), "jabatan": [
         JABATAN, ["JPT-DINSOS-01", "Kepala Dinas Sosial", "JPT_PRATAMA", "DINSOS", "L", "DEFINITIF", "31/12/2024"]]}),
     ERRORS, [("POST_OPD_UNKNOWN", E, "jabatan", 2, "kode_opd")])
case("post_data_date_far_from_report_year", "rule",
     xlsx("BKPSDM_2024.xlsx", {"identitas": identitas(opd="BKPSDM"), "jabatan": [
         JABATAN, ["JPT-DINKES-01", "Kepala Dinas Kesehatan", "JPT_PRATAMA", "DINKES", "P", "DEFINITIF", "31/12/2022"]]}),
     WARNINGS, [("DATE_FAR_FROM_REPORT_YEAR", W, "jabatan", 2, "tanggal_data")])
case("prerequisite_number_8", "rule",
     xlsx("BAPPEDA_2024.xlsx", {"identitas": identitas(opd="BAPPEDA"), "prasyarat": [
         PRASYARAT, [7, "Partisipasi masyarakat", "Forum PUG", "Y", "SK Forum", 80],
         [8, "Lainnya", "Inovasi daerah", "Y", None, 70]]}),
     ERRORS, [("PREREQUISITE_NUMBER_INVALID", E, "prasyarat", 3, "kode_prasyarat")])
case("prerequisite_score_120", "rule",
     xlsx("BAPPEDA_2024.xlsx", {"identitas": identitas(opd="BAPPEDA"), "prasyarat": [
         PRASYARAT, [1, "Komitmen", "Perda PUG", "Ya", "Perda No. 5/2021", 120]]}),
     ERRORS, [("SCORE_OUT_OF_RANGE", E, "prasyarat", 2, "nilai")])
case("duplicate_organisation_code", "rule",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "organisasi": [
         ORGANISASI, ORG_ROWS[0], ["DWP-3375", "Dharma Wanita Persatuan Kota Pekalongan", "ISTRI_APARATUR", "KOTA", "33.75", None, 1999, 60, "AKTIF"],
         ORG_ROWS[1], ["DWP-3375", "DWP Kota Pekalongan", "ISTRI_APARATUR", "KOTA", "33.75", None, 1999, 60, "AKTIF"]]}),
     # pug/rules.py: "the first row keeps it, later rows are flagged"
     ERRORS, [("DUPLICATE_KEY", E, "organisasi", 5, "kode_organisasi")])
case("unknown_jenis_tingkat_status", "rule",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "organisasi": [
         ORGANISASI, ORG_ROWS[0],
         ["AISYIYAH-3375", "PD Aisyiyah Kota Pekalongan", "ORMAS", "KOTA", "33.75", None, 1967, 80, "AKTIF"],
         ["PKK-RW05-MEDONO", "PKK RW 05 Medono", "PKK", "RUKUN_WARGA", "33.75.01.1002", None, 2001, 15, "AKTIF"],
         ["KWT-MEDONO", "Kelompok Wanita Tani Medono", "KOMUNITAS", "KELURAHAN", "33.75.01.1002", None, 2015, 18, "VAKUM"]]}),
     ERRORS, [("CODE_NOT_IN_LIST", E, "organisasi", 3, "jenis"), ("CODE_NOT_IN_LIST", E, "organisasi", 4, "tingkat"),
              ("CODE_NOT_IN_LIST", E, "organisasi", 5, "status")])
case("kecamatan_level_with_kelurahan_code", "rule",
     xlsx("KEC_PEKALONGAN_BARAT_2024.xlsx", {"identitas": identitas(opd="KEC_PEKALONGAN_BARAT"), "organisasi": [
         ORGANISASI, ["GOW-337501", "GOW Kecamatan Pekalongan Barat", "FEDERASI", "KECAMATAN", "33.75.01.1002", None, 1990, 22, "AKTIF"]]}),
     ERRORS, [("ORG_LEVEL_REGION_MISMATCH", E, "organisasi", 2, "kode_wilayah")])
case("bekasi_region_in_pekalongan_file", "rule",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "organisasi": [
         ORGANISASI, ORG_ROWS[0], ["PKK-327501", "TP PKK Kecamatan Bekasi Timur", "PKK", "KECAMATAN", "32.75.01", None, 1980, 25, "AKTIF"]]}),
     ERRORS, [("REGION_OUTSIDE_SUBMITTER", E, "organisasi", 3, "kode_wilayah")])
case("duplicate_organisation_code_three_times", "rule",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "organisasi": [ORGANISASI, ORG_ROWS[0], ORG_ROWS[0], ORG_ROWS[0]]}),
     ERRORS, [("DUPLICATE_KEY", E, "organisasi", 3, "kode_organisasi"), ("DUPLICATE_KEY", E, "organisasi", 4, "kode_organisasi")])
case("unknown_kecamatan_code", "rule",  # Kota Pekalongan has four kecamatan, 33.75.01 to 33.75.04
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "advokasi": [
         ADVOKASI, ADVOKASI_ROW, ["ADV-2024-02", "20/05/2024", "33.75.05", "Sosialisasi PUG kecamatan", 30, 4]]}),
     ERRORS, [("REGION_CODE_UNKNOWN", E, "advokasi", 3, "kode_wilayah")])
case("unknown_kelurahan_code", "rule",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "kader": [
         KADER, ["KDR-001", "P", None, "33.75.01.1002", "05/03/2024", "Y", "AKTIF"],
         ["KDR-002", "P", None, "33.75.01.1001", "05/03/2024", "Y", "AKTIF"]]}),
     ERRORS, [("REGION_CODE_UNKNOWN", E, "kader", 3, "kode_wilayah")])
case("scope_is_an_unknown_kecamatan", "rule",
     xlsx("DPMPPA_2024.xlsx", capaian(["AP3_KASUS_KEKERASAN", "33.75.04", 2024, 21, None, None, "SIMFONI-PPA", None],
                                      ["AP3_KASUS_KEKERASAN", "33.75.09", 2024, 4, None, None, "SIMFONI-PPA", None])),
     WARNINGS, [("SCOPE_UNKNOWN", W, "capaian", 3, "lingkup")])
case("participant_of_unlisted_event", "rule",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "organisasi": [ORGANISASI, *ORG_ROWS],
                               "advokasi": [ADVOKASI, ADVOKASI_ROW],
                               "advokasi_peserta": [PESERTA, ["ADV-2024-01", "PKK-3375", 5], ["ADV-2024-07", "GOW-3375", 3]]}),
     ERRORS, [("EVENT_NOT_LISTED", E, "advokasi_peserta", 3, "kode_kegiatan")])
case("participant_of_quarantined_event", "rule",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "organisasi": [ORGANISASI, *ORG_ROWS],
                               "advokasi": [ADVOKASI, ["ADV-2024-01", "31/02/2024", "33.75.01", "Sosialisasi PUG", 40, 5]],
                               "advokasi_peserta": [PESERTA, ["ADV-2024-01", "PKK-3375", 5]]}),
     ERRORS, [("DATE_INVALID", E, "advokasi", 2, "tanggal"), ("EVENT_NOT_LISTED", E, "advokasi_peserta", 2, "kode_kegiatan")])
case("participant_of_quarantined_organisation", "rule",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(),
                               "organisasi": [ORGANISASI, ORG_ROWS[0],
                                              ["AISYIYAH-3375", "PD Aisyiyah Kota Pekalongan", "ORMAS", "KOTA", "33.75", None, 1967, 80, "AKTIF"]],
                               "advokasi": [ADVOKASI, ADVOKASI_ROW],
                               "advokasi_peserta": [PESERTA, ["ADV-2024-01", "PKK-3375", 5], ["ADV-2024-01", "AISYIYAH-3375", 6]]}),
     ERRORS, [("CODE_NOT_IN_LIST", E, "organisasi", 3, "jenis"), ("ORG_NOT_REGISTERED", W, "advokasi_peserta", 3, "kode_organisasi")])
case("participant_organisation_registered_elsewhere", "rule",
     xlsx("KEC_PEKALONGAN_BARAT_2024.xlsx", {"identitas": identitas(opd="KEC_PEKALONGAN_BARAT"),
                                             "advokasi": [ADVOKASI, ADVOKASI_ROW],
                                             "advokasi_peserta": [PESERTA, ["ADV-2024-01", "PKK-337501", 4]]}),
     WARNINGS, [("ORG_NOT_REGISTERED", W, "advokasi_peserta", 2, "kode_organisasi")])
case("cadre_of_organisation_registered_elsewhere", "rule",
     xlsx("KEC_PEKALONGAN_BARAT_2024.xlsx", {"identitas": identitas(opd="KEC_PEKALONGAN_BARAT"), "kader": [
         KADER, ["KDR-001", "P", "DW-337501-1002-01", "33.75.01.1002", "05/03/2024", "Y", "AKTIF"]]}),
     WARNINGS, [("ORG_NOT_REGISTERED", W, "kader", 2, "kode_organisasi")])
case("advocacy_dated_early_next_year", "rule",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "advokasi": [
         ADVOKASI, ADVOKASI_ROW, ["ADV-2024-09", "15/01/2025", "33.75.02", "Evaluasi PUG akhir tahun", 35, 5]]}),
     WARNINGS, [("DATE_OUTSIDE_REPORT_YEAR", W, "advokasi", 3, "tanggal")])
case("advocacy_dated_in_another_year", "rule",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "advokasi": [
         ADVOKASI, ["ADV-2024-01", "12/03/2023", "33.75.01", "Sosialisasi PUG", 40, 5]]}),
     ERRORS, [("DATE_FAR_FROM_REPORT_YEAR", E, "advokasi", 2, "tanggal")])
case("target_year_outside_plan_period", "rule",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "target": [
         TARGET, ["KRPPA_PCT", None, 2026, 60, None], ["KRPPA_PCT", None, 2027, 65, "RPJMD berikutnya"]]}),
     ERRORS, [("TARGET_YEAR_OUTSIDE_PERIOD", E, "target", 3, "tahun")])
case("cumulative_target_decreasing", "rule",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "target": [
         TARGET, *[["KADER_KK_JML", None, year, value, None] for year, value in
                   ((2022, 200), (2023, 400), (2024, 600), (2025, 550), (2026, 1001))]]}),
     WARNINGS, [("CUMULATIVE_TARGET_DECREASES", W, "target", 5, "target")])
case("unknown_indicator_code", "rule",
     xlsx("DPMPPA_2024.xlsx", capaian(["KRPPA_PCT", None, 2024, 40, 12, 30, "DPMPPA", None],
                                      ["KLA_PCT", None, 2024, 55, None, None, "DPMPPA", "kota layak anak"])),
     ERRORS, [("INDICATOR_UNKNOWN", E, "capaian", 3, "kode_indikator")])
case("indicator_owned_by_another_role", "rule",
     xlsx("DPMPPA_2024.xlsx", capaian(["IPG", None, 2024, 93.5, None, None, "BPS", None])),
     WARNINGS, [("INDICATOR_NOT_OWNED", W, "capaian", 2, "kode_indikator")])
case("numerator_above_denominator", "rule",
     xlsx("DPMPPA_2024.xlsx", capaian(["AP3_KASUS_TERTANGANI_PCT", None, 2024, 100, 96, 87, "UPTD PPA", None])),
     ERRORS, [("RATIO_NUMERATOR_EXCEEDS", E, "capaian", 2, "pembilang")])
case("zero_denominator", "rule",
     xlsx("DPMPPA_2024.xlsx", capaian(["KRPPA_PCT", None, 2024, 0, 0, 0, "DPMPPA", None])),
     ERRORS, [("RATIO_DENOMINATOR_INVALID", E, "capaian", 2, "penyebut")])
case("ratio_inconsistent", "rule",
     xlsx("DPMPPA_2024.xlsx", capaian(["KRPPA_PCT", None, 2024, "45%", 9, 24, "DPMPPA", None])),
     WARNINGS, [("RATIO_INCONSISTENT", W, "capaian", 2, "realisasi")])
case("excel_percentage_cell", "rule",  # 37,5% formatted as a percentage in Excel is stored as 0.375
     xlsx("DPMPPA_2024.xlsx", capaian(["KRPPA_PCT", None, 2024, 0.375, 9, 24, "DPMPPA", None])),
     WARNINGS, [("RATIO_INCONSISTENT", W, "capaian", 2, "realisasi")])
case("duplicate_indicator_scope_year", "rule",
     xlsx("DPMPPA_2024.xlsx", capaian(["AP3_KASUS_KEKERASAN", None, 2024, 87, None, None, "SIMFONI-PPA", None],
                                      ["KRPPA_PCT", None, 2024, 40, 12, 30, "DPMPPA", None],
                                      ["AP3_KASUS_KEKERASAN", None, 2024, 91, None, None, "UPTD PPA", "data terbaru"])),
     ERRORS, [("DUPLICATE_KEY", E, "capaian", 4, "kode_indikator")])
case("scope_not_known_in_lone_check", "rule",
     xlsx("DPMPPA_2024.xlsx", capaian(["AP3_KASUS_KEKERASAN", "33.75.01", 2024, 21, None, None, "SIMFONI-PPA", None],
                                      ["AP3_KASUS_KEKERASAN", "KEL-MEDONO", 2024, 4, None, None, "SIMFONI-PPA", None])),
     WARNINGS, [("SCOPE_UNKNOWN", W, "capaian", 3, "lingkup")])
case("scope_is_another_kab_kota", "rule",  # Bekasi's kecamatan in a Pekalongan report: wrong even in a lone check
     xlsx("DPMPPA_2024.xlsx", capaian(["AP3_KASUS_KEKERASAN", "32.75.01", 2024, 21, None, None, "SIMFONI-PPA", None],
                                      ["AP3_KASUS_KEKERASAN", "33.75.01", 2024, 4, None, None, "SIMFONI-PPA", None])),
     ERRORS, [("SCOPE_OTHER_REGION", E, "capaian", 2, "lingkup")],
     forbidden=[("SCOPE_UNKNOWN", W, "capaian", 2, "lingkup"), ("SCOPE_OTHER_REGION", E, "capaian", 3, "lingkup")])
case("value_for_another_year", "rule",
     xlsx("DPMPPA_2024.xlsx", capaian(["AP3_KASUS_KEKERASAN", None, 2023, 79, None, None, "SIMFONI-PPA", "data 2023 susulan"])),
     WARNINGS, [("VALUE_YEAR_NOT_REPORT_YEAR", W, "capaian", 2, "tahun")])
case("organisation_founded_after_report_year", "rule",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "organisasi": [
         ORGANISASI, ORG_ROWS[0][:6] + [2025, 45, "AKTIF"]]}),
     WARNINGS, [("FOUNDED_AFTER_REPORT_YEAR", W, "organisasi", 2, "tahun_berdiri")])
case("parent_organisation_not_registered", "rule",
     xlsx("KEC_PEKALONGAN_BARAT_2024.xlsx", {"identitas": identitas(opd="KEC_PEKALONGAN_BARAT"), "organisasi": [
         ORGANISASI, ORG_ROWS[3]]}),
     WARNINGS, [("PARENT_ORG_UNKNOWN", W, "organisasi", 2, "kode_induk")])

# --- valid but quirky: accepted, never an error-severity finding ---------------------------------------------------

case("headers_in_title_case_with_spaces", "valid",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "capaian": [
         ["Kode Indikator", "Lingkup", "Tahun", "Realisasi", "Pembilang", "Penyebut", "Sumber Data", "Keterangan"],
         ["KRPPA_PCT", None, 2024, 37.5, 9, 24, "DPMPPA", None]]}),
     ACCEPTED, [])
case("identitas_labels_in_title_case", "valid",
     xlsx("DPMPPA_2024.xlsx", {"Identitas": [["Kolom", "Isian"], ["Kode Wilayah", "33.75"], ["Kode OPD", "DPMPPA"],
                                             ["Nama OPD", OPD_NAMES["DPMPPA"]], ["Tahun Laporan", "2024"],
                                             ["Tanggal Kirim", dt.date(2025, 2, 15)], ["Nama Petugas", "Siti Aminah"]]}),
     ACCEPTED, [])
case("unused_template_sheets_left_empty", "valid",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "kader": [KADER], "jabatan": [],
                               "advokasi": [ADVOKASI, ADVOKASI_ROW]}),
     ACCEPTED, [("SHEET_EMPTY", N, "jabatan", None, None)])
case("sheet_names_in_capitals", "valid",
     xlsx("DPMPPA_2024.xlsx", {"IDENTITAS": identitas(), "ADVOKASI PESERTA": [PESERTA, ["ADV-2024-01", "PKK-3375", 5]],
                               "ORGANISASI": [ORGANISASI, ORG_ROWS[0]], "Advokasi": [ADVOKASI, ADVOKASI_ROW]}),
     ACCEPTED, [])
case("blank_rows_between_data_rows", "valid",
     xlsx("BPKAD_2024.xlsx", {"identitas": identitas(opd="BPKAD"), "anggaran": [
         ANGGARAN, ["4.01.01.2.01.0001", "Penyusunan Dokumen Perencanaan", 150000000, 142500000, "T", "T", "T"], [], [],
         ["4.01.01.2.02.0003", "Pelatihan PUG bagi ASN", 75000000, 80000000, "Y", "Y", "Y"]]}),
     WARNINGS, [("SPENT_EXCEEDS_BUDGET", W, "anggaran", 5, "realisasi_anggaran")])
case("formula_with_cached_value", "valid",
     xlsx("DPMPPA_2024.xlsx", capaian(["KRPPA_PCT", None, 2024, Formula("=ROUND(E2/F2*100,1)", 37.5), 9, 24, "DPMPPA", None],
                                      ["AP3_KASUS_KEKERASAN", None, 2024, Formula("=SUM(12,75)", 87), None, None, "SIMFONI-PPA", None])),
     ACCEPTED, [])
case("indonesian_number_notation", "valid",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(),
                               "capaian": [CAPAIAN, ["AP3_KASUS_TERTANGANI_PCT", None, 2024, "45%", "45", "100", "UPTD PPA", None],
                                           ["KRPPA_PCT", None, 2024, "37,5", "9", "24", "DPMPPA", None]],
                               "anggaran": [ANGGARAN, ["2.08.02.2.01.0001", "Pengarusutamaan Gender", "Rp 1.500.000", "Rp1.234.567", "Y", "Ya", "Y"],
                                            ["2.08.02.2.01.0002", "Advokasi PUG", "1.234.567", "1.000.000,5", "Y", "Y", "Y"]]}),
     ACCEPTED, [])
case("indonesian_month_names", "valid",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(sent="14 Februari 2025"), "advokasi": [
         ADVOKASI, ["ADV-2024-01", "5 Agustus 2024", "33.75.01", "Sosialisasi PUG", 40, 5],
         ["ADV-2024-02", "17 Agt 2024", "33.75.02", "Pelatihan ARG", 25, 3],
         ["ADV-2024-03", "2 Nopember 2024", "33.75.03", "Forum PUG", 30, 6],
         ["ADV-2024-04", "2024-12-01", "33.75.04", "Evaluasi PUG", 28, 2]]}),
     ACCEPTED, [])
case("yes_no_words", "valid",
     xlsx("BAPPEDA_2024.xlsx", {"identitas": identitas(opd="BAPPEDA"), "prasyarat": [
         PRASYARAT, [1, "Komitmen", "Perda PUG", "Ya", "Perda No. 5/2021", 90],
         [2, "Kebijakan", "Perwal PPRG", "Tidak", None, 40], [3, "Kelembagaan", "Pokja PUG", "Y", "SK Pokja", 80],
         [4, "Sumber daya", "Focal point", "T", None, "55,5"], [5, "Data terpilah", None, 1, "Buku data gender", 70],
         [6, "Alat analisis gender", "GAP dan GBS", 0, None, 35], [7, "Partisipasi masyarakat", "Forum PUG", "TRUE", "SK Forum", 75]]}),
     ACCEPTED, [])
case("instructions_sheet_petunjuk", "valid",
     xlsx("DPMPPA_2024.xlsx", {"petunjuk": [["Petunjuk pengisian"], ["1. Isi lembar identitas"], ["2. Jangan ubah judul kolom"]],
                               "identitas": identitas(), "kader": [KADER, ["KDR-001", "P", None, "33.75.01.1002", "05/03/2024", "Y", "AKTIF"]]}),
     ACCEPTED, [])  # the template's own sheet: never a finding
case("extra_column_catatan", "valid",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "target": [
         TARGET + ["Catatan Internal"], ["KRPPA_PCT", None, 2025, 50, None, "cek Bappeda"]]}),
     ACCEPTED, [("COLUMN_EXTRA", N, "target", 1, "catatan_internal")])
case("csv_folder_semicolons", "valid",
     csv_folder("DPMPPA_2024", {"identitas": identitas(), "kader": [
         KADER, ["KDR-001", "P", "", "33.75.01.1002", "05/03/2024", "Y", "AKTIF"],
         ["KDR-002", "L", "", "33.75.01.1003", "6 Maret 2024", "T", "AKTIF"]]}, delimiter=";"),
     ACCEPTED, [])
case("csv_folder_commas", "valid",
     csv_folder("BKPSDM_2024", {"identitas": identitas(opd="BKPSDM"), "jabatan": [
         JABATAN, ["JPT-DINKES-01", "Kepala Dinas Kesehatan", "JPT_PRATAMA", "DINKES", "P", "DEFINITIF", "31/12/2024"],
         ["JPT-DINDIK-01", "Kepala Dinas Pendidikan", "JPT_PRATAMA", "DINDIK", "", "KOSONG", "31/12/2024"]]}),
     ACCEPTED, [])
case("csv_from_excel_with_bom_and_crlf", "valid",
     csv_files("DPMPPA_2024", {
         "identitas.csv": ("\ufeffkolom;isian\r\nkode_wilayah;33.75\r\nkode_opd;DPMPPA\r\nnama_opd;Dinas PPPA\r\n"
                           "tahun_laporan;2024\r\ntanggal_kirim;15/02/2025\r\nnama_petugas;Siti Aminah\r\n").encode(),
         "advokasi.csv": ("\ufeffkode_kegiatan;tanggal;kode_wilayah;tema;peserta_perempuan;peserta_laki_laki\r\n"
                          "ADV-2024-01;12/03/2024;33.75.01;Sosialisasi PUG, ARG dan PPRG;40;5\r\n").encode(),
     }),
     ACCEPTED, [])
case("vacant_post_blank_sex", "valid",
     xlsx("BKPSDM_2024.xlsx", {"identitas": identitas(opd="BKPSDM"), "jabatan": [
         JABATAN, ["SEKDA-3375", "Sekretaris Daerah", "SEKDA", "SETDA", "L", "DEFINITIF", dt.date(2024, 12, 31)],
         ["JPT-DINKES-01", "Kepala Dinas Kesehatan", "JPT_PRATAMA", "DINKES", None, "KOSONG", dt.date(2024, 12, 31)],
         ["JPT-DINDIK-01", "Kepala Dinas Pendidikan", "JPT_PRATAMA", "DINDIK", "Perempuan", "PLT", dt.date(2024, 12, 31)]]}),
     ACCEPTED, [])
case("region_code_typed_as_number_in_identitas", "valid",
     xlsx("DPPPA_2024.xlsx", {"identitas": identitas(opd="DPPPA", region=32.75), "kader": [
         KADER, ["KDR-001", "P", None, "32.75.01.1001", dt.date(2024, 6, 10), "Y", "AKTIF"]]}),
     ACCEPTED, [])
case("code_lists_in_lower_case", "valid",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "organisasi": [
         ORGANISASI, ["PKK-3375", "TP PKK Kota Pekalongan", "pkk", "kota", "33.75", None, 1975, 45, "aktif"],
         ["DWP-3375", "DWP Kota Pekalongan", "Istri Aparatur", "Kota", "33.75", None, 1999, "1.250", "Aktif"]]}),
     ACCEPTED, [])
case("women_agency_full_report", "valid",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(),
                               "organisasi": [ORGANISASI, *ORG_ROWS],
                               "advokasi": [ADVOKASI, ADVOKASI_ROW],
                               "advokasi_peserta": [PESERTA, ["ADV-2024-01", "PKK-3375", 5], ["ADV-2024-01", "PKK-337501", 4],
                                                    ["ADV-2024-01", "DW-337501-1002-01", None]],
                               "kader": [KADER, ["KDR-001", "P", "DW-337501-1002-01", "33.75.01.1002", "05/03/2024", "Y", "AKTIF"]],
                               "target": [TARGET, *[["ORG_ADVOKASI_PCT", None, y, v, None] for y, v in ((2024, 40), (2025, 60), (2026, 80))],
                                          ["KRPPA_PCT", "33.75.01", 2024, 50, "Pekalongan Barat"]],
                               "capaian": [CAPAIAN, ["KRPPA_PCT", "33.75.01", 2024, 42.9, 3, 7, "DPMPPA", None],
                                           ["ORG_ADVOKASI_PCT", None, 2024, 100, 4, 4, "DPMPPA", None]]}),
     ACCEPTED, [])
