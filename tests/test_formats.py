"""Workbooks as LibreOffice saves them: every workbook of the corpus and two of the sample, re-saved by LibreOffice
Calc (installed by .ci/run) as .xlsx, .xls and .ods, read as the original: the same status, findings and rows. The
same workbooks as Excel binary workbooks (.xlsb, which LibreOffice cannot write; tests/xlsb_writer.py) read the same
too."""

import shutil
import subprocess

import pytest
from corpus import CASES
from programs import require_program

from xlsb_writer import write_xlsb

from pug.ingest.parse import parse_submission
from pug.ingest.reader import read_workbook

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
FORMATS = ("xlsx", "xls", "ods")
# Where a re-saved file differs by LibreOffice's own doing, the finding's value may differ (never its code or cell).
VALUE_MAY_DIFFER = {
    "excel_error_values": "LibreOffice recalculates a formula that Excel had cached: =A1+#REF! becomes #NAME?",
    "nik_in_extra_column": "LibreOffice writes a 16-digit number to .xlsx with 15 significant digits, as Excel shows it",
}


@pytest.fixture(scope="module")
def originals(tmp_path_factory, built_sample):
    """The workbooks of the corpus and two of the sample, under one folder."""
    root = tmp_path_factory.mktemp("resaved")
    originals = root / "originals"
    originals.mkdir()
    for case in CASES:
        built = case.build(root / "built" / case.name)
        if built.is_file() and built.suffix == ".xlsx" and case.group != "file":
            shutil.copy(built, originals / f"{case.name}.xlsx")
    sample = built_sample["raw"] / "submissions"
    shutil.copy(sample / "2025" / "33.75" / "DPMPPA.xlsx", originals / "sample_pekalongan_DPMPPA_2025.xlsx")
    shutil.copy(sample / "2024" / "32.75" / "DPPPA.xlsx", originals / "sample_bekasi_DPPPA_2024.xlsx")
    return root, sorted(originals.glob("*.xlsx"))


@pytest.fixture(scope="module")
def resaved(originals):
    soffice = require_program(SOFFICE, "libreoffice-calc-nogui")
    root, files = originals
    for fmt in FORMATS:  # one LibreOffice run per format, with a profile of its own
        subprocess.run([soffice, "--headless", f"-env:UserInstallation={(root / 'profile').as_uri()}", "--convert-to", fmt,
                        "--outdir", str(root / fmt), *map(str, files)], check=True, capture_output=True, timeout=600)
    return root, [path.stem for path in files]


def _read(path, reference):
    parsed = parse_submission(path, reference)
    return parsed, sorted((f.code, f.severity, f.sheet, f.row, f.column, f.cell) for f in parsed.findings)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_workbook_resaved_by_libreoffice_reads_as_the_original(resaved, reference, fmt):
    root, names = resaved
    assert len(names) > 60
    for name in names:
        original, where = _read(root / "originals" / f"{name}.xlsx", reference)
        copy, copy_where = _read(root / fmt / f"{name}.{fmt}", reference)
        assert (copy.status, copy_where) == (original.status, where), name
        assert copy.identity == original.identity, name
        assert {sheet: rows.records for sheet, rows in copy.sheets.items()} == \
               {sheet: rows.records for sheet, rows in original.sheets.items()}, name
        if name not in VALUE_MAY_DIFFER:
            assert [f.value for f in copy.findings] == [f.value for f in original.findings], name


def test_a_workbook_saved_as_an_excel_binary_workbook_reads_as_the_original(originals, reference, tmp_path):
    _, files = originals
    assert len(files) > 60
    for original_path in files:
        grids = read_workbook(original_path)
        copy_path = write_xlsb(tmp_path / f"{original_path.stem}.xlsb", [(g.name, g.rows, g.error_cells) for g in grids])
        original, where = _read(original_path, reference)
        copy, copy_where = _read(copy_path, reference)
        assert (copy.status, copy_where) == (original.status, where), original_path.stem
        assert copy.identity == original.identity, original_path.stem
        assert {sheet: rows.records for sheet, rows in copy.sheets.items()} == \
               {sheet: rows.records for sheet, rows in original.sheets.items()}, original_path.stem
        assert [f.value for f in copy.findings] == [f.value for f in original.findings], original_path.stem
