"""Synthetic submissions at national scale (`pug sample --scale national --regions N`), report year 2025.

`generate_national(raw_dir, regions=N)` builds the world of N kab/kota for 2025 (pug.synthetic.world, from a plan
drawn per region here) and writes a complete raw/ tree:

    raw_dir/reference/wilayah.csv         the provinces, the N kab/kota, their kecamatan and desa/kelurahan
    raw_dir/reference/opd.csv             ~27 OPDs per kab/kota (roles as in the sample) plus one per kecamatan
    raw_dir/reference/tenggat.csv         a deadline per kab/kota (mostly 31 March)
    raw_dir/reference/{indikator,periode,pengaturan,daftar_kode}.csv   copied from the project's raw/reference
    raw_dir/submissions/2025/<region>/<KODE_OPD>.xlsx                  one workbook per OPD
    raw_dir/national_truth.json           rows written per region, sheet and file (for benchmarks and tests)

Regions. The official Kemendagri list (`wilayah_all.csv`: env PUG_WILAYAH_ALL, else ../shared/reference/ beside
the project) gives the first N kab/kota by code with their real kecamatan and desa/kelurahan. Without it, regions
are invented deterministically under province codes no real province uses, so a fresh clone elsewhere still works.

Sizes per kab/kota: a register of about 12 organisations per desa/kelurahan below kecamatan level, kept between
1,000 and 3,500; the kecamatan offices register those and hold their advocacy meetings (each group of
organisations meets up to three times); 120 to 800 cadres; ~390 posts; 10 to 30 budget lines per OPD.

The data is valid under the rules: a build quarantines nothing, unless `mistakes` gives a share of the rows one
mistake each. Only 2025 is generated, so "cumulative" means 2025. Each region draws from its own random streams
seeded by (seed, region code): the same N writes the same bytes, and a region's data does not depend on N.
Everything is synthetic except the region codes and names of the official list.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import multiprocessing
import os
import random
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from pug.contract import SHEET_NAMES
from pug.synthetic import catalogue as cat
from pug.synthetic.forms import YearForms
from pug.synthetic.mistakes import make_row_mistakes
from pug.synthetic.plan import Plan, ReferenceData, Wave
from pug.synthetic.regions import Region, UsageProblem, draw_opds, invent_regions, read_official
from pug.synthetic.world import World
from pug.synthetic.writers import Style, write_xlsx

REPORT_YEAR = 2025
DEFAULT_SEED = 20250331
DEFAULT_REGIONS = 5
TRUTH_FILE = "national_truth.json"
WILAYAH_ENV = "PUG_WILAYAH_ALL"
COPIED_REFERENCE = ("indikator.csv", "periode.csv", "pengaturan.csv", "daftar_kode.csv", "prasyarat.csv", "ape_edisi.csv",
                     "ape_hasil.csv", "kla_kategori.csv")
REAL_PROVINCES = cat.REAL_PROVINCES  # codes an invented region never uses

# Organisations below kecamatan level per kab/kota: about 12 per desa/kelurahan, within these bounds.
ORGS_PER_DESA = 12
LOWER_ORGS_MIN, LOWER_ORGS_MAX = 1000, 3500
MAX_ORGS_PER_DESA = 120
ORGS_PER_RW = 6  # an RW group brings ~2 RT groups, each with ~1.5 dasawisma
DEADLINES = [(3, 31)] * 7 + [(4, 15), (2, 28), (3, 15)]


def _project_root() -> Path:
    from pug.paths import PROJECT_ROOT

    return PROJECT_ROOT


def official_list_path() -> Path | None:
    """The national region list: env PUG_WILAYAH_ALL, else <project>/../shared/reference/wilayah_all.csv; None
    when absent."""
    env = os.environ.get(WILAYAH_ENV)
    path = Path(env) if env else _project_root().parent / "shared" / "reference" / "wilayah_all.csv"
    return path if path.is_file() else None


def load_regions(n: int, seed: int = DEFAULT_SEED, wilayah_all: Path | None = None) -> tuple[list[Region], str]:
    """(regions, source): the first n kab/kota by code of the official list, or n invented ones when it is absent."""
    if n < 1:
        raise UsageProblem("--regions must be at least 1")
    path = wilayah_all if wilayah_all is not None else official_list_path()
    if path is not None and Path(path).is_file():
        return read_official(Path(path), n), str(path)
    return invent_regions(n, seed), "generated"


def draw_plan(rng: random.Random, region: Region, period_years: list[int]) -> Plan:
    """What one kab/kota's world is made of, drawn to fit its size (desa/kelurahan stand in for population)."""
    villages = max(1, len(region.villages))
    lower = min(LOWER_ORGS_MAX, max(LOWER_ORGS_MIN, ORGS_PER_DESA * villages))
    per_village = min(MAX_ORGS_PER_DESA, lower / villages)
    founded = rng.randint(1970, 2005) if region.level == "kabupaten" or rng.random() < 0.7 else rng.randint(1990, 2015)
    short = region.short_name
    cadres = min(800, max(120, round(villages * rng.uniform(1.0, 3.0))))
    bases = {"AP1_WIRAUSAHA_P": villages * rng.uniform(1.5, 4.0),
             "AP2_KELUARGA_PENGASUHAN": villages * rng.uniform(6, 15),
             "AP3_KASUS_KEKERASAN": max(12.0, villages * rng.uniform(0.3, 0.9)),
             "AP4_PEKERJA_ANAK": max(40.0, villages * rng.uniform(1.0, 4.0)),
             "AP5_DISPENSASI_KAWIN": max(15.0, villages * rng.uniform(0.3, 1.2))}
    actuals = {code: max(1, round(base * rng.uniform(0.9, 1.12))) for code, base in bases.items()}
    indices = {"IPG": rng.uniform(85, 97), "IDG": rng.uniform(55, 80), "IKG": rng.uniform(0.30, 0.55)}
    actuals |= {"IPG": round(indices["IPG"] + rng.uniform(-0.4, 0.6), 2),
                "IDG": round(indices["IDG"] + rng.uniform(-1.5, 2.0), 2),
                "IKG": round(indices["IKG"] + rng.uniform(-0.02, 0.015), 3)}
    handled = round(actuals["AP3_KASUS_KEKERASAN"] * rng.uniform(0.75, 1.0))
    later = random.Random(f"{region.code}:institutions")  # indicators added later: the draws above stay as they were
    actuals |= {"POKJA_PUG_SK": int(later.random() < 0.85), "RAD_PUG": int(later.random() < 0.5),
                "TPAK_P": round(later.uniform(40, 62), 2), "KLA_NILAI": later.randint(560, 880)}
    k, now = len(period_years), period_years.index(REPORT_YEAR)

    def ramp(low: float, high: float) -> list[float]:
        return [round(low + (high - low) * i / (k - 1), 2) for i in range(k)]

    final, cadres_now = rng.choice([90, 95, 100]), cadres * rng.uniform(0.9, 1.15)
    targets = {"ORG_ADVOKASI_PCT": ramp(final * 0.3, final),
               "KADER_KK_JML": [round(cadres_now * (1 + 0.25 * (i - now))) for i in range(k)],
               "KRPPA_PCT": ramp(rng.choice([10, 15, 20]), 100),
               "JABATAN_STRATEGIS_P_PCT": ramp(rng.randint(20, 30), rng.randint(33, 40)),
               "ARG_PCT": ramp(rng.randint(15, 22), rng.randint(28, 35)),
               "OPD_GAP_GBS_PCT": ramp(rng.randint(40, 55), rng.randint(85, 100)),
               "PRASYARAT_SKOR": ramp(rng.randint(60, 70), rng.randint(82, 92)),
               "AP3_KASUS_TERTANGANI_PCT": ramp(rng.randint(80, 90), rng.choice([95, 98, 100]))}
    for code, base in bases.items():
        step = 0.07 if code in ("AP1_WIRAUSAHA_P", "AP2_KELUARGA_PENGASUHAN") else -0.05  # fewer is better
        targets[code] = [max(1, round(base * (1 + step * (i - now)))) for i in range(k)]
    for code, yearly in (("IPG", 0.3), ("IDG", 1.0), ("IKG", -0.015)):
        targets[code] = [round(indices[code] + yearly * (i - now), 3) for i in range(k)]
    gow_founded = rng.randint(max(founded, 1975), max(founded, 2010))
    return Plan(
        years=(REPORT_YEAR,), founded=founded, gow_founded=gow_founded,
        institutions={"police": f"Polres {short}", "kodim": f"Kodim {short}", "court": f"Pengadilan Negeri {short}"},
        gow_members=[m for m in cat.GOW_MEMBERS if m[0] in cat.CORE_GOW_MEMBERS or rng.random() < 0.7],
        branch_chance=0.45, rw_per_village=max(0.0, (per_village - 1.4) / ORGS_PER_RW), rt_per_rw=(1, 3),
        dw_per_rt=(1, 2), local_group_chances=(0.3, 0.1), village_registrar="KECAMATAN",
        advocacy_goal={REPORT_YEAR: rng.uniform(0.70, 0.92)}, event_size=80, office_share=1.0, follow_ups=(0.9, 0.6),
        cadre_waves={REPORT_YEAR: [Wave(dt.date(REPORT_YEAR, 2, 1), 300, cadres, (20, 45))]},
        women_share={"SEKDA": rng.uniform(0.1, 0.4), "JPT_PRATAMA": rng.uniform(0.15, 0.4),
                     "ADMINISTRATOR": rng.uniform(0.25, 0.45), "PENGAWAS": rng.uniform(0.3, 0.5),
                     "CAMAT": rng.uniform(0.05, 0.3), "LURAH": rng.uniform(0.15, 0.4)},
        prerequisite_level=rng.randint(50, 80), targets=targets,
        actuals={code: {REPORT_YEAR: v} for code, v in actuals.items()},
        krppa={REPORT_YEAR: round(villages * rng.uniform(0.1, 0.6))}, cases_handled={REPORT_YEAR: handled})


def generate_national(raw_dir: Path, regions: int = DEFAULT_REGIONS, seed: int = DEFAULT_SEED,
                      wilayah_all: Path | None = None, progress=None, mistakes: float = 0.0) -> dict:
    """Write the national-scale raw/ tree for `regions` kab/kota under raw_dir; return a summary.

    progress: a text stream (e.g. sys.stderr) for one line per region, or None for silence.
    mistakes: the share of data rows given one mistake an OPD makes (0: none, every row valid); drawn from a random
    stream of its own, so the rest of the sample is the same whatever the share.
    """
    if not 0 <= mistakes <= 1:
        raise UsageProblem(f"mistakes is a share of rows from 0 to 1, not {mistakes}")
    started = time.perf_counter()
    raw_dir = Path(raw_dir)
    previous = _guard(raw_dir)
    project_ref = _project_root() / "raw" / "reference"
    reference = ReferenceData.read(project_ref, REPORT_YEAR)
    region_list, source = load_regions(regions, seed, wilayah_all)
    files: list[dict] = []
    truth_regions: dict[str, dict] = {}
    jobs = [(raw_dir, region, reference, seed, mistakes) for region in region_list]
    for i, (region, written, region_truth) in enumerate(_generate_regions(jobs), 1):
        region_list[i - 1] = region  # with its OPDs and deadline, for the reference data
        files += written
        truth_regions[region.code] = region_truth
        if progress is not None:
            print(f"region {i}/{len(region_list)} {region.code} {region.name}: {len(region.opds):,} workbooks, "
                  f"{region_truth['organisations']['registered']:,} organisations, "
                  f"{region_truth['attendance_rows']:,} attendance rows ({time.perf_counter() - started:,.1f} s)",
                  file=progress, flush=True)
    write_reference(raw_dir / "reference", region_list, reference.period["kode_periode"], project_ref)
    removed = _remove_stale(raw_dir, previous, {f["path"] for f in files})
    totals = {name: sum(f["sheets"].get(name, 0) for f in files) for name in SHEET_NAMES}
    rows_with_mistake = sum(f.get("rows_with_mistake", 0) for f in files)
    total_bytes = sum(f["bytes"] for f in files)
    period = reference.period_years
    truth = {
        "generator": "pug.synthetic.national.generate_national",
        "seed": seed,
        "synthetic": True,
        "report_year": REPORT_YEAR,
        "plan_period": {"kode_periode": reference.period["kode_periode"], "tahun_awal": period[0],
                        "tahun_akhir": period[-1]},
        "regions_requested": regions,
        "mistakes": {"rate": mistakes, "rows": rows_with_mistake},
        "region_source": "official" if source != "generated" else "generated",
        "notes": {
            "rows": "data rows written per sheet (header excluded; no blank rows are written)",
            "cumulative_indicators": "only 2025 is generated: reported values of computed indicators equal what the "
                                     "warehouse computes from the 2025 sheets",
        },
        "totals": {"regions": len(region_list), "workbooks": len(files), "bytes": total_bytes, "rows": totals,
                   "organisations": sum(t["organisations"]["registered"] for t in truth_regions.values()),
                   "advocacy_events": sum(t["advocacy_events"] for t in truth_regions.values()),
                   "attendance_rows": sum(t["attendance_rows"] for t in truth_regions.values())},
        "regions": truth_regions,
        "files": files,
    }
    (raw_dir / TRUTH_FILE).write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return {
        "raw_dir": str(raw_dir), "truth": str(raw_dir / TRUTH_FILE), "seed": seed, "report_year": REPORT_YEAR,
        "region_source": source, "regions": len(region_list), "workbooks": len(files),
        "organisations": truth["totals"]["organisations"], "advocacy_events": truth["totals"]["advocacy_events"],
        "attendance_rows": truth["totals"]["attendance_rows"], "rows": sum(totals.values()),
        "rows_with_mistake": rows_with_mistake, "mib": round(total_bytes / 1048576, 1), "stale_files_removed": removed,
        "seconds": round(time.perf_counter() - started, 1),
    }


def _generate_regions(jobs: list[tuple]) -> Iterator[tuple[Region, list[dict], dict]]:
    """The regions' results in order. Regions are independent (each has its own random streams) and writing
    workbooks takes most of the time, so worker processes (spawned, as pug's other pools are) write several at
    once."""
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers < 2:
        yield from map(_generate_region, jobs)
        return
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield from pool.map(_generate_region, jobs)


def _generate_region(job: tuple) -> tuple[Region, list[dict], dict]:
    """Build one region's world and write its workbooks: (the region with its OPDs, its files, its truth)."""
    raw_dir, region, reference, seed, mistakes = job
    rng = random.Random(f"{seed}:{region.code}")
    region.opds = draw_opds(rng, region)
    region.deadline = rng.choice(DEADLINES)
    world = World(region, draw_plan(rng, region, reference.period_years), reference, rng)
    world.build_years()
    written = _write_region(raw_dir, world, reference, random.Random(f"{seed}:{region.code}:files"),
                            random.Random(f"{seed}:{region.code}:mistakes"), mistakes)
    return region, written, _region_truth(world, written)


def _write_region(raw_dir: Path, world: World, reference: ReferenceData, rng: random.Random,
                  mistake_rng: random.Random, mistakes: float) -> list[dict]:
    """Every OPD's workbook of one region; 4 in 100 are sent after the deadline."""
    region = world.region
    folder = raw_dir / "submissions" / str(REPORT_YEAR) / region.code
    folder.mkdir(parents=True, exist_ok=True)
    forms = YearForms(world, REPORT_YEAR)
    deadline = dt.date(REPORT_YEAR + 1, *region.deadline)
    first = dt.date(REPORT_YEAR + 1, 1, 5)
    names = "sunda" if region.province[0] in ("32", "36") else "jawa"
    files = []
    for opd in region.opds:
        if rng.random() < 0.04:
            sent = deadline + dt.timedelta(days=rng.randint(3, 30))
        else:
            sent = first + dt.timedelta(days=rng.randint(0, max(0, (deadline - first).days)))
        petugas = f"{rng.choice(cat.FIRST_NAMES[names])} {rng.choice(cat.LAST_NAMES[names])}"
        sheets = forms.sheets(opd, sent, petugas)
        with_mistake = make_row_mistakes(sheets, mistakes, mistake_rng, REPORT_YEAR) if mistakes else 0
        path = folder / f"{opd.code}.xlsx"
        write_xlsx(path, sheets, Style(), created=dt.datetime.combine(sent, dt.time(9, 0)),
                   title=f"Laporan PUG {opd.code} {REPORT_YEAR}", company=region.code,
                   percent_codes=reference.percent_codes)
        files.append({"path": f"submissions/{REPORT_YEAR}/{region.code}/{opd.code}.xlsx", "region": region.code,
                      "opd": opd.code, "tanggal_kirim": sent.isoformat(), "on_time": sent <= deadline,
                      "bytes": path.stat().st_size, "sheets": {s.name: s.data_rows() for s in sheets},
                      **({"rows_with_mistake": with_mistake} if mistakes else {})})
    return files


def _region_truth(world: World, files: list[dict]) -> dict:
    region, state = world.region, world.years[REPORT_YEAR]
    registered = [o for o in world.orgs if o.registered(REPORT_YEAR)]
    values = world.indicator_values(REPORT_YEAR)
    return {
        "name": region.name, "level": region.level, "province": region.province[0],
        "kecamatan": len(region.kecamatan), "desa_kelurahan": len(region.villages),
        "opds": len(region.opds), "workbooks": len(files), "women_agency_opd": world.ppa,
        "deadline": dt.date(REPORT_YEAR + 1, *region.deadline).isoformat(),
        "late": [f["opd"] for f in files if not f["on_time"]],
        "rows": {name: sum(f["sheets"].get(name, 0) for f in files) for name in SHEET_NAMES},
        "organisations": {"registered": len(registered), "active": len(state.active), "advocated": len(state.advocated),
                          "by_tingkat": dict(sorted(Counter(o.tingkat for o in registered).items())),
                          "by_jenis": dict(sorted(Counter(o.jenis for o in registered).items()))},
        "advocacy_events": len(state.events), "attendance_rows": sum(len(e.orgs) for e in state.events),
        "cadres": len(state.cadres), "posts": len(state.posts),
        "budget_lines": sum(len(lines) for lines in state.budget.values()),
        "indicator_owners": world.owners,
        "indicators": {code: values[code]["realisasi"] for code in world.owners},
    }


def _write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_reference(ref_dir: Path, regions: list[Region], period_code: str, project_ref: Path) -> None:
    ref_dir.mkdir(parents=True, exist_ok=True)
    for name in COPIED_REFERENCE:
        (ref_dir / name).write_bytes((project_ref / name).read_bytes())
    wilayah = []
    for pcode, pname in sorted({r.province for r in regions}):
        wilayah.append([pcode, pname, "provinsi", ""])
        for region in sorted((r for r in regions if r.province[0] == pcode), key=lambda r: r.code):
            wilayah.append([region.code, region.name, region.level, pcode])
            for kcode, kname in region.kecamatan:
                wilayah.append([kcode, kname, "kecamatan", region.code])
                wilayah += [[v.code, v.name, v.level, kcode] for v in region.villages if v.kecamatan == kcode]
    _write_csv(ref_dir / "wilayah.csv", ["code", "name", "level", "parent_code"], wilayah)
    _write_csv(ref_dir / "opd.csv", ["kode_wilayah", "kode_opd", "nama_opd", "peran", "kode_kecamatan"],
               [[r.code, o.code, o.name, ";".join(o.roles), o.kecamatan] for r in regions for o in r.opds])
    _write_csv(ref_dir / "tenggat.csv", ["kode_wilayah", "kode_periode", "bulan_tenggat", "hari_tenggat"],
               [[r.code, period_code, *r.deadline] for r in regions])


def _guard(raw_dir: Path) -> dict | None:
    """The previous national truth in raw_dir, or None; refuses to replace reference data it did not write."""
    truth_path = raw_dir / TRUTH_FILE
    if truth_path.is_file():
        return json.loads(truth_path.read_text(encoding="utf-8"))
    if (raw_dir / "reference" / "wilayah.csv").exists() or (raw_dir / "reference" / "opd.csv").exists():
        raise FileExistsError(
            f"{raw_dir / 'reference'} holds reference data not written by the national generator (the sample's?); "
            f"the national sample would replace it. Give --out a new directory (or remove {raw_dir / 'reference'}).")
    return None


def _remove_stale(raw_dir: Path, previous: dict | None, written: set[str]) -> int:
    """Remove the files of an earlier national run that this one did not write; return how many."""
    removed = 0
    for old in (previous or {}).get("files", []):
        path = raw_dir / old["path"]
        if old["path"] not in written and path.is_file():
            path.unlink()
            removed += 1
            if path.parent.is_dir() and not any(path.parent.iterdir()):
                path.parent.rmdir()
    return removed
