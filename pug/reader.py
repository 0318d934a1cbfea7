"""Reading submissions into plain grids of cells: .xlsx workbooks (calamine) and folders of CSV files.

A grid is a list of rows from Excel row 1 and column A. Problems that make a file unreadable raise ReadProblem with
a finding code; nothing else is raised for bad input.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNZIPPED_BYTES = 400 * 1024 * 1024  # an xlsx is a zip: refuse decompression bombs before reading
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and password-protected .xlsx are OLE containers
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm"}


class ReadProblem(Exception):
    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


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
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ReadProblem("FILE_TOO_LARGE", f"{size / 1048576:.1f} MiB > {MAX_FILE_BYTES // 1048576} MiB")
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head == OLE_MAGIC:
        if path.suffix.lower() == ".xls":
            raise ReadProblem("FILE_TYPE_UNSUPPORTED", "format Excel 97-2003 (.xls); simpan sebagai .xlsx")
        raise ReadProblem("FILE_ENCRYPTED")
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        raise ReadProblem("FILE_TYPE_UNSUPPORTED", path.suffix or path.name)
    if not head.startswith(b"PK"):
        raise ReadProblem("FILE_UNREADABLE", "bukan berkas zip/xlsx")
    try:
        with zipfile.ZipFile(path) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
            if unzipped > MAX_UNZIPPED_BYTES:
                raise ReadProblem("FILE_TOO_LARGE", f"{unzipped / 1048576:.0f} MiB setelah diekstrak")
            error_cells = _error_cells_by_sheet(archive)
    except zipfile.BadZipFile as exc:
        raise ReadProblem("FILE_UNREADABLE", str(exc)) from None
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        grids = []
        for name in workbook.sheet_names:
            rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            grids.append(Grid(name, rows, error_cells.get(name, {})))
        return grids
    except python_calamine.PasswordError:
        raise ReadProblem("FILE_ENCRYPTED") from None
    except Exception as exc:  # calamine raises several types for corrupt content; all mean unreadable
        raise ReadProblem("FILE_UNREADABLE", f"{type(exc).__name__}: {str(exc)[:200]}") from None


_SHEET_ENTRY = re.compile(rb'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"', re.S)
_SHEET_ENTRY_REVERSED = re.compile(rb'<sheet\b[^>]*?r:id="([^"]*)"[^>]*?name="([^"]*)"', re.S)
_RELATIONSHIP = re.compile(rb'<Relationship\b[^>]*?Id="([^"]*)"[^>]*?Target="([^"]*)"', re.S)
_RELATIONSHIP_REVERSED = re.compile(rb'<Relationship\b[^>]*?Target="([^"]*)"[^>]*?Id="([^"]*)"', re.S)
_ERROR_CELL = re.compile(rb'<c\b([^>]*?\bt="e"[^>]*)>(.*?)</c>', re.S)
_CELL_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_CELL_VALUE = re.compile(rb"<v>(.*?)</v>", re.S)


def _unescape(raw: bytes) -> str:
    return raw.decode("utf-8", "replace").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")


def _column_index(letters: bytes) -> int:
    index = 0
    for char in letters:
        index = index * 26 + (char - 64)
    return index - 1


def _error_cells_by_sheet(archive: zipfile.ZipFile) -> dict[str, dict[tuple[int, int], str]]:
    """Excel error values (#REF!, #DIV/0!, ...) by sheet name.

    calamine reads an error cell as an empty string, which would hide a broken formula; the sheet XML marks such
    cells with t="e". Only sheets that contain that marker are scanned cell by cell.
    """
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return {}
    workbook_xml = archive.read("xl/workbook.xml")
    rels_xml = archive.read("xl/_rels/workbook.xml.rels")
    sheets = {rid: _unescape(name) for name, rid in _SHEET_ENTRY.findall(workbook_xml)}
    sheets.update({rid: _unescape(name) for rid, name in _SHEET_ENTRY_REVERSED.findall(workbook_xml)})
    targets = dict(_RELATIONSHIP.findall(rels_xml))
    targets.update({rid: target for target, rid in _RELATIONSHIP_REVERSED.findall(rels_xml)})
    found: dict[str, dict[tuple[int, int], str]] = {}
    for rid, sheet_name in sheets.items():
        target = targets.get(rid, b"").decode()
        member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        if member not in names:
            continue
        xml = archive.read(member)
        if b't="e"' not in xml:
            continue
        cells = {}
        for attributes, body in _ERROR_CELL.findall(xml):
            ref = _CELL_REF.search(attributes)
            value = _CELL_VALUE.search(body)
            if ref:
                cells[(int(ref[2]) - 1, _column_index(ref[1]))] = _unescape(value[1]) if value else "#ERROR"
        found[sheet_name] = cells
    return found


def read_csv_folder(folder: Path) -> list[Grid]:
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
    if not files:
        raise ReadProblem("FILE_TYPE_UNSUPPORTED", "folder tanpa berkas .csv")
    grids = []
    for file in files:
        if file.stat().st_size > MAX_FILE_BYTES:
            raise ReadProblem("FILE_TOO_LARGE", f"{file.name}: {file.stat().st_size / 1048576:.1f} MiB")
        raw = file.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ReadProblem("FILE_UNREADABLE", f"{file.name} bukan teks UTF-8") from None
        first_line = text.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        rows = [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
        grids.append(Grid(file.stem, rows))
    return grids
