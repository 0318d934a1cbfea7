"""Small real workbooks and CSV folders for tests, written with xlsxwriter."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import xlsxwriter


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
