"""Hostile and broken submissions: oversized, bombs, encrypted, corrupt, crafted names and values.

Each case is one input and the finding it must produce, located as (code, severity, sheet, Excel row, column, cell);
valid-but-nasty content must be accepted and kept as it was sent. For every case: the parser never raises, every
finding is in the catalogue with messages in both languages and NIK-masked, the feedback workbook (for a submission
that names its OPD) keeps every submitted value as text, never a formula, and `pug check --json` prints one valid
JSON object per file. Inputs that could hang or kill the test process (a FIFO, a grid of 17 billion cells) are
tested in a thread or a child process of their own.
"""

from __future__ import annotations

import io
import json
import os
import re
import resource
import subprocess
import struct
import sys
import threading
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import duckdb
import olefile
import openpyxl
import pytest
import xlsxwriter
from corpus import ADVOKASI, ADVOKASI_ROW, CAPAIAN, ORG_ROWS, ORGANISASI, identitas
from workbooks import Formula, rewrite_members, write_csv_folder, write_workbook, write_workbook_named
from lone_check import PUG, WITHOUT_WAREHOUSE
from xlsb_writer import record, write_xlsb

from pug import paths
from pug.ingest import reader
from pug.outputs.feedback import write_feedback_workbooks
from pug.findings import CATALOGUE
from pug.ingest.parse import ACCEPTED, ACCEPTED_WITH_ERRORS, REJECTED, ParsedSubmission, parse_submission
from pug.validation.rules import RULE_CODES
from pug.ingest.staging import load_staging
from pug.validation.validate import apply_row_verdicts

NIK = "3375014506890003"  # synthetic; must only ever come back as ************0003
MASKED = "*" * 12 + NIK[-4:]
SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")
CONTROL = "".join(chr(c) for c in range(32)) + "\x7f"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
FILES = Path(__file__).parent / "files"  # real files written by real programs (files/README.md)

SQL = "'; DROP TABLE stg_organisasi; --"
HTML = "<script>alert(1)</script>"
HYPERLINK = '=HYPERLINK("http://x","y")'
DDE = "+cmd|' /C calc'!A0"
AT_FORMULA = "@SUM(1)"
FORMULA_LIKE = [SQL, HTML, HYPERLINK, DDE, AT_FORMULA, "=1+1", "-2+3+cmd|' /C notepad'!A0"]

E, N = "error", "notice"
Located = tuple  # (code, severity, sheet, row, column, cell)


@dataclass(frozen=True)
class Hostile:
    name: str
    build: Callable[[Path], Path]
    status: str
    expected: list[Located]
    stored: dict = field(default_factory=dict)  # {(sheet, excel_row, column): text}: kept exactly as submitted
    niks: tuple[str, ...] = ()


CASES: list[Hostile] = []


def case(name, build, status, expected, **extra):
    CASES.append(Hostile(name, build, status, list(expected), **extra))


def organisasi_with(row: list) -> dict:
    """identitas and an organisasi sheet: three valid rows (Excel rows 2 to 4), then `row` as Excel row 5."""
    return {"identitas": identitas(), "organisasi": [ORGANISASI, *ORG_ROWS[:3], row]}


def org_row(**values) -> list:
    row = dict(zip(ORGANISASI, ["PKK-337502", "TP PKK Kecamatan Pekalongan Timur", "PKK", "KECAMATAN", "33.75.02",
                                "PKK-3375", 1979, 28, "AKTIF"]))
    row.update(values)
    return [row[c] for c in ORGANISASI]


def xlsx(filename: str, sheets: dict) -> Callable[[Path], Path]:
    return lambda folder: write_workbook(folder / filename, sheets)


def named(filename: str, sheets: list[tuple[str, list]]) -> Callable[[Path], Path]:
    return lambda folder: write_workbook_named(folder / filename, sheets)


def raw_file(filename: str, content: bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / filename).write_bytes(content)
        return folder / filename
    return build


def valid_workbook_bytes() -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    for name, rows in organisasi_with(org_row()).items():
        sheet = workbook.add_worksheet(name)
        for r, row in enumerate(rows):
            sheet.write_row(r, 0, row)
    workbook.close()
    return buffer.getvalue()


# --- file level: rejected with one clear reason, never an exception --------------------------------------------------


def sparse_oversized(folder: Path) -> Path:
    """A real file one byte over the limit that costs no disk: a zip header, then a hole."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "DPMPPA_2024.xlsx"
    with open(path, "wb") as handle:
        handle.write(valid_workbook_bytes())
        handle.truncate(reader.MAX_FILE_BYTES + 1)
    return path


def sparse_oversized_csv(folder: Path) -> Path:
    target = write_csv_folder(folder / "DPMPPA_2024", {"identitas": identitas()})
    with open(target / "organisasi.csv", "wb") as handle:
        handle.write(",".join(ORGANISASI).encode() + b"\n")
        handle.truncate(reader.MAX_FILE_BYTES + 1)
    return target


BOMB_BYTES = 1 << 30  # 1 GiB of zeros in one member, 2.5 times MAX_UNZIPPED_BYTES; about 4.5 MB compressed


def decompression_bomb(folder: Path) -> Path:
    """A valid workbook plus one member that inflates to 1 GiB: zipfile writes it with honest sizes."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "DPMPPA_2024.xlsx"
    path.write_bytes(valid_workbook_bytes())
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("xl/media/image1.png", "w", force_zip64=True) as member:
            zeros = bytes(1 << 20)
            for _ in range(BOMB_BYTES >> 20):
                member.write(zeros)
    return path


def encrypted(folder: Path) -> Path:
    """What Excel writes for a password-protected .xlsx: an OLE compound file holding EncryptionInfo and
    EncryptedPackage streams instead of a zip (a real one: tests/files/README.md)."""
    return raw_file("DPMPPA_2024_final.xlsx", (Path(__file__).parent / "files" / "password-rahasia.xlsx").read_bytes())(folder)


def damaged_deflate(folder: Path) -> Path:
    """A workbook whose xl/workbook.xml has its compressed bytes overwritten: zipfile's zlib.error escaped the parser."""
    data = bytearray(valid_workbook_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("xl/workbook.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start:start + 4] = b"\xff\xff\xff\xff"  # an invalid block type from the first bits on
    path = raw_file("DPMPPA_2024.xlsx", bytes(data))(folder)
    with zipfile.ZipFile(path) as archive, pytest.raises(zlib.error):
        archive.read("xl/workbook.xml")  # the input is what it claims to be
    return path


def unsupported_compression(folder: Path) -> Path:
    """Every member marked with compression method 99 (AES): zipfile's NotImplementedError escaped the parser."""
    # central directory entry: signature, version made by, version needed, flags, then the method at offset 10
    data = re.sub(rb"(PK\x01\x02.{6}).{2}", lambda m: m[1] + b"\x63\x00", valid_workbook_bytes(), flags=re.S)
    path = raw_file("DPMPPA_2024.xlsx", data)(folder)
    with zipfile.ZipFile(path) as archive, pytest.raises(NotImplementedError):
        archive.read("xl/workbook.xml")
    return path


def directory_named_xlsx(folder: Path) -> Path:
    (folder / "DPMPPA_2024.xlsx").mkdir(parents=True)
    return folder / "DPMPPA_2024.xlsx"


def csv_field_over_the_limit(folder: Path) -> Path:
    """An unclosed quote swallows the rest of the file into one field of 200,000 characters: csv.Error escaped the
    parser."""
    target = write_csv_folder(folder / "DPMPPA_2024", {"identitas": identitas()})
    (target / "advokasi.csv").write_text(",".join(ADVOKASI) + '\nADV-1,12/03/2024,33.75.01,"Sosialisasi ' + "x" * 200_000 + "\n",
                                         encoding="utf-8")
    return target


def csv_name_not_utf8(folder: Path) -> Path:
    """A file name in Windows-1252 bytes, as old zip tools extract it; Python keeps the byte as a lone surrogate."""
    target = write_csv_folder(folder / "DPMPPA_2024", {"identitas": identitas()})
    (target / os.fsdecode(b"catatan_r\xe9visi.csv")).write_text("a,b\n1,2\n", encoding="utf-8")
    return target


case("file_over_the_size_limit_sparse", sparse_oversized, REJECTED, [("FILE_TOO_LARGE", E, None, None, None, None)])
case("csv_file_over_the_size_limit_sparse", sparse_oversized_csv, REJECTED, [("FILE_TOO_LARGE", E, None, None, None, None)])
case("decompression_bomb_1_gib_member", decompression_bomb, REJECTED, [("FILE_TOO_LARGE", E, None, None, None, None)])
case("encrypted_workbook_ole", encrypted, REJECTED, [("FILE_ENCRYPTED", E, None, None, None, None)])
case("truncated_zip", lambda folder: raw_file("DPMPPA_2024.xlsx", valid_workbook_bytes()[:1500])(folder), REJECTED,
     [("FILE_UNREADABLE", E, None, None, None, None)])
case("damaged_deflate_stream", damaged_deflate, REJECTED, [("FILE_UNREADABLE", E, None, None, None, None)])
case("unsupported_zip_compression_method", unsupported_compression, REJECTED, [("FILE_UNREADABLE", E, None, None, None, None)])
case("damaged_ole_named_xls", raw_file("DPMPPA_2024.xls", OLE_MAGIC + b"\0" * 504 + "Workbook".encode("utf-16-le")),
     REJECTED, [("FILE_UNREADABLE", E, None, None, None, None)])
case("empty_file", raw_file("DPMPPA_2024.xlsx", b""), REJECTED, [("FILE_UNREADABLE", E, None, None, None, None)])
case("directory_named_xlsx", directory_named_xlsx, REJECTED, [("FILE_TYPE_UNSUPPORTED", E, None, None, None, None)])
case("csv_unclosed_quote_field_over_128_kib", csv_field_over_the_limit, REJECTED, [("FILE_UNREADABLE", E, None, None, None, None)])
case("csv_file_name_not_utf8", csv_name_not_utf8, ACCEPTED, [("SHEET_EXTRA", N, "catatan_r\ufffdvisi", None, None, None)])


def entity_expansion(folder: Path) -> Path:
    """A "billion laughs" DOCTYPE in the sheet XML: calamine does not expand it, so the file is unreadable, quickly."""
    laughs = b'<!DOCTYPE x [<!ENTITY a "ha"><!ENTITY b "' + b"&a;" * 20 + b'"><!ENTITY c "' + b"&b;" * 20 + b'">]>'
    path = write_workbook(folder / "DPMPPA_2024.xlsx", organisasi_with(org_row(nama_organisasi="tawa")))
    use = b'<sheetData><row r="9"><c r="A9" t="inlineStr"><is><t>&c;</t></is></c></row>'
    return rewrite_members(path, {"xl/worksheets/sheet2.xml": lambda xml: xml.replace(b"?>", b"?>" + laughs, 1)
                                  .replace(b"<sheetData>", use, 1)})


case("xml_entity_expansion", entity_expansion, REJECTED, [("FILE_UNREADABLE", E, None, None, None, None)])

# --- sheet names crafted as SQL, HTML, formulas, control characters, a NIK: extra sheets, reported as written ------

HOSTILE_SHEET_NAMES = {
    "sql": SQL, "html": HTML, "hyperlink_formula": HYPERLINK, "dde_formula": DDE, "at_formula": AT_FORMULA,
    "control_characters": "lembar" + CONTROL + "x", "forty_characters": "catatan " * 5, "nik": f"NIK {NIK}",
}
for label, sheet_name in HOSTILE_SHEET_NAMES.items():
    shown = sheet_name.replace(NIK, MASKED)
    case(f"sheet_named_{label}", named("DPMPPA_2024.xlsx", [("identitas", identitas()), (sheet_name, [["isi", NIK]])]),
         ACCEPTED, [("SHEET_EXTRA", N, shown, None, None, None)], niks=(NIK,))
case("contract_sheet_name_with_a_character_reference",  # "capaian&#10;" is calamine's "capaian\n", the capaian sheet
     named("DPMPPA_2024.xlsx", [("identitas", identitas()),
                                ("capaian\n", [CAPAIAN, ["KRPPA_PCT", None, 2024, Formula("=E2/F2*100", "#DIV/0!"), 0, 0]])]),
     ACCEPTED_WITH_ERRORS, [("EXCEL_ERROR_VALUE", E, "capaian", 2, "realisasi", "D2")])

# --- cell values: formulas and markup stay text; in a code column they are invalid codes --------------------------

case("formulas_and_markup_in_cells",  # Excel rows 5 to 11 in a text column, row 12 in a code column
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "organisasi": [
         ORGANISASI, *ORG_ROWS[:3], *[org_row(kode_organisasi=f"ORG-{i}", nama_organisasi=text) for i, text in enumerate(FORMULA_LIKE)],
         org_row(kode_organisasi=HYPERLINK)]}),
     ACCEPTED_WITH_ERRORS, [("CODE_INVALID", E, "organisasi", 12, "kode_organisasi", "A12")],
     stored={("organisasi", 5 + i, "nama_organisasi"): text for i, text in enumerate(FORMULA_LIKE)})
case("identitas_officer_formula_and_markup",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(officer=HYPERLINK + HTML)}), ACCEPTED, [])
case("formula_cell_counts_by_its_cached_value",
     xlsx("DPMPPA_2024.xlsx", organisasi_with(org_row(nama_organisasi=Formula('=HYPERLINK("http://x","TP PKK")', "TP PKK")))),
     ACCEPTED, [], stored={("organisasi", 5, "nama_organisasi"): "TP PKK"})
case("control_characters_in_cells",  # Excel row 5 in a text column, row 6 in a code column
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "organisasi": [
         ORGANISASI, *ORG_ROWS[:3], org_row(nama_organisasi="TP" + CONTROL + "PKK"), org_row(kode_organisasi="PKK" + CONTROL + "1")]}),
     ACCEPTED_WITH_ERRORS, [("CODE_INVALID", E, "organisasi", 6, "kode_organisasi", "A6")],
     stored={("organisasi", 5, "nama_organisasi"): "TP" + CONTROL + "PKK"})
case("control_characters_in_a_header",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "organisasi": [["kode\x00organisasi", *ORGANISASI[1:]], ORG_ROWS[0]]}),
     REJECTED, [("COLUMN_EXTRA", N, "organisasi", 1, "kode\x00organisasi", "A1"),
                ("COLUMN_MISSING", E, "organisasi", None, "kode_organisasi", None)])
case("control_characters_in_identitas",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(officer="Siti" + CONTROL + "Aminah")}), ACCEPTED, [])

EXCEL_MAX = "A" * 32_767  # the longest text an Excel cell holds
case("enormous_texts_in_many_cells",
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(officer=EXCEL_MAX), "organisasi": [
         ORGANISASI, *[org_row(kode_organisasi=f"ORG-{i}", nama_organisasi=EXCEL_MAX) for i in range(60)],
         org_row(kode_organisasi=EXCEL_MAX)],
         "advokasi": [ADVOKASI, ADVOKASI_ROW[:3] + [EXCEL_MAX] + ADVOKASI_ROW[4:]]}),
     ACCEPTED_WITH_ERRORS, [("CODE_INVALID", E, "organisasi", 62, "kode_organisasi", "A62")],
     stored={("organisasi", 2, "nama_organisasi"): EXCEL_MAX, ("advokasi", 2, "tema"): EXCEL_MAX})

# --- NIK in odd places: always masked -----------------------------------------------------------------------------

case("nik_as_a_header", xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "organisasi": [
         [*ORGANISASI, NIK], [*ORG_ROWS[0], "catatan"]]}),
     ACCEPTED, [("COLUMN_EXTRA", N, "organisasi", 1, MASKED, "J1")], niks=(NIK,))
case("nik_as_a_csv_file_name",
     lambda folder: write_csv_folder(folder / "DPMPPA_2024", {"identitas": identitas(), NIK: [["a"], ["b"]]}),
     ACCEPTED, [("SHEET_EXTRA", N, MASKED, None, None, None)], niks=(NIK,))
case("nik_in_the_identitas_key_column",  # an unknown key is ignored, so the NIK is never repeated
     xlsx("DPMPPA_2024.xlsx", {"identitas": [*identitas(), [NIK, "Siti"]]}), ACCEPTED, [], niks=(NIK,))


def nik_as_error_value(folder: Path) -> Path:
    """A crafted error cell (t="e") holding a NIK instead of #REF!: calamine refuses the file, and its reason, which
    quotes the NIK, is masked."""
    path = write_workbook(folder / "DPMPPA_2024.xlsx", organisasi_with(org_row(nama_organisasi=Formula("=1/0", "#DIV/0!"))))
    return rewrite_members(path, {"xl/worksheets/sheet2.xml": lambda xml: xml.replace(b"<v>#DIV/0!</v>", f"<v>{NIK}</v>".encode())})


case("nik_as_an_excel_error_value", nik_as_error_value, REJECTED, [("FILE_UNREADABLE", E, None, None, None, None)], niks=(NIK,))
case("ratio_with_sixteen_decimals_is_not_a_nik",  # 1/3 is 0.3333333333333333: it was quarantined as a NIK
     xlsx("DPMPPA_2024.xlsx", {"identitas": identitas(), "capaian": [
         CAPAIAN, ["KRPPA_PCT", None, 2024, Formula("=1/3", 1 / 3)], ["KRPPA_PCT", "33.75.01", 2024, 0.05293073830196167]]}),
     ACCEPTED, [], stored={("capaian", 2, "realisasi"): "0.333333333333333", ("capaian", 3, "realisasi"): "0.052930738301962"})
case("count_beyond_bigint",  # 1e20 members stopped the staging of the whole year (pyarrow OverflowError)
     xlsx("DPMPPA_2024.xlsx", organisasi_with(org_row(jumlah_anggota=1e20))),
     ACCEPTED_WITH_ERRORS, [("NUMBER_INVALID", E, "organisasi", 5, "jumlah_anggota", "H5")])


# --- checks shared by every case -----------------------------------------------------------------------------------


def located(parsed: ParsedSubmission) -> set[tuple]:
    return {(f.code, f.severity, f.sheet, f.row, f.column, f.cell) for f in parsed.findings}


def assert_sound(parsed: ParsedSubmission, niks=()) -> None:
    """Known codes, messages in both languages, cells that name their row, rows all accounted for, NIKs masked."""
    for f in parsed.findings:
        assert f.code in CATALOGUE, f
        assert f.message.strip() and f.message_en.strip() and f.message != f.message_en, f
        assert (f.cell is None) or (f.row is not None and f.cell.endswith(str(f.row))), f
    for name, sheet in parsed.sheets.items():
        rows = [r["source_row"] for r in sheet.records]
        assert sheet.rows_read == len(sheet.records) == len(sheet.raw)
        assert rows == sorted(set(rows)) and all(r >= 2 for r in rows)
        assert sheet.error_rows <= set(rows)
        errors = {f.row for f in parsed.findings if f.sheet == name and f.severity == E and f.row and f.row > 1}
        assert errors <= sheet.error_rows
    shown = json.dumps([[f.as_dict() for f in parsed.findings], parsed.identity,
                        {n: [s.columns, s.raw] for n, s in parsed.sheets.items()}], ensure_ascii=False, default=str)
    for nik in niks:
        assert nik not in shown


def stage_and_write_feedback(parsed: list[ParsedSubmission], folder: Path, reference) -> list[Path]:
    """Stage parsed submissions as a build stages a report year, set the row verdicts, write the feedback workbooks.

    The Great Expectations rules are left out here (`pug check` runs them below); the verdicts then come from the
    parser's findings alone. Conservation is checked on the way, and the tables a crafted name aims at still exist.
    """
    database = folder / "year=2024.duckdb"
    items = [({"sha256": f"{index:064d}", "path": Path(p.path).name, "present": True, "region_code": "33.75",
               "modified_at": None, "first_seen_at": None, "size_bytes": None}, p) for index, p in enumerate(parsed)]
    with duckdb.connect(str(database)) as con:
        load_staging(con, 2024, items, reference)
        apply_row_verdicts(con)
        counts = con.execute("SELECT sheet, rows_read, rows_accepted, rows_quarantined FROM stg_submission_sheet").fetchall()
        assert all(read == accepted + quarantined for _, read, accepted, quarantined in counts), counts
        assert {t for (t,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()} >= {"stg_organisasi", "stg_finding"}
    write_feedback_workbooks(database, folder / "feedback", 2024)
    return sorted((folder / "feedback").rglob("*.xlsx"))


def feedback_cells(path: Path) -> dict[str, list]:
    """Every written cell of a feedback workbook, by sheet; no cell may be a formula, in openpyxl or in the XML."""
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            if member.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(member) and b"<f " not in archive.read(member), member
    workbook = openpyxl.load_workbook(path)
    cells = {}
    for sheet in workbook.worksheets:
        cells[sheet.title] = [c for row in sheet.iter_rows() for c in row if c.value is not None]
        assert all(c.data_type != "f" for c in cells[sheet.title]), sheet.title
    return cells


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every case's submission, written once."""
    root = tmp_path_factory.mktemp("hostile")
    return {c.name: c.build(root / c.name) for c in CASES}


@pytest.fixture(scope="module")
def cli_run(built, tmp_path_factory):
    """`pug check --json` over every case's file in one process, started with the first test so that its Great
    Expectations runs overlap with the in-process tests."""
    root = tmp_path_factory.mktemp("hostile_cli")
    files = [built[c.name] for c in CASES]
    with open(root / "stdout", "wb") as out, open(root / "stderr", "wb") as err:
        process = subprocess.Popen([*PUG, "check", "--json", *map(str, files)],
                                   stdout=out, stderr=err, cwd=paths.PROJECT_ROOT, env=WITHOUT_WAREHOUSE)
    yield {"process": process, "files": files, "root": root}
    if process.poll() is None:
        process.kill()
        process.wait()


# What a library says, never meant for OPD staff: exception names, errno, zip and XML jargon.
LIBRARY_TEXT = re.compile(r"\w(Error|Exception)\b|Errno|zip file|central directory|magic number|entity|_rels", re.I)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_parser_names_the_problem(case: Hostile, built, reference, cli_run):
    parsed = parse_submission(built[case.name], reference)
    report = "\n".join(f"  {f.code} {f.severity} {f.sheet!r} row={f.row} {f.column!r} {f.cell} {str(f.value)[:60]!r}"
                       for f in parsed.findings)
    assert parsed.status == case.status, report
    assert [e for e in case.expected if e not in located(parsed)] == [], report
    if case.status == REJECTED and not parsed.sheets:
        assert len([f for f in parsed.findings if f.severity == E]) == 1, report  # one clear reason
    for f in parsed.findings:
        if f.file_level:  # in words a civil servant understands: a library's own text is for the English message
            assert not LIBRARY_TEXT.search(f.message), f.message
            advice = CATALOGUE[f.code][4].split("{")[0]  # the advice, up to its first field
            assert f". {advice}" in f.message, f.message  # the problem and the advice are sentences apart
    assert_sound(parsed, case.niks)
    for (sheet, row, column), text in case.stored.items():
        raw = next(r for r, rec in zip(parsed.sheets[sheet].raw, parsed.sheets[sheet].records) if rec["source_row"] == row)
        assert raw[column] == text


def names_its_opd(case: Hostile) -> bool:
    """Read far enough to know its OPD: anything but a file-level rejection (whose finding names no sheet)."""
    return case.status != REJECTED or case.expected[0][2] is not None


@pytest.mark.parametrize("case", [c for c in CASES if names_its_opd(c)], ids=lambda c: c.name)
def test_feedback_keeps_values_as_text(case: Hostile, built, reference, tmp_path):
    parsed = parse_submission(built[case.name], reference)
    (path,) = stage_and_write_feedback([parsed], tmp_path, reference)
    cells = feedback_cells(path)
    everything = [str(c.value) for sheet in cells.values() for c in sheet]
    assert not any(SIXTEEN_DIGITS.search(text) for text in everything)
    summary = [str(c.value) for c in cells["ringkasan"]]
    for code, _, sheet, row, _, cell in case.expected:
        assert code in summary
        if sheet and sheet != "identitas" and row and row > 1:  # the data sheet explains the cell on its own row
            notes = [str(c.value) for c in cells[sheet] if c.row == row and f"{cell}: " in str(c.value)]
            assert notes, (sheet, row, cell)
    if "Tidak ada masalah. Terima kasih." in summary:  # no finding at all: a receipt, no sheet written back
        assert not case.expected and set(cells) == {"ringkasan"}
        return
    for (sheet, row, column), text in case.stored.items():
        header = [c.value for c in cells[sheet] if c.row == 1]
        (value,) = [c for c in cells[sheet] if c.row == row and c.column == header.index(column) + 1]
        assert value.data_type == "s" and _unescaped(value.value) == text[:32_767]


def test_files_rejected_before_naming_their_opd_are_staged_without_feedback(built, reference, tmp_path):
    """Staged together, as a build stages a year: no feedback workbook (no OPD to address it to; the review page lists
    such files), and nothing fails on the way."""
    rejected = [parse_submission(built[c.name], reference) for c in CASES if not names_its_opd(c)]
    assert len(rejected) >= 10 and all(p.identity.get("kode_opd") is None for p in rejected)
    assert stage_and_write_feedback(rejected, tmp_path, reference) == []


def _unescaped(text: str) -> str:
    """openpyxl hands back control characters as xlsxwriter escaped them (_x0001_)."""
    return re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m[1], 16)), text)


# --- inputs that could hang or kill the process ---------------------------------------------------------------------


def test_fifo_named_xlsx_is_refused_without_blocking(tmp_path, reference):
    fifo = tmp_path / "DPMPPA_2024.xlsx"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    result = {}
    thread = threading.Thread(target=lambda: result.update(parsed=parse_submission(fifo, reference)), daemon=True)
    thread.start()
    thread.join(timeout=20)
    assert not thread.is_alive(), "the reader blocked on a FIFO"
    assert [(f.code, f.severity) for f in result["parsed"].findings] == [("FILE_TYPE_UNSUPPORTED", E)]


def _limited_memory():
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def _far_value(cell: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "DPMPPA_2024.xlsx"
        workbook = xlsxwriter.Workbook(str(path))
        sheet = workbook.add_worksheet("identitas")
        for r, row in enumerate(identitas()):
            sheet.write_row(r, 0, row)
        sheet.write(cell, "x")
        workbook.close()
        return path
    return build


def _shared_strings_declared(count: int) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = write_workbook(folder / "DPMPPA_2024.xlsx", {"identitas": identitas()})
        declared = f'uniqueCount="{count}"'.encode()
        return rewrite_members(path, {"xl/sharedStrings.xml": lambda xml: re.sub(rb'uniqueCount="\d+"', declared, xml)})
    return build


def _xls_far_cell(folder: Path) -> Path:
    """LibreOffice's .xls with its first value moved to IV65536, the last cell an .xls can have (16.7 million)."""
    path = raw_file("DPMPPA_2024.xls", (FILES / "excel-97-2003.xls").read_bytes())(folder)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        stream = bytearray(ole.openstream("Workbook").read())
        position = 0
        while struct.unpack_from("<H", stream, position)[0] not in (0x00FD, 0x0203, 0x027E):  # LABELSST, NUMBER, RK
            position += 4 + struct.unpack_from("<H", stream, position + 2)[0]
        struct.pack_into("<HH", stream, position + 4, 65535, 255)
        ole.write_stream("Workbook", bytes(stream))
    return path


def _ods_repeated_row(folder: Path) -> Path:
    """LibreOffice's .ods with one more row: a value repeated over 1,024 columns and 1,048,000 rows (a billion cells
    in 13 KB)."""
    with zipfile.ZipFile(FILES / "libreoffice.ods") as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    row = (b'<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024" '
           b'office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>')
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "DPMPPA_2024.ods"
    with zipfile.ZipFile(path, "w") as target:
        for info, data in members:
            target.writestr(info, data.replace(b"</table:table>", row, 1) if info.filename == "content.xml" else data)
    return path


def _xlsb_far_cell(folder: Path) -> Path:
    """An .xlsb with one value in XFD1048576, Excel's last cell (17 billion cells)."""
    folder.mkdir(parents=True, exist_ok=True)
    return write_xlsb(folder / "DPMPPA_2024.xlsb", [("identitas", identitas(), {}), ("catatan", [], {(1048575, 16383): "#N/A"})])


KILLERS = {  # name: (build, what the message must show)
    "value_in_XFD1048576": (_far_value("XFD1048576"), "XFD1048576"),  # a grid of 17 billion cells: 550 GB
    "value_in_J1048576": (_far_value("J1048576"), "J1048576"),  # 10.5 million cells: just over MAX_CELLS
    "shared_strings_uniqueCount_4294967295": (_shared_strings_declared(4_294_967_295), "4.294.967.295 teks"),  # 100 GB
    "xls_value_in_IV65536": (_xls_far_cell, "IV65536"),
    "ods_value_repeated_a_billion_times": (_ods_repeated_row, "AMJ2096576"),  # after the empty rows LibreOffice writes to row 1048576
    "xlsb_value_in_XFD1048576": (_xlsb_far_cell, "XFD1048576"),
}


def _xlsb_with_sheet(records: bytes) -> Callable[[Path], Path]:
    """An .xlsb whose second sheet is made of these records (between the sheet's start and its data's start and end)."""
    def build(folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = write_xlsb(folder / "DPMPPA_2024.xlsb", [("identitas", identitas(), {}), ("catatan", [["x"]], {})])
        sheet = record(0x0081) + record(0x0094, bytes(16)) + record(0x0091) + records + record(0x0092) + record(0x0082)
        return rewrite_members(path, {"xl/worksheets/sheet2.bin": lambda _: sheet})
    return build


def _row(number: int) -> bytes:
    return record(0x0000, struct.pack("<I", number) + bytes(13))


# Records calamine would panic on (pages of Rust backtrace on the console, then pyo3's PanicException, which is not
# an Exception), read as a value from bytes left by the record before (a number cut short read as 0.0, a row header
# cut short hiding the row), or fail on with its own words.
DAMAGED_XLSB = {
    "shared_string_past_the_table": _row(0) + record(0x0007, bytes(8) + struct.pack("<I", 5)),
    "number_cell_cut_short": _row(0) + record(0x0005, bytes(4)),
    "row_header_cut_short": record(0x0000, b"\x01"),
    "record_longer_than_its_part": _row(0) + bytes([0x05, 0xFF, 0xFF, 0x7F]),
}


@pytest.mark.parametrize("name", DAMAGED_XLSB)
def test_a_damaged_xlsb_is_refused_as_damaged_without_a_panic(name, tmp_path):
    path = _xlsb_with_sheet(DAMAGED_XLSB[name])(tmp_path)
    result = subprocess.run([*PUG, "check", "--json", str(path)], capture_output=True,
                            text=True, cwd=paths.PROJECT_ROOT, env=WITHOUT_WAREHOUSE, preexec_fn=_limited_memory, timeout=120)
    assert result.returncode == 1 and "panicked" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    line = json.loads(result.stdout)
    assert [e["code"] for e in line["errors"]] == ["FILE_UNREADABLE"]
    assert "rusak" in line["errors"][0]["message"] and "xlsb" in line["errors"][0]["message_en"]


def test_tiny_files_that_killed_the_process_are_refused_before_calamine_reads_them(tmp_path):
    """calamine sizes its grid from A1 to the last value, and its string table from the count the file declares; a
    6 KB file could ask for 100 GB and abort the process (Rust allocation failure: no exception, no finding, the
    whole `pug check` or Dagster step gone). Checked by `pug check --json` in a child process limited to 3 GiB."""
    files = {name: build(tmp_path / name) for name, (build, _) in KILLERS.items()}
    assert all(path.stat().st_size < 20_000 for path in files.values())
    result = subprocess.run([*PUG, "check", "--json", *map(str, files.values())],
                            capture_output=True, text=True, cwd=paths.PROJECT_ROOT, env=WITHOUT_WAREHOUSE, preexec_fn=_limited_memory, timeout=120)
    lines = {Path(line["file"]).parent.name: line for line in map(json.loads, result.stdout.splitlines())}
    assert result.returncode == 1 and list(lines) == list(KILLERS), (result.returncode, result.stderr[-2000:])
    for name, (_, shown) in KILLERS.items():
        assert lines[name]["status"] == REJECTED and [e["code"] for e in lines[name]["errors"]] == ["FILE_TOO_LARGE"]
        assert shown in lines[name]["errors"][0]["message"]


def test_a_csv_of_line_breaks_counts_against_the_cell_limit(tmp_path, reference, monkeypatch):
    """Fifty megabytes of line breaks would be fifty million empty rows; the limit is lowered to keep the test small."""
    monkeypatch.setattr(reader, "MAX_CELLS", 1_000)
    target = write_csv_folder(tmp_path / "DPMPPA_2024", {"identitas": identitas()})
    (target / "organisasi.csv").write_text(",".join(ORGANISASI) + "\n" * 5_000, encoding="utf-8")
    parsed = parse_submission(target, reference)
    assert [(f.code, f.severity) for f in parsed.findings] == [("FILE_TOO_LARGE", E)]


def test_many_cells_in_one_workbook_count_together(tmp_path, reference, monkeypatch):
    monkeypatch.setattr(reader, "MAX_CELLS", 100)
    rows = [ORGANISASI, *ORG_ROWS]  # 5 rows x 9 columns: 45 cells a sheet, 104 with the 14 of identitas
    path = write_workbook(tmp_path / "DPMPPA_2024.xlsx", {"identitas": identitas(), "organisasi": rows, "catatan": rows})
    parsed = parse_submission(path, reference)
    assert [(f.code, f.severity) for f in parsed.findings] == [("FILE_TOO_LARGE", E)]
    assert "lembar 'catatan'" in parsed.findings[0].message


def test_a_workbook_over_the_quick_bounds_but_within_the_limit_is_read(tmp_path, reference, monkeypatch):
    """The quick bound (rows up to 999, columns up to Z) of three sheets is 77,922 cells; exactly they hold 104."""
    monkeypatch.setattr(reader, "MAX_CELLS", 200)
    rows = [ORGANISASI, *ORG_ROWS]
    path = write_workbook(tmp_path / "DPMPPA_2024.xlsx", {"identitas": identitas(), "organisasi": rows, "catatan": rows})
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            xml = archive.read(member)
            if b"sheetData" in xml:
                bound, exact = reader._extent_bound(xml), reader._used_extent(xml)
                assert bound == (999, 26) and bound[0] >= exact[0] and bound[1] >= exact[1]
    parsed = parse_submission(path, reference)
    assert "FILE_TOO_LARGE" not in [f.code for f in parsed.findings]
    assert parsed.sheets["organisasi"].rows_read == len(ORG_ROWS)


@pytest.mark.parametrize("ref", ['r="j1048576"', 'r="$J$1048576"', 'r="J1048576 "', 'r = "J1048576"', 'r="J01048576"'])
def test_the_quick_bound_never_reads_a_cell_it_cannot_place(ref):
    """A cell reference not written as Excel writes it gets the exact count, which calamine's reading follows."""
    xml = f'<worksheet><sheetData><row r="1"><c r="A1" t="n"><v>1</v></c><c {ref}><v>2</v></c></row></sheetData></worksheet>'.encode()
    bound, exact = reader._extent_bound(xml), reader._used_extent(xml)
    assert bound is None or (bound[0] >= exact[0] and bound[1] >= exact[1]), (bound, exact)


def understated_member(folder: Path) -> Path:
    """A workbook whose sheet inflates to 512 MiB while its headers declare (and checksum) the few KB of the real
    sheet: a bomb that only reading can find."""
    real = zipfile.ZipFile(io.BytesIO(valid_workbook_bytes()))
    body, central = io.BytesIO(), b""
    for info in real.infolist():
        data, name = real.read(info), info.filename.encode()
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        if info.filename == "xl/worksheets/sheet1.xml":
            declaration, rest = data.split(b"?>", 1)
            stream = compressor.compress(declaration + b"?>")
            for _ in range(512):
                stream += compressor.compress(b" " * (1 << 20))
            stream += compressor.compress(rest) + compressor.flush()
        else:
            stream = compressor.compress(data) + compressor.flush()
        crc, offset = zlib.crc32(data), body.tell()
        body.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(stream), len(data), len(name), 0) + name + stream)
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(stream), len(data), len(name),
                               0, 0, 0, 0, 0, offset) + name
    start = body.tell()
    body.write(central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(real.infolist()), len(real.infolist()), len(central), start, 0))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "DPMPPA_2024.xlsx"
    path.write_bytes(body.getvalue())
    return path


def test_a_member_that_understates_its_size_is_refused_without_inflating_it(tmp_path):
    path = understated_member(tmp_path)
    assert path.stat().st_size < 4 << 20
    done = subprocess.run([sys.executable, str(Path(__file__).parent / "check_each.py"), str(paths.PROJECT_ROOT / "raw" / "reference"),
                           str(path)], capture_output=True, text=True, timeout=300, cwd=paths.PROJECT_ROOT)
    checked = json.loads(done.stdout)
    code = checked["result"]["errors"][0]["code"]
    assert code == "FILE_UNREADABLE" and checked["peak_mib"] < 600, checked  # it took 2.2 GB when read at once


def test_the_bomb_is_refused_without_inflating_it(built, reference):
    path = built["decompression_bomb_1_gib_member"]
    assert path.stat().st_size < 10 << 20
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("xl/media/image1.png").file_size == BOMB_BYTES > reader.MAX_UNZIPPED_BYTES
    parsed = parse_submission(path, reference)
    assert "MiB setelah diekstrak" in parsed.findings[0].message


def test_pug_check_json_prints_one_object_per_hostile_file(cli_run):
    code = cli_run["process"].wait(timeout=600)
    out = (cli_run["root"] / "stdout").read_text(encoding="utf-8")
    err = (cli_run["root"] / "stderr").read_text(encoding="utf-8")
    assert "Traceback" not in out + err, err[-3000:]
    assert code == 1, err[-3000:]
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == len(cli_run["files"])
    for case, file, line in zip(CASES, cli_run["files"], lines):
        assert line["file"] == str(file)
        assert line["status"] == case.status, (case.name, line["errors"])
        found = {(e["code"], e["severity"], e["sheet"], e["row"], e["column"], e["cell"]) for e in line["errors"]}
        assert found >= set(case.expected), case.name
        assert all(e["code"] in CATALOGUE or e["code"] in RULE_CODES for e in line["errors"])
        assert all(e["message"] and e["message_en"] for e in line["errors"])
    assert not SIXTEEN_DIGITS.search(out + err)
