"""Writing a submission: one xlsx writer and one CSV-folder writer, with the ways OPD staff format cells as options.

A `Style` says how a submission's cells look: Excel dates or text dates (18/04/2022, 18 April 2022, 2022-04-18),
numbers or Indonesian number text (1.234.567, 12,5, Rp 1.500.000, 45,5%), Y/T or Ya/Tidak, a `petunjuk` sheet
first or last, and a CSV separator. A cell's kind comes from pug.contract. The xlsx files carry a fixed creation
date, so the same sheets give the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import xlsxwriter

from pug.contract import DATE, DECIMAL, IDENTITAS, IDENTITAS_FIELDS, INTEGER, SHEETS, TEXT, YEAR, YESNO
from pug.synthetic.catalogue import BULAN, PETUNJUK

NUMBER_KINDS = (INTEGER, DECIMAL)
IDENTITAS_KINDS = {f.name: f.kind for f in IDENTITAS_FIELDS}


@dataclass
class Sheet:
    name: str
    columns: list[str]
    rows: list[list | None]  # each aligned with columns; None: a blank row

    def data_rows(self) -> int:
        return sum(1 for r in self.rows if r is not None)


@dataclass(frozen=True)
class Style:
    dates: str = "excel"  # excel | dmy (18/04/2022) | long (18 April 2022) | iso (2022-04-18)
    numbers: str = "number"  # number | id_text (1.234.567 / 12,5 / Rp 1.500.000)
    percent_sign: bool = False  # the capaian values of % indicators written as 45,5%
    yesno: str = "YT"  # YT | YaTidak
    petunjuk: str | None = None  # None | first | last: an instructions sheet
    separator: str = ","  # CSV only


@dataclass(frozen=True)
class Formula:
    """A formula cell with its cached value (a reader must use the cached value)."""

    formula: str
    value: object


@dataclass(frozen=True)
class Raw:
    """Text written exactly as given, whatever the column's kind (a planted mistake, a percent sign)."""

    text: str


SPECIAL_VALUES = frozenset({Formula, Raw})

# ---------------------------------------------------------------- cell text ----------------------------------


def _grouped(n: int) -> str:
    text = f"{abs(n):,}".replace(",", ".")
    return f"-{text}" if n < 0 else text


def decimal_text(v: float) -> str:
    """12,5 and 1.234.567,25: a decimal comma; thousands dots only from a million on, so never ambiguous."""
    whole, _, fraction = f"{v:.6f}".rstrip("0").rstrip(".").partition(".")
    whole = _grouped(int(whole)) if abs(int(whole)) >= 1_000_000 else whole
    return f"{whole},{fraction}" if fraction else whole


def _plain_number(v) -> str:
    return str(int(v)) if float(v).is_integer() else decimal_text(float(v))


def _indonesian_number(kind: str, column: str) -> Callable[[object], str]:
    def text(v) -> str:
        if not float(v).is_integer():
            return decimal_text(float(v))
        n = int(v)
        if column == "pagu":
            return "Rp " + _grouped(n)
        return _grouped(n) if kind == INTEGER or abs(n) >= 1_000_000 else str(n)
    return text


def text_date(d: dt.date, style: str) -> str:
    if style == "dmy":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "long":
        return f"{d.day} {BULAN[d.month]} {d.year}"
    return d.isoformat()


def _as_text(kind: str, column: str, style: Style) -> Callable[[object], str]:
    """How a value of this kind is written as text in this style."""
    if kind == DATE:
        return lambda v: text_date(v, "iso" if style.dates == "excel" else style.dates)
    if kind == YESNO:
        yes, no = ("Ya", "Tidak") if style.yesno == "YaTidak" else ("Y", "T")
        return lambda v: yes if v else no
    if kind in NUMBER_KINDS and style.numbers == "id_text":
        return _indonesian_number(kind, column)
    if kind in NUMBER_KINDS or kind == YEAR:
        return _plain_number
    return str


def _kinds(sheet: Sheet) -> list[str]:
    spec = SHEETS.get(sheet.name)
    return [spec.column(c).kind if spec and c in spec.column_names else TEXT for c in sheet.columns]


def _identitas_kinds(row: list) -> list[str]:
    """identitas is a list of fields: the kind of a value depends on its row."""
    return [TEXT, IDENTITAS_KINDS.get(row[0], TEXT)]


def _with_percent_signs(sheet: Sheet, percent_codes: frozenset[str]) -> Sheet:
    if sheet.name != "capaian":
        return sheet
    at = sheet.columns.index("realisasi")
    rows = []
    for row in sheet.rows:
        if row is not None and row[0] in percent_codes and isinstance(row[at], (int, float)):
            row = [*row[:at], Raw(decimal_text(float(row[at])) + "%"), *row[at + 1:]]
        rows.append(row)
    return replace(sheet, rows=rows)


# ---------------------------------------------------------------- xlsx ---------------------------------------


def write_xlsx(path: Path, sheets: list[Sheet], style: Style, *, created: dt.datetime, title: str, company: str,
               percent_codes: frozenset[str] = frozenset()) -> None:
    """One workbook. in_memory: these workbooks are small, and constant_memory's temporary files per sheet made
    writing slower."""
    wb = xlsxwriter.Workbook(str(path), {"in_memory": True, "strings_to_numbers": False,
                                         "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": title, "author": "Generator sampel PUG (data sintetis)", "company": company,
                       "comments": "Data sintetis", "created": created})
    head = wb.add_format({"bold": True, "bg_color": "#D9E1F2"})
    date_format = wb.add_format({"num_format": "dd/mm/yyyy"})
    if style.petunjuk == "first":
        _petunjuk(wb)
    for sheet in sheets:
        if style.percent_sign:
            sheet = _with_percent_signs(sheet, percent_codes)
        ws = wb.add_worksheet(sheet.name)
        for c, name in enumerate(sheet.columns):
            ws.write_string(0, c, name, head)
            ws.set_column(c, c, max(12, min(45, len(name) + 4)))
        kinds = _kinds(sheet)
        per_column = [_cell_writer(ws, kind, column, style, date_format) for kind, column in zip(kinds, sheet.columns)]
        special = SPECIAL_VALUES
        for r, row in enumerate(sheet.rows, start=1):
            if row is None:
                continue
            row_writers = per_column
            if sheet.name == IDENTITAS:
                row_writers = [_cell_writer(ws, kind, column, style, date_format)
                               for kind, column in zip(_identitas_kinds(row), sheet.columns)]
            for c, value in enumerate(row):
                if value is None:
                    continue
                if value.__class__ in special:
                    _write_special(ws, r, c, value)
                else:
                    row_writers[c](r, c, value)
    if style.petunjuk == "last":
        _petunjuk(wb)
    wb.close()


def _cell_writer(ws, kind: str, column: str, style: Style, date_format) -> Callable[[int, int, object], object]:
    """The write call for one column: native Excel dates and numbers where the style keeps them, text otherwise."""
    if kind == DATE and style.dates == "excel":
        return lambda r, c, v: ws.write_datetime(r, c, v, date_format)
    if kind == YEAR or (kind in NUMBER_KINDS and style.numbers == "number"):
        return ws.write_number
    text = _as_text(kind, column, style)
    if text is str:  # text columns hold str values
        return ws.write_string
    return lambda r, c, v: ws.write_string(r, c, text(v))


def _write_special(ws, r: int, c: int, value) -> None:
    if value.__class__ is Formula:
        ws.write_formula(r, c, value.formula, None, value.value)
    else:
        ws.write_string(r, c, value.text)


def _petunjuk(wb) -> None:
    ws = wb.add_worksheet("petunjuk")
    ws.set_column(0, 0, 110)
    for i, line in enumerate(PETUNJUK):
        ws.write_string(i, 0, line)


# ---------------------------------------------------------------- CSV folder ---------------------------------


def write_csv_folder(folder: Path, sheets: list[Sheet], style: Style,
                     percent_codes: frozenset[str] = frozenset()) -> None:
    """The same sheets as one CSV file each (UTF-8), every value as text in the style."""
    folder.mkdir(parents=True, exist_ok=True)
    for sheet in sheets:
        if style.percent_sign:
            sheet = _with_percent_signs(sheet, percent_codes)
        kinds = _kinds(sheet)
        per_column = [_as_text(kind, column, style) for kind, column in zip(kinds, sheet.columns)]
        with (folder / f"{sheet.name}.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, delimiter=style.separator, lineterminator="\n")
            writer.writerow(sheet.columns)
            for row in sheet.rows:
                if row is None:
                    writer.writerow([])
                    continue
                texts = per_column
                if sheet.name == IDENTITAS:
                    texts = [_as_text(kind, column, style)
                             for kind, column in zip(_identitas_kinds(row), sheet.columns)]
                writer.writerow([_csv_cell(value, text) for value, text in zip(row, texts)])


def _csv_cell(value, text: Callable[[object], str]) -> str:
    if value is None:
        return ""
    if value.__class__ is Raw:
        return value.text
    return text(value.value if value.__class__ is Formula else value)
