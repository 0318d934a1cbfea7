"""The corpus of real-life mistakes (tests/corpus.py) through `check_file` and through the `pug check --json` CLI.

Each case must get its status and at least its expected findings, located exactly (code, severity, sheet, Excel
row, contract column), with an A1 cell that points at that column in the file's own header and an Indonesian
message. The CLI runs once over every case's file, in a background process started with the first test, so its
few seconds of Great Expectations start-up and its checks overlap with the in-process ones.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path

import openpyxl
import pytest
from corpus import ACCEPTED, CASES, WARNINGS, Case
from lone_check import PUG, WITHOUT_WAREHOUSE

from pug import paths
from pug.validation.lone_file import check_file
from pug.contract import IDENTITAS, normalise_name
from pug.findings import column_letter
from pug.values import mask_nik

NUMPY_REPR = re.compile(r"\bnp\.\w+\(|numpy\.")
STATUSES = {}  # case name -> status given by check_file in this session, compared with the CLI's


def located(result: dict) -> set[tuple]:
    return {(e["code"], e["severity"], e["sheet"], e["row"], e["column"]) for e in result["errors"]}


def header_of(path: Path, sheet: str) -> list[str]:
    """Row 1 of a contract sheet as written in the file (an .xlsx or a CSV folder), names normalised."""
    if path.is_dir():
        file = next(f for f in path.glob("*.csv") if normalise_name(f.stem) == sheet)
        first = file.read_text(encoding="utf-8-sig").splitlines()[0]
        row = next(csv.reader(io.StringIO(first), delimiter=";" if first.count(";") > first.count(",") else ","))
    else:
        workbook = openpyxl.load_workbook(path, read_only=True)
        try:
            worksheet = next(w for w in workbook.worksheets if normalise_name(w.title) == sheet)
            row = next(worksheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
        finally:
            workbook.close()
    return [normalise_name(h) if h is not None else "" for h in row]


def expected_cells(path: Path, error: dict) -> set[str]:
    header = header_of(path, error["sheet"])
    column = "isian" if error["sheet"] == IDENTITAS else error["column"]  # identitas is a kolom / isian list
    return {f"{column_letter(i)}{error['row']}" for i, name in enumerate(header) if mask_nik(name) == column}  # headers are masked too


def shown(result: dict) -> str:
    return "\n".join(f"  {e['code']} {e['severity']} {e['sheet']} row={e['row']} {e['column']} {e['cell']} {e['value']!r}"
                     for e in result["errors"]) or "  (no findings)"


@pytest.mark.parametrize("case", [pytest.param(c, marks=c.marks, id=c.name) for c in CASES])
def test_case(case: Case, tmp_path, reference, cli_run):
    path = case.build(tmp_path)
    result = check_file(path, reference)
    STATUSES[case.name] = result["status"]
    report = f"{case.name}: {result['status']}\n{shown(result)}"

    assert result["status"] == case.expected_status, report
    found = located(result)
    assert [e for e in case.expected if e not in found] == [], report
    assert [e for e in case.forbidden if e in found] == [], report
    if case.expected_status in (ACCEPTED, WARNINGS):
        assert not [e for e in result["errors"] if e["severity"] == "error"], report

    for error in result["errors"]:
        assert error["message"] and error["message_en"] and error["message"] != error["message_en"], error
        assert not NUMPY_REPR.search(f"{error['value']} {error['message']}"), error  # values as staff wrote them
        if error["row"] is not None:
            assert error["cell"] in expected_cells(path, error), error

    everything = json.dumps(result, ensure_ascii=False, default=str)
    for nik in case.niks:
        assert nik not in everything
        assert "*" * 12 + nik[-4:] in everything


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory):
    """Every case's submission, checked by one `pug check --json` process running in the background."""
    root = tmp_path_factory.mktemp("corpus")
    files = [case.build(root / case.name) for case in CASES]
    stdout, stderr = root / "stdout.jsonl", root / "stderr.txt"
    with open(stdout, "w") as out, open(stderr, "w") as err:
        process = subprocess.Popen([*PUG, "check", "--json", *map(str, files)],
                                   stdout=out, stderr=err, cwd=paths.PROJECT_ROOT, env=WITHOUT_WAREHOUSE)
    run = {"files": files, "process": process, "stdout": stdout, "stderr": stderr}
    yield run
    if process.poll() is None:
        process.kill()
        process.wait()


def finished(run: dict) -> tuple[int, str, str]:
    code = run["process"].wait(timeout=600)
    return code, run["stdout"].read_text(encoding="utf-8"), run["stderr"].read_text(encoding="utf-8")


def test_cli_checks_the_whole_corpus_in_one_run(cli_run, reference):
    code, out, err = finished(cli_run)
    assert "Traceback" not in out + err, err[-3000:]
    assert code == 1, err[-3000:]
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["file"] for line in lines] == [str(f) for f in cli_run["files"]]
    for case, file, line in zip(CASES, cli_run["files"], lines):
        assert set(line) >= {"file", "status", "errors"}
        assert all(set(e) >= {"code", "severity", "sheet", "row", "column", "cell", "value", "message"} for e in line["errors"])
        status = STATUSES.get(case.name) or check_file(file, reference)["status"]
        assert line["status"] == status, case.name


@pytest.mark.parametrize("case", [pytest.param(c, marks=c.marks, id=c.name) for c in CASES if c.niks])
def test_cli_output_never_shows_a_nik(cli_run, case):
    _, out, err = finished(cli_run)
    line = next(json.loads(line) for line in out.splitlines() if json.loads(line)["file"] == str(cli_run["files"][CASES.index(case)]))
    for nik in case.niks:
        assert nik not in out + err
        assert "*" * 12 + nik[-4:] in json.dumps(line, ensure_ascii=False)


def test_rule_findings_show_the_cell_as_submitted(tmp_path, reference):
    """Rule findings carry the submitted text, which validation looks up for failing rows only."""
    case = next(c for c in CASES if c.name == "unknown_jenis_tingkat_status")
    result = check_file(case.build(tmp_path), reference)
    shown = {(e["row"], e["column"]): (e["value"], e["cell"]) for e in result["errors"] if e["code"] == "CODE_NOT_IN_LIST"}
    assert shown == {(3, "jenis"): ("ORMAS", "C3"), (4, "tingkat"): ("RUKUN_WARGA", "D4"), (5, "status"): ("VAKUM", "I5")}
    assert all("'ORMAS'" in e["message"] for e in result["errors"] if e["row"] == 3)
