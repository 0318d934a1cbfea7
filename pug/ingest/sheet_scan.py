"""What calamine cannot be trusted to learn itself from an Excel 97-2003 (.xls), Excel binary (.xlsb) or
OpenDocument (.ods) workbook, read from the file before calamine opens it: how large a grid each sheet makes, and
which cells hold an error value.

calamine builds each sheet as a dense grid from A1 to its last cell, so a small file naming a far cell would take
the machine's memory; and it reads an error value (#REF!, #DIV/0!) as an empty cell, which would hide a broken
formula. The same two facts come from the sheet XML of an .xlsx (pug.ingest.reader); here from the BIFF8 records of
an .xls, the BIFF12 records of an .xlsb and the content.xml of an .ods. For an .xlsb the scan also refuses what
would make calamine panic rather than fail (a record shorter than its fields, a string index past the table).
"""

from __future__ import annotations

import html
import re
import struct
from dataclasses import dataclass, field


@dataclass
class SheetScan:
    """A sheet's extent (rows and columns from A1 to its last cell holding a value) and its error cells."""

    name: str
    rows: int = 0
    columns: int = 0
    error_cells: dict[tuple[int, int], str] = field(default_factory=dict)  # (row0, col0) -> '#REF!'

    def holds(self, row: int, column: int) -> None:
        self.rows, self.columns = max(self.rows, row + 1), max(self.columns, column + 1)

    @property
    def cells(self) -> int:
        return self.rows * self.columns


# ------------------------------------------------------------------------------------------------------ .xls (BIFF8)

EOF, FILEPASS, BOUNDSHEET, FORMULA, BOOLERR, MULRK = 0x000A, 0x002F, 0x0085, 0x0006, 0x0205, 0x00BD
# Records that put a value in one cell, each starting with its row and column (BLANK and MULBLANK hold none).
VALUE_RECORDS = {0x0203, 0x027E, 0x00FD, 0x0204, 0x00D6, FORMULA, BOOLERR}  # NUMBER, RK, LABELSST, LABEL, RSTRING
BIFF_ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
               0x2A: "#N/A", 0x2B: "#GETTING_DATA"}
WORKSHEET = 0  # BOUNDSHEET's sheet type; 1 macro sheet, 2 chart, 6 VBA module


def _records(stream: bytes, start: int = 0):
    """(offset, type, data) of the records from `start` on."""
    position = start
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        yield position, kind, stream[position + 4:position + 4 + length]
        position += 4 + length


def has_password(stream: bytes) -> bool:
    """Whether an .xls workbook stream is encrypted: a FILEPASS record among its workbook globals."""
    for _, kind, _ in _records(stream):
        if kind in (FILEPASS, EOF):
            return kind == FILEPASS
    return False


def scan_xls(stream: bytes) -> list[SheetScan]:
    """The worksheets of an .xls workbook stream, in order, with their extents and error cells."""
    sheets: list[tuple[int, str]] = []
    for _, kind, data in _records(stream):
        if kind == BOUNDSHEET and len(data) >= 8:
            offset, sheet_type, length, high_byte = struct.unpack_from("<I", data)[0], data[5], data[6], data[7] & 1
            raw = data[8:8 + length * (2 if high_byte else 1)]
            if sheet_type == WORKSHEET:
                sheets.append((offset, raw.decode("utf-16-le" if high_byte else "latin-1", "replace")))
        elif kind == EOF:
            break  # the end of the workbook globals
    return [_scan_biff_sheet(stream, offset, name) for offset, name in sheets]


def _scan_biff_sheet(stream: bytes, offset: int, name: str) -> SheetScan:
    sheet = SheetScan(name)
    for _, kind, data in _records(stream, offset):
        if kind == EOF:
            break
        if kind in VALUE_RECORDS and len(data) >= 4:
            row, column = struct.unpack_from("<HH", data)
            sheet.holds(row, column)
            error = _biff_error(kind, data)
            if error:
                sheet.error_cells[(row, column)] = error
        elif kind == MULRK and len(data) >= 6:
            row, _ = struct.unpack_from("<HH", data)
            sheet.holds(row, struct.unpack_from("<H", data, len(data) - 2)[0])
    return sheet


def _biff_error(kind: int, data: bytes) -> str | None:
    if kind == BOOLERR and len(data) >= 8 and data[7] == 1:
        return BIFF_ERRORS.get(data[6], "#ERROR!")
    if kind == FORMULA and len(data) >= 14 and data[6] == 0x02 and data[12:14] == b"\xff\xff":  # an error result
        return BIFF_ERRORS.get(data[8], "#ERROR!")
    return None


# ------------------------------------------------------------------------------------------------------ .xlsb (BIFF12)

class Damaged(ValueError):
    """An .xlsb whose records contradict themselves: what is wrong, in English, for the log."""


ROW_HEADER, END_SHEET_DATA, BUNDLE_SHEET, BEGIN_SST, NAME = 0x0000, 0x0092, 0x009C, 0x009F, 0x0027
CELL_ERROR, FORMULA_ERROR = 0x0003, 0x000B
# The cell records calamine reads (MS-XLSB 2.4.x) and the bytes it reads of each without checking the length:
# column (4), style (3), flags (1), then the value.
CELL_RECORDS = {0x0002: 12, CELL_ERROR: 9, 0x0004: 9, 0x0005: 16, 0x0006: 12, 0x0007: 12, 0x0008: 12, 0x0009: 16,
                0x000A: 9}
SHARED_STRING_CELL = 0x0007
LAST_ROW = 0x0010_0000  # calamine stops reading a sheet at a row number past Excel's last


def biff12_records(data: bytes):
    """(type, body, start) of each BIFF12 record: a type of one or two bytes, a length of one to four, 7 bits in each;
    the body ends the record."""
    position, size = 0, len(data)
    while position < size:
        start, kind = position, data[position]
        position += 1
        if kind & 0x80:
            if position >= size:
                raise Damaged("a record type cut short")
            kind = (kind & 0x7F) | ((data[position] & 0x7F) << 7)
            position += 1
        length = shift = 0
        for _ in range(4):
            if position >= size:
                raise Damaged("a record length cut short")
            byte = data[position]
            position += 1
            length |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        if position + length > size:
            raise Damaged(f"record {kind:#06x} of {length} bytes runs past the end of its part")
        yield kind, data[position:position + length], start
        position += length


def _wide_string(body: bytes, at: int) -> tuple[str | None, int]:
    """An XLWideString (a 32-bit count of UTF-16 units, then the units) at `at`: (text, where it ends); None for the
    null string (count 0xFFFFFFFF)."""
    if at + 4 > len(body):
        raise Damaged("a string's length cut short")
    count = struct.unpack_from("<I", body, at)[0]
    if count == 0xFFFF_FFFF:
        return None, at + 4
    end = at + 4 + 2 * count
    if end > len(body):
        raise Damaged("a string runs past its record")
    return body[at + 4:end].decode("utf-16-le", "replace"), end


def xlsb_sheets(workbook: bytes) -> list[tuple[str, str]]:
    """(relationship id, sheet name) of each sheet listed in an .xlsb's xl/workbook.bin, in order."""
    sheets = []
    for kind, body, _ in biff12_records(workbook):
        if kind == BUNDLE_SHEET:
            if len(body) < 8:
                raise Damaged("a sheet entry cut short")
            relationship, end = _wide_string(body, 8)
            name, _ = _wide_string(body, end)
            if relationship is not None:  # calamine skips an entry without one
                sheets.append((relationship, name or ""))
        elif kind == NAME and len(body) < 13:
            raise Damaged("a defined name cut short")
    return sheets


def xlsb_without_sheets(workbook: bytes, relationships: set[str]) -> bytes:
    """xl/workbook.bin with the sheet entries of those relationship ids taken out (their parts stay, unread)."""
    left_out = [(start, start + _header_length(workbook, start) + len(body))
                for kind, body, start in biff12_records(workbook)
                if kind == BUNDLE_SHEET and _wide_string(body, 8)[0] in relationships]
    kept, position = [], 0
    for start, end in left_out:
        kept.append(workbook[position:start])
        position = end
    return b"".join(kept) + workbook[position:]


def _header_length(data: bytes, start: int) -> int:
    """The bytes of a record's type and length, at `start`."""
    position = start + (2 if data[start] & 0x80 else 1)
    while data[position] & 0x80:
        position += 1
    return position + 1 - start


def shared_string_count(table: bytes) -> int:
    """How many strings an .xlsb's xl/sharedStrings.bin holds, as calamine reads it: the count it declares."""
    for kind, body, _ in biff12_records(table):
        if kind == BEGIN_SST:
            if len(body) < 8:
                raise Damaged("the string table's header cut short")
            return struct.unpack_from("<I", body, 4)[0]
    return 0


def scan_xlsb_sheet(name: str, data: bytes, shared_strings: int) -> SheetScan:
    """A worksheet part of an .xlsb: its extent and error cells, read as calamine reads them."""
    sheet = SheetScan(name)
    row = 0
    for kind, body, _ in biff12_records(data):
        if kind == ROW_HEADER:
            if len(body) < 4:
                raise Damaged("a row header cut short")
            row = struct.unpack_from("<I", body)[0]
            if row > LAST_ROW:
                break
        elif kind in CELL_RECORDS or kind == FORMULA_ERROR:
            if len(body) < CELL_RECORDS.get(kind, 9):
                raise Damaged(f"a cell record in row {row + 1} cut short")
            column = struct.unpack_from("<I", body)[0]
            sheet.holds(row, column)
            if kind in (CELL_ERROR, FORMULA_ERROR):
                sheet.error_cells[(row, column)] = BIFF_ERRORS.get(body[8], "#ERROR!")
            elif kind == SHARED_STRING_CELL and struct.unpack_from("<I", body, 8)[0] >= shared_strings:
                raise Damaged(f"a cell in row {row + 1} names a text past the string table")
        elif kind == END_SHEET_DATA:
            break
    return sheet


# ------------------------------------------------------------------------------------------------------ .ods

_ODS_TAG = re.compile(rb"<(/?)(table:table-row|table:table-cell|table:covered-table-cell|table:table)(?=[\s/>])([^>]*?)(/?)>")
_ODS_NAME = re.compile(rb'table:name="([^"]*)"')
_ODS_ROWS = re.compile(rb'table:number-rows-repeated="(\d+)"')
_ODS_COLUMNS = re.compile(rb'table:number-columns-repeated="(\d+)"')
_ODS_TEXT = re.compile(rb"<text:p\b[^>]*>(.*?)</text:p>", re.S)


def scan_ods(content: bytes) -> list[SheetScan]:
    """The sheets of an .ods content.xml, in order, with their extents and error cells. A repeated cell or row that
    holds a value counts every time it is repeated, as calamine expands it; empty ones count for nothing."""
    sheets: list[SheetScan] = []
    row = column = rows_repeated = 0
    for match in _ODS_TAG.finditer(content):
        closing, tag, attributes, empty = match[1], match[2], match[3], match[4]
        if tag == b"table:table" and not closing:
            name = _ODS_NAME.search(attributes)
            sheets.append(SheetScan(html.unescape(name[1].decode("utf-8", "replace")) if name else ""))
            row = 0
        elif tag == b"table:table-row" and not closing:
            rows_repeated, column = _repeats(_ODS_ROWS, attributes), 0
            if empty:
                row += rows_repeated
        elif tag == b"table:table-row" and closing:
            row += rows_repeated
        elif tag in (b"table:table-cell", b"table:covered-table-cell") and not closing and sheets:
            columns_repeated = _repeats(_ODS_COLUMNS, attributes)
            if b"office:value-type" in attributes:
                sheets[-1].holds(row + rows_repeated - 1, column + columns_repeated - 1)
                if b'calcext:value-type="error"' in attributes:
                    text = _ODS_TEXT.search(content, match.end())
                    error = html.unescape(text[1].decode("utf-8", "replace")) if text else "#ERROR!"
                    for repeat in range(min(columns_repeated, 1000)):
                        sheets[-1].error_cells[(row, column + repeat)] = error
            column += columns_repeated
    return sheets


def _repeats(pattern: re.Pattern, attributes: bytes) -> int:
    found = pattern.search(attributes)
    return int(found[1]) if found else 1
