"""Findings: what is wrong with a submission, where, and how to fix it, in Bahasa Indonesia and English.

Shaped after Frictionless error reports (code, row, field, cell, message). Every finding names the sheet, the
Excel row, the column and the A1 cell where it can; file- and sheet-level findings leave row and cell empty.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from pug import contract
from pug.values import mask_nik

ERROR = "error"  # the row is quarantined (or, for file-level codes, the whole submission is rejected)
WARNING = "warning"  # the row is kept and flagged
NOTICE = "notice"  # worth knowing, changes nothing
SEVERITY_ID = {ERROR: "GALAT", WARNING: "PERINGATAN", NOTICE: "CATATAN"}

# code -> (severity, file_level, Indonesian message, English message, Indonesian fix hint)
# Templates may use {value}, {column}, {sheet}, {detail}.
CATALOGUE: dict[str, tuple[str, bool, str, str, str]] = {
    "FILE_UNREADABLE": (ERROR, True,
        "Berkas tidak dapat dibaca: {detail}",
        "The file cannot be read: {detail}",
        "Simpan ulang berkas dari Excel sebagai 'Excel Workbook (*.xlsx)' lalu kirim kembali."),
    "FILE_ENCRYPTED": (ERROR, True,
        "Berkas dilindungi kata sandi sehingga tidak dapat dibaca.",
        "The workbook is password-protected and cannot be read.",
        "Hapus kata sandi (File > Info > Protect Workbook) lalu kirim kembali."),
    "FILE_TYPE_UNSUPPORTED": (ERROR, True,
        "Jenis berkas tidak didukung: {detail}",
        "Unsupported file type: {detail}",
        "Gunakan templat .xlsx atau folder berisi berkas CSV per lembar."),
    "FILE_TOO_LARGE": (ERROR, True,
        "Berkas terlalu besar: {detail}",
        "The file is too large: {detail}",
        "Hapus lembar atau gambar yang tidak diperlukan; satu laporan OPD tidak perlu sebesar ini."),
    "FILE_IS_LINK": (ERROR, True,
        "Berkas adalah tautan (symlink) ke {detail}, bukan berkas kiriman; tautan tidak diikuti.",
        "The entry is a symbolic link to {detail}, not a submitted file; links are never followed.",
        "Salin berkas aslinya ke folder kiriman, bukan tautannya."),
    "SHEET_IDENTITAS_MISSING": (ERROR, True,
        "Lembar 'identitas' tidak ditemukan.",
        "The 'identitas' sheet is missing.",
        "Tambahkan lembar 'identitas' dari templat dan isi kode wilayah, kode OPD dan tahun laporan."),
    "IDENTITAS_FIELD_MISSING": (ERROR, True,
        "Isian '{column}' pada lembar identitas kosong atau tidak ada.",
        "The identitas field '{column}' is missing or blank.",
        "Isi baris '{column}' pada kolom 'isian' di lembar identitas."),
    "IDENTITAS_FIELD_INVALID": (ERROR, True,
        "Isian '{column}' pada lembar identitas tidak sah: '{value}'.",
        "The identitas field '{column}' is not valid: '{value}'.",
        "{detail}"),
    "IDENTITAS_NAME_MISSING": (WARNING, False,
        "Isian '{column}' pada lembar identitas kosong.",
        "The identitas field '{column}' is blank.",
        "Isi baris '{column}' pada kolom 'isian' di lembar identitas."),
    "REGION_UNKNOWN": (ERROR, True,
        "Kode wilayah '{value}' bukan kab/kota yang terdaftar.",
        "Region code '{value}' is not a registered kab/kota.",
        "Gunakan kode wilayah Kemendagri kab/kota Anda, misalnya 33.75 untuk Kota Pekalongan."),
    "OPD_UNKNOWN": (ERROR, True,
        "Kode OPD '{value}' tidak terdaftar pada wilayah {detail}.",
        "OPD code '{value}' is not registered in region {detail}.",
        f"Gunakan kode OPD sesuai lembar {contract.OPD_LIST} pada templat; hubungi dinas PPPA bila OPD Anda belum terdaftar."),
    "SENT_DATE_IMPLAUSIBLE": (WARNING, False,
        "Tanggal kirim {value} tidak berada pada tahun laporan {detail} atau tahun sesudahnya.",
        "The sending date {value} is neither in report year {detail} nor in the year after.",
        "Periksa tanggal_kirim pada lembar identitas: laporan tahun {detail} dikirim pada tahun {detail} atau tahun berikutnya."),
    "SHEET_ROWS_DROPPED": (WARNING, False,
        "Versi ini memuat {detail} baris pada lembar '{sheet}'.",
        "This version holds {detail} rows in sheet '{sheet}'.",
        "Bila baris-baris itu memang dihapus, abaikan peringatan ini; bila tidak, kirim ulang lembar '{sheet}' secara lengkap, "
        "karena laporan OPD lain yang merujuknya ikut terpengaruh."),
    "REGISTER_SHRANK": (WARNING, False,
        "Register organisasi laporan ini memuat {detail}.",
        "The register of organisations in this report holds {detail}.",
        "Bila organisasi-organisasi itu memang bubar atau pindah, abaikan peringatan ini; bila tidak, lengkapi lembar "
        "organisasi, karena laporan OPD lain yang merujuk organisasinya ikut terpengaruh."),
    "REPORT_YEAR_OUTSIDE_PERIOD": (ERROR, True,
        "Tahun laporan {value} tidak berada dalam periode rencana mana pun.",
        "Report year {value} is in no plan period.",
        "Isi tahun laporan dengan tahun yang dilaporkan (dalam periode rencana, misalnya 2022 sampai 2026)."),
    "COLUMN_MISSING": (ERROR, True,
        "Kolom wajib '{column}' tidak ada pada lembar '{sheet}'.",
        "Required column '{column}' is missing from sheet '{sheet}'.",
        "Tambahkan kolom '{column}' pada baris 1 lembar '{sheet}' sesuai templat."),
    "COLUMN_DUPLICATE": (ERROR, True,
        "Kolom '{column}' muncul lebih dari sekali pada lembar '{sheet}'.",
        "Column '{column}' appears more than once in sheet '{sheet}'.",
        "Hapus salah satu kolom '{column}' sehingga setiap kolom hanya ada satu."),
    "SHEET_DUPLICATE": (ERROR, True,
        "Lembar '{sheet}' muncul lebih dari sekali ({detail}).",
        "Sheet '{sheet}' appears more than once ({detail}).",
        "Gabungkan isinya ke satu lembar dan hapus lembar lainnya."),
    "SHEET_EXTRA": (NOTICE, False,
        "Lembar tambahan '{value}' tidak dibaca.",
        "Extra sheet '{value}' is not read.",
        "Tidak perlu tindakan; lembar ini diabaikan."),
    "COLUMN_EXTRA": (NOTICE, False,
        "Kolom tambahan '{value}' pada lembar '{sheet}' tidak dibaca.",
        "Extra column '{value}' in sheet '{sheet}' is not read.",
        "Tidak perlu tindakan; kolom ini diabaikan."),
    "SHEET_EMPTY": (NOTICE, False,
        "Lembar '{sheet}' kosong.",
        "Sheet '{sheet}' is empty.",
        "Isi lembar ini bila OPD Anda memiliki datanya, atau hapus lembar ini."),
    "VALUE_REQUIRED": (ERROR, False,
        "Kolom '{column}' wajib diisi.",
        "Column '{column}' must have a value.",
        "Isi sel ini."),
    "NUMBER_INVALID": (ERROR, False,
        "'{value}' bukan angka yang dapat dibaca.",
        "'{value}' is not a readable number.",
        "Tulis angka seperti 1.234.567 atau 12,5 (titik pemisah ribuan, koma desimal), tanpa teks lain."),
    "INTEGER_INVALID": (ERROR, False,
        "'{value}' harus bilangan bulat.",
        "'{value}' must be a whole number.",
        "Tulis bilangan bulat tanpa desimal, misalnya 25."),
    "YEAR_INVALID": (ERROR, False,
        "'{value}' bukan tahun yang sah.",
        "'{value}' is not a valid year.",
        "Tulis tahun empat angka, misalnya 2024."),
    "DATE_INVALID": (ERROR, False,
        "'{value}' bukan tanggal yang sah.",
        "'{value}' is not a valid date.",
        "Tulis tanggal sebagai tanggal Excel atau seperti 18/04/2022 atau 18 April 2022."),
    "YESNO_INVALID": (ERROR, False,
        "'{value}' bukan jawaban Ya/Tidak.",
        "'{value}' is not a yes/no answer.",
        "Isi dengan Y (ya) atau T (tidak)."),
    "SEX_INVALID": (ERROR, False,
        "'{value}' bukan jenis kelamin yang sah.",
        "'{value}' is not a valid sex.",
        "Isi dengan P (perempuan) atau L (laki-laki)."),
    "CODE_INVALID": (ERROR, False,
        "'{value}' bukan kode yang sah.",
        "'{value}' is not a valid code.",
        "Kode terdiri dari 1 sampai 64 huruf, angka atau tanda . - _ / tanpa spasi."),
    "REGION_CODE_INVALID": (ERROR, False,
        "'{value}' bukan kode wilayah Kemendagri yang sah.",
        "'{value}' is not a valid Kemendagri region code.",
        "Tulis kode wilayah sebagai teks, misalnya 33.75.01.1002; format sel sebagai Teks agar angka nol tidak hilang."),
    "EXCEL_ERROR_VALUE": (ERROR, False,
        "Sel berisi galat Excel {value}.",
        "The cell holds the Excel error value {value}.",
        "Perbaiki rumus pada sel ini atau ganti dengan nilainya."),
    "NIK_DETECTED": (ERROR, False,
        "Sel berisi nilai mirip NIK 16 digit ({value}); NIK tidak boleh dikirim.",
        "The cell holds a 16-digit NIK-like value ({value}); national ID numbers must not be submitted.",
        "Hapus NIK; gunakan kode samaran (misalnya kode kader) sebagai pengenal."),
}

FILE_LEVEL_CODES = frozenset(code for code, spec in CATALOGUE.items() if spec[1])


def column_letter(index: int) -> str:
    """0-based column index -> Excel letters (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class Finding:
    code: str
    severity: str
    sheet: str | None
    row: int | None  # Excel row number
    column: str | None  # contract column name
    cell: str | None  # A1 reference
    value: str | None  # as submitted, NIK masked
    message: str  # Bahasa Indonesia, with the fix
    message_en: str

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def file_level(self) -> bool:
        return self.code in FILE_LEVEL_CODES


def _sentence(text: str) -> str:
    """The text ending in a full stop (a detail may end a message without one), so the advice after it reads apart."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def finding(code, *, sheet=None, row=None, column=None, column_index=None, value=None, detail="",
            detail_en=None) -> Finding:
    """`detail` completes the Indonesian message in plain words; `detail_en` the English one, when it differs (a
    library's own words are for the data team, in English only)."""
    # Sheet names, headers and values are all submitted text: none may carry a NIK out.
    sheet, column, value, detail, detail_en = (mask_nik(t) if isinstance(t, str) else t
                                               for t in (sheet, column, value, detail, detail_en))
    severity, _, message_id, message_en, hint = CATALOGUE[code]
    fields = {"value": value if value is not None else "", "column": column or "", "sheet": sheet or "", "detail": detail}
    cell = f"{column_letter(column_index)}{row}" if row is not None and column_index is not None else None
    return Finding(
        code=code,
        severity=severity,
        sheet=sheet,
        row=row,
        column=column,
        cell=cell,
        value=value,
        message=f"{_sentence(message_id.format(**fields))} {hint.format(**fields)}",
        message_en=_sentence(message_en.format(**{**fields, "detail": detail if detail_en is None else detail_en})),
    )
