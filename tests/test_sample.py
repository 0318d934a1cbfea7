"""The deterministic sample generator (pug.sample): layout, read-back contents and the truth file agree."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
import time
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from pug.contract import IDENTITAS_FIELDS, IDENTITAS_HEADER, SHEETS
from pug.synthetic.sample import TRUTH_FILE, generate_sample

PROJECT = Path(__file__).resolve().parents[1]
REFERENCE = PROJECT / "raw" / "reference"
YEARS = (2022, 2023, 2024, 2025)
REGIONS = ("33.75", "32.75")


def _fresh_raw(base: Path) -> Path:
    raw = base / "raw"
    shutil.copytree(REFERENCE, raw / "reference")
    return raw


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    raw = _fresh_raw(tmp_path_factory.mktemp("sample_a"))
    started = time.perf_counter()
    summary = generate_sample(raw)
    elapsed = time.perf_counter() - started
    truth = json.loads((raw / TRUTH_FILE).read_text(encoding="utf-8"))
    return raw, summary, truth, elapsed


@pytest.fixture(scope="module")
def generated_again(tmp_path_factory):
    raw = _fresh_raw(tmp_path_factory.mktemp("sample_b"))
    generate_sample(raw)
    return raw


# ---------------------------------------------------------------- reading back ---------------------------------


def _xlsx_sheets(path: Path) -> dict[str, list[list]]:
    wb = CalamineWorkbook.from_path(str(path))
    return {n: wb.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in wb.sheet_names}


def _csv_sheets(folder: Path, sep: str) -> dict[str, list[list]]:
    out = {}
    for f in sorted(folder.glob("*.csv")):
        with f.open(encoding="utf-8", newline="") as fh:
            out[f.stem] = [row for row in csv.reader(fh, delimiter=sep)]
    return out


def _read(raw: Path, entry: dict) -> dict[str, list[list]]:
    path = raw / entry["path"]
    if entry["form"] == "csv":
        return _csv_sheets(path, entry["formats"]["separator"])
    return _xlsx_sheets(path)


def _blank(v) -> bool:
    return v is None or (isinstance(v, str) and v.strip() == "")


def _data_rows(rows: list[list]) -> list[list]:
    return [r for r in rows[1:] if not all(_blank(v) for v in r)]


def _as_records(rows: list[list]) -> list[dict]:
    header = [str(h) for h in rows[0]]
    return [dict(zip(header, r)) for r in _data_rows(rows)]


def _identitas(rows: list[list]) -> dict:
    return {str(r[0]): r[1] for r in rows[1:] if r and not _blank(r[0])}


def _num(v) -> float:
    return float(v)


BULAN = {m: i for i, m in enumerate(["januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus",
                                     "september", "oktober", "november", "desember"], 1)}


def _date(v) -> dt.date:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    s = str(v).strip()
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", s):
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s):
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{1,2}) (\w+) (\d{4})", s):
        return dt.date(int(m[3]), BULAN[m[2].lower()], int(m[1]))
    raise ValueError(f"not a date: {v!r}")


def _current(truth: dict, region: str, year: int, opd: str) -> dict:
    (entry,) = [f for f in truth["files"]
                if f["region"] == region and f["year"] == year and f["opd"] == opd and f["current"]]
    return entry


def _opds(region: str) -> list[str]:
    with (REFERENCE / "opd.csv").open(encoding="utf-8") as f:
        return [r["kode_opd"] for r in csv.DictReader(f) if r["kode_wilayah"] == region]


# ---------------------------------------------------------------- tests ----------------------------------------


def test_fast_and_summary(generated):
    raw, summary, truth, elapsed = generated
    assert elapsed < 20, f"generation took {elapsed:.1f}s"
    assert summary["files"] == len(truth["files"])
    assert summary["csv_folders"] in (3, 4)
    assert summary["not_a_workbook"] == 1
    assert (raw / TRUTH_FILE).is_file()
    assert not list((raw / "submissions").rglob(TRUTH_FILE)), "the truth file must not sit among the submissions"


def test_deterministic(generated, generated_again):
    raw_a, _, truth_a, _ = generated
    raw_b = generated_again
    assert (raw_a / TRUTH_FILE).read_bytes() == (raw_b / TRUTH_FILE).read_bytes()
    files_a = sorted(p.relative_to(raw_a).as_posix() for p in (raw_a / "submissions").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(raw_b).as_posix() for p in (raw_b / "submissions").rglob("*") if p.is_file())
    assert files_a == files_b
    for entry in truth_a["files"]:
        if entry["form"] == "not_a_workbook":
            assert (raw_a / entry["path"]).read_bytes() == (raw_b / entry["path"]).read_bytes()
            continue
        assert _read(raw_a, entry) == _read(raw_b, entry), entry["path"]
    # xlsxwriter with a fixed creation date writes byte-identical files
    for rel in files_a:
        assert (raw_a / rel).read_bytes() == (raw_b / rel).read_bytes(), rel


def test_layout(generated):
    raw, _, truth, _ = generated
    paths = {f["path"] for f in truth["files"]}
    for entry in truth["files"]:
        p = raw / entry["path"]
        assert p.exists(), entry["path"]
        parts = Path(entry["path"]).parts
        assert parts[0] == "submissions" and parts[1] == str(entry["year"]) and parts[2] == entry["region"]
        if entry["form"] == "xlsx":
            assert p.is_file() and p.suffix == ".xlsx"
            assert p.stem in (entry["opd"], f"{entry['opd']}_revisi")
        elif entry["form"] == "csv":
            assert p.is_dir() and p.name == entry["opd"]
            assert (p / "identitas.csv").is_file()
            assert {f.stem for f in p.glob("*.csv")} == set(entry["sheets"])
    # every file on disk is in the truth
    on_disk = set()
    for p in (raw / "submissions").rglob("*"):
        rel = p.relative_to(raw)
        if p.is_file() and p.suffix == ".xlsx":
            on_disk.add(rel.as_posix())
        elif p.is_file() and p.suffix == ".csv":
            on_disk.add(rel.parent.as_posix())
    assert on_disk == paths
    # every OPD submits every year, except a few missing ones
    missing = 0
    for region in REGIONS:
        for year in YEARS:
            got = {f["opd"] for f in truth["files"] if f["region"] == region and f["year"] == year and f["opd"]}
            expected = set(_opds(region))
            assert got <= expected
            gone = expected - got
            assert sorted(gone) == truth["regions"][region]["years"][str(year)]["submission_status"]["missing"]
            missing += len(gone)
    assert 2 <= missing <= 4
    # exactly one resubmission, the later one current
    revised = [f for f in truth["files"] if f["path"].endswith("_revisi.xlsx")]
    assert len(revised) == 1 and revised[0]["current"]
    (older,) = [f for f in truth["files"] if f["path"] == revised[0]["supersedes"]]
    assert not older["current"] and older["tanggal_kirim"] < revised[0]["tanggal_kirim"]
    # CSV folders: comma and semicolon both used
    seps = {f["formats"]["separator"] for f in truth["files"] if f["form"] == "csv"}
    assert seps == {",", ";"}


def test_identitas_matches_path(generated):
    raw, _, truth, _ = generated
    names = [f.name for f in IDENTITAS_FIELDS]
    for entry in truth["files"]:
        if entry["form"] == "not_a_workbook":
            continue
        sheets = _read(raw, entry)
        assert "identitas" in sheets, entry["path"]
        rows = sheets["identitas"]
        assert [str(h) for h in rows[0]] == list(IDENTITAS_HEADER)
        ident = _identitas(rows)
        assert list(ident) == names
        assert str(ident["kode_wilayah"]) == entry["region"]
        assert ident["kode_opd"] == entry["opd"]
        assert int(float(ident["tahun_laporan"])) == entry["year"]
        assert _date(ident["tanggal_kirim"]).isoformat() == entry["tanggal_kirim"]
        # sheet names and headers follow the contract
        for name, table in sheets.items():
            if name in ("identitas", "petunjuk"):
                continue
            expected = SHEETS[name].column_names
            header = [str(h) for h in table[0]]
            assert header[: len(expected)] == expected, (entry["path"], name)


def test_row_counts_match_truth(generated):
    raw, _, truth, _ = generated
    for entry in truth["files"]:
        if entry["form"] == "not_a_workbook":
            assert "sheets" not in entry
            with pytest.raises(Exception):
                CalamineWorkbook.from_path(str(raw / entry["path"]))
            continue
        sheets = _read(raw, entry)
        for name, count in entry["sheets"].items():
            assert len(_data_rows(sheets[name])) == count, (entry["path"], name)


def test_organisation_counts(generated):
    raw, _, truth, _ = generated
    totals = {}
    for region in REGIONS:
        rt = truth["regions"][region]
        ppa = rt["women_agency_opd"]
        for year in YEARS:
            orgs = rt["years"][str(year)]["organisations"]
            entry = _current(truth, region, year, ppa)
            assert orgs["source_file"] == entry["path"]
            records = _as_records(_read(raw, entry)["organisasi"])
            assert len(records) == orgs["written"]["rows"] == entry["sheets"]["organisasi"]
            by_jenis, by_tingkat = {}, {}
            for r in records:
                by_jenis[r["jenis"]] = by_jenis.get(r["jenis"], 0) + 1
                by_tingkat[r["tingkat"]] = by_tingkat.get(r["tingkat"], 0) + 1
            assert by_jenis == orgs["written"]["by_jenis"]
            assert by_tingkat == orgs["written"]["by_tingkat"]
            assert len({r["kode_organisasi"] for r in records}) == orgs["written"]["distinct_codes"]
            assert orgs["valid"]["rows"] == orgs["written"]["rows"] - len(orgs["written"]["mistake_ids"])
            for r in records:
                code = r["kode_organisasi"]
                assert re.fullmatch(r"[A-Za-z0-9._/-]{1,64}", code), code
                assert str(r["kode_wilayah"]).startswith(region)
            totals[(region, year)] = orgs["written"]["rows"]
    for year in YEARS:
        assert totals[("32.75", year)] > totals[("33.75", year)]
        assert 3000 <= totals[("32.75", year)] <= 5000
        assert 600 <= totals[("33.75", year)] <= 1200
    assert min(totals[("32.75", y)] for y in YEARS) > 2000


def test_register_hierarchy_and_stable_codes(generated):
    raw, _, truth, _ = generated
    region = "32.75"
    entry = _current(truth, region, 2023, truth["regions"][region]["women_agency_opd"])
    records = _as_records(_read(raw, entry)["organisasi"])
    codes = {r["kode_organisasi"] for r in records}
    for r in records:
        if not _blank(r["kode_induk"]):
            assert r["kode_induk"] in codes, r
        depth = {"KOTA": 5, "KECAMATAN": 8}.get(r["tingkat"], 13)
        assert len(str(r["kode_wilayah"])) == depth, r
    assert any(r["tingkat"] == "DASAWISMA" for r in records)
    assert {"ISTRI_APARATUR", "KEAGAMAAN", "PROFESI_EKONOMI", "KOMUNITAS", "FEDERASI", "PKK"} <= {r["jenis"] for r in records}
    # codes are stable from year to year: most of 2022's codes are still there in 2025
    first = {r["kode_organisasi"] for r in _as_records(_read(raw, _current(truth, region, 2022, "DPPPA"))["organisasi"])}
    last = {r["kode_organisasi"] for r in _as_records(_read(raw, _current(truth, region, 2025, "DPPPA"))["organisasi"])}
    assert len(first & last) > 0.97 * len(first)
    assert last - first and first - last  # some new, some gone


def test_cadres(generated):
    raw, _, truth, _ = generated
    pek = truth["regions"]["33.75"]["years"]
    assert 800 <= pek["2025"]["cadres"]["cumulative"] <= 1001
    cum = 0
    for year in YEARS:
        c = pek[str(year)]["cadres"]
        cum += c["trained_in_year"]
        assert c["cumulative"] == cum
    # the 1001-cadre programme: 150 trained at the launch, 135 posyandu cadres in September 2022: 285 trained, when
    # membership (trained or not) was 420
    entry = _current(truth, "33.75", 2022, "DPMPPA")
    records = _as_records(_read(raw, entry)["kader"])
    assert len(records) == pek["2022"]["cadres"]["trained_in_year"]
    dates = [_date(r["tanggal_pelatihan"]) for r in records]
    assert sum(1 for d in dates if d == dt.date(2022, 1, 26)) == 150
    assert sum(1 for d in dates if d <= dt.date(2022, 9, 30)) == 285
    assert all(d.year == 2022 for d in dates)
    assert sum(1 for r in records if r["jenis_kelamin"] == "P") > 0.8 * len(records)


def test_advocacy_grows(generated):
    raw, _, truth, _ = generated
    for region in REGIONS:
        years = truth["regions"][region]["years"]
        shares = [years[str(y)]["advocacy"]["cumulative_share_pct"] for y in YEARS]
        assert shares == sorted(shares) and len(set(shares)) == len(shares), shares
        assert 20 <= shares[0] <= 35 and shares[-1] >= 80
        prev: set[str] = set()
        for y in YEARS:
            adv = years[str(y)]["advocacy"]
            in_year = set(adv["advocated_in_year"]["codes"])
            cum = set(adv["advocated_cumulative"]["codes"])
            assert cum == prev | in_year
            if prev:
                assert in_year & prev, "some organisations are advocated again"
            prev = cum
    # attendance rows read back from the women's agency and the kecamatan offices add up
    region, year = "32.75", 2024
    adv = truth["regions"][region]["years"][str(year)]["advocacy"]
    rows = 0
    event_codes = set()
    for entry in truth["files"]:
        if entry["region"] == region and entry["year"] == year and entry["current"] and "advokasi" in entry.get("sheets", {}):
            sheets = _read(raw, entry)
            rows += len(_data_rows(sheets["advokasi_peserta"]))
            for ev in _as_records(sheets["advokasi"]):
                assert _date(ev["tanggal"]).year == year
                event_codes.add(ev["kode_kegiatan"])
    assert rows == adv["attendance_rows"]
    assert len(event_codes) == adv["events"]


def test_targets_and_values(generated):
    raw, _, truth, _ = generated
    for region in REGIONS:
        rt = truth["regions"][region]
        ind = rt["years"]["2025"]["indicators"]
        assert ind["ORG_ADVOKASI_PCT"]["targets"]["2026"] == 100
        for code in ("ORG_ADVOKASI_PCT", "ORG_ADVOKASI_JML", "KADER_KK_JML"):
            t = [ind[code]["targets"][str(y)] for y in range(2022, 2027)]
            assert t == sorted(t), (region, code, t)
        for code in ("AP3_KASUS_KEKERASAN", "AP4_PEKERJA_ANAK", "AP5_DISPENSASI_KAWIN", "IKG"):
            vals = [rt["years"][str(y)]["indicators"][code]["realisasi"] for y in YEARS]
            assert vals == sorted(vals, reverse=True), (region, code, vals)
        for y in YEARS:
            yi = rt["years"][str(y)]["indicators"]
            assert 90 <= yi["IPG"]["realisasi"] <= 96 and 65 <= yi["IDG"]["realisasi"] <= 82
            assert 0.3 <= yi["IKG"]["realisasi"] <= 0.45
            for v in yi.values():
                if "pembilang" in v:
                    assert v["realisasi"] == round(100 * v["pembilang"] / v["penyebut"], 2)
    # the owner's target sheet: five years per indicator, per kecamatan for ORG_ADVOKASI_PCT
    entry = _current(truth, "33.75", 2023, "DPMPPA")
    targets = _as_records(_read(raw, entry)["target"])
    org_pct = [t for t in targets if t["kode_indikator"] == "ORG_ADVOKASI_PCT"]
    assert len(org_pct) == 5 * (1 + 4)
    assert {int(t["tahun"]) for t in org_pct} == set(range(2022, 2027))


def test_posts(generated):
    raw, _, truth, _ = generated
    for region in REGIONS:
        for year in YEARS:
            posts = truth["regions"][region]["years"][str(year)]["posts"]
            entry = _current(truth, region, year, "BKPSDM")
            records = _as_records(_read(raw, entry)["jabatan"])
            assert len(records) == posts["rows"]
            opds = set(_opds(region))
            assert all(r["kode_opd"] in opds for r in records)
            for r in records:
                assert _blank(r["jenis_kelamin"]) == (r["status"] == "KOSONG")
            by = {}
            for r in records:
                by[r["kelompok"]] = by.get(r["kelompok"], 0) + 1
            assert by == {k: v["posts"] for k, v in posts["by_kelompok"].items()}
            assert by["SEKDA"] == 1 and 25 <= by["JPT_PRATAMA"] <= 35
            assert 25 <= posts["women_share_all_filled_pct"] <= 40


def test_planted_mistakes_are_where_the_truth_says(generated):
    raw, _, truth, _ = generated
    kinds = {m["kind"] for m in truth["mistakes"]}
    assert {"negative_number", "percentage_over_100", "invalid_date", "ambiguous_number", "duplicate_code",
            "unknown_code", "nik_like", "excel_error", "target_year_outside_period", "unregistered_organisation",
            "extra_column", "not_a_workbook"} <= kinds
    assert 8 <= len(truth["mistakes"]) <= 12
    for m in truth["mistakes"] + truth["special_cases"]:
        if m["sheet"] is None or m["column"] is None or m["kind"] == "extra_column":
            continue
        rows = _xlsx_sheets(raw / m["file"])[m["sheet"]]
        header = [str(h) for h in rows[0]]
        cell = rows[m["excel_row"] - 1][header.index(m["column"])]
        if m["kind"] == "excel_error":
            assert cell in ("", "#REF!")  # python-calamine shows an error cell as empty
        elif isinstance(m["value"], (int, float)):
            assert _num(cell) == m["value"], m
        else:
            assert cell == m["value"], m
    by_id = {m["id"]: m for m in truth["mistakes"]}
    extra = by_id["M11"]
    assert _xlsx_sheets(raw / extra["file"])[extra["sheet"]][0][-1] == extra["column"]
    blank = next(s for s in truth["special_cases"] if s["kind"] == "blank_row")
    rows = _xlsx_sheets(raw / blank["file"])[blank["sheet"]]
    assert all(_blank(v) for v in rows[blank["excel_row"] - 1])
    assert not all(_blank(v) for v in rows[blank["excel_row"]])


def test_formats_vary(generated):
    raw, _, truth, _ = generated
    formats = [f["formats"] for f in truth["files"] if "formats" in f]
    assert sum(f["dates"] == "excel" for f in formats) > 0.8 * len(formats)
    assert {"dmy", "long"} <= {f["dates"] for f in formats}
    assert any(f["numbers"] == "id_text" for f in formats)
    assert any(f["yesno"] == "YaTidak" for f in formats)
    assert any(f.get("petunjuk_sheet") for f in formats)
    pct_files = [f for f in truth["files"] if f.get("formats", {}).get("percent_sign")]
    assert pct_files
    cap = _as_records(_read(raw, next(f for f in pct_files if "capaian" in f["sheets"]))["capaian"])
    assert any(isinstance(r["realisasi"], str) and r["realisasi"].endswith("%") for r in cap)
    agg = _as_records(_read(raw, pct_files[0])["anggaran"])
    assert all(str(r["pagu"]).startswith("Rp ") for r in agg)
    late = [f for f in truth["files"] if f["on_time"] is False]
    assert late and all(f["tanggal_kirim"] > f["deadline"] for f in late)
