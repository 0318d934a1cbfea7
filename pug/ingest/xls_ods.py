"""What calamine cannot be trusted to learn itself from an Excel 97-2003 (.xls) or OpenDocument (.ods) workbook,
read from the file before calamine opens it: how large a grid each sheet makes, and which cells hold an error value.

calamine builds each sheet as a dense grid from A1 to its last cell, so a small file naming a far cell would take
the machine's memory; and it reads an error value (#REF!, #DIV/0!) as an empty cell, which would hide a broken
formula. The same two facts come from the sheet XML of an .xlsx (pug.ingest.reader); here from the BIFF8 records of
an .xls and from the content.xml of an .ods.
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
