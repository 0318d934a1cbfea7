"""A small writer of Excel binary workbooks (.xlsb, MS-XLSB), for tests only: no Python library and no program on
this machine writes the format (LibreOffice reads it only), and the public .xlsb files (tests/public) are not
submissions. It writes the records Excel writes for plain values: text inline, numbers as doubles, dates with the
built-in date format, error values as error cells; a workbook may list an Excel 4.0 macro sheet too."""

from __future__ import annotations

import datetime
import struct
import zipfile
from pathlib import Path

from pug.ingest.sheet_scan import BIFF_ERRORS

ERROR_CODES = {text: code for code, text in BIFF_ERRORS.items()}
EXCEL_EPOCH = datetime.datetime(1899, 12, 30)
DATE_STYLE = 1  # the second cell format below: built-in number format 14, a date

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="bin" \
ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/><Default Extension="rels" \
ContentType="application/vnd.openxmlformats-package.relationships+xml"/>{overrides}</Types>"""
RELATIONSHIP = '<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{type}" Target="{target}"/>'
RELATIONSHIPS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
                 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}</Relationships>')


def record(kind: int, body: bytes = b"") -> bytes:
    """A BIFF12 record: its type in one or two bytes and its length in one to four, 7 bits a byte."""
    head = bytes([kind]) if kind < 0x80 else bytes([(kind & 0x7F) | 0x80, kind >> 7])
    length, size = len(body), b""
    while True:
        size += bytes([(length & 0x7F) | (0x80 if length > 0x7F else 0)])
        length >>= 7
        if not length:
            return head + size + body


def wide(text: str) -> bytes:
    encoded = text.encode("utf-16-le")
    return struct.pack("<I", len(encoded) // 2) + encoded


def _cell(kind: int, column: int, style: int, value: bytes) -> bytes:
    return record(kind, struct.pack("<I", column) + struct.pack("<I", style)[:3] + b"\0" + value)


def _value_cell(column: int, value) -> bytes:
    if isinstance(value, bool):
        return _cell(0x0004, column, 0, bytes([value]))
    if isinstance(value, (int, float)):
        return _cell(0x0005, column, 0, struct.pack("<d", value))
    if isinstance(value, datetime.date):
        moment = value if isinstance(value, datetime.datetime) else datetime.datetime.combine(value, datetime.time())
        return _cell(0x0005, column, DATE_STYLE, struct.pack("<d", (moment - EXCEL_EPOCH) / datetime.timedelta(days=1)))
    if isinstance(value, str):
        return _cell(0x0006, column, 0, wide(value))
    raise TypeError(f"no .xlsb cell for {value!r}")


def worksheet(rows: list[list], error_cells: dict[tuple[int, int], str]) -> bytes:
    cells: dict[int, dict[int, bytes]] = {}
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            if value not in ("", None):
                cells.setdefault(row, {})[column] = _value_cell(column, value)
    for (row, column), error in error_cells.items():
        cells.setdefault(row, {})[column] = _cell(0x0003, column, 0, bytes([ERROR_CODES[error]]))
    last_row, last_column = max(cells, default=0), max((max(c) for c in cells.values()), default=0)
    parts = [record(0x0081), record(0x0094, struct.pack("<4I", 0, last_row, 0, last_column)), record(0x0091)]
    for row in sorted(cells):
        parts.append(record(0x0000, struct.pack("<IIH", row, 0, 0x012C) + b"\0\0\0" + struct.pack("<I", 0)))
        parts.extend(cells[row][column] for column in sorted(cells[row]))
    return b"".join(parts + [record(0x0092), record(0x0082)])


def styles() -> bytes:
    """No number formats of its own, and two cell formats: general, and built-in format 14 (a date)."""
    xf = [struct.pack("<HH", 0xFFFF, number_format) + b"\0" * 12 for number_format in (0, 14)]
    return b"".join([record(0x0267, struct.pack("<I", 0)), record(0x0268), record(0x0269, struct.pack("<I", len(xf))),
                     *(record(0x002F, body) for body in xf), record(0x026A)])


def write_xlsb(path: Path, sheets: list[tuple[str, list[list], dict]], macro_sheet: str | None = None) -> Path:
    """Sheets as (name, rows from A1, error values by (row, column)); `macro_sheet` names an Excel 4.0 macro sheet
    listed after them, as Excel writes one into a workbook saved as .xlsb."""
    entries, relationships, overrides = [], [], []
    parts: dict[str, bytes] = {}
    listed = [(name, f"worksheets/sheet{i}.bin", "worksheet", worksheet(rows, errors))
              for i, (name, rows, errors) in enumerate(sheets, 1)]
    if macro_sheet:
        listed.append((macro_sheet, "macrosheets/sheet1.bin", "xlMacrosheet", record(0x0081) + record(0x0082)))
    for i, (name, target, kind, data) in enumerate(listed, 1):
        entries.append(record(0x009C, struct.pack("<II", 0, i) + wide(f"rId{i}") + wide(name)))
        relationships.append(RELATIONSHIP.format(id=f"rId{i}", type=kind, target=target))
        parts[f"xl/{target}"] = data
    relationships.append(RELATIONSHIP.format(id=f"rId{len(listed) + 1}", type="styles", target="styles.bin"))
    overrides.append('<Override PartName="/xl/styles.bin" ContentType="application/vnd.ms-excel.styles"/>')
    workbook = b"".join([record(0x0083), record(0x008F), *entries, record(0x0090), record(0x0084)])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES.format(overrides="".join(overrides)))
        archive.writestr("_rels/.rels", RELATIONSHIPS.format(RELATIONSHIP.format(
            id="rId1", type="officeDocument", target="xl/workbook.bin")))
        archive.writestr("xl/workbook.bin", workbook)
        archive.writestr("xl/_rels/workbook.bin.rels", RELATIONSHIPS.format("".join(relationships)))
        archive.writestr("xl/styles.bin", styles())
        for name, data in parts.items():
            archive.writestr(name, data)
    return path
