"""Parsing whole submissions: every finding names its code, sheet, Excel row, column and cell."""

import csv
import datetime as dt
import io
import json
import os
import pickle
import shutil
import zipfile
from pathlib import Path

import pytest
from corpus import ADVOKASI
from workbooks import Formula, identitas_rows, write_csv_folder, write_workbook
from xlsb_writer import write_xlsb

from pug.ingest.parse_cache import ParseCache
from pug.ingest.parse import ACCEPTED, ACCEPTED_WITH_ERRORS, REJECTED, parse_submission

FILES = Path(__file__).parent / "files"  # real files written by real programs (files/README.md)
CAPAIAN_HEADER = ["kode_indikator", "lingkup", "tahun", "realisasi", "pembilang", "penyebut", "sumber_data", "keterangan"]


def findings_by_code(parsed):
    return {f.code: f for f in parsed.findings}


def test_a_clean_workbook_is_accepted_with_typed_rows_and_excel_row_numbers(tmp_path, reference):
    path = write_workbook(tmp_path / "ok.xlsx", {
        "identitas": identitas_rows(),
        "capaian": [CAPAIAN_HEADER,
                    ["KRPPA_PCT", None, 2024, "37,5", 9, 24, "DPMPPA", None],
                    [],  # a blank row in the middle is skipped, not counted
                    ["AP3_KASUS_KEKERASAN", "33.75.01", 2024, "1.204", None, None, "SIMFONI-PPA", "naik"]],
    })
    parsed = parse_submission(path, reference)
    assert parsed.status == ACCEPTED, [f.as_dict() for f in parsed.findings]
    assert parsed.identity["tanggal_kirim"] == dt.date(2025, 2, 15)
    rows = parsed.sheets["capaian"].records
    assert [r["source_row"] for r in rows] == [2, 4]
    assert rows[0]["realisasi"] == 37.5 and rows[0]["lingkup"] is None
    assert rows[1]["realisasi"] == 1204.0 and rows[1]["lingkup"] == "33.75.01"


def test_a_parsed_submission_read_back_from_the_cache_has_the_same_rows(tmp_path, reference):
    """The parse cache keeps sheets by column, with each row's raw text as JSON; the rows come back as parsed, dates
    and all (the identitas's tanggal_kirim, a date column, a date in a text column)."""
    path = write_workbook(tmp_path / "ok.xlsx", {
        "identitas": identitas_rows(),
        "capaian": [CAPAIAN_HEADER + ["catatan"],
                    ["KRPPA_PCT", None, 2024, "37,5", 9, 24, "DPMPPA", None, "baris 2"],
                    ["AP3_KASUS_KEKERASAN", "33.75.01", "tahun lalu", "1.204", None, None, "SIMFONI-PPA", "naik", None]],
        "advokasi": [ADVOKASI, ["ADV-1", dt.date(2024, 3, 5), "33.75.01", dt.date(2024, 3, 1), 20, 2],
                     ["ADV-2", "bukan tanggal", "33.75.01", "Pelatihan", 5, 1]],
    })
    parsed = parse_submission(path, reference)
    cache = ParseCache(tmp_path / "cache")
    cache.put("ab" * 32, parsed)
    cached = cache.get("ab" * 32)
    assert cached.identity == parsed.identity and isinstance(cached.identity["tanggal_kirim"], dt.date)
    for name, sheet in parsed.sheets.items():
        again = cached.sheets[name]
        assert "records" not in again.__dict__ and again.rows_read == sheet.rows_read
        assert again.by_column() == sheet.by_column() and again.columns == sheet.columns, name
        assert [[type(v) for v in column] for column in again.field_values] == \
               [[type(v) for v in column] for column in sheet.field_values], name
        assert again.records == sheet.records and again.raw == sheet.raw and again.error_rows == sheet.error_rows
    names, columns, raw_json = cached.sheets["capaian"].by_column()
    assert columns[names.index("realisasi")] == [37.5, 1204.0] and columns[names.index("tahun")] == [2024, None]
    assert cached.sheets["capaian"].error_rows == {3}
    assert dt.date(2024, 3, 5) in cached.sheets["advokasi"].by_column()[1][cached.sheets["advokasi"].field_names.index("tanggal")]
    assert cached.findings == parsed.findings and cached.status == parsed.status and cached.path == parsed.path


@pytest.mark.parametrize("content", [b"", b"\x00garbage\xff", b'{"format": 1, "path": "x"', b'{"format": 0}',
                                     pickle.dumps(os.system)])
def test_an_unreadable_cache_entry_is_a_miss_removed_and_noted(tmp_path, reference, content):
    """Whatever an entry holds (nothing, garbage, half an entry, another format, a pickle that would run code when
    loaded), reading it runs no code, and the entry is removed so the content is parsed again."""
    cache = ParseCache(tmp_path / "cache")
    cache.put("cd" * 32, parse_submission(write_workbook(tmp_path / "ok.xlsx", {"identitas": identitas_rows()}), reference))
    entry = next(cache.root.rglob("*.json"))
    entry.write_bytes(content)
    assert cache.get("cd" * 32) is None
    assert not entry.exists() and not cache.has("cd" * 32)
    assert len(cache.healed) == 1 and str(entry) in cache.healed[0]


def test_sheet_and_column_names_match_ignoring_case_spaces_and_underscores(tmp_path, reference):
    path = write_workbook(tmp_path / "names.xlsx", {
        "IDENTITAS": identitas_rows(),
        "Advokasi Peserta": [["Kode Kegiatan", "KODE_ORGANISASI ", "jumlah hadir"], ["ADV-1", "PKK-1", 3]],
    })
    parsed = parse_submission(path, reference)
    assert parsed.status == ACCEPTED
    assert parsed.sheets["advokasi_peserta"].records[0]["jumlah_hadir"] == 3


def test_formula_cells_count_by_their_cached_value_and_error_values_are_errors(tmp_path, reference):
    path = write_workbook(tmp_path / "formula.xlsx", {
        "identitas": identitas_rows(),
        "capaian": [CAPAIAN_HEADER,
                    ["ARG_PCT", None, 2024, Formula("=E2/F2*100", 25), 5, 20],
                    ["IPG", None, 2024, Formula("=#REF!", "#REF!")],
                    ["IDG", None, 2024, Formula("=1/0", "#DIV/0!")]],
    })
    parsed = parse_submission(path, reference)
    rows = {r["source_row"]: r for r in parsed.sheets["capaian"].records}
    assert rows[2]["realisasi"] == 25
    errors = [(f.code, f.sheet, f.row, f.column, f.cell, f.value) for f in parsed.findings]
    assert ("EXCEL_ERROR_VALUE", "capaian", 3, "realisasi", "D3", "#REF!") in errors
    assert ("EXCEL_ERROR_VALUE", "capaian", 4, "realisasi", "D4", "#DIV/0!") in errors
    assert parsed.status == ACCEPTED_WITH_ERRORS
    assert parsed.sheets["capaian"].error_rows == {3, 4}


@pytest.mark.parametrize(
    "column, typed, code, cell",
    [
        ("tahun", "dua ribu", "YEAR_INVALID", "C2"),
        ("realisasi", "1,234,5", "NUMBER_INVALID", "D2"),
        ("realisasi", None, "VALUE_REQUIRED", "D2"),
        ("kode_indikator", "kode salah", "CODE_INVALID", "A2"),
    ],
)
def test_type_problems_name_sheet_row_column_and_cell(tmp_path, reference, column, typed, code, cell):
    row = ["KRPPA_PCT", None, 2024, 40, None, None, None, None]
    row[CAPAIAN_HEADER.index(column)] = typed
    path = write_workbook(tmp_path / "bad.xlsx", {"identitas": identitas_rows(), "capaian": [CAPAIAN_HEADER, row]})
    parsed = parse_submission(path, reference)
    found = findings_by_code(parsed)[code]
    assert (found.sheet, found.row, found.column, found.cell, found.severity) == ("capaian", 2, column, cell, "error")
    assert found.message and found.message_en and found.message != found.message_en


def test_dates_sex_and_yes_no_in_detail_sheets(tmp_path, reference):
    path = write_workbook(tmp_path / "kader.xlsx", {
        "identitas": identitas_rows(),
        "kader": [["kode_kader", "jenis_kelamin", "kode_organisasi", "kode_wilayah", "tanggal_pelatihan", "materi_pug", "status"],
                  ["K-1", "P", None, "33.75.01.1002", dt.date(2024, 3, 5), "Ya", "AKTIF"],
                  ["K-2", "X", None, "33.75.01.1002", "31/02/2024", "Y", "AKTIF"],
                  ["K-3", "L", None, "33.75.01.1002", "5 Maret 2024", "mungkin", "PENSIUN"]],
    })
    parsed = parse_submission(path, reference)
    located = {(f.code, f.cell) for f in parsed.findings}
    assert located == {("SEX_INVALID", "B3"), ("DATE_INVALID", "E3"), ("YESNO_INVALID", "F4")}
    assert parsed.sheets["kader"].records[0]["tanggal_pelatihan"] == dt.date(2024, 3, 5)
    assert parsed.sheets["kader"].error_rows == {3, 4}
    assert parsed.sheets["kader"].records[2]["status"] == "PENSIUN"  # code lists are the rules' business (pug.rules)


def test_a_vacant_post_may_leave_sex_blank(tmp_path, reference):
    path = write_workbook(tmp_path / "jabatan.xlsx", {
        "identitas": identitas_rows(opd="BKPSDM"),
        "jabatan": [["kode_jabatan", "nama_jabatan", "kelompok", "kode_opd", "jenis_kelamin", "status", "tanggal_data"],
                    ["J-1", "Kepala Dinas", "JPT_PRATAMA", "DINKES", None, "KOSONG", "31/12/2024"]],
    })
    assert parse_submission(path, reference).status == ACCEPTED


def test_nik_like_values_are_errors_and_never_kept_unmasked(tmp_path, reference):
    nik = "3375014506890003"
    path = write_workbook(tmp_path / "nik.xlsx", {
        "identitas": identitas_rows(officer=nik),
        "capaian": [CAPAIAN_HEADER + ["catatan"], ["KRPPA_PCT", None, 2024, 40, None, None, None, f"NIK {nik}", nik]],
    })
    parsed = parse_submission(path, reference)
    nik_findings = [(f.sheet, f.cell) for f in parsed.findings if f.code == "NIK_DETECTED"]
    assert nik_findings == [("identitas", "B7"), ("capaian", "H2"), ("capaian", "I2")]
    everything = json.dumps([f.as_dict() for f in parsed.findings] + parsed.sheets["capaian"].raw
                            + parsed.sheets["capaian"].records + [str(parsed.identity)], default=str)
    assert nik not in everything and "************0003" in everything


def test_a_nik_typed_as_a_number_with_thousands_dots_is_not_stored_as_a_number(tmp_path, reference):
    """3.375.014.506.890.003 reads as a number (Indonesian thousands dots): in a number column it would have been
    stored as 3375014506890003. It is a NIK finding instead, masked, and the row is quarantined."""
    dotted, commas = "3.375.014.506.890.003", "3,375,014,506,890,004"
    path = write_workbook(tmp_path / "nik.xlsx", {
        "identitas": identitas_rows(),
        "capaian": [CAPAIAN_HEADER, ["KRPPA_PCT", None, 2024, dotted, None, None, None, f"Rp {commas},-"],
                    ["KRPPA_PCT", "33.75.01", 2024, "1.204.500", None, None, None, None]],
    })
    parsed = parse_submission(path, reference)
    assert [(f.code, f.cell, f.value) for f in parsed.findings] == [
        ("NIK_DETECTED", "D2", "************0003"), ("NIK_DETECTED", "H2", "Rp ************0004,-")]
    rows = parsed.sheets["capaian"]
    assert rows.error_rows == {2} and rows.records[0]["realisasi"] is None and rows.records[1]["realisasi"] == 1204500
    everything = json.dumps([f.as_dict() for f in parsed.findings] + rows.raw + rows.records, default=str)
    assert dotted not in everything and commas not in everything and "3375014506890003" not in everything


def test_extra_sheets_and_columns_are_notices_but_the_templates_own_sheets_are_not(tmp_path, reference):
    path = write_workbook(tmp_path / "extra.xlsx", {
        "petunjuk": [["Isi semua lembar"]],
        "Daftar Wilayah": [["kode_wilayah", "nama_wilayah"], ["33.75.01", "Pekalongan Barat"]],
        "catatan": [["Isi semua lembar"]],
        "identitas": identitas_rows(),
        "capaian": [CAPAIAN_HEADER + ["catatan internal"], ["KRPPA_PCT", None, 2024, 40]],
    })
    parsed = parse_submission(path, reference)
    assert parsed.status == ACCEPTED
    codes = {(f.code, f.severity, f.sheet, f.cell) for f in parsed.findings}
    assert codes == {("SHEET_EXTRA", "notice", "catatan", None), ("COLUMN_EXTRA", "notice", "capaian", "I1")}


@pytest.mark.parametrize(
    "sheets, code",
    [
        ({"capaian": [CAPAIAN_HEADER]}, "SHEET_IDENTITAS_MISSING"),
        ({"identitas": identitas_rows(region="33.99")}, "REGION_UNKNOWN"),
        ({"identitas": identitas_rows(opd="DPPPA")}, "OPD_UNKNOWN"),  # Bekasi's code, not Pekalongan's
        ({"identitas": identitas_rows(year=2019)}, "REPORT_YEAR_OUTSIDE_PERIOD"),
        ({"identitas": identitas_rows(sent="kemarin")}, "IDENTITAS_FIELD_INVALID"),
        ({"identitas": identitas_rows()[:3]}, "IDENTITAS_FIELD_MISSING"),
        ({"identitas": identitas_rows(), "capaian": [CAPAIAN_HEADER[:3], ["KRPPA_PCT", None, 2024]]}, "COLUMN_MISSING"),
        ({"identitas": identitas_rows(), "capaian": [CAPAIAN_HEADER + ["tahun"], ["KRPPA_PCT", None, 2024, 1]]}, "COLUMN_DUPLICATE"),
        ({"identitas": identitas_rows(), "capaian": [CAPAIAN_HEADER], "Capaian ": [CAPAIAN_HEADER]}, "SHEET_DUPLICATE"),
    ],
)
def test_file_level_problems_reject_the_whole_submission(tmp_path, reference, sheets, code):
    parsed = parse_submission(write_workbook(tmp_path / "f.xlsx", sheets), reference)
    assert parsed.status == REJECTED
    assert code in findings_by_code(parsed)


def test_missing_required_column_names_sheet_and_column(tmp_path, reference):
    sheets = {"identitas": identitas_rows(), "capaian": [CAPAIAN_HEADER[:3], ["KRPPA_PCT", None, 2024]]}
    found = findings_by_code(parse_submission(write_workbook(tmp_path / "f.xlsx", sheets), reference))["COLUMN_MISSING"]
    assert (found.sheet, found.column) == ("capaian", "realisasi")
    assert "realisasi" in found.message and "capaian" in found.message


@pytest.mark.parametrize(
    "content, name, code",
    [
        (b"ini bukan excel", "catatan.xlsx", "FILE_UNREADABLE"),
        (b"ini bukan excel", "catatan.xls", "FILE_UNREADABLE"),  # a format read, not "Jenis berkas tidak didukung: .xls"
        (b"ini bukan excel", "catatan.ods", "FILE_UNREADABLE"),
        (b"PK\x03\x04rusak" + b"\0" * 100, "rusak.xlsx", "FILE_UNREADABLE"),
        ((FILES / "password-rahasia.xlsx").read_bytes(), "terkunci.xlsx", "FILE_ENCRYPTED"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "rusak.xlsx", "FILE_UNREADABLE"),
        (b"hello", "laporan.pdf", "FILE_TYPE_UNSUPPORTED"),
    ],
)
def test_files_that_are_not_readable_workbooks_are_rejected_with_one_reason(tmp_path, reference, content, name, code):
    path = tmp_path / name
    path.write_bytes(content)
    parsed = parse_submission(path, reference)
    assert parsed.status == REJECTED
    assert [f.code for f in parsed.findings] == [code]


@pytest.mark.parametrize("source", ["xlsx", "xlsb", "excel-97-2003.xls", "libreoffice.ods"])
@pytest.mark.parametrize("name", ["laporan.xlsx", "laporan.xls", "laporan.xlsb", "laporan.ods", "laporan", "laporan.zip"])
def test_a_workbook_is_read_by_its_content_whatever_its_name(tmp_path, reference, source, name):
    """An .xlsx, an .xlsb, an .xls (Excel 97-2003) or an .ods (LibreOffice), under its own name or another."""
    if source == "xlsx":
        content = write_workbook(tmp_path / "written.xlsx", {"identitas": identitas_rows()}).read_bytes()
    elif source == "xlsb":
        content = write_xlsb(tmp_path / "written.xlsb", [("identitas", identitas_rows(), {})]).read_bytes()
    else:
        content = (FILES / source).read_bytes()
    (tmp_path / name).write_bytes(content)
    parsed = parse_submission(tmp_path / name, reference)
    assert parsed.status == ACCEPTED and parsed.identity["kode_opd"] == "DPMPPA", parsed.findings


MACRO_SHEET = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xm:macrosheet '
               b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
               b'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><sheetData><row r="1"><c r="A1" t="str">'
               b'<f>RETURN()</f><v></v></c></row></sheetData></xm:macrosheet>')


def test_an_xlsm_with_an_excel_4_macro_sheet_is_read_and_the_macro_sheet_named_as_not_read(tmp_path, reference):
    """Excel opens such a workbook normally; calamine refuses to open it at all ("Unrecognized sheet type")."""
    plain = write_workbook(tmp_path / "plain.xlsx", {"identitas": identitas_rows(), "capaian": [
        CAPAIAN_HEADER, ["KRPPA_PCT", None, 2024, 40, 12, 30, "DPMPPA", None]]})
    macro = tmp_path / "DPMPPA_2024.xlsm"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(macro, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/workbook.xml":
                data = data.replace(b"</sheets>", b'<sheet name="Makro1" sheetId="9" state="hidden" r:id="rId99"/></sheets>')
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/'
                                    b'2006/relationships/xlMacrosheet" Target="macrosheets/sheet1.xml"/></Relationships>')
            elif info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/macrosheets/sheet1.xml" '
                                    b'ContentType="application/vnd.ms-excel.macrosheet+xml"/></Types>')
            target.writestr(info, data)
        target.writestr("xl/macrosheets/sheet1.xml", MACRO_SHEET)
    parsed = parse_submission(macro, reference)
    assert parsed.status == ACCEPTED, parsed.findings
    assert [(f.code, f.severity, f.sheet) for f in parsed.findings] == [("SHEET_EXTRA", "notice", "Makro1")]
    assert parsed.sheets["capaian"].records[0]["realisasi"] == 40


def test_an_xlsb_with_an_excel_4_macro_sheet_is_read_and_the_macro_sheet_named_as_not_read(tmp_path, reference):
    path = write_xlsb(tmp_path / "DPMPPA_2024.xlsb", [
        ("identitas", identitas_rows(), {}),
        ("capaian", [CAPAIAN_HEADER, ["KRPPA_PCT", None, 2024, 40, 12, 30, "DPMPPA", None]], {})], macro_sheet="Makro1")
    parsed = parse_submission(path, reference)
    assert parsed.status == ACCEPTED, parsed.findings
    assert [(f.code, f.severity, f.sheet) for f in parsed.findings] == [("SHEET_EXTRA", "notice", "Makro1")]
    assert parsed.sheets["capaian"].records[0]["realisasi"] == 40


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_folders_are_read_like_workbooks(tmp_path, reference, delimiter):
    folder = write_csv_folder(tmp_path / "DPMPPA", {
        "identitas": identitas_rows(),
        "capaian": [CAPAIAN_HEADER, ["KRPPA_PCT", "", "2024", "37,5", "9", "24", "DPMPPA", ""], [""] * 8,
                    ["IPG", "", "2024", "#N/A", "", "", "", ""]],
    }, delimiter=delimiter)
    parsed = parse_submission(folder, reference)
    assert parsed.form == "csv"
    assert [r["source_row"] for r in parsed.sheets["capaian"].records] == [2, 4]
    assert parsed.sheets["capaian"].records[0]["realisasi"] == 37.5
    assert [(f.code, f.cell) for f in parsed.findings] == [("EXCEL_ERROR_VALUE", "D4")]


@pytest.mark.parametrize("encoding, delimiter", [("utf-8-sig", ";"), ("cp1252", ";"), ("cp1252", ","), ("utf-16", "\t"),
                                                 ("utf-16-le", "\t"), ("utf-16-be", ",")])
def test_csv_folders_are_read_whatever_encoding_and_delimiter_the_pc_wrote(tmp_path, reference, encoding, delimiter):
    """Excel's "CSV (Comma delimited)" on Windows writes Windows-1252, with semicolons under Indonesian settings;
    "Unicode Text" writes UTF-16 with tabs (with a BOM; the -le/-be files here have none)."""
    sheets = {
        "identitas": identitas_rows(),
        "capaian": [CAPAIAN_HEADER, ["KRPPA_PCT", "", "2024", "37,5", "9", "24", "DPMPPA – Bidang PUG", "cakupan naïve"]],
    }
    plain = parse_submission(write_csv_folder(tmp_path / "utf8" / "DPMPPA", sheets), reference)
    folder = tmp_path / encoding / "DPMPPA"
    folder.mkdir(parents=True)
    for name, rows in sheets.items():
        text = io.StringIO()
        csv.writer(text, delimiter=delimiter).writerows(rows)  # quoting "37,5" where the comma is the delimiter
        (folder / f"{name}.csv").write_bytes(text.getvalue().encode(encoding))
    parsed = parse_submission(folder, reference)
    assert parsed.status == plain.status == ACCEPTED, parsed.findings
    record = parsed.sheets["capaian"].records[0]
    assert record["sumber_data"] == "DPMPPA – Bidang PUG" and record["keterangan"] == "cakupan naïve"
    assert record["realisasi"] == 37.5
    assert parsed.sheets["capaian"].records == plain.sheets["capaian"].records and parsed.findings == plain.findings


def test_the_sample_csv_folders_saved_in_windows_1252_with_semicolons_read_as_the_originals(tmp_path, reference, built_sample):
    """What Excel's "CSV" writes on an Indonesian Windows: Windows-1252, semicolons, CRLF; read as the same folder in
    UTF-8. The officer's name gets a character outside ASCII (an en dash), which the two encodings write apart."""
    folders = sorted({path.parent for path in (built_sample["raw"] / "submissions").rglob("*.csv")})
    assert len(folders) >= 3
    for folder in folders:
        written = {}
        for encoding, delimiter in (("utf-8", ","), ("cp1252", ";")):
            copy = written[encoding] = tmp_path / encoding / folder.relative_to(built_sample["raw"])
            copy.mkdir(parents=True)
            for file in folder.glob("*.csv"):
                text = file.read_text(encoding="utf-8-sig")
                rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if ";" in text.split("\n", 1)[0] else ","))
                rows = [[*row[:1], f"{row[1]} \u2013 Sekretariat"] if row[:1] == ["nama_petugas"] else row for row in rows]
                out = io.StringIO()
                csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
                (copy / file.name).write_bytes(out.getvalue().encode(encoding))
        original, saved = parse_submission(written["utf-8"], reference), parse_submission(written["cp1252"], reference)
        assert saved.status == original.status and saved.status != REJECTED, folder
        assert saved.identity["nama_petugas"].endswith("\u2013 Sekretariat") and saved.identity == original.identity
        assert [(f.code, f.cell, f.value) for f in saved.findings] == [(f.code, f.cell, f.value) for f in original.findings]
        assert {k: v.records for k, v in saved.sheets.items()} == {k: v.records for k, v in original.sheets.items()}


def test_parse_workers_give_what_one_process_gives(tmp_path, reference):
    """From PARALLEL_FROM files on, worker processes parse with a ParseReference (no pandas there): the ledger's
    contents and every cached submission are the same as when this process parses them all."""
    import duckdb

    from pug import paths
    from pug.ingest import ledger
    from pug.synthetic.sample import generate_sample
    from pug.workers import WorkerProcesses

    raw = tmp_path / "raw"
    shutil.copytree(paths.PROJECT_ROOT / "raw" / "reference", raw / "reference")
    generate_sample(raw)
    results = {}
    for workers in (1, 2):
        root = tmp_path / f"workers-{workers}"
        cache = ledger.ParseCache(root / "cache")
        pool = WorkerProcesses(workers) if workers > 1 else None
        try:
            update = ledger.update_ledger(raw / "submissions", root / "ledger.duckdb", cache, reference, workers=pool)
        finally:
            if pool:
                pool.close()
        assert update.parsed >= ledger.PARALLEL_FROM
        with duckdb.connect(str(root / "ledger.duckdb"), read_only=True) as con:
            contents = con.execute("SELECT * FROM contents ORDER BY sha256").fetchall()
        parsed = {sha: cache.get(sha) for sha, *_ in contents}
        results[workers] = (contents, {sha: (p.identity, p.findings, {name: rows.by_column() for name, rows in p.sheets.items()})
                                       for sha, p in parsed.items()})
    assert results[1] == results[2]
    assert any(f for _, findings, _ in results[1][1].values() for f in findings)  # the sample's planted mistakes


NIK_IN_NAME = "3375014506890003"  # synthetic


def _bytes_under(root) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


def _nik_named_submission(tmp_path):
    """A workbook whose file name holds a NIK, as a person may type it: raw/submissions/2024/33.75/DPMPPA_<NIK>.xlsx."""
    path = write_workbook(tmp_path / "raw" / "submissions" / "2024" / "33.75" / f"DPMPPA_{NIK_IN_NAME}.xlsx",
                          {"identitas": identitas_rows()})
    return tmp_path / "raw" / "submissions", path


def test_a_nik_in_a_file_name_is_stored_nowhere_and_the_file_is_known_again(tmp_path, reference):
    """The ledger keeps a file's path masked and knows the file again by a keyed hash of it; the parse cache keeps
    the masked name too. No byte of the NIK is written under the ledger's or the cache's folder."""
    import duckdb

    from pug.ingest import ledger

    submissions, path = _nik_named_submission(tmp_path)
    state, cache = tmp_path / "state", ledger.ParseCache(tmp_path / "cache")
    first = ledger.update_ledger(submissions, state / "ledger.duckdb", cache, reference)
    again = ledger.update_ledger(submissions, state / "ledger.duckdb", cache, reference)
    assert (first.new_or_changed, again.new_or_changed, again.parsed) == (1, 0, 0)
    with duckdb.connect(str(state / "ledger.duckdb"), read_only=True) as con:
        assert con.execute("SELECT path FROM files").fetchall() == [("2024/33.75/DPMPPA_************0003.xlsx",)]
    written = _bytes_under(state) + _bytes_under(tmp_path / "cache")
    assert NIK_IN_NAME.encode() not in written and b"************0003" in written
    path.rename(path.with_name("DPMPPA.xlsx"))  # renamed: the old name is gone, the new one present
    renamed = ledger.update_ledger(submissions, state / "ledger.duckdb", cache, reference)
    assert (renamed.new_or_changed, renamed.removed) == (1, 1)


def test_a_ledger_that_kept_file_names_is_written_again_keyed_and_masked(tmp_path, reference):
    """A ledger from before path_key: each file keeps its first sight and is known again (not new, not parsed again
    when cached); the file is written anew, so the NIK in a name is not left in a dropped table's pages."""
    import duckdb

    from pug.ingest import ledger

    submissions, path = _nik_named_submission(tmp_path)
    state, cache = tmp_path / "state", ledger.ParseCache(tmp_path / "cache")
    ledger.update_ledger(submissions, state / "ledger.duckdb", cache, reference)
    relative = path.relative_to(submissions).as_posix()
    first_seen = dt.datetime(2025, 1, 6, 9, 0)
    with duckdb.connect(str(state / "ledger.duckdb")) as con:  # as an older pug wrote it: the path itself, no key
        sha, size, modified = con.execute("SELECT sha256, size_bytes, modified_at FROM files").fetchone()
        con.execute("DROP TABLE files")
        con.execute("""CREATE TABLE files (path VARCHAR PRIMARY KEY, sha256 VARCHAR NOT NULL, size_bytes BIGINT NOT NULL,
                       modified_at TIMESTAMP NOT NULL, first_seen_at TIMESTAMP NOT NULL, last_seen_at TIMESTAMP NOT NULL,
                       present BOOLEAN NOT NULL)""")
        con.execute("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, true)", [relative, sha, size, modified, first_seen, first_seen])
    update = ledger.update_ledger(submissions, state / "ledger.duckdb", cache, reference)
    assert (update.new_or_changed, update.parsed) == (0, 0)
    with duckdb.connect(str(state / "ledger.duckdb"), read_only=True) as con:
        assert con.execute("SELECT path, first_seen_at FROM files").fetchall() == [
            ("2024/33.75/DPMPPA_************0003.xlsx", first_seen)]
    assert NIK_IN_NAME.encode() not in _bytes_under(state)


@pytest.mark.parametrize("sent, flagged", [("15/02/2025", False), ("20/12/2024", False), ("01/03/2023", True), ("05/01/2027", True)])
def test_a_sending_date_outside_the_report_year_and_the_next_is_a_warning(tmp_path, reference, sent, flagged):
    """A 2024 report is sent in 2024 or 2025; a date of 2023 (last year's file) or 2027 is most likely a slip."""
    parsed = parse_submission(write_workbook(tmp_path / "f.xlsx", {"identitas": identitas_rows(year=2024, sent=sent)}), reference)
    found = [f for f in parsed.findings if f.code == "SENT_DATE_IMPLAUSIBLE"]
    assert bool(found) == flagged
    if flagged:
        assert found[0].severity == "warning" and found[0].sheet == "identitas" and found[0].cell.startswith("B")
        assert "tahun laporan 2024" in found[0].message
