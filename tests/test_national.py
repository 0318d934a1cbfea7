"""The national-scale generator (pug.national, `pug sample --scale national`): reference data, valid workbooks,
a truth file that matches what is read back, and determinism.

The always-run tests use invented region codes (no official list needed); one test uses the official Kemendagri
list and is skipped only when that file is absent.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import duckdb
import pytest
import python_calamine

from pipelines.cli import main
from pug.outputs import feedback
from pug.synthetic import national
from pug.validation.lone_file import check_file
from pug.contract import IDENTITAS
from pug.findings import ERROR
from pug.ingest.parse import parse_submission
from pug.reference import Reference
from pug.ingest.staging import load_staging
from pug.validation.validate import apply_row_verdicts, validate_staged
from pug.workers import WorkerProcesses

MISSING = Path("/nonexistent/wilayah_all.csv")  # forces the generated-codes mode


def _generate(raw: Path, regions: int, wilayah_all: Path) -> tuple[dict, dict]:
    summary = national.generate_national(raw, regions=regions, wilayah_all=wilayah_all)
    truth = json.loads((raw / national.TRUTH_FILE).read_text(encoding="utf-8"))
    return summary, truth


def _parse_all(raw: Path, truth: dict, reference: Reference) -> dict:
    return {f["path"]: parse_submission(raw / f["path"], reference) for f in truth["files"]}


def _content(parsed) -> dict:
    return {"identity": parsed.identity, "findings": [f.code for f in parsed.findings],
            "sheets": {name: rows.records for name, rows in parsed.sheets.items()}}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    raw = tmp_path_factory.mktemp("national_a") / "raw"
    summary, truth = _generate(raw, 2, MISSING)
    reference = Reference.load(raw / "reference")
    return raw, summary, truth, reference, _parse_all(raw, truth, reference)


def test_generated_codes_and_reference(generated):
    raw, summary, truth, reference, _ = generated
    assert summary["region_source"] == "generated" and truth["region_source"] == "generated"
    assert summary["regions"] == 2 and summary["workbooks"] == len(truth["files"])
    regions = reference.tables["wilayah"]
    cities = sorted(reference.cities)
    assert cities == sorted(truth["regions"]) and len(cities) == 2
    assert all(int(c[:2]) not in national.REAL_PROVINCES for c in regions["code"])  # never a real province
    codes = set(regions["code"])
    assert all(p == "" or p in codes for p in regions["parent_code"])
    assert all(c.startswith(p + ".") for c, p in zip(regions["code"], regions["parent_code"]) if p)
    opd = reference.tables["opd"]
    for code in cities:
        mine = opd[opd["kode_wilayah"] == code]
        roles = [set(r.split(";")) for r in mine["peran"]]
        assert sum("PPPA" in r for r in roles) == 1
        for role in ("PERENCANAAN", "KEPEGAWAIAN", "KEUANGAN", "KOPERASI_UMKM", "SOSIAL", "TENAGA_KERJA"):
            assert any(role in r for r in roles), (code, role)
        kecamatan = set(regions.loc[(regions["parent_code"] == code) & (regions["level"] == "kecamatan"), "code"])
        kec_opds = mine[mine["peran"] == "KECAMATAN"]
        assert set(kec_opds["kode_kecamatan"]) == kecamatan  # one office per kecamatan
        assert mine["kode_opd"].is_unique
        assert 25 <= len(mine) <= 80
        assert len(list((raw / "submissions" / "2025" / code).glob("*.xlsx"))) == len(mine)
    assert set(reference.tables["tenggat"]["kode_wilayah"]) == set(cities)
    for name in national.COPIED_REFERENCE:
        assert (raw / "reference" / name).read_bytes() == (national._project_root() / "raw" / "reference" / name).read_bytes()


def test_sizes_are_realistic(generated):
    _, _, truth, _, _ = generated
    for code, region in truth["regions"].items():
        orgs = region["organisations"]
        assert 900 <= orgs["registered"] <= 4000, code
        assert set(orgs["by_tingkat"]) == {"KOTA", "KECAMATAN", "KELURAHAN", "RW", "RT", "DASAWISMA"}
        assert 10 <= region["advocacy_events"] <= 200
        assert region["attendance_rows"] > orgs["registered"]
        assert 100 <= region["cadres"] <= 800 and 100 <= region["posts"] <= 1000
        assert region["rows"]["prasyarat"] == 7
        per_opd = [f["sheets"]["anggaran"] for f in truth["files"] if f["region"] == code]
        assert min(per_opd) >= 10 and max(per_opd) <= 30


def test_truth_counts_match_what_is_read(generated):
    raw, _, truth, _, parsed = generated
    totals: dict[str, int] = {}
    for f in truth["files"]:
        p = parsed[f["path"]]
        assert p.identity["kode_wilayah"] == f["region"] and p.identity["kode_opd"] == f["opd"]
        assert p.identity["tahun_laporan"] == national.REPORT_YEAR
        read = {name: rows.rows_read for name, rows in p.sheets.items()}
        assert read == {k: v for k, v in f["sheets"].items() if k != IDENTITAS}, f["path"]
        assert f["sheets"][IDENTITAS] == 6
        for name, n in f["sheets"].items():
            totals[name] = totals.get(name, 0) + n
    assert {k: v for k, v in truth["totals"]["rows"].items() if v} == totals
    for code, region in truth["regions"].items():
        assert region["rows"]["organisasi"] == region["organisations"]["registered"]
        assert region["rows"]["advokasi_peserta"] == region["attendance_rows"]


def test_every_workbook_is_valid(generated):
    """The parser finds nothing in any workbook; the whole rule catalogue, run as the pipeline runs it (one Great
    Expectations run per sheet over every workbook, cross-submission rules included), finds nothing either."""
    raw, _, truth, reference, parsed = generated
    assert {path: [f.code for f in p.findings] for path, p in parsed.items() if p.findings} == {}
    items = []
    for f in truth["files"]:
        path = raw / f["path"]
        entry = {"sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "path": f["path"], "present": True,
                 "region_code": f["region"], "modified_at": None, "first_seen_at": None, "size_bytes": None}
        items.append((entry, parsed[f["path"]]))
    with duckdb.connect() as con:
        load_staging(con, national.REPORT_YEAR, items, reference)
        validate_staged(con, reference, national.REPORT_YEAR)
        findings = con.sql("SELECT code, severity, count(*) FROM stg_finding GROUP BY ALL ORDER BY ALL").fetchall()
    assert findings == []


def test_feedback_workers_write_what_one_process_writes(generated, tmp_path, monkeypatch):
    """A national year's feedback is written by worker processes that start with FeedbackWriting and are collected
    by finish() (as `pug build` overlaps them with the publish): the same workbooks, cell for cell, as one process
    writes."""
    raw, _, truth, reference, parsed = generated
    database = tmp_path / "year.duckdb"
    items = [({"sha256": hashlib.sha256((raw / f["path"]).read_bytes()).hexdigest(), "path": f["path"], "present": True,
               "region_code": f["region"], "modified_at": None, "first_seen_at": None, "size_bytes": None}, parsed[f["path"]])
             for f in truth["files"]]
    with duckdb.connect(str(database)) as con:
        load_staging(con, national.REPORT_YEAR, items, reference)
        apply_row_verdicts(con)
    assert len(items) >= feedback.PARALLEL_FROM
    monkeypatch.setattr(feedback, "BATCH_SIZE", 20)  # batches for both workers from the two regions' ~80 workbooks

    workers = WorkerProcesses(2, niceness=10)
    try:
        started = feedback.FeedbackWriting(database, tmp_path / "workers", national.REPORT_YEAR, workers)
        assert started.in_background
        by_workers = started.finish()
    finally:
        workers.close()
    monkeypatch.setattr(feedback, "PARALLEL_FROM", 10**9)
    alone = feedback.FeedbackWriting(database, tmp_path / "alone", national.REPORT_YEAR)
    assert not alone.in_background
    by_one = alone.finish()

    assert len(by_workers["written"]) == len(by_one["written"]) == len(items)
    relative = {path.relative_to(tmp_path / "workers") for path in by_workers["written"]}
    assert relative == {path.relative_to(tmp_path / "alone") for path in by_one["written"]}
    def cells(path: Path) -> dict:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        return {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}

    for path in relative:
        assert cells(tmp_path / "workers" / path) == cells(tmp_path / "alone" / path), path
    # Written once: a second writing finds nothing changed.
    assert feedback.FeedbackWriting(database, tmp_path / "workers", national.REPORT_YEAR).finish()["written"] == []


def test_check_file_finds_no_error(generated):
    """`pug check` of one workbook of every kind (each distinct set of sheets): no error. A lone file cannot see the
    other OPDs' registers, so a kecamatan office's workbook may warn about the kecamatan TP PKK."""
    raw, _, truth, reference, _ = generated
    kinds = {}
    for f in truth["files"]:
        kinds.setdefault(tuple(sorted(f["sheets"])), f)
    assert len(kinds) >= 5
    for f in kinds.values():
        result = check_file(raw / f["path"], reference)
        assert [e for e in result["errors"] if e["severity"] == ERROR] == [], f["path"]
        assert {e["code"] for e in result["errors"]} <= {"ORG_NOT_REGISTERED", "PARENT_ORG_UNKNOWN"}, f["path"]


def test_deterministic(generated, tmp_path, monkeypatch, capsys):
    """The same N writes the same bytes and the same parsed content (the second run goes through the CLI)."""
    raw_a, _, truth_a, reference, parsed_a = generated
    monkeypatch.setenv(national.WILAYAH_ENV, str(MISSING))
    raw_b = tmp_path / "raw"
    assert main(["sample", "--scale", "national", "--regions", "2", "--out", str(raw_b)]) == 0
    assert "region 2/2" in capsys.readouterr().err
    truth_b = json.loads((raw_b / national.TRUTH_FILE).read_text(encoding="utf-8"))
    assert truth_a == truth_b
    files_a = sorted(p.relative_to(raw_a) for p in raw_a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(raw_b) for p in raw_b.rglob("*") if p.is_file())
    assert files_a == files_b
    assert [p for p in files_a if (raw_a / p).read_bytes() != (raw_b / p).read_bytes()] == []
    parsed_b = _parse_all(raw_b, truth_b, Reference.load(raw_b / "reference"))
    assert {k: _content(v) for k, v in parsed_a.items()} == {k: _content(v) for k, v in parsed_b.items()}
    # one region fewer: the first region is unchanged, the other's files are removed
    assert main(["sample", "--scale", "national", "--regions", "1", "--out", str(raw_b)]) == 0
    first = truth_a["files"][0]["region"]
    assert sorted(p.name for p in (raw_b / "submissions" / "2025").iterdir()) == [first]
    for f in truth_a["files"]:
        if f["region"] == first:
            assert (raw_b / f["path"]).read_bytes() == (raw_a / f["path"]).read_bytes()


def test_mistakes_are_found_in_the_rows_they_were_made_in(generated, tmp_path):
    """`--mistakes 0.05`: about one data row in twenty gets a mistake an OPD makes, each found by the parser or a rule
    (every mistaken workbook has at least as many faulty rows as mistakes), and nothing else in the sample changes."""
    raw_valid, _, truth_valid, _, _ = generated
    raw = tmp_path / "raw"
    summary = national.generate_national(raw, regions=1, wilayah_all=MISSING, mistakes=0.05)
    truth = json.loads((raw / national.TRUTH_FILE).read_text(encoding="utf-8"))
    rows = sum(sum(f["sheets"].values()) - f["sheets"].get(IDENTITAS, 0) for f in truth["files"])
    assert truth["mistakes"] == {"rate": 0.05, "rows": summary["rows_with_mistake"]}
    assert 0.03 * rows < summary["rows_with_mistake"] < 0.06 * rows
    reference = Reference.load(raw / "reference")
    items = []
    for f in truth["files"]:
        path = raw / f["path"]
        entry = {"sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "path": f["path"], "present": True,
                 "region_code": f["region"], "modified_at": None, "first_seen_at": None, "size_bytes": None}
        items.append((entry, parse_submission(path, reference)))
    with duckdb.connect() as con:
        load_staging(con, national.REPORT_YEAR, items, reference)
        validate_staged(con, reference, national.REPORT_YEAR)
        faulty = dict(con.execute("""
            SELECT s.file_path, count(DISTINCT (f.sheet, f.source_row)) FROM stg_finding AS f
            JOIN stg_submission_file AS s USING (submission_id) WHERE f.source_row IS NOT NULL GROUP BY ALL""").fetchall())
    missed = {f["path"]: (f["rows_with_mistake"], faulty.get(f["path"], 0)) for f in truth["files"]
              if faulty.get(f["path"], 0) < f["rows_with_mistake"]}
    assert missed == {}
    # The mistakes draw from a stream of their own: the first region's row counts are those of the valid sample.
    region = truth["files"][0]["region"]
    assert ({f["path"]: f["sheets"] for f in truth["files"]}
            == {f["path"]: f["sheets"] for f in truth_valid["files"] if f["region"] == region})


def test_cli_guards(tmp_path, capsys):
    assert main(["sample", "--regions", "3", "--out", str(tmp_path / "x")]) == 2
    assert main(["sample", "--mistakes", "0.1", "--out", str(tmp_path / "x")]) == 2
    assert main(["sample", "--scale", "national", "--mistakes", "2", "--out", str(tmp_path / "x")]) == 2
    assert main(["bench", "--mistakes", "-0.5", "--dir", str(tmp_path / "bench")]) == 2
    assert not (tmp_path / "x").exists() and not (tmp_path / "bench").exists()
    foreign = tmp_path / "raw"
    (foreign / "reference").mkdir(parents=True)
    (foreign / "reference" / "wilayah.csv").write_text("code,name,level,parent_code\n", encoding="utf-8")
    assert main(["sample", "--scale", "national", "--regions", "1", "--out", str(foreign)]) == 2
    assert "national" in capsys.readouterr().err
    assert not (foreign / "submissions").exists()


OFFICIAL = national.official_list_path()


@pytest.mark.skipif(OFFICIAL is None, reason="the official region list (../shared/reference/wilayah_all.csv) is absent")
def test_official_list(tmp_path):
    """With the official list: the first kab/kota by code, with their real kecamatan and desa/kelurahan."""
    with OFFICIAL.open(encoding="utf-8", newline="") as f:
        official = {r["code"]: r for r in csv.DictReader(f)}
    first = sorted(c for c, r in official.items() if r["level"] in ("kabupaten", "kota"))[:2]
    raw = tmp_path / "raw"
    summary, truth = _generate(raw, 2, OFFICIAL)
    assert summary["region_source"] == str(OFFICIAL)
    reference = Reference.load(raw / "reference")
    assert sorted(reference.cities) == first == sorted(truth["regions"])
    wilayah = reference.tables["wilayah"]
    for row in wilayah.itertuples():  # every row is an official row, unchanged
        assert official[row.code] == {"code": row.code, "name": row.name, "level": row.level, "parent_code": row.parent_code}
    for code in first:
        kec = {c for c, r in official.items() if r["parent_code"] == code}
        desa = {c for c, r in official.items() if r["parent_code"] in kec}
        mine = set(wilayah["code"])
        assert kec <= mine and desa <= mine
        assert truth["regions"][code]["kecamatan"] == len(kec) and truth["regions"][code]["desa_kelurahan"] == len(desa)
    parsed = _parse_all(raw, truth, reference)
    for f in truth["files"]:
        p = parsed[f["path"]]
        assert p.findings == [], f["path"]
        assert {n: r.rows_read for n, r in p.sheets.items()} == {k: v for k, v in f["sheets"].items() if k != IDENTITAS}
    ppa = next(f for f in truth["files"] if f["opd"] == truth["regions"][first[0]]["women_agency_opd"] and f["region"] == first[0])
    result = check_file(raw / ppa["path"], reference)
    assert [e for e in result["errors"] if e["severity"] == ERROR] == []
