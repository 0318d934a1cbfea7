"""pug.xlsx writes real .xlsx files: openpyxl and calamine read back every text as text, with its formats, widths,
frozen panes and active sheet, the same as from xlsxwriter given the same calls."""

import xml.etree.ElementTree as ET
import zipfile

import openpyxl
import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from pug.outputs import xlsx

OPTIONS = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
TRICKY = ["=1+1", "=SUM(A1:A3)", "+62 812 3456", "@x", "-3", "0123", "1.234,5", "12,5%", "TRUE", "2024-01-31", "1e5",
          "http://contoh.go.id", '<&>"\'', "a & b < c > d", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
          "Kabupaten Bogor 🇮🇩 😀 — ü ñ 漢字", "baris satu\nbaris dua", "  spasi di depan dan belakang  ", "\ttab",
          "</t></is></c>", "]]>", "&amp;", "_x0041_ literal"]


def calamine(path, sheet: str) -> list[list[str]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def feedback_like(module, path) -> None:
    """The calls feedback._write_workbook makes, in its order, on xlsxwriter or pug.xlsx."""
    wb = module.Workbook(str(path), OPTIONS)
    formats = {
        "title": wb.add_format({"bold": True, "font_size": 14}),
        "label": wb.add_format({"bold": True}),
        "header": wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1}),
        "error": wb.add_format({"bg_color": "#F8CBAD", "border": 1, "border_color": "#C00000"}),
        "warning": wb.add_format({"bg_color": "#FFE699", "border": 1, "border_color": "#BF8F00"}),
        "notice": wb.add_format({"bg_color": "#E2EFDA"}),
        "wrap": wb.add_format({"text_wrap": True, "valign": "top"}),
    }
    summary = wb.add_worksheet("ringkasan")
    summary.set_column(0, 0, 24)
    summary.set_column(1, 1, 14)
    summary.set_column(2, 4, 16)
    summary.set_column(5, 5, 28)
    summary.set_column(6, 6, 90, formats["wrap"])
    summary.write_string(0, 0, "Hasil pemeriksaan laporan PUG 2024", formats["title"])
    summary.write_string(2, 0, "OPD", formats["label"])
    summary.write_string(2, 1, "1.01 - Dinas Pendidikan")
    for column, text in enumerate(("Lembar", "Sel", "Baris", "Kolom", "Tingkat", "Kode", "Masalah")):
        summary.write_string(4, column, text, formats["header"])
    for row, severity in ((5, "error"), (6, "warning"), (7, "notice")):
        cells = ("anggaran", f"C{row}", str(row), "pagu", severity, "E01", f"Nilai < 0 & kosong: {TRICKY[row]}")
        for column, text in enumerate(cells):
            summary.write_string(row, column, text, formats[severity] if column == 4 else None)
    summary.freeze_panes(5, 0)
    summary.activate()

    data = wb.add_worksheet("anggaran")
    columns = ["kode_program", "nama_kegiatan", "pagu", ""]
    for index, column in enumerate(columns):
        data.write_string(0, index, column, formats["header"])
        data.set_column(index, index, max(12, min(40, len(column) + 4)))
    data.write_string(0, len(columns), "catatan_pemeriksaan", formats["header"])
    data.set_column(len(columns), len(columns), 90, formats["wrap"])
    data.freeze_panes(1, 0)
    for excel_row, text in enumerate(TRICKY, start=2):
        data.write_string(excel_row - 1, 2, text, formats["error"] if excel_row % 5 == 0 else None)  # columns out of order
        data.write_string(excel_row - 1, 0, f"P{excel_row:03d}")
        data.write_string(excel_row - 1, 1, "" if excel_row % 4 == 0 else text, formats["warning"] if excel_row in (7, 8) else None)
        if excel_row % 5 == 0:
            data.write_string(excel_row - 1, len(columns), f"C{excel_row}: nilai tidak sah", formats["error"])

    empty = wb.add_worksheet("kosong")
    empty.write_string(0, 0, "kolom", formats["header"])
    empty.freeze_panes(2, 1)
    wb.add_worksheet("hampa")  # nothing written at all
    wb.close()


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("xlsx")
    feedback_like(xlsx, folder / "pug.xlsx")
    feedback_like(xlsxwriter, folder / "xlsxwriter.xlsx")
    return {"pug": folder / "pug.xlsx", "xlsxwriter": folder / "xlsxwriter.xlsx"}


def test_every_value_reads_back_as_the_text_written(written):
    book = openpyxl.load_workbook(written["pug"])
    assert book.sheetnames == ["ringkasan", "anggaran", "kosong", "hampa"]
    data = book["anggaran"]
    for excel_row, text in enumerate(TRICKY, start=2):
        if "_x" in text:
            continue  # openpyxl does not undo Excel's _xHHHH_ escape in inline strings; calamine (below) and Excel do
        assert data.cell(excel_row, 3).value == text
        assert data.cell(excel_row, 1).value == f"P{excel_row:03d}"
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert len(cells) > 100
    assert {cell.data_type for cell in cells} == {"s"}  # nothing became a number, a date, a bool or a formula
    assert all(isinstance(cell.value, str) for cell in cells)

    grid = calamine(written["pug"], "anggaran")
    assert [row[2] for row in grid[1:]] == TRICKY  # calamine undoes _x005F_ as Excel does
    assert grid[0] == ["kode_program", "nama_kegiatan", "pagu", "", "catatan_pemeriksaan"]


def test_same_values_and_formats_as_xlsxwriter(written):
    for sheet in ("ringkasan", "anggaran", "kosong", "hampa"):
        assert calamine(written["pug"], sheet) == calamine(written["xlsxwriter"], sheet)
    ours, theirs = openpyxl.load_workbook(written["pug"]), openpyxl.load_workbook(written["xlsxwriter"])
    for sheet in ours.sheetnames:
        a, b = ours[sheet], theirs[sheet]
        assert (a.max_row, a.max_column, a.freeze_panes) == (b.max_row, b.max_column, b.freeze_panes)
        for row_a, row_b in zip(a.iter_rows(), b.iter_rows(), strict=True):
            for x, y in zip(row_a, row_b, strict=True):
                where = f"{sheet}!{x.coordinate}"
                assert (x.font.b, x.font.sz) == (y.font.b, y.font.sz), where
                assert (x.fill.fill_type, x.fill.fgColor.rgb) == (y.fill.fill_type, y.fill.fgColor.rgb), where
                for side in ("left", "right", "top", "bottom"):
                    p, q = getattr(x.border, side), getattr(y.border, side)
                    assert (p.style, p.color and p.color.rgb) == (q.style, q.color and q.color.rgb), where
                assert (x.alignment.wrap_text, x.alignment.vertical) == (y.alignment.wrap_text, y.alignment.vertical), where
        for letter, dim in b.column_dimensions.items():
            assert a.column_dimensions[letter].width == pytest.approx(dim.width), f"{sheet} column {letter}"
    assert ours.active.title == theirs.active.title == "ringkasan"


def test_formats_panes_widths_and_active_sheet(written):
    book = openpyxl.load_workbook(written["pug"])
    summary, data = book["ringkasan"], book["anggaran"]
    assert summary["A1"].font.b and summary["A1"].font.sz == 14
    assert summary["A3"].font.b and not summary["B3"].font.b
    header = summary["A5"]
    assert header.font.b and header.fill.fill_type == "solid" and header.fill.fgColor.rgb.endswith("DDEBF7")
    assert header.border.left.style == header.border.bottom.style == "thin"
    error = summary["E6"]
    assert error.fill.fgColor.rgb.endswith("F8CBAD") and error.border.top.color.rgb.endswith("C00000")
    assert summary["E7"].fill.fgColor.rgb.endswith("FFE699") and summary["E8"].fill.fgColor.rgb.endswith("E2EFDA")
    assert summary["E8"].border.left.style is None
    message = summary["G6"]  # written with no format: takes column G's
    assert message.alignment.wrap_text and message.alignment.vertical == "top"
    assert data["E5"].fill.fgColor.rgb.endswith("F8CBAD") and not data["E5"].alignment.wrap_text  # its own format wins
    blank = data["B8"]  # "" is an empty text cell, with its format, as from xlsxwriter
    assert blank.value == "" and blank.data_type == "s" and blank.fill.fgColor.rgb.endswith("FFE699")
    assert data["B7"].value == TRICKY[5] and data["B7"].fill.fgColor.rgb.endswith("FFE699")
    assert data["B4"].value == "" and data["B4"].style_id == 0

    assert summary.freeze_panes == "A6" and data.freeze_panes == "A2" and book["kosong"].freeze_panes == "B3"
    assert book["hampa"].freeze_panes is None
    widths = {"A": 24, "B": 14, "C": 16, "F": 28, "G": 90}
    for letter, width in widths.items():
        assert summary.column_dimensions[letter].width == pytest.approx(width, abs=1)
    assert (summary.column_dimensions["C"].min, summary.column_dimensions["C"].max) == (3, 5)  # set_column(2, 4, 16)
    assert data.column_dimensions["A"].width == pytest.approx(16, abs=1)
    assert data.column_dimensions["E"].width == pytest.approx(90, abs=1)

    assert book.active.title == "ringkasan"
    assert [bool(sheet.sheet_view.tabSelected) for sheet in book] == [True, False, False, False]


def test_active_sheet_other_than_the_first(tmp_path):
    path = tmp_path / "aktif.xlsx"
    wb = xlsx.Workbook(path)
    for name in ("satu", "dua", "tiga"):
        wb.add_worksheet(name).write_string(0, 0, name)
    wb.worksheets()[2].activate()
    wb.close()
    book = openpyxl.load_workbook(path)
    assert book.active.title == "tiga"
    assert [bool(sheet.sheet_view.tabSelected) for sheet in book] == [False, False, True]


def test_every_part_is_well_formed_and_declared(written):
    with zipfile.ZipFile(written["pug"]) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        parts = {name: ET.fromstring(archive.read(name)) for name in names}
        assert {i.compress_type for i in archive.infolist()} == {zipfile.ZIP_DEFLATED}
    assert names[0] == "[Content_Types].xml"
    declared = {o.get("PartName").lstrip("/") for o in parts["[Content_Types].xml"]
                if o.tag.endswith("Override")}
    assert declared == {n for n in names if not n.endswith(".rels") and n != "[Content_Types].xml"}
    for rels, base in (("_rels/.rels", ""), ("xl/_rels/workbook.xml.rels", "xl/")):
        for relationship in parts[rels]:
            assert base + relationship.get("Target") in names
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    sheet = parts["xl/worksheets/sheet2.xml"]
    assert sheet.find(f"{main}dimension").get("ref") == f"A1:E{len(TRICKY) + 1}"
    assert not list(sheet.iter(f"{main}f"))  # never a formula
    assert {c.get("t") for c in sheet.iter(f"{main}c") if c.find(f"{main}is") is not None} == {"inlineStr"}
    rows = [int(r.get("r")) for r in sheet.iter(f"{main}row")]
    assert rows == sorted(rows)
    for row in sheet.iter(f"{main}row"):
        refs = [c.get("r") for c in row]
        assert refs == sorted(refs, key=lambda ref: (len(ref), ref)) and all(ref.endswith(row.get("r")) for ref in refs)
    assert parts["xl/worksheets/sheet4.xml"].find(f"{main}dimension").get("ref") == "A1"


def test_control_characters_surrogates_and_escapes(tmp_path):
    path = tmp_path / "kendali.xlsx"
    texts = ["a\x00b\x01c\x08d", "cr\r\nlf", "vt\x0bff\x0cesc\x1b", "non\ufffechar\uffff", "_x0041_", "_X00e9_ _x12_",
             "lone \ud800 surrogate \udfff", "tab\tand\nnewline"]
    wb = xlsx.Workbook(path)
    ws = wb.add_worksheet("teks")
    for row, text in enumerate(texts):
        ws.write_string(row, 0, text)
    wb.close()
    expected = [t.replace("\ud800", "").replace("\udfff", "") for t in texts]  # lone surrogates cannot be stored
    expected[3] = "non_xFFFE_char_xFFFF_"  # U+FFFE/U+FFFF escaped as xlsxwriter does, which calamine leaves as is
    assert [row[0] for row in calamine(path, "teks")] == expected
    with zipfile.ZipFile(path) as archive:
        ET.fromstring(archive.read("xl/worksheets/sheet1.xml"))
        raw = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "a_x0000_b_x0001_c_x0008_d" in raw and "cr_x000D_\nlf" in raw and "_x005F_x0041_" in raw
    assert "non_xFFFE_char_xFFFF_" in raw and "\ud800" not in raw
    book = openpyxl.load_workbook(path)
    assert book["teks"]["A8"].value == "tab\tand\nnewline"
    assert {cell.data_type for row in book["teks"].iter_rows() for cell in row} == {"s"}


def test_the_same_escapes_as_xlsxwriter(tmp_path):
    texts = ["a\x01b", "cr\r\nlf", "_x0041_", "\ufffe", "x\x1fy & <z>"]
    for module in (xlsx, xlsxwriter):
        wb = module.Workbook(str(tmp_path / f"{module.__name__}.xlsx"), OPTIONS)
        ws = wb.add_worksheet("a")
        for row, text in enumerate(texts):
            ws.write_string(row, 0, text)
        wb.close()
    assert calamine(tmp_path / f"{xlsx.__name__}.xlsx", "a") == calamine(tmp_path / "xlsxwriter.xlsx", "a")


def test_long_text_is_cut_to_excels_limit(tmp_path):
    path = tmp_path / "panjang.xlsx"
    wb = xlsx.Workbook(path)
    ws = wb.add_worksheet("panjang")
    assert ws.write_string(0, 0, "a" * 40_000) == -2
    assert ws.write_string(1, 0, "😀" * 20_000) == -2  # Excel counts UTF-16 units: an emoji is 2
    assert ws.write_string(2, 0, "b" * 32_767) == 0
    assert ws.write_string(3, 0, "<&>" * 12_000) == -2  # cut before escaping, as Excel counts what it shows
    wb.close()
    assert [row[0] for row in calamine(path, "panjang")] == ["a" * 32_767, "😀" * 16_383, "b" * 32_767, ("<&>" * 12_000)[:32_767]]
    assert openpyxl.load_workbook(path)["panjang"]["A1"].value == "a" * 32_767


def test_cells_in_any_order_last_write_wins(tmp_path):
    path = tmp_path / "urutan.xlsx"
    wb = xlsx.Workbook(path)
    ws = wb.add_worksheet("urutan")
    ws.write_string(5, 3, "D6")
    ws.write_string(0, 2, "C1")
    ws.write_string(0, 0, "A1")
    ws.write_string(5, 1, "B6")
    ws.write_string(0, 2, "C1 lagi")
    ws.write_string(29, 27, "AB30")
    wb.close()
    grid = calamine(path, "urutan")
    assert grid[0][:3] == ["A1", "", "C1 lagi"] and grid[5][1] == "B6" and grid[5][3] == "D6" and grid[29][27] == "AB30"
    assert openpyxl.load_workbook(path)["urutan"]["AB30"].value == "AB30"


def test_column_format_set_after_the_cells_still_applies(tmp_path):
    path = tmp_path / "kolom.xlsx"
    wb = xlsx.Workbook(path)
    wrap, bold = wb.add_format({"text_wrap": True}), wb.add_format({"bold": True})
    ws = wb.add_worksheet("kolom")
    ws.write_string(0, 1, "tanpa format")
    ws.write_string(1, 1, "tebal", bold)
    ws.set_column(1, 3, 30, wrap)
    ws.set_column(2, 2, 10)  # narrower, and no longer wrapped
    wb.close()
    sheet = openpyxl.load_workbook(path)["kolom"]
    assert sheet["B1"].alignment.wrap_text and not sheet["B2"].alignment.wrap_text and sheet["B2"].font.b
    assert sheet.column_dimensions["B"].width == pytest.approx(30, abs=1)
    assert sheet.column_dimensions["C"].width == pytest.approx(10, abs=1)
    assert sheet.column_dimensions["D"].width == pytest.approx(30, abs=1)


def test_empty_workbook_gets_a_sheet_and_output_is_reproducible(tmp_path):
    wb = xlsx.Workbook(tmp_path / "kosong.xlsx")
    wb.close()
    wb.close()  # a second close does nothing
    book = openpyxl.load_workbook(tmp_path / "kosong.xlsx")
    assert book.sheetnames == ["Sheet1"] and book.active.max_row == 1 and book.active["A1"].value is None
    assert calamine(tmp_path / "kosong.xlsx", "Sheet1") == []
    for name in ("satu.xlsx", "dua.xlsx"):
        feedback_like(xlsx, tmp_path / name)
    assert (tmp_path / "satu.xlsx").read_bytes() == (tmp_path / "dua.xlsx").read_bytes()


def test_misuse_is_refused(tmp_path):
    wb = xlsx.Workbook(tmp_path / "salah.xlsx")
    ws = wb.add_worksheet("data")
    assert ws.write_string(-1, 0, "x") == -1 and ws.write_string(0, 16_384, "x") == -1
    assert ws.write_string(1_048_576, 0, "x") == -1 and ws.write_string(1_048_575, 16_383, "XFD1048576") == 0
    with pytest.raises(TypeError):
        ws.write_string(0, 0, 12)
    with pytest.raises(TypeError):
        ws.write_string(0, 0, None)
    for properties in ({"italic": True}, {"bg_color": "red"}, {"border": 99}, {"valign": "middle"}, {"font_size": 0}):
        with pytest.raises(ValueError):
            wb.add_format(properties)
    for name in ("DATA", "a" * 32, "a/b", "[x]", "'kutip'", ""):
        with pytest.raises(ValueError):
            wb.add_worksheet(name)
    wb.add_worksheet("a & <b> \"c\"")
    wb.close()
    book = openpyxl.load_workbook(tmp_path / "salah.xlsx")
    assert book.sheetnames == ["data", "a & <b> \"c\""]
    assert book["data"]["XFD1048576"].value == "XFD1048576"


def test_a_big_sheet_is_written_in_pieces_that_join_up(tmp_path):
    path = tmp_path / "besar.xlsx"
    texts = [[f"{row}", TRICKY[row % len(TRICKY)] + ("\x01" if row == 15_000 else "")] for row in range(20_000)]
    wb = xlsx.Workbook(path)
    ws = wb.add_worksheet("besar")
    fmt = wb.add_format({"bold": True})
    for row, (number, text) in enumerate(texts):
        ws.write_string(row, 1, text, fmt if row % 1000 == 0 else None)
        ws.write_string(row, 0, number)
    wb.close()
    assert calamine(path, "besar") == texts  # more than xlsx._CHUNK cells, escapes in several pieces
    with zipfile.ZipFile(path) as archive:
        root = ET.fromstring(archive.read("xl/worksheets/sheet1.xml"))
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    assert root.find(f"{main}dimension").get("ref") == "A1:B20000"
    assert len(list(root.iter(f"{main}c"))) == 40_000 > xlsx._CHUNK
