"""Reading submissions into plain grids of cells: workbooks (.xlsx, .xlsm, .xls, .xlsb, .ods, read by calamine, known by
their content whatever their names) and folders of CSV files.

A grid is a list of rows from Excel row 1 and column A. Problems that make a file unreadable raise ReadProblem with
a finding code; nothing else is raised for bad input.
"""

from __future__ import annotations

import codecs
import csv
import html
import io
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import olefile
import python_calamine

from pug import contract
from pug.findings import column_letter
from pug.ingest import sheet_scan

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNZIPPED_BYTES = 400 * 1024 * 1024  # an xlsx is a zip: refuse decompression bombs before reading
# calamine builds a dense grid from A1 to the last cell holding a value, and reserves room for as many shared strings
# as the file declares: a 6 KB file with one value in XFD1048576 (17 billion cells) or uniqueCount="4294967295" aborts
# the whole process, with no exception to catch. Refuse more cells than this, before calamine reads anything.
MAX_CELLS = 10_000_000  # ~650 MB while read; a real report holds well under a million cells
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and password-protected .xlsx are OLE containers
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm"}  # the names of an .xlsx; calamine goes by the name unless given the content


# What a damaged workbook is, for OPD staff; the library's own words go in the English message.
DAMAGED = "berkasnya rusak atau isinya bukan buku kerja Excel"


def _library_words(exc: Exception, what: str = "an Excel workbook") -> str:
    """The English detail of a file a library could not read: what it is not, then the library's own words."""
    return f"damaged, or not {what}: {type(exc).__name__}: {str(exc)[:200]}"


class ReadProblem(Exception):
    """A file that cannot be read as a submission: its finding code, what is wrong in plain Bahasa Indonesia, and in
    English (where a library's own words go, for the data team; the same as the Indonesian when it is only names
    and sizes)."""

    def __init__(self, code: str, detail: str = "", detail_en: str | None = None):
        self.code, self.detail = code, detail
        self.detail_en = detail if detail_en is None else detail_en
        super().__init__(f"{code}: {self.detail_en}")


@dataclass
class Grid:
    name: str  # the sheet name as written (or the CSV file name without .csv)
    rows: list[list]
    error_cells: dict[tuple[int, int], str] = field(default_factory=dict)  # (row0, col0) -> '#REF!'


def read_submission(path: Path) -> tuple[str, list[Grid]]:
    """('xlsx' or 'csv', grids) for a workbook file or a CSV folder."""
    if path.is_dir():
        return "csv", read_csv_folder(path)
    return "xlsx", read_workbook(path)


def read_workbook(path: Path) -> list[Grid]:
    """The sheets of a workbook file, known by its content whatever its name: .xlsx and .xlsm, .xls, .xlsb, .ods."""
    status = path.stat()
    if not stat.S_ISREG(status.st_mode):  # a FIFO or device named .xlsx would block the reader or never end
        raise ReadProblem("FILE_TYPE_UNSUPPORTED", f"{shown_name(path.name)} bukan berkas biasa",
                          f"{shown_name(path.name)} is not a regular file")
    size = status.st_size
    if size > MAX_FILE_BYTES:
        raise ReadProblem("FILE_TOO_LARGE", f"{size / 1048576:.1f} MiB > {MAX_FILE_BYTES // 1048576} MiB")
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head == OLE_MAGIC:
        opened = _open_ole(path)
    elif head.startswith(b"PK"):
        opened = _open_zip(path)
    elif path.suffix.lower() not in set().union(*SUFFIXES.values()):
        raise ReadProblem("FILE_TYPE_UNSUPPORTED", shown_name(path.suffix or path.name))
    else:  # named as a workbook, but neither a zip nor an Office container
        raise ReadProblem("FILE_UNREADABLE", DAMAGED, "not an Excel workbook (neither a zip nor an OLE file)")
    try:
        if opened.content is not None:
            workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(opened.content))
        elif path.suffix.lower() in SUFFIXES[opened.kind]:
            workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        else:  # a workbook under another name: calamine goes by the name unless given the content
            with open(path, "rb") as handle:
                workbook = python_calamine.CalamineWorkbook.from_filelike(handle)
        grids = []
        for name in workbook.sheet_names:
            if contract.is_template_sheet(name):  # the template's lookups can be long, and are never read
                continue
            rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            error_cells = opened.error_cells.get(name, {})
            grids.append(Grid(name, _covering(rows, error_cells), error_cells))
        # A macro or dialog sheet holds no data: it is kept empty, so that the parser names it as a sheet not read.
        return grids + [Grid(name, []) for name in opened.not_read]
    except python_calamine.PasswordError:
        raise ReadProblem("FILE_ENCRYPTED") from None
    except Exception as exc:  # calamine raises several types for corrupt content; all mean unreadable
        raise ReadProblem("FILE_UNREADABLE", DAMAGED, _library_words(exc)) from None
    except BaseException as exc:
        # A panic inside calamine reaches Python as pyo3's PanicException, which is not an Exception; the scans
        # before reading refuse the panics known, this keeps an unknown one from ending the run.
        if type(exc).__name__ != "PanicException":
            raise
        raise ReadProblem("FILE_UNREADABLE", DAMAGED, _library_words(exc)) from None


SUFFIXES = {"xlsx": WORKBOOK_SUFFIXES, "xls": {".xls"}, "xlsb": {".xlsb"}, "ods": {".ods"}}


def _covering(rows: list[list], error_cells: dict[tuple[int, int], str]) -> list[list]:
    """The rows, with empty rows added below so that every error cell is inside them: calamine leaves a formula
    that ends in an error out of an .xlsb's grid, and a trailing row of such cells would be lost."""
    last = max((row for row, _ in error_cells), default=-1)
    return rows + [[] for _ in range(last + 1 - len(rows))]


@dataclass
class _Opened:
    """What was learnt of a workbook before calamine reads it."""

    kind: str  # xlsx (also .xlsm), xls, xlsb, ods
    error_cells: dict[str, dict[tuple[int, int], str]]  # by sheet name
    content: bytes | None = None  # what calamine reads instead of the file (without its macro sheets)
    not_read: list[str] = field(default_factory=list)  # sheets left out: macro and dialog sheets


def _open_zip(path: Path) -> _Opened:
    try:
        with zipfile.ZipFile(path) as archive:
            kind = _zip_kind(archive, path)
            unzipped = sum(info.file_size for info in archive.infolist())
            if unzipped > MAX_UNZIPPED_BYTES:
                raise ReadProblem("FILE_TOO_LARGE", f"{unzipped / 1048576:.0f} MiB setelah diekstrak",
                                  f"{unzipped / 1048576:.0f} MiB unzipped")
            if kind == "ods":
                if "content.xml" not in archive.namelist():
                    raise ReadProblem("FILE_UNREADABLE", DAMAGED, "an OpenDocument file without its content.xml")
                return _Opened("ods", _within_limits(sheet_scan.scan_ods(member_bytes(archive, "content.xml"))))
            if kind == "xlsb":
                return _open_xlsb(archive)
            sheets = _sheets(archive)
            macro_sheets = _macro_and_dialog_sheets(sheets)
            return _Opened("xlsx", _scan_sheets(archive, {member: name for name, member in sheets.values()}),
                           _without_sheets(archive, macro_sheets) if macro_sheets else None, list(macro_sheets.values()))
    except zipfile.BadZipFile as exc:
        raise ReadProblem("FILE_UNREADABLE", DAMAGED, _library_words(exc)) from None
    except ReadProblem:
        raise
    except Exception as exc:  # a damaged zip also raises zlib.error, NotImplementedError, EOFError, ...: all mean unreadable
        raise ReadProblem("FILE_UNREADABLE", DAMAGED, _library_words(exc)) from None


def _open_xlsb(archive: zipfile.ZipFile) -> _Opened:
    """An Excel binary workbook: its worksheets scanned, its macro and dialog sheets left out as in an .xlsm."""
    # calamine finds the parts of an .xlsb whatever the case of their names (xl/SharedStrings.bin)
    members = {name.lower(): name for name in archive.namelist()}
    try:
        workbook = member_bytes(archive, "xl/workbook.bin")
        targets = _relationship_targets(archive, "xl/_rels/workbook.bin.rels")
        strings = (sheet_scan.shared_string_count(member_bytes(archive, members["xl/sharedstrings.bin"]))
                   if "xl/sharedstrings.bin" in members else 0)
        scans, left_out = [], {}
        for relationship, name in sheet_scan.xlsb_sheets(workbook):
            member = targets.get(relationship)
            if member is None:  # calamine looks the id up without checking, and panics
                raise sheet_scan.Damaged(f"sheet {name!r} names relationship {relationship!r}, which is not there")
            if _MACRO_OR_DIALOG.match(member):
                left_out[relationship] = name
            elif member.lower() in members:
                scans.append(sheet_scan.scan_xlsb_sheet(name, member_bytes(archive, members[member.lower()]), strings))
        content = (_with_member(archive, "xl/workbook.bin", sheet_scan.xlsb_without_sheets(workbook, set(left_out)))
                   if left_out else None)
    except sheet_scan.Damaged as exc:
        raise ReadProblem("FILE_UNREADABLE", DAMAGED, f"damaged Excel binary workbook (.xlsb): {exc}") from None
    return _Opened("xlsb", _within_limits(scans), content, list(left_out.values()))


def _within_limits(sheets: list[sheet_scan.SheetScan]) -> dict[str, dict[tuple[int, int], str]]:
    """The error cells of an .xls, .xlsb or .ods by sheet, once its sheets together make at most MAX_CELLS cells."""
    cells = 0
    for sheet in sheets:
        cells += sheet.cells
        if cells > MAX_CELLS:
            end = f"{column_letter(sheet.columns - 1)}{sheet.rows}"
            raise ReadProblem("FILE_TOO_LARGE", f"lembar '{sheet.name}' terisi sampai sel {end}, lebih dari "
                                                f"{_count(MAX_CELLS)} sel; hapus isi sel di luar tabel",
                              f"sheet '{sheet.name}' is filled up to cell {end}, more than {_count(MAX_CELLS)} cells")
    return {sheet.name: sheet.error_cells for sheet in sheets}


# Advice for a workbook in a format the warehouse does not read: what it is, and how to send it.
RESAVE = "; simpan ulang sebagai 'Excel Workbook (*.xlsx)' lalu kirim kembali"
RESAVE_EN = "; save it again as an Excel Workbook (.xlsx)"


def _open_ole(path: Path) -> _Opened:
    """An OLE container is an encrypted workbook (an .xlsx with a password opening it, or an .xls with one), an Excel
    97-2003 workbook, or something else: known by its streams, whatever its name."""
    try:
        with olefile.OleFileIO(str(path)) as ole:
            if ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage"):
                raise ReadProblem("FILE_ENCRYPTED")
            if ole.exists("Workbook"):
                stream = ole.openstream("Workbook").read()
                if sheet_scan.has_password(stream):
                    raise ReadProblem("FILE_ENCRYPTED")
                return _Opened("xls", _within_limits(sheet_scan.scan_xls(stream)))
            if ole.exists("Book"):
                raise ReadProblem("FILE_TYPE_UNSUPPORTED", f"berkas ini adalah buku kerja Excel 5.0/95 (.xls){RESAVE}",
                                  f"an Excel 5.0/95 workbook (.xls){RESAVE_EN}")
    except ReadProblem:
        raise
    except Exception as exc:  # olefile raises several types for a damaged container
        raise ReadProblem("FILE_UNREADABLE", DAMAGED, _library_words(exc, "an Office (OLE) file")) from None
    raise ReadProblem("FILE_TYPE_UNSUPPORTED", "berkas ini adalah dokumen Office lama, bukan buku kerja Excel",
                      "an old Office document (OLE), not an Excel workbook")


def _zip_kind(archive: zipfile.ZipFile, path: Path) -> str:
    """'xlsx' (also .xlsm), 'xlsb' or 'ods'; any other zip (an encrypted one, another archive) is refused for what
    it is."""
    if any(info.flag_bits & 0x1 for info in archive.infolist()):
        raise ReadProblem("FILE_ENCRYPTED")
    names = set(archive.namelist())
    if "xl/workbook.bin" in names:
        return "xlsb"
    if "mimetype" in names and member_bytes(archive, "mimetype")[:100].startswith(ODS_MIMETYPE):
        return "ods"
    if "xl/workbook.xml" not in names and path.suffix.lower() not in WORKBOOK_SUFFIXES:
        raise ReadProblem("FILE_TYPE_UNSUPPORTED", f"berkas ini adalah arsip zip, bukan buku kerja Excel ({shown_name(path.suffix or path.name)})",
                          f"a zip archive, not an Excel workbook ({shown_name(path.suffix or path.name)})")
    return "xlsx"


ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


_SHEET_ENTRY = re.compile(rb'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"', re.S)
_SHEET_ENTRY_REVERSED = re.compile(rb'<sheet\b[^>]*?r:id="([^"]*)"[^>]*?name="([^"]*)"', re.S)
_RELATIONSHIP = re.compile(rb'<Relationship\b[^>]*?Id="([^"]*)"[^>]*?Target="([^"]*)"', re.S)
_RELATIONSHIP_REVERSED = re.compile(rb'<Relationship\b[^>]*?Target="([^"]*)"[^>]*?Id="([^"]*)"', re.S)
_ERROR_CELL = re.compile(rb'<c\b([^>]*?\bt="e"[^>]*)>(.*?)</c>', re.S)
_CELL_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_CELL_VALUE = re.compile(rb"<v>(.*?)</v>", re.S)


def _unescape(raw: bytes) -> str:
    # html.unescape also reads character references (a sheet named "capaian&#10;" is calamine's "capaian\n", a
    # contract sheet) and decodes "&amp;lt;" once, as XML does; replacing entity by entity did neither.
    return html.unescape(raw.decode("utf-8", "replace"))


def _column_index(letters: bytes) -> int:
    index = 0
    for char in letters:
        index = index * 26 + (char - 64)
    return index - 1


def _sheets(archive: zipfile.ZipFile) -> dict[bytes, tuple[str, str]]:
    """(sheet name, zip member) by relationship id, from xl/workbook.xml and its relationships
    (rId1 -> ('identitas', 'xl/worksheets/sheet1.xml'))."""
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return {}
    workbook_xml = member_bytes(archive, "xl/workbook.xml")
    sheets = {rid: _unescape(name) for name, rid in _SHEET_ENTRY.findall(workbook_xml)}
    sheets.update({rid: _unescape(name) for rid, name in _SHEET_ENTRY_REVERSED.findall(workbook_xml)})
    targets = _relationship_targets(archive, "xl/_rels/workbook.xml.rels")
    return {rid: (sheet_name, targets.get(rid.decode(), "xl/")) for rid, sheet_name in sheets.items()}


def _relationship_targets(archive: zipfile.ZipFile, rels_member: str) -> dict[str, str]:
    """The zip member each relationship id of the workbook points to ('rId1' -> 'xl/worksheets/sheet1.xml')."""
    if rels_member not in archive.namelist():
        return {}
    rels_xml = member_bytes(archive, rels_member)
    targets = dict(_RELATIONSHIP.findall(rels_xml))
    targets.update({rid: target for target, rid in _RELATIONSHIP_REVERSED.findall(rels_xml)})
    return {_unescape(rid): (target.lstrip("/") if target.startswith("/") else f"xl/{target}")
            for rid, target in ((rid, _unescape(target)) for rid, target in targets.items())}


def member_bytes(archive: zipfile.ZipFile, member: str) -> bytes:
    """A zip member's content, read a block at a time: zipfile asked for all of it at once inflates the whole stream
    before cutting it to the declared size, so a member whose header understates its size (a few KB declared, a GB
    inflated) took gigabytes before its checksum failed. Read so, it stops at the declared size and fails there."""
    blocks = []
    with archive.open(member) as handle:
        while block := handle.read(1 << 20):
            blocks.append(block)
    return b"".join(blocks)


_MACRO_OR_DIALOG = re.compile(r"xl/(macrosheets|dialogsheets)/")


def _macro_and_dialog_sheets(sheets: dict[bytes, tuple[str, str]]) -> dict[str, str]:
    """Sheet name by relationship id of the Excel 4.0 macro and dialog sheets of an .xlsm, which calamine cannot
    open a workbook with."""
    return {rid.decode(): name for rid, (name, member) in sheets.items() if _MACRO_OR_DIALOG.match(member)}


def _without_sheets(archive: zipfile.ZipFile, sheets: dict[str, str]) -> bytes:
    """The .xlsx, in memory, with those sheets taken out of xl/workbook.xml (their parts stay, unread)."""
    data = member_bytes(archive, "xl/workbook.xml")
    for rid in sheets:
        data = re.sub(rb'<sheet\b[^>]*?r:id="' + re.escape(rid.encode()) + rb'"[^>]*?/>', b"", data)
    return _with_member(archive, "xl/workbook.xml", data)


def _with_member(archive: zipfile.ZipFile, member: str, data: bytes) -> bytes:
    """A copy of the zip, in memory, with one member's content replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in archive.infolist():
            copy.writestr(info, data if info.filename == member else member_bytes(archive, info.filename))
    return out.getvalue()


def _scan_sheets(archive: zipfile.ZipFile, sheet_of: dict[str, str],
                 exact: bool = False) -> dict[str, dict[tuple[int, int], str]]:
    """Excel error values (#REF!, #DIV/0!, ...) by sheet name, once nothing in the workbook is too large to read.

    calamine reads an error cell as an empty string, which would hide a broken formula; the sheet XML marks such
    cells with t="e". Only sheets that contain that marker are scanned cell by cell. Every member holding sheet data
    counts towards MAX_CELLS, whatever its name, since calamine follows the relationships wherever they point; so
    does a shared-string table's declared size.
    """
    found: dict[str, dict[tuple[int, int], str]] = {}
    cells = 0
    for member in archive.namelist():
        xml = member_bytes(archive, member)
        if b"sst" in xml and (declared := _SHARED_STRINGS_COUNT.search(xml)) and int(declared[1]) > MAX_CELLS:
            # calamine reserves room for the declared number of shared strings before reading one: a tiny file
            # declaring 4294967295 asks for 100 GB and aborts the process.
            raise ReadProblem("FILE_TOO_LARGE",
                              f"{member} menyatakan {_count(int(declared[1]))} teks, lebih dari {_count(MAX_CELLS)} sel",
                              f"{member} declares {_count(int(declared[1]))} strings, more than {_count(MAX_CELLS)} cells")
        if b"sheetData" not in xml:
            continue
        rows, columns = (None if exact else _extent_bound(xml)) or _used_extent(xml)
        cells += rows * columns
        if cells > MAX_CELLS and not exact:
            return _scan_sheets(archive, sheet_of, exact=True)  # over the limit by the quick bounds: count exactly
        if cells > MAX_CELLS:
            sheet = sheet_of.get(member, member)
            end = f"{column_letter(columns - 1)}{rows}"
            raise ReadProblem("FILE_TOO_LARGE", f"lembar '{sheet}' terisi sampai sel {end}, lebih dari {_count(MAX_CELLS)} "
                                                "sel; hapus isi sel di luar tabel",
                              f"sheet '{sheet}' is filled up to cell {end}, more than {_count(MAX_CELLS)} cells")
        if member not in sheet_of or b't="e"' not in xml:
            continue
        error_cells = {}
        for attributes, body in _ERROR_CELL.findall(xml):
            ref = _CELL_REF.search(attributes)
            value = _CELL_VALUE.search(body)
            if ref:
                error_cells[(int(ref[2]) - 1, _column_index(ref[1]))] = _unescape(value[1]) if value else "#ERROR"
        found[sheet_of[member]] = error_cells
    return found


# Any namespace prefix (<x:c, <ns-1:c): calamine matches elements by their local name.
_PREFIX = rb"""(?:[^\s<>/:="']+:)?"""
_SHARED_STRINGS_COUNT = re.compile(rb"<" + _PREFIX + rb"""sst\b[^>]*?\suniqueCount\s*=\s*["'](\d+)["']""")
# Cell tags as calamine reads them: any namespace prefix, r='B7' or r = "b7"; groups: column letters, row, and "/"
# for an empty self-closing cell (<c r="B7" s="1"/>, which calamine skips). The atomic group and possessive tail
# keep each match linear in the length of its tag, whatever the attributes hold.
_CELL_TAG = re.compile(rb"<" + _PREFIX + rb"""c(?=[\s/>])(?>[^>]*?\sr\s*=\s*["']([A-Za-z]+)(\d+)["'])?(?:[^>/]++|/(?!>))*+(/?)>""")
_ROW_TAG = re.compile(rb"<" + _PREFIX + rb"""row(?=[\s/>])(?>[^>]*?\sr\s*=\s*["'](\d+)["'])?""")


_PLAIN_CELL_START = b'<c r="'  # as Excel and xlsxwriter write every cell: <c r="B7"
_OTHER_CELL_START = re.compile(rb"<c[\t\n\r\f\v>/]")
_IRREGULAR_PLAIN_CELL = re.compile(rb'<c r="(?![A-Z]{1,3}[0-9]{1,7}")')  # r="b7", r="$A$1", r="A1 "
_PREFIXED_CELL_START = re.compile(rb":c[\s>/]")
# A plain cell in a row of more than 10**digits - 1, or in a column after Z or after ZZ.
_ROW_DIGITS_OVER = {digits: re.compile(rb'<c r="[A-Z]{1,3}\d{%d}' % (digits + 1)) for digits in (3, 4, 5, 6)}
_COLUMN_AFTER_Z, _COLUMN_AFTER_ZZ = re.compile(rb'<c r="[A-Z]{2}'), re.compile(rb'<c r="[A-Z]{3}')


def _extent_bound(xml: bytes) -> tuple[int, int] | None:
    """An upper bound of _used_extent from a few scans of the XML (a tenth of the time: every submitted sheet is
    bounded), or None when a cell is not written as Excel writes it.

    Rows are bounded by the most digits a row number has (999, 9,999, ...), columns by Z, ZZ or XFD."""
    if (_OTHER_CELL_START.search(xml) or _PREFIXED_CELL_START.search(xml) or _IRREGULAR_PLAIN_CELL.search(xml)
            or xml.count(_PLAIN_CELL_START) != xml.count(b"<c ")):
        return None
    if _PLAIN_CELL_START not in xml:
        return 0, 0
    rows = next((10**digits - 1 for digits, over in _ROW_DIGITS_OVER.items() if not over.search(xml)), 9_999_999)
    columns = 26 if not _COLUMN_AFTER_Z.search(xml) else 702 if not _COLUMN_AFTER_ZZ.search(xml) else 16_384
    return rows, columns


def _used_extent(xml: bytes) -> tuple[int, int]:
    """(rows, columns) of the grid calamine builds from a sheet's XML: from A1 to its last cell that holds a value.

    Empty self-closing cells and empty rows do not count: calamine skips them. A cell without a readable r
    attribute takes the next position in its row, so such cells widen the bound by their number.
    """
    cells = _CELL_TAG.findall(xml)
    placed = [(letters, row) for letters, row, empty in cells if letters and not empty]
    rows = max(map(int, (row for _, row in placed)), default=0)
    columns = max((_column_index(letters.upper()) + 1 for letters in {letters for letters, _ in placed}), default=0)
    unplaced = sum(1 for letters, _, _ in cells if not letters)
    if unplaced:
        row_tags = _ROW_TAG.findall(xml)
        rows = max([rows, *(int(row) for row in row_tags if row)]) + len(row_tags)
        columns += unplaced
    return rows, columns


def read_csv_folder(folder: Path) -> list[Grid]:
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
    if not files:
        raise ReadProblem("FILE_TYPE_UNSUPPORTED", "folder tanpa berkas .csv", "a folder without .csv files")
    grids = []
    cells = 0  # the folder is one submission: its files share MAX_CELLS, counted as the grids are built
    for file in files:
        name = shown_name(file.name)
        if file.stat().st_size > MAX_FILE_BYTES:
            raise ReadProblem("FILE_TOO_LARGE", f"{name}: {file.stat().st_size / 1048576:.1f} MiB")
        text = _csv_text(file.read_bytes(), name)
        first_line = text.split("\n", 1)[0]  # the header: column names, which hold no delimiter
        delimiter = max(CSV_DELIMITERS, key=first_line.count)  # on a tie, the first: a comma
        rows = []
        try:
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
                cells += max(1, len(row))  # a blank line costs a row too (50 MB of line breaks is 50 million rows)
                if cells > MAX_CELLS:
                    raise ReadProblem("FILE_TOO_LARGE", f"{name}: lebih dari {_count(MAX_CELLS)} sel",
                                      f"{name}: more than {_count(MAX_CELLS)} cells")
                rows.append(row)
        except csv.Error as exc:  # e.g. a field over 128 KiB (an unclosed quote swallows the rest of the file)
            raise ReadProblem("FILE_UNREADABLE", f"{name}: ada baris yang tidak dapat dibaca (mungkin tanda kutip "
                                                 "yang tidak ditutup)", f"{name}: {exc}") from None
        grids.append(Grid(shown_name(file.stem), rows))
    return grids


# What Excel and LibreOffice write as CSV: a comma, or a semicolon where the comma is the decimal sign (Indonesian
# settings), or a tab ("Unicode Text").
CSV_DELIMITERS = (",", ";", "\t")


def _csv_text(raw: bytes, name: str) -> str:
    """A CSV file's text, whatever encoding the OPD's PC wrote: UTF-8 (with or without a BOM), UTF-16 (Excel's
    "Unicode Text", with a BOM or by its zero bytes), or Windows-1252 (Excel's "CSV (Comma delimited)" on Windows)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    elif raw[1:200:2].count(0) > 0.9 * len(raw[1:200:2]) > 0:
        encodings = ["utf-16-le"]
    elif raw[0:200:2].count(0) > 0.9 * len(raw[0:200:2]) > 0:
        encodings = ["utf-16-be"]
    else:
        encodings = ["utf-8-sig", "cp1252"]
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadProblem("FILE_UNREADABLE", f"{name} bukan teks yang dapat dibaca (UTF-8, UTF-16 atau Windows-1252)",
                      f"{name} is not text in UTF-8, UTF-16 or Windows-1252")


def _count(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # 10.000.000, as Indonesian writes it


def shown_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by Python as lone surrogates, which no UTF-8 output, Arrow
    or DuckDB accepts) become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
