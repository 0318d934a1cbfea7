"""The template explains itself (issue 20, point 1): filled from nothing but what it offers (its lookups, dropdowns,
checks and header notes), or with a clean sample report's rows, every OPD's template passes `pug check` with no
finding at all; every lookup a message or note names is in it."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from workbooks import dropdown_values

from pug import contract
from pug.findings import CATALOGUE
from pug.outputs.template import write_template
from pug.validation.lone_file import check_file
from pug.validation.rules import RULES

# The plan period's first report year: a filled-in number is then compared with no earlier year's value
# (VALUE_FAR_FROM_LAST_YEAR), which a template cannot know and a filler would only guess at.
YEAR = 2022


@pytest.fixture(scope="module")
def templates(reference, built_sample, tmp_path_factory):
    """The template of the year for every OPD of both cities, with the sample warehouse's register, written once."""
    folder = tmp_path_factory.mktemp("templates")
    written = []
    for opd in reference.tables["opd"].itertuples():
        out = folder / f"{opd.kode_wilayah}_{opd.kode_opd}.xlsx"
        write_template(out, reference, opd_code=opd.kode_opd, year=YEAR, region_code=opd.kode_wilayah,
                       published=built_sample["report"].published)
        written.append((opd, out))
    return written


def _copies(templates, tmp_path):
    for opd, path in templates:
        yield opd, Path(shutil.copy(path, tmp_path / path.name))


def _checks(worksheet) -> dict[int, object]:
    """Excel's data validation of each column (by index), as the workbook states it."""
    found = {}
    for validation in worksheet.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            found[cell_range.min_col - 1] = validation
    return found


def _number(value: str, kind: str):
    return dt.date(1899, 12, 30) + dt.timedelta(days=float(value)) if kind == "date" else \
        (int(float(value)) if kind == "whole" else float(value))


def _allowed(validation):
    """A value the check allows: in the middle of a range, just above a floor, at a ceiling."""
    kind, operator = validation.type, validation.operator or "between"
    low = _number(validation.formula1, kind)
    if operator == "between":
        high = _number(validation.formula2, kind)
        if kind == "date":
            return low + (high - low) / 2
        return high if kind == "whole" and high - low < 50 else low + (high - low) / 2 if kind == "decimal" and high < 1e6 else low + 1
    return {"greaterThanOrEqual": low + 1, "lessThanOrEqual": low}[operator]


def fill_from_the_template(path) -> None:
    """Fill each sheet the way a careful OPD officer would who knows nothing but the template: required columns
    (the header note says "Wajib diisi") and every column with a dropdown, from the dropdown's list, the check's
    range or the note's example. One row per sheet; one per code when the key column takes a code list."""
    workbook = openpyxl.load_workbook(path)
    identitas = workbook[contract.IDENTITAS]
    for row in identitas.iter_rows(min_row=2):
        if row[0].value == "tanggal_kirim":
            row[1].value = _allowed(_checks(identitas)[1])
        elif row[0].value == "nama_petugas":
            row[1].value = "Sri Wahyuni"
    for name in contract.SHEETS:
        if name not in workbook.sheetnames:
            continue
        worksheet, sheet = workbook[name], contract.SHEETS[name]
        header = [cell.value for cell in worksheet[1]]
        notes = {index: cell.comment.text for index, cell in enumerate(worksheet[1])}
        checks = _checks(worksheet)
        lists = {index: dropdown_values(workbook, v.formula1) for index, v in checks.items() if v.type == "list"}
        # a key taken from a code list (the seven prerequisites): a row for each code
        key_lists = [lists[header.index(k)] for k in sheet.key
                     if header.index(k) in lists and contract.CODE_LISTS in checks[header.index(k)].formula1]
        rows = len(key_lists[0]) if key_lists else 1
        for row in range(rows):
            for index, column in enumerate(header):
                note, check = notes[index], checks.get(index)
                if index in lists:
                    value = lists[index][row % len(lists[index])] if lists[index] else None
                elif "Wajib diisi" not in note:
                    value = None
                elif check is not None:
                    value = _allowed(check)
                else:
                    value = re.search(r"Contoh: (.*)", note).group(1)
                worksheet.cell(row + 2, index + 1, value)
    workbook.save(path)


def test_every_opds_template_filled_from_its_own_lookups_passes_the_check_with_no_finding(reference, built_sample, templates, tmp_path):
    seen = set()
    for opd, path in _copies(templates, tmp_path):
        fill_from_the_template(path)
        result = check_file(path, reference, built_sample["report"].published)
        assert result["errors"] == [], (opd.kode_wilayah, opd.kode_opd, result["errors"][:3])
        seen.add(opd.kode_wilayah)
    assert seen == {"32.75", "33.75"}


def test_a_template_with_a_clean_sample_reports_rows_passes_the_check_with_no_finding(reference, built_sample, templates, tmp_path):
    """Each sample workbook of the year with no planted mistake, its rows copied into its OPD's template by column name."""
    truth, raw = built_sample["truth"], built_sample["raw"]
    with_mistakes = {m["file"] for m in truth["mistakes"]}
    clean = {(f["region"], f["opd"]): f["path"] for f in truth["files"]
             if f["year"] == YEAR and f["current"] and f["form"] == "xlsx" and f["path"] not in with_mistakes}
    copied = 0
    for opd, path in _copies(templates, tmp_path):
        source = clean.get((opd.kode_wilayah, opd.kode_opd))
        if source is None:
            continue
        report, template = openpyxl.load_workbook(raw / source, data_only=True), openpyxl.load_workbook(path)
        sent = {row[0]: row[1] for row in report[contract.IDENTITAS].iter_rows(min_row=2, values_only=True)}
        for row in template[contract.IDENTITAS].iter_rows(min_row=2):
            if row[0].value in ("tanggal_kirim", "nama_petugas"):
                row[1].value = sent[row[0].value]
        for name in set(report.sheetnames) & set(contract.SHEETS):
            rows = list(report[name].iter_rows(values_only=True))
            header, target = list(rows[0]), template[name]
            at = {cell.value: cell.column for cell in target[1]}
            for number, values in enumerate(rows[1:], start=2):
                for column, value in zip(header, values):
                    target.cell(number, at[column], value)
        template.save(path)
        result = check_file(path, reference, built_sample["report"].published)
        assert result["errors"] == [], (source, result["errors"][:3])
        copied += 1
    assert copied >= 20


def test_every_lookup_a_message_or_note_names_is_in_the_template(reference, built_sample, templates, tmp_path):
    texts = [text for spec in CATALOGUE.values() for text in spec[2:] if isinstance(text, str)]
    texts += [text for rule in RULES for text in (rule.message, rule.hint)]
    texts += [column.description for sheet in contract.SHEETS.values() for column in sheet.columns]
    named = {match for text in texts for match in re.findall(r"lembar (\w+)", text)}
    assert {contract.REGION_LIST, contract.OPD_LIST, contract.INDICATOR_LIST, contract.CODE_LISTS,
            contract.ORGANISATION_LIST} <= named
    # nothing points at a list without naming it
    assert not [text for text in texts if re.search(r"daftar (pilihan|wilayah|OPD) pada templat", text)]
    for opd, path in _copies(templates, tmp_path):
        workbook = openpyxl.load_workbook(path)
        shown = set(workbook.sheetnames)
        assert {name for name in named if name.startswith("daftar_")} <= shown, (opd.kode_opd, named - shown)
        for name in set(workbook.sheetnames) & set(contract.SHEETS):
            worksheet = workbook[name]
            notes = [cell.comment for cell in worksheet[1]]
            assert all(notes), (opd.kode_opd, name)  # a note on every header cell: meaning, example, required or not
            for column, note in zip(contract.SHEETS[name].columns, notes):
                assert note.text.startswith(f"{column.name}: ") and ("Wajib diisi." in note.text) == column.required_value
                assert "Contoh: " in note.text or not column.required_value, (name, note.text)
            for validation in worksheet.data_validations.dataValidation:
                if validation.type == "list" and "daftar_" in validation.formula1:  # every lookup lists something
                    assert dropdown_values(workbook, validation.formula1), (opd.kode_opd, name, validation.formula1)
        guide = " ".join(str(c.value) for row in workbook[contract.GUIDE].iter_rows() for c in row if c.value)
        assert "pug check" not in guide and "Batas waktu pengiriman" in guide and "Cara mengirim" in guide
