"""Parsing one submission (a workbook or a CSV folder) into typed rows and findings.

Nothing here raises for bad input: every problem becomes a Finding. The Excel row number is each row's identity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from itertools import zip_longest
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from pug import contract, values
from pug.findings import CATALOGUE, ERROR, WARNING, Finding, finding
from pug.ingest.reader import Grid, ReadProblem, read_submission

if TYPE_CHECKING:
    from pug.reference import Reference

ACCEPTED = "accepted"
ACCEPTED_WITH_WARNINGS = "accepted_with_warnings"
ACCEPTED_WITH_ERRORS = "accepted_with_errors"
REJECTED = "rejected"
# The statuses in Bahasa Indonesia, for OPD staff and reviewers (pug check, feedback workbooks, review page).
STATUS_ID = {
    ACCEPTED: "Diterima",
    ACCEPTED_WITH_WARNINGS: "Diterima dengan peringatan",
    ACCEPTED_WITH_ERRORS: "Diterima sebagian: baris bermasalah dikarantina",
    REJECTED: "Ditolak: seluruh berkas tidak dapat diterima",
}

IDENTITY_KEYS = ("kode_wilayah", "kode_opd", "tahun_laporan", "tanggal_kirim")


@dataclass(frozen=True)
class ParseReference:
    """What parsing reads of the reference data, with the attributes of pug.reference.Reference it uses. Parse
    workers are given this rather than the Reference, whose pandas tables would cost each worker the import of pandas."""

    cities: frozenset[str]
    opds: frozenset[tuple[str, str]]
    periods: tuple[tuple[str, int, int], ...]

    @classmethod
    def of(cls, reference: Reference) -> "ParseReference":
        return cls(frozenset(reference.cities), frozenset(reference.opds), tuple(reference.periods))

    def period_of(self, year: int) -> tuple[str, int, int] | None:
        return next((p for p in self.periods if p[1] <= year <= p[2]), None)


@dataclass
class SheetRows:
    """The data rows of one contract sheet, kept by column: one list of typed values per record field, and each row's
    submitted text as a JSON object. A national year is written to the parse cache, read back and staged several
    times quicker than as a dict per row, and the JSON is made in the parse workers. `records` and `raw`, a dict
    per row, are derived on first use; staging reads `by_column()`."""

    sheet: str  # contract name
    source_name: str  # the name as written in the workbook
    columns: list[str]  # header cells as written, normalised (contract names and extras)
    field_names: list[str] = field(default_factory=list)  # the record fields: contract columns, then source_row
    field_values: list[list] = field(default_factory=list)  # one list per field, a value per row
    raw_json: list[str] = field(default_factory=list)  # every header column's text as submitted (NIK masked)
    error_rows: set[int] = field(default_factory=set)  # Excel rows with at least one error

    @property
    def rows_read(self) -> int:
        return len(self.raw_json)

    def by_column(self) -> tuple[list[str], list[list], list[str]]:
        return self.field_names, self.field_values, self.raw_json

    @cached_property
    def records(self) -> list[dict]:
        """Typed contract values and source_row, a dict per row."""
        return [dict(zip(self.field_names, row)) for row in zip(*self.field_values)]

    @cached_property
    def raw(self) -> list[dict]:
        return [orjson.loads(text) for text in self.raw_json]



@dataclass
class ParsedSubmission:
    path: str
    form: str  # 'xlsx', 'csv' or '' when unreadable
    identity: dict = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    sheets: dict[str, SheetRows] = field(default_factory=dict)

    @property
    def rejected(self) -> bool:
        return any(f.file_level and f.severity == ERROR for f in self.findings)

    @property
    def status(self) -> str:
        return status_of(self.findings)

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)


def status_of(findings: list[Finding]) -> str:
    """rejected (a file-level error), accepted_with_errors (rows quarantined), accepted_with_warnings, or accepted."""
    severities = {f.severity for f in findings}
    if any(f.file_level and f.severity == ERROR for f in findings):
        return REJECTED
    if ERROR in severities:
        return ACCEPTED_WITH_ERRORS
    if WARNING in severities:
        return ACCEPTED_WITH_WARNINGS
    return ACCEPTED


def parse_submission(path: Path, reference: Reference | ParseReference) -> ParsedSubmission:
    parsed = ParsedSubmission(path=str(path), form="")
    try:
        parsed.form, grids = read_submission(path)
    except ReadProblem as problem:
        parsed.findings.append(finding(problem.code, detail=problem.detail, detail_en=problem.detail_en))
        return parsed
    except OSError as exc:
        parsed.findings.append(finding("FILE_UNREADABLE", detail="berkas tidak dapat dibuka dari disk",
                                       detail_en=f"{type(exc).__name__}: {exc.strerror or exc}"))
        return parsed

    by_sheet: dict[str, list[Grid]] = {}
    for grid in grids:
        if contract.is_template_sheet(grid.name):  # instructions and lookups the template added
            continue
        name = contract.find_sheet(grid.name)
        if name is None:
            parsed.findings.append(finding("SHEET_EXTRA", sheet=grid.name, value=grid.name))
        else:
            by_sheet.setdefault(name, []).append(grid)
    for name, same in by_sheet.items():
        if len(same) > 1:
            parsed.findings.append(finding("SHEET_DUPLICATE", sheet=name, detail=", ".join(g.name for g in same)))

    if contract.IDENTITAS not in by_sheet:
        parsed.findings.append(finding("SHEET_IDENTITAS_MISSING", sheet=contract.IDENTITAS))
    else:
        _parse_identitas(by_sheet[contract.IDENTITAS][0], parsed, reference)
    for name, sheet in contract.SHEETS.items():
        if name in by_sheet:
            _parse_table(by_sheet[name][0], sheet, parsed, reference)
    return parsed


def _parse_identitas(grid: Grid, parsed: ParsedSubmission, reference: Reference | ParseReference) -> None:
    sheet = contract.IDENTITAS
    fields = {c.name: c for c in contract.IDENTITAS_FIELDS}
    seen: dict[str, tuple[int, object]] = {}
    for index, row in enumerate(grid.rows):
        if not row or values.is_blank(row[0]):
            continue
        key = contract.normalise_name(row[0])
        if key in fields and key not in seen:
            seen[key] = (index + 1, row[1] if len(row) > 1 else None)
            if (index, 1) in grid.error_cells:
                seen[key] = (index + 1, None)
                parsed.findings.append(finding("EXCEL_ERROR_VALUE", sheet=sheet, row=index + 1, column=key, column_index=1, value=grid.error_cells[(index, 1)]))

    identity = parsed.identity
    for name, column in fields.items():
        row, cell = seen.get(name, (None, None))
        if values.is_blank(cell):
            code = "IDENTITAS_FIELD_MISSING" if name in IDENTITY_KEYS else "IDENTITAS_NAME_MISSING"
            parsed.findings.append(finding(code, sheet=sheet, row=row, column=name, column_index=1 if row else None))
            continue
        text = values.cell_text(cell)
        if values.contains_nik(text):
            parsed.findings.append(finding("NIK_DETECTED", sheet=sheet, row=row, column=name, column_index=1, value=values.mask_nik(text)))
            text = cell = values.mask_nik(text)
        try:
            identity[name] = values.PARSERS[column.kind](cell)
        except values.ValueProblem as problem:
            parsed.findings.append(
                finding("IDENTITAS_FIELD_INVALID", sheet=sheet, row=row, column=name, column_index=1, value=text, detail=CATALOGUE[problem.code][4])
            )

    region, opd, year = identity.get("kode_wilayah"), identity.get("kode_opd"), identity.get("tahun_laporan")
    cell_of = {name: (seen.get(name, (None,))[0]) for name in fields}
    if region is not None and region not in reference.cities:
        parsed.findings.append(finding("REGION_UNKNOWN", sheet=sheet, row=cell_of["kode_wilayah"], column="kode_wilayah", column_index=1, value=region))
    elif region is not None and opd is not None and (region, opd) not in reference.opds:
        parsed.findings.append(finding("OPD_UNKNOWN", sheet=sheet, row=cell_of["kode_opd"], column="kode_opd", column_index=1, value=opd, detail=region))
    if year is not None and reference.period_of(year) is None:
        parsed.findings.append(finding("REPORT_YEAR_OUTSIDE_PERIOD", sheet=sheet, row=cell_of["tahun_laporan"], column="tahun_laporan", column_index=1, value=str(year)))
    sent = identity.get("tanggal_kirim")
    if year is not None and sent is not None and sent.year not in sending_years(year):
        parsed.findings.append(finding("SENT_DATE_IMPLAUSIBLE", sheet=sheet, row=cell_of["tanggal_kirim"], column="tanggal_kirim",
                                       column_index=1, value=sent.isoformat(), detail=str(year)))


def sending_years(report_year: int) -> range:
    """The years a report is sent in: its own or the next (SENT_DATE_IMPLAUSIBLE otherwise)."""
    return range(report_year, report_year + 2)


def _parse_table(grid: Grid, sheet: contract.Sheet, parsed: ParsedSubmission, reference: Reference | ParseReference) -> None:
    name = sheet.name
    header = grid.rows[0] if grid.rows else []
    # Header cells are submitted text too: a NIK typed there is masked like any other.
    columns = [values.mask_nik(contract.normalise_name(h)) if not values.is_blank(h) else "" for h in header]
    rows = SheetRows(sheet=name, source_name=grid.name, columns=columns)
    parsed.sheets[name] = rows
    if not any(columns) and len(grid.rows) <= 1:
        parsed.findings.append(finding("SHEET_EMPTY", sheet=name))
        return

    positions: dict[str, int] = {}
    for index, column in enumerate(columns):
        if not column:
            continue
        if column in positions:
            parsed.findings.append(finding("COLUMN_DUPLICATE", sheet=name, row=1, column=column, column_index=index))
        elif column not in sheet.column_names:
            parsed.findings.append(finding("COLUMN_EXTRA", sheet=name, row=1, column=column, column_index=index, value=str(header[index])))
        positions.setdefault(column, index)
    missing = [c for c in sheet.columns if c.required_column and c.name not in positions]
    for column in missing:
        parsed.findings.append(finding("COLUMN_MISSING", sheet=name, column=column.name))
    if missing:
        return  # the submission is rejected; its rows are not read

    # (column, position, parser, whether the parser is given the cell's text rather than the cell)
    present = [(c, positions[c.name], values.PARSERS[c.kind], c.kind in values.TEXT_KINDS)
               for c in sheet.columns if c.name in positions]
    contract_names = set(sheet.column_names)
    extras = [(column, index) for column, index in positions.items() if column not in contract_names]
    named = [(index, column) for index, column in enumerate(columns) if column]

    # Column by column: a sheet's rows are typed with one pass per column. One NIK search per column finds the rare
    # rows holding a NIK; they and the rows holding an Excel error value ("special") get the extra checks.
    data = grid.rows[1:]
    cells_by_column = list(zip_longest(*data)) if any(len(r) != len(data[0]) for r in data) else list(zip(*data))
    width, count = len(cells_by_column), len(data)
    cell_text = values.cell_text
    # Each cell's text once: "" is a blank cell (None, NaN, or only spaces). cell_text, inlined for text and whole
    # numbers (nearly every cell).
    texts_by_column = [[c.strip() if type(c) is str else str(int(c)) if type(c) is float and c.is_integer() and -1e16 < c < 1e16
                        else cell_text(c) for c in column] for column in cells_by_column]
    blank_column = [""] * count

    def texts_of(index: int) -> list[str]:
        return texts_by_column[index] if index < width else blank_column

    error_cells = grid.error_cells  # by (grid row, column); data row i is grid row i + 1, Excel row i + 2
    nik_rows = set()
    for index, _ in named:
        texts = texts_of(index)
        # One search per column, and none in a column without 16 characters in a cell: most hold no NIK.
        if max(map(len, texts), default=0) >= 16 and values.contains_nik("\0".join(texts)):
            nik_rows.update(i for i, text in enumerate(texts) if values.contains_nik(text))
    special = nik_rows | {row - 1 for row, _ in error_cells if row >= 1}
    kept = [i for i, row_texts in enumerate(zip(*texts_by_column)) if any(row_texts) or i in special]  # blank rows are skipped, not counted

    findings_of_row: dict[int, list[Finding]] = {}  # by data row, put in row order below

    def add(i: int, code: str, column: str, index: int, value: str | None = None) -> None:
        findings_of_row.setdefault(i, []).append(finding(code, sheet=name, row=i + 2, column=column, column_index=index, value=value))

    typed = {}
    for column, index, parse_value, reads_text in present:
        name_, required = column.name, column.required_value
        texts = texts_of(index)
        cells = cells_by_column[index] if index < width else blank_column
        out = typed[name_] = [None] * len(kept)
        for k, i in enumerate(kept):
            text = texts[i]
            if i in special and (error_value := error_cells.get((i + 1, index))) is not None:
                add(i, "EXCEL_ERROR_VALUE", name_, index, error_value)
                continue
            if not text:
                if required:
                    add(i, "VALUE_REQUIRED", name_, index)
                continue
            if text in values.EXCEL_ERRORS and isinstance(cells[i], str):
                add(i, "EXCEL_ERROR_VALUE", name_, index, text)
                continue
            if i in nik_rows and (masked := values.mask_nik(text)) != text:
                add(i, "NIK_DETECTED", name_, index, masked)
                continue
            try:
                out[k] = parse_value(text if reads_text else cells[i])
            except values.ValueProblem as problem:
                add(i, problem.code, name_, index, text)
    # An extra column may carry a NIK too: the row is quarantined, the value never stored unmasked.
    for i in sorted(nik_rows):
        for column, index in extras:
            if values.contains_nik(text := texts_of(index)[i]):
                add(i, "NIK_DETECTED", column, index, values.mask_nik(text))

    # Each row's submitted text: NIKs masked, an Excel error value as Excel shows it (calamine reads it as "").
    raw_names = [column for _, column in named]
    named_rows = list(zip(*(texts_of(index) for index, _ in named))) if named else [()] * count
    kept_raw = [orjson.dumps(dict(zip(raw_names, named_rows[i]))).decode() for i in kept]
    for k, i in enumerate(kept):
        if i in special:
            raw = {column: values.mask_nik(text) for column, text in zip(raw_names, named_rows[i])}
            for column, index, _, _ in present:
                if (error_value := error_cells.get((i + 1, index))) is not None:
                    raw[column.name] = error_value
            kept_raw[k] = orjson.dumps(raw).decode()
    for i in sorted(findings_of_row):
        parsed.findings += findings_of_row[i]
        rows.error_rows.add(i + 2)
    rows.field_names = [*sheet.column_names, "source_row"]
    rows.field_values = [typed.get(c, [None] * len(kept)) for c in sheet.column_names] + [[i + 2 for i in kept]]
    rows.raw_json = kept_raw
