"""The `pug` command as OPD staff and the data team use it: template, check (text and JSON), exit codes."""

import json
import subprocess

import openpyxl
import pytest
from lone_check import PUG, WITHOUT_WAREHOUSE
from workbooks import dropdown_values, identitas_rows, write_workbook

from pipelines.cli import main
from pug.ingest.parse import ACCEPTED, parse_submission



def run_pug(*args, cwd=None):
    return subprocess.run([*PUG, *args], capture_output=True, text=True, cwd=cwd, env=WITHOUT_WAREHOUSE)


def test_template_has_the_opds_sheets_prefilled_identity_and_dropdowns(tmp_path, reference):
    out = tmp_path / "DPMPPA_2025.xlsx"
    assert main(["template", "--opd", "DPMPPA", "--year", "2025", "--region", "33.75", "--out", str(out)]) == 0
    workbook = openpyxl.load_workbook(out)
    assert {"identitas", "organisasi", "advokasi", "advokasi_peserta", "kader", "target", "capaian", "anggaran"} <= set(workbook.sheetnames)
    identity = {row[0].value: row[1].value for row in workbook["identitas"].iter_rows(min_row=2)}
    assert identity["kode_opd"] == "DPMPPA" and identity["kode_wilayah"] == "33.75" and identity["tahun_laporan"] == 2025
    dropdowns = {str(v.sqref).split(":")[0]: dropdown_values(workbook, v.formula1)
                 for v in workbook["organisasi"].data_validations.dataValidation if v.type == "list"}
    assert "PKK" in dropdowns["C2"] and "DASAWISMA" in dropdowns["D2"] and "AKTIF" in dropdowns["I2"]
    # A blank template is itself a valid (empty) submission once the date and officer are filled in.
    sheet = workbook["identitas"]
    sheet["B6"], sheet["B7"] = "15/02/2026", "Siti"
    workbook.save(out)
    assert parse_submission(out, reference).status == ACCEPTED


def test_template_refuses_an_unknown_opd_with_exit_2(tmp_path):
    assert main(["template", "--opd", "NOPE", "--year", "2025", "--out", str(tmp_path / "x.xlsx")]) == 2


def test_check_json_reports_every_finding_with_sheet_row_column_cell_and_exit_1(tmp_path):
    good = write_workbook(tmp_path / "good.xlsx", {"identitas": identitas_rows()})
    bad = write_workbook(tmp_path / "bad.xlsx", {
        "identitas": identitas_rows(),
        "advokasi": [["kode_kegiatan", "tanggal", "kode_wilayah", "tema", "peserta_perempuan", "peserta_laki_laki"],
                     ["ADV-1", "31/02/2024", "33.75.01", "PUG", "dua puluh", 3]],
    })
    result = run_pug("check", "--json", str(good), str(bad))
    assert result.returncode == 1, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["file"], r["status"]) for r in lines] == [(str(good), "accepted"), (str(bad), "accepted_with_errors")]
    located = {(e["code"], e["severity"], e["sheet"], e["row"], e["column"], e["cell"], e["value"]) for e in lines[1]["errors"]}
    assert located == {
        ("DATE_INVALID", "error", "advokasi", 2, "tanggal", "B2", "31/02/2024"),
        ("NUMBER_INVALID", "error", "advokasi", 2, "peserta_perempuan", "E2", "dua puluh"),
    }
    assert all(e["message"] for e in lines[1]["errors"])


def test_check_text_output_is_in_bahasa_indonesia_and_exit_0_without_errors(tmp_path):
    good = write_workbook(tmp_path / "good.xlsx", {"identitas": identitas_rows(), "catatan": [["x"]]})
    result = run_pug("check", str(good))
    assert result.returncode == 0
    assert "DITERIMA" in result.stdout and "Lembar tambahan 'catatan' tidak dibaca" in result.stdout


@pytest.mark.parametrize("args", [["check"], ["frobnicate"], ["build", "--year", "dua"]])
def test_usage_errors_exit_2(args):
    assert run_pug(*args).returncode == 2


def test_check_never_prints_a_traceback_for_garbage(tmp_path):
    (tmp_path / "a.xlsx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    (tmp_path / "folder").mkdir()
    result = run_pug("check", "--json", str(tmp_path / "a.xlsx"), str(tmp_path / "folder"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    statuses = [json.loads(line)["status"] for line in result.stdout.splitlines()]
    assert statuses == ["rejected", "rejected"]


def test_a_missing_file_is_a_usage_error_said_in_both_languages_and_nothing_is_checked(tmp_path):
    good = write_workbook(tmp_path / "good.xlsx", {"identitas": identitas_rows()})
    result = run_pug("check", str(good), str(tmp_path / "hilang.xlsx"))
    assert result.returncode == 2 and result.stdout == ""
    indonesian, english = result.stderr.splitlines()
    assert indonesian.startswith("pug check: tidak ada berkas atau folder bernama ") and "hilang.xlsx" in indonesian
    assert english == f"pug check: no such file or folder: {tmp_path / 'hilang.xlsx'}"


@pytest.mark.parametrize("args", [["check"], ["check", "--tidak-ada", "x.xlsx"], ["frobnicate"]])
def test_a_bad_option_is_said_in_both_languages_without_a_traceback(args):
    result = run_pug(*args)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert any("perintah tidak lengkap atau ada pilihan yang tidak dikenal" in line for line in lines)
    assert lines[-1].startswith(("pug: ", "pug check: "))  # argparse's own English message


def test_a_reader_that_goes_away_ends_the_check_quietly(tmp_path):
    """`pug check --json a b | head -c 600`: the pipe closes before the output is written."""
    files = [str(write_workbook(tmp_path / f"{n}.xlsx", {"identitas": identitas_rows()})) for n in range(3)]
    process = subprocess.Popen([*PUG, "check", "--json", *files], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=WITHOUT_WAREHOUSE)
    process.stdout.close()  # the reader is gone before anything is written
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1 and stderr.decode() == ""
