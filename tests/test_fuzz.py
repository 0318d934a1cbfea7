"""Fuzzing the parser and `pug check --json` with Hypothesis: random and mutated workbooks, bytes and CSV folders.

Strategies start from a valid, sample-like workbook (every contract sheet, a few real rows) and mutate it: cells set
to text (unicode, control characters, 32,767 characters), numbers, dates, formulas, Excel errors or nothing; sheets
renamed, deleted, duplicated or added; header cells and columns changed; the .xlsx bytes flipped, cut or spliced,
or its XML edited and zipped again;
CSV folders with random names, bytes, rows, delimiters, BOMs and encodings.

Properties, for every input: no exception; every finding has a catalogued code, a severity and a message in both
languages, and a cell only with its row; rows are conserved (every non-blank Excel row of a sheet that is read is
one record, accepted or carrying an error, and nothing else is); typed values fit the column types they are staged
as; no 16-digit NIK comes out unmasked. `pug check --json` prints one valid JSON object per file, with a status of
the four, and exits 0 or 1.

Bugs found here are kept as @example. Example counts are bounded (the file runs in under a minute);
PUG_FUZZ_SCALE=20 multiplies them for a longer hunt.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import tempfile
import zipfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from corpus import (ADVOKASI, ADVOKASI_ROW, ANGGARAN, CAPAIAN, JABATAN, KADER, ORG_ROWS, ORGANISASI, PESERTA,
                    PRASYARAT, TARGET, identitas)
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from workbooks import Formula, rewrite_members, write_workbook_named

from pipelines.cli import main as pug
from pug import contract, values
from pug.findings import CATALOGUE, ERROR, NOTICE, WARNING, column_letter
from pug.ingest.parse import ACCEPTED, ACCEPTED_WITH_ERRORS, ACCEPTED_WITH_WARNINGS, REJECTED, ParsedSubmission, parse_submission
from pug.ingest.reader import ReadProblem, read_submission
from pug.validation.rules import RULE_CODES

STATUSES = {ACCEPTED, ACCEPTED_WITH_WARNINGS, ACCEPTED_WITH_ERRORS, REJECTED}
SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")
NIK = "3375014506890003"  # synthetic


def bounded(examples: int) -> settings:
    """A fixed number of examples (times PUG_FUZZ_SCALE, for a longer hunt), no deadline: a workbook with
    32,767-character cells takes its time."""
    scale = int(os.environ.get("PUG_FUZZ_SCALE", "1"))
    # The suite runs the same examples every time (a fuzz find must not make CI flaky); a hunt explores at random.
    return settings(max_examples=examples * scale, deadline=None, derandomize=scale == 1, database=None if scale == 1 else settings.default.database,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])


# A valid, sample-like submission of the women's agency: the contract sheets with real rows, and an extra sheet.
BASE: list[tuple[str, list[list]]] = [
    ("petunjuk", [["Isi setiap lembar sesuai templat."]]),
    ("identitas", identitas()),
    ("organisasi", [ORGANISASI, *ORG_ROWS]),
    ("advokasi", [ADVOKASI, ADVOKASI_ROW]),
    ("advokasi_peserta", [PESERTA, ["ADV-2024-01", "PKK-3375", 5], ["ADV-2024-01", "PKK-337501", None]]),
    ("kader", [KADER, ["KDR-001", "P", "DW-337501-1002-01", "33.75.01.1002", "05/03/2024", "Y", "AKTIF"]]),
    ("target", [TARGET, ["ORG_ADVOKASI_PCT", None, 2025, 60, None], ["ORG_ADVOKASI_PCT", None, 2026, "80%", None]]),
    ("capaian", [CAPAIAN, ["KRPPA_PCT", "33.75.01", 2024, 42.9, 3, 7, "DPMPPA", None]]),
    ("anggaran", [ANGGARAN, ["4.01.01.2.01.0001", "Penyusunan Dokumen", "Rp 150.000.000", "Rp 142.500.000", "T", "T", "T"]]),
    ("jabatan", [JABATAN, ["JPT-DINKES-01", "Kepala Dinas Kesehatan", "JPT_PRATAMA", "DINKES", "P", "DEFINITIF", "31/12/2024"]]),
    ("prasyarat", [PRASYARAT, [1, "Komitmen", "Perda PUG", "Ya", "Perda No. 5/2021", 80]]),
    ("krppa", [contract.SHEETS["krppa"].column_names, ["33.75.01.1002", 8, "T", None, None]]),
    ("kelembagaan_opd", [contract.SHEETS["kelembagaan_opd"].column_names, ["DINKES", "Y", "Ya", "T", "SK 050/17/2024", None]]),
]
SHEET_NAMES = [name for name, _ in BASE]

# --- strategies -----------------------------------------------------------------------------------------------------

TYPED_TEXT = [
    "=1+1", '=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1)", "-1+1", "'; DROP TABLE stg_organisasi; --",
    "<script>alert(1)</script>", "#REF!", "#DIV/0!", "#N/A", " #VALUE! ", "Rp 1.500.000,-", "12,5", "1.234.567",
    "1.234,5", "45%", "1,234,5", "18/04/2022", "31/02/2024", "2022-04-18", "18 April 2022", "5 Maret 2024", "04/18/2024",
    "Y", "Ya", "Tidak", "T", "N", "1", "0", "mungkin", "P", "L", "Perempuan", "W", "33.75", "33.75.01", "33.75.01.1002",
    "33.7", "PKK-3375", "kode salah", NIK, f"NIK {NIK}", f"{NIK}7", "", " ", "\u00a0", "\t\n", "1e20", "9" * 400,
    "1.000.000.000.000.000.000.000", "inf", "nan", "-0", "٣٣٧٥٠١٤٥٠٦٨٩٠٠٠٣", "ＤＰＭＰＰＡ", "İ", "ß",
    "\u200b", "\ufeff",
]
huge_text = st.builds(lambda char, size: char * size, st.characters(exclude_categories=("Cs",)), st.sampled_from([257, 4096, 32_767]))
formulas = st.builds(
    Formula,
    st.sampled_from(["=1+1", "=E2/F2*100", "=#REF!", "=VLOOKUP(A2,B:C,2,0)", '="=1+1"']),
    st.one_of(st.integers(-10**6, 10**6), st.floats(-1e6, 1e6), st.sampled_from(["#REF!", "#DIV/0!", "#N/A", "#VALUE!", "#NAME?"]),
              st.text(max_size=12), st.booleans()),
)
cells = st.one_of(
    st.none(),
    st.text(max_size=30),  # any unicode but lone surrogates, control characters included
    st.text(alphabet=st.characters(max_codepoint=0x9F), max_size=12),
    st.sampled_from(TYPED_TEXT),
    st.integers(-2**70, 2**70),
    st.floats(allow_nan=False, allow_infinity=False),  # xlsxwriter cannot write NaN or infinity
    st.floats(0, 1),
    st.dates(dt.date(1900, 3, 1), dt.date(9999, 12, 31)),
    st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(9999, 12, 31)),
    st.booleans(),
    formulas,
    huge_text,
)
sheet_names = st.one_of(
    st.sampled_from(SHEET_NAMES),
    st.sampled_from([n.upper() for n in SHEET_NAMES] + [n.replace("_", " ") + " " for n in SHEET_NAMES] + ["Capaian_", " IDENTITAS"]),
    st.text(max_size=40),
    st.sampled_from(["'; DROP TABLE stg_organisasi; --", "<script>alert(1)</script>", '=HYPERLINK("http://x","y")',
                     "+cmd|' /C calc'!A0", "@SUM(1)", f"NIK {NIK}", "lembar\x00\x01\x1f\x7f", "capaian\n", "", "Sheet1"]),
)
# Cells near the data, and a few far away: one value in M1048576 makes a grid of 13.6 million cells, over the limit.
positions = st.one_of(
    st.tuples(st.integers(0, 12), st.integers(0, 12)),
    st.sampled_from([(2000, 30), (0, 16_383), (1_048_575, 12), (700, 16_383)]),
)
cell_edits = st.lists(st.tuples(st.sampled_from(SHEET_NAMES), positions, cells), min_size=1, max_size=6)
sheet_edits = st.lists(
    st.one_of(
        st.tuples(st.just("rename"), st.integers(0, 20), sheet_names),
        st.tuples(st.just("delete"), st.integers(0, 20)),
        st.tuples(st.just("duplicate"), st.integers(0, 20), sheet_names),
        st.tuples(st.just("add"), sheet_names, st.lists(st.lists(cells, max_size=6), max_size=6)),
        st.tuples(st.just("drop_column"), st.integers(0, 20), st.integers(0, 9)),
        st.tuples(st.just("header"), st.integers(0, 20), st.integers(0, 9), st.one_of(cells, st.sampled_from(ORGANISASI + CAPAIAN))),
        st.tuples(st.just("blank_rows"), st.integers(0, 20), st.integers(1, 4)),
    ),
    min_size=1, max_size=5,
)


FAR = 5_000  # rows below this are written as rows; a value further down is put into the sheet's XML directly


def edited(cell_ops=(), sheet_ops=()) -> list[tuple[str, list[list]]]:
    """BASE with cell and sheet edits applied (indices wrap around the sheets there are). A cell far down the sheet
    becomes a FarCell in the sheet's first row, which write() places where it belongs without writing a million
    empty rows on the way."""
    sheets = [(name, [list(row) for row in rows]) for name, rows in BASE]
    for sheet, (r, c), value in cell_ops:
        rows = dict(sheets)[sheet]
        if r >= FAR:
            rows[0] = list(rows[0]) + [FarCell(r, c)]
            continue
        while len(rows) <= r:
            rows.append([])
        rows[r].extend([None] * (c + 1 - len(rows[r])))
        rows[r][c] = value
    for op in sheet_ops:
        if not sheets and op[0] != "add":
            continue
        kind, index = op[0], (op[1] % len(sheets) if sheets and isinstance(op[1], int) else 0)
        if kind == "rename":
            sheets[index] = (op[2], sheets[index][1])
        elif kind == "delete":
            del sheets[index]
        elif kind == "duplicate":
            sheets.append((op[2], [list(row) for row in sheets[index][1]]))
        elif kind == "add":
            sheets.append((op[1], op[2]))
        elif kind == "drop_column":
            sheets[index] = (sheets[index][0], [row[:op[2]] + row[op[2] + 1:] for row in sheets[index][1]])
        elif kind == "header":
            rows = sheets[index][1] or [[]]
            rows[0] = list(rows[0]) + [None] * (op[2] + 1 - len(rows[0]))
            rows[0][op[2]] = op[3]
            sheets[index] = (sheets[index][0], rows)
        elif kind == "blank_rows":
            rows = sheets[index][1]
            sheets[index] = (sheets[index][0], rows[:1] + [[]] * op[2] + rows[1:])
    return sheets


class FarCell:
    def __init__(self, row: int, column: int):
        self.row, self.column = row, column


def write(path: Path, sheets: list[tuple[str, list[list]]]) -> Path:
    """write_workbook_named, then each FarCell as an inline string "x" at its place in its sheet's XML."""
    far = {index: [c for c in rows[0] if isinstance(c, FarCell)] for index, (_, rows) in enumerate(sheets) if rows}
    plain = [(name, [[None if isinstance(c, FarCell) else c for c in row] for row in rows]) for name, rows in sheets]
    write_workbook_named(path, plain)

    def place(cells):
        xml = "".join(f'<row r="{c.row + 1}"><c r="{column_letter(c.column)}{c.row + 1}" t="inlineStr"><is><t>x</t></is></c></row>'
                      for c in sorted(cells, key=lambda c: c.row)).encode()
        return lambda sheet: sheet.replace(b"<sheetData/>", b"<sheetData></sheetData>").replace(b"</sheetData>", xml + b"</sheetData>")

    return rewrite_members(path, {f"xl/worksheets/sheet{index + 1}.xml": place(cells) for index, cells in far.items() if cells})


# Byte-level mutations of the base workbook: (kind, position, payload), positions wrapping around the file.
byte_edits = st.lists(
    st.one_of(
        st.tuples(st.just("flip"), st.integers(0, 2**31), st.integers(0, 7)),
        st.tuples(st.just("set"), st.integers(0, 2**31), st.binary(min_size=1, max_size=16)),
        st.tuples(st.just("insert"), st.integers(0, 2**31), st.binary(min_size=1, max_size=64)),
        st.tuples(st.just("delete"), st.integers(0, 2**31), st.integers(1, 512)),
        st.tuples(st.just("truncate"), st.integers(0, 2**31), st.just(b"")),
        # structure-aware: overwrite the compressed bytes of one member, or set the compression method of every member
        st.tuples(st.just("member"), st.sampled_from(["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet2.xml",
                                                      "xl/worksheets/sheet3.xml", "xl/sharedStrings.xml", "[Content_Types].xml"]),
                  st.tuples(st.integers(0, 400), st.binary(min_size=1, max_size=8))),
        st.tuples(st.just("method"), st.sampled_from([1, 6, 9, 12, 14, 93, 99, 0xFFFF]), st.just(b"")),
    ),
    min_size=1, max_size=4,
)

_BASE_BYTES: dict[str, bytes] = {}


def base_bytes() -> bytes:
    if "xlsx" not in _BASE_BYTES:
        with tempfile.TemporaryDirectory() as folder:
            _BASE_BYTES["xlsx"] = write(Path(folder) / "base.xlsx", BASE).read_bytes()
    return _BASE_BYTES["xlsx"]


def mutated_bytes(ops) -> bytes:
    data = bytearray(base_bytes())
    for kind, where, payload in ops:
        if kind == "member":
            with zipfile.ZipFile(io.BytesIO(base_bytes())) as archive:
                info = archive.getinfo(where)
            start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
            offset, chunk = payload
            position = start + offset % max(1, info.compress_size)
            data[position:position + len(chunk)] = chunk
        elif kind == "method":
            data = bytearray(re.sub(rb"(PK\x01\x02.{6}).{2}", lambda m: m[1] + where.to_bytes(2, "little"), bytes(data), flags=re.S))
        elif not data:
            continue
        elif kind == "flip":
            data[where % len(data)] ^= 1 << payload
        elif kind == "set":
            position = where % len(data)
            data[position:position + len(payload)] = payload
        elif kind == "insert":
            position = where % (len(data) + 1)
            data[position:position] = payload
        elif kind == "delete":
            position = where % len(data)
            del data[position:position + payload]
        elif kind == "truncate":
            del data[where % len(data):]
    return bytes(data)


# XML-level mutations: a member's uncompressed XML edited, then zipped again, so that calamine and the reader's own
# scan of the sheets see well-formed zips with odd XML (far cell references, huge counts, error cells, entities).
XML_MEMBERS = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/styles.xml",
               *[f"xl/worksheets/sheet{i}.xml" for i in range(1, len(BASE) + 1)]]
XML_TOKENS = [b"<", b">", b'"', b"'", b"&", b"&amp;", b"&#0;", b"&#10;", b"_x0000_", b't="e"', b't="s"', b't="n"', b't="b"',
              b't="d"', b't="str"', b't="inlineStr"', b' r="XFD1048576"', b' r="A0"', b" r='ZZZZ9'", b' r="$A$1"', b' r = "b2"',
              b"<v>", b"</v>", b"<v>1e308</v>", b"<v>-1</v>", b"<v>NaN</v>", b"<v>#REF!</v>", b"<v>4294967295</v>", b"<c>", b"</c>",
              b"<c/>", b"<row>", b"</row>", b'<row r="1048577">', b' s="999"', b"<f>1+1</f>", b' uniqueCount="4294967295"',
              b' count="99999999"', b"<!DOCTYPE x>", b"\xff", b"\x00", b"<x:c r=\"B2\"><x:v>1</x:v></x:c>"]
xml_edits = st.lists(
    st.tuples(st.sampled_from(XML_MEMBERS), st.sampled_from(["insert", "replace", "delete", "digits"]), st.integers(0, 2**31),
              st.one_of(st.sampled_from(XML_TOKENS), st.binary(min_size=1, max_size=8))),
    min_size=1, max_size=4,
)


def mutated_xml(ops) -> bytes:
    with zipfile.ZipFile(io.BytesIO(base_bytes())) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    for member, kind, where, payload in ops:
        data = bytearray(members[member])
        position = where % (len(data) + 1)
        if kind == "insert":
            data[position:position] = payload
        elif kind == "replace":
            data[position:position + len(payload)] = payload
        elif kind == "delete":
            del data[position:position + len(payload) * 8]
        else:  # the number starting here (a row, a count, a style index) becomes a large or odd one
            digits = re.match(rb"\d*", bytes(data[position:]))[0]
            data[position:position + len(digits)] = str([0, 1, 16_384, 1_048_576, 1_048_577, 2**31, 2**32 - 1, 10**20][where % 8]).encode()
        members[member] = bytes(data)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# CSV folders: file names (contract names, any text, a NIK, bytes that are not UTF-8) and contents (random bytes,
# or rows encoded with a delimiter, a BOM, line ends and an encoding).
csv_names = st.one_of(
    st.sampled_from(SHEET_NAMES + ["IDENTITAS", "Advokasi Peserta", "capaian ", NIK, "", ".", "..", "-"]),
    st.text(alphabet=st.characters(exclude_characters="/\0", exclude_categories=("Cs",)), min_size=1, max_size=30),
    st.binary(min_size=1, max_size=30).map(os.fsdecode),
)
csv_suffixes = st.sampled_from([".csv", ".csv", ".csv", ".CSV", ".txt", ""])
text_cells = st.one_of(st.sampled_from(TYPED_TEXT), st.text(max_size=20), huge_text)


@st.composite
def csv_contents(draw) -> bytes:
    kind = draw(st.sampled_from(["bytes", "rows", "base", "field"]))
    if kind == "bytes":
        return draw(st.binary(max_size=300))
    if kind == "field":  # an unclosed quote: the rest of the file is one field, here over csv's 128 KiB limit
        return b'kolom,isian\nkode_wilayah,"' + b"x" * draw(st.sampled_from([100, 140_000]))
    if kind == "base":
        rows = [[values.cell_text(c) for c in row] for row in dict(BASE)[draw(st.sampled_from(SHEET_NAMES))]]
        for _ in range(draw(st.integers(0, 3))):
            if rows:
                row = draw(st.integers(0, len(rows) - 1))
                rows[row] = rows[row] + [""] * 3
                rows[row][draw(st.integers(0, len(rows[row]) - 1))] = draw(text_cells)
    else:
        rows = draw(st.lists(st.lists(text_cells, max_size=8), max_size=8))
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join(delimiter.join('"' + c.replace('"', '""') + '"' if (delimiter in c or '"' in c or "\n" in c) else c
                                       for c in row) for row in rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-16-le"]))
    return text.encode(encoding, "replace")


csv_folders = st.lists(st.tuples(csv_names, csv_suffixes, csv_contents()), min_size=0, max_size=5)


def write_csv_files(folder: Path, files) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, suffix, content in files:
        filename = name + suffix
        if filename in ("", ".", "..") or len(os.fsencode(filename)) > 250:
            continue
        try:
            (folder / filename).write_bytes(content)
        except (OSError, ValueError):  # e.g. a name that is a folder already written
            continue
    return folder


# --- properties ------------------------------------------------------------------------------------------------------

TYPE_CHECKS = {
    contract.INTEGER: lambda v: isinstance(v, int) and not isinstance(v, bool) and -2**63 <= v < 2**63,
    contract.YEAR: lambda v: isinstance(v, int) and 1900 <= v <= 2100,
    contract.DECIMAL: lambda v: isinstance(v, float) and v == v and abs(v) != float("inf"),
    contract.DATE: lambda v: isinstance(v, dt.date) and not isinstance(v, dt.datetime),
    contract.YESNO: lambda v: isinstance(v, bool),
}


def assert_sound(parsed: ParsedSubmission, path: Path) -> None:
    """The properties every parsed submission keeps, whatever it was made of."""
    assert parsed.status in STATUSES
    assert parsed.rejected == any(f.severity == ERROR and f.file_level for f in parsed.findings)
    for f in parsed.findings:
        assert f.code in CATALOGUE, f.code
        assert f.severity in (ERROR, WARNING, NOTICE) and f.severity == CATALOGUE[f.code][0]
        assert isinstance(f.message, str) and f.message.strip() and isinstance(f.message_en, str) and f.message_en.strip()
        if f.cell is not None:
            assert f.row is not None and re.fullmatch(r"[A-Z]{1,3}" + str(f.row), f.cell), (f.cell, f.row)
        if f.row is not None:
            assert f.row >= 1 and f.sheet is not None

    # Conservation: the rows of every sheet that was read, against the grid the reader gives.
    try:
        _, grids = read_submission(path)
    except (ReadProblem, OSError):
        grids = []
        assert parsed.rejected and not parsed.sheets
    first = {}
    for grid in grids:
        first.setdefault(contract.find_sheet(grid.name), grid)
    for name, sheet in parsed.sheets.items():
        assert sheet.rows_read == len(sheet.records) == len(sheet.raw)
        rows = [r["source_row"] for r in sheet.records]
        assert rows == sorted(set(rows)) and all(r >= 2 for r in rows)
        assert sheet.error_rows <= set(rows)
        assert {f.row for f in parsed.findings if f.sheet == name and f.severity == ERROR and f.row and f.row > 1} <= sheet.error_rows
        grid = first[name]
        not_read = any(f.code == "COLUMN_MISSING" and f.sheet == name for f in parsed.findings)
        with_content = {i + 1 for i, row in enumerate(grid.rows) if i > 0 and (
            any(not values.is_blank(c) for c in row) or any(r == i for r, _ in grid.error_cells))}
        assert set(rows) == (set() if not_read else with_content), name
        kinds = {c.name: c.kind for c in contract.SHEETS[name].columns}
        for record in sheet.records:
            for column, value in record.items():
                if column != "source_row" and value is not None and kinds[column] in TYPE_CHECKS:
                    assert TYPE_CHECKS[kinds[column]](value), (name, record["source_row"], column, value)

    # Nothing that goes out (findings, the rows as submitted, headers, identity) holds a 16-digit run unmasked.
    shown = json.dumps([[f.as_dict() for f in parsed.findings], {k: str(v) for k, v in parsed.identity.items()},
                        {n: [s.columns, s.raw] for n, s in parsed.sheets.items()}], ensure_ascii=False, default=str)
    assert not SIXTEEN_DIGITS.search(shown)


def parse_written(path: Path, reference) -> ParsedSubmission:
    parsed = parse_submission(path, reference)
    assert_sound(parsed, path)
    return parsed


def test_the_base_workbook_is_accepted(reference, tmp_path):
    parsed = parse_written(write(tmp_path / "base.xlsx", BASE), reference)
    assert parsed.status == ACCEPTED, [f.as_dict() for f in parsed.findings]
    assert set(parsed.sheets) == set(SHEET_NAMES) & set(contract.SHEETS)  # every contract sheet the base holds


@bounded(100)
@given(ops=cell_edits)
@example(ops=[("capaian", (1, 3), 1 / 3)])  # 0.3333333333333333 read as a NIK: the row was quarantined
@example(ops=[("identitas", (1, 1), 0.05293073830196167)])  # shown with 15 digits: 0.0529307383019617 still 16
@example(ops=[("organisasi", (1, 7), 1e20)])  # 1e20 members: an int that no BIGINT holds (staging crashed)
@example(ops=[("organisasi", (2, 7), "1.000.000.000.000.000.000.000")])
@example(ops=[("identitas", (1_048_575, 12), "x")])  # far away: refused before calamine builds its grid
def test_mutated_cells(reference, ops):
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder) / "DPMPPA_2024.xlsx", edited(cell_ops=ops))
        parsed = parse_written(path, reference)
    # A number with a fraction is never a NIK, however many digits its binary value spells out.
    final = {(sheet, r, c): value for sheet, (r, c), value in ops}
    for (sheet, r, c), value in final.items():
        if isinstance(value, float) and not value.is_integer():
            cell = f"{column_letter(c)}{r + 1}"
            assert not [f for f in parsed.findings if f.code == "NIK_DETECTED" and f.sheet == sheet and f.cell == cell]


@bounded(60)
@given(ops=sheet_edits, cell_ops=st.lists(st.tuples(st.sampled_from(SHEET_NAMES), positions, cells), max_size=3))
@example(ops=[("rename", 7, "capaian\n")], cell_ops=[("capaian", (1, 3), Formula("=1/0", "#DIV/0!"))])
def test_mutated_sheets_and_headers(reference, ops, cell_ops):
    with tempfile.TemporaryDirectory() as folder:
        parse_written(write(Path(folder) / "DPMPPA_2024.xlsx", edited(cell_ops, ops)), reference)


@bounded(40)
@given(sheets=st.lists(st.tuples(sheet_names, st.lists(st.lists(cells, max_size=8), max_size=8)), max_size=4),
       with_identitas=st.booleans())
def test_random_workbooks(reference, sheets, with_identitas):
    with tempfile.TemporaryDirectory() as folder:
        sheets = [("identitas", identitas())] * with_identitas + sheets
        assume(sheets)  # a workbook has at least one sheet
        parse_written(write(Path(folder) / "laporan.xlsx", sheets), reference)


@bounded(200)
@given(ops=byte_edits)
@example(ops=[("member", "xl/workbook.xml", (0, b"\xff\xff\xff\xff"))])  # zlib.error escaped the reader
@example(ops=[("method", 99, b"")])  # NotImplementedError: compression method 99 (AES)
@example(ops=[("set", 4, b"\xff\xff")])  # zip version 65535.0: NotImplementedError
def test_mutated_bytes(reference, ops):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "DPMPPA_2024.xlsx"
        path.write_bytes(mutated_bytes(ops))
        parse_written(path, reference)


@bounded(150)
@given(ops=xml_edits)
def test_mutated_xml(reference, ops):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "DPMPPA_2024.xlsx"
        path.write_bytes(mutated_xml(ops))
        parse_written(path, reference)


@bounded(150)
@given(files=csv_folders)
@example(files=[("identitas", ".csv", b'kolom,isian\nkode_wilayah,"' + b"x" * 140_000)])  # csv.Error escaped the reader
@example(files=[("identitas", ".csv", b"kolom;isian\r\nkode_wilayah;33.75\r\n"), (os.fsdecode(b"catatan\xe9"), ".csv", b"a\n")])
def test_csv_folders(reference, files):
    with tempfile.TemporaryDirectory() as folder:
        parse_written(write_csv_files(Path(folder) / "DPMPPA_2024", files), reference)


# --- pug check --json ---------------------------------------------------------------------------------------------

submissions = st.one_of(
    st.tuples(st.just("cells"), cell_edits),
    st.tuples(st.just("sheets"), sheet_edits),
    st.tuples(st.just("bytes"), byte_edits),
    st.tuples(st.just("xml"), xml_edits),
    st.tuples(st.just("csv"), csv_folders),
)


def materialise(folder: Path, index: int, submission) -> Path:
    kind, ops = submission
    if kind == "cells":
        return write(folder / f"f{index}.xlsx", edited(cell_ops=ops))
    if kind == "sheets":
        return write(folder / f"f{index}.xlsx", edited(sheet_ops=ops))
    if kind in ("bytes", "xml"):
        (folder / f"f{index}.xlsx").write_bytes(mutated_bytes(ops) if kind == "bytes" else mutated_xml(ops))
        return folder / f"f{index}.xlsx"
    return write_csv_files(folder / f"f{index}", ops)


@bounded(6)
@given(batch=st.lists(submissions, min_size=1, max_size=2))
@example(batch=[("cells", [("organisasi", (1, 7), 1e20)])])  # pyarrow OverflowError in staging: a traceback
@example(batch=[("csv", [("identitas", ".csv", "\n".join(",".join(map(str, r)) for r in identitas()).encode()),
                         (os.fsdecode(b"catatan\xe9"), ".csv", b"a,b\n1,2\n")])])  # a name not UTF-8: Arrow refused it
def test_pug_check_json(batch):
    with tempfile.TemporaryDirectory() as folder:
        files = [materialise(Path(folder), index, submission) for index, submission in enumerate(batch)]
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = pug(["check", "--json", *map(str, files)])
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert code in (0, 1)
    assert [line["file"] for line in lines] == [str(f) for f in files]
    for line in lines:
        assert line["status"] in STATUSES
        for e in line["errors"]:
            assert e["code"] in CATALOGUE or e["code"] in RULE_CODES, e["code"]
            assert e["severity"] in (ERROR, WARNING, NOTICE) and e["message"] and e["message_en"]
            assert e["cell"] is None or (e["row"] is not None and e["cell"].endswith(str(e["row"])))
    assert code == (1 if any(e["severity"] == ERROR for line in lines for e in line["errors"]) else 0)
    assert not SIXTEEN_DIGITS.search(out.getvalue() + err.getvalue())
