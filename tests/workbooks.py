"""Small real workbooks and CSV folders for tests, written with xlsxwriter."""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Callable

import xlsxwriter
from openpyxl.utils import column_index_from_string


def identitas_rows(region="33.75", opd="DPMPPA", year=2024, sent="15/02/2025", officer="Siti Aminah"):
    return [["kolom", "isian"], ["kode_wilayah", region], ["kode_opd", opd], ["nama_opd", "Dinas PPPA"],
            ["tahun_laporan", year], ["tanggal_kirim", sent], ["nama_petugas", officer]]


class Formula:
    """A formula cell with its cached value (what Excel saved), or an Excel error such as '#REF!'."""

    def __init__(self, formula: str, cached):
        self.formula, self.cached = formula, cached


def write_workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path))
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    for name, rows in sheets.items():
        sheet = workbook.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                if isinstance(cell, Formula):
                    sheet.write_formula(r, c, cell.formula, None, cell.cached)
                elif isinstance(cell, (dt.date, dt.datetime)):
                    sheet.write_datetime(r, c, cell if isinstance(cell, dt.datetime) else dt.datetime.combine(cell, dt.time()), date_format)
                elif cell is None:
                    continue
                elif isinstance(cell, str):
                    sheet.write_string(r, c, cell)  # as typed text: "=..." stays text, as in a real submission
                else:
                    sheet.write(r, c, cell)
    workbook.close()
    return path


def write_csv_folder(folder: Path, sheets: dict[str, list[list]], delimiter=",") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in sheets.items():
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, delimiter=delimiter).writerows(rows)
    return folder


def rewrite_members(path: Path, edits: dict[str, Callable[[bytes], bytes]]) -> Path:
    """Edit members of a written .xlsx in place (xl/workbook.xml, xl/worksheets/sheet1.xml, ...), byte for byte, to
    make what Excel and xlsxwriter never write but a crafted file can hold."""
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            archive.writestr(info, edits[info.filename](data) if info.filename in edits else data)
    return path


def xml_attribute(text: str) -> bytes:
    """Text as an XML attribute value: markup escaped, control characters as character references (NUL, which XML
    cannot reference, raw: calamine reads it anyway)."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return "".join(f"&#{ord(c)};" if ord(c) < 32 and c != "\0" else c for c in escaped).encode("utf-8")


def write_workbook_named(path: Path, sheets: list[tuple[str, list[list]]]) -> Path:
    """Like write_workbook, with sheet names Excel and xlsxwriter refuse but calamine reads: an apostrophe first, '/',
    '[', ':', control characters, more than 31 characters, one name twice. Written under placeholder names, which
    are then replaced in xl/workbook.xml (in one pass, so that no name is taken for a placeholder)."""
    write_workbook(path, {f"__s{index}__": rows for index, (_, rows) in enumerate(sheets)})
    names = [xml_attribute(name) for name, _ in sheets]

    def rename(xml: bytes) -> bytes:
        return re.sub(rb'name="__s(\d+)__"', lambda m: b'name="' + names[int(m[1])] + b'"', xml)

    return rewrite_members(path, {"xl/workbook.xml": rename})


def dropdown_values(workbook, formula: str) -> list:
    """The values of a dropdown's source range, e.g. daftar_kode!$B$5:$B$7, as the workbook holds them."""
    sheet, cells = formula.lstrip("=").split("!")
    first, last = cells.replace("$", "").split(":")
    column = re.match(r"[A-Z]+", first).group()
    low, high = int(first[len(column):]), int(last[len(column):])
    worksheet = workbook[sheet.strip("'")]
    values = [worksheet.cell(row, column_index_from_string(column)).value for row in range(low, min(high, worksheet.max_row) + 1)]
    return [v for v in values if v not in (None, "")]
