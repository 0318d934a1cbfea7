"""The truth file of the two-city sample: what was written, counted from the sheets as written, and what the world
chose (the organisations advocated, the values the owners report), for tests and demos.

Figures that count rows say with includes_mistake_rows / mistake_ids whether they count rows with a planted
mistake; *_valid figures leave those rows out. Indicator values are the world's (World.indicator_values).
"""

from __future__ import annotations

from collections import Counter

from pug.synthetic.forms import Submission
from pug.synthetic.mistakes import Planted
from pug.synthetic.plan import ReferenceData
from pug.synthetic.world import World, share

NOTES = {
    "row_counts": "files[].sheets counts every data row written (faulty rows included), excluding the header and "
                  "blank rows; the file that is not a workbook has none",
    "mistake_rows": "figures say with includes_mistake_rows / mistake_ids whether they count rows that carry a "
                    "deliberate mistake; *_valid figures leave those rows out",
    "current_version": "files[].current marks the version that should be current per (region, OPD, year)",
    "percent_text": "percent_sign files write % indicators as e.g. '71,35%', meaning 71.35 percent points",
    "indicators": "realisasi, pembilang and penyebut are what the owner reports, from the world's state; the "
                  "warehouse computes the same from the valid rows where no mistake row is counted",
}


def sample_truth(seed: int, reference: ReferenceData, worlds: dict[str, World], submissions: list[Submission],
                 mistakes: list[Planted], special: list[Planted]) -> dict:
    bad = {id(m.row): m.id for m in mistakes if m.row is not None}
    period = reference.period_years
    return {
        "generator": "pug.synthetic.sample.generate_sample",
        "seed": seed,
        "synthetic": True,
        "plan_period": {"kode_periode": reference.period["kode_periode"], "tahun_awal": period[0],
                        "tahun_akhir": period[-1]},
        "report_years": list(next(iter(worlds.values())).plan.years),
        "notes": NOTES,
        "regions": {code: _region(world, reference, submissions, mistakes, bad) for code, world in worlds.items()},
        "files": [_file(s, mistakes, special) for s in sorted(submissions, key=lambda s: s.path)],
        "mistakes": [m.truth() for m in mistakes],
        "special_cases": [m.truth() for m in special],
    }


def _file(s: Submission, mistakes: list[Planted], special: list[Planted]) -> dict:
    entry = {"path": s.path, "region": s.region, "opd": s.opd, "year": s.year,
             "tanggal_kirim": s.tanggal_kirim.isoformat() if s.tanggal_kirim else None,
             "deadline": s.deadline.isoformat() if s.deadline else None, "on_time": s.on_time, "form": s.form,
             "current": s.current}
    if s.form == "not_a_workbook":
        entry["expected_status"] = "rejected"
    else:
        entry["sheets"] = {sheet.name: sheet.data_rows() for sheet in s.sheets}
        entry["formats"] = {"dates": s.style.dates, "numbers": s.style.numbers, "percent_sign": s.style.percent_sign,
                            "yesno": s.style.yesno}
        if s.form == "csv":
            entry["formats"]["separator"] = s.style.separator
        else:
            entry["formats"]["petunjuk_sheet"] = s.style.petunjuk
    for key in ("supersedes", "superseded_by"):
        if getattr(s, key):
            entry[key] = getattr(s, key)
    for key, planted in (("mistakes", mistakes), ("special_cases", special)):
        ids = [m.id for m in planted if m.submission is s]
        if ids:
            entry[key] = ids
    return entry


class _Rows:
    """The data rows of one sheet over some submissions, split by whether a planted mistake sits in them."""

    def __init__(self, subs: list[Submission], sheet: str, bad: dict[int, str]):
        self.columns, self.rows = None, []
        for s in subs:
            if any(sh.name == sheet for sh in s.sheets):
                found = s.sheet(sheet)
                self.columns = self.columns or found.columns
                self.rows += [r for r in found.rows if r is not None]
        self.mistake_ids = sorted({bad[id(r)] for r in self.rows if id(r) in bad})
        self.valid = [r for r in self.rows if id(r) not in bad]

    def column(self, name: str, rows: list[list] | None = None) -> list:
        at = self.columns.index(name)
        return [r[at] for r in (self.rows if rows is None else rows)]

    def counts(self, name: str, rows: list[list] | None = None) -> dict:
        return dict(sorted(Counter(self.column(name, rows)).items()))


def _region(world: World, reference: ReferenceData, submissions: list[Submission], mistakes: list[Planted],
            bad: dict[int, str]) -> dict:
    region = world.region
    out = {"name": region.name, "women_agency_opd": world.ppa, "indicator_owners": world.owners,
           "deadline": f"{region.deadline[1]:02d}-{region.deadline[0]:02d} of the following year",
           "opds_expected": [o.code for o in region.opds], "years": {}}
    cadres_valid = 0
    for year in world.plan.years:
        subs = [s for s in submissions if s.region == region.code and s.year == year and s.opd]
        current = {s.opd: s for s in subs if s.current}
        ppa = current[world.ppa]
        values = world.indicator_values(year)
        kader = _Rows([ppa], "kader", bad)
        cadres_valid += len(kader.valid)
        out["years"][str(year)] = {
            "submission_status": {
                "expected": len(region.opds), "received": len(current),
                "missing": sorted(o.code for o in region.opds if o.code not in current),
                "late": sorted(s.opd for s in current.values() if not s.on_time),
                "versions": {opd: n for opd, n in Counter(s.opd for s in subs).items() if n > 1},
                "files_not_workbook": [s.path for s in submissions
                                       if s.form == "not_a_workbook" and s.region == region.code and s.year == year],
            },
            "organisations": _organisations(world, year, ppa, list(current.values()), bad),
            "advocacy": _advocacy(world, year, values, list(current.values()), bad),
            "cadres": {"source_file": ppa.path, "trained_in_year": len(kader.rows),
                       "trained_in_year_valid": len(kader.valid), "cumulative": values["KADER_KK_JML"]["realisasi"],
                       "cumulative_valid": cadres_valid,
                       "women": kader.counts("jenis_kelamin").get("P", 0),
                       "with_materi_pug": sum(c["materi_pug"] for c in world.years[year].cadres),
                       "aktif": sum(c["status"] == "AKTIF" for c in world.years[year].cadres),
                       "includes_mistake_rows": bool(kader.mistake_ids), "mistake_ids": kader.mistake_ids},
            "posts": _posts(world, values, current, bad),
            "budget": _budget(world, year, values, list(current.values()), bad),
            "prerequisites": {"nilai": {str(p["kode_prasyarat"]): p["nilai"] for p in world.years[year].prerequisites},
                              "mean": values["PRASYARAT_SKOR"]["realisasi"], "includes_mistake_rows": False},
            "indicators": _indicators(world, reference, year, values, set(s.path for s in current.values()), mistakes),
        }
    return out


def _organisations(world: World, year: int, ppa: Submission, current: list[Submission], bad: dict[int, str]) -> dict:
    rows = _Rows(current, "organisasi", bad)

    def counts(selected: list[list]) -> dict:
        return {"rows": len(selected), "by_jenis": rows.counts("jenis", selected),
                "by_tingkat": rows.counts("tingkat", selected), "by_status": rows.counts("status", selected)}

    first = world.plan.years[0]
    before = {o.code for o in world.orgs if o.registered(year - 1)} if year > first else set()
    now = {o.code for o in world.orgs if o.registered(year)}
    return {
        "source_file": ppa.path,
        "written": {**counts(rows.rows), "distinct_codes": len(set(rows.column("kode_organisasi"))),
                    "includes_mistake_rows": bool(rows.mistake_ids), "mistake_ids": rows.mistake_ids},
        "valid": {**counts(rows.valid), "active": rows.counts("status", rows.valid).get("AKTIF", 0),
                  "includes_mistake_rows": False},
        "new_since_previous_year": len(now - before) if before else None,
        "gone_since_previous_year": len(before - now) if before else None,
    }


def _advocacy(world: World, year: int, values: dict, current: list[Submission], bad: dict[int, str]) -> dict:
    state, coverage = world.years[year], values["ORG_ADVOKASI_PCT"]
    attendance = _Rows(current, "advokasi_peserta", bad)
    events = {s.opd: s.sheet("advokasi").data_rows() for s in current if any(sh.name == "advokasi" for sh in s.sheets)}
    return {
        "events": sum(events.values()), "events_by_opd": dict(sorted(events.items())),
        "attendance_rows": len(attendance.rows), "attendance_rows_valid": len(attendance.valid),
        "includes_mistake_rows": bool(attendance.mistake_ids), "mistake_ids": attendance.mistake_ids,
        "advocated_in_year": {"count": len(state.advocated), "codes": sorted(state.advocated)},
        "first_advocated_in_year": len(state.first_advocated),
        "advocated_cumulative": {"count": len(state.cumulative), "codes": sorted(state.cumulative)},
        "active_registered": coverage["penyebut"], "active_advocated_cumulative": coverage["pembilang"],
        "cumulative_share_pct": coverage["realisasi"],
        "by_kecamatan": {kcode: {"active": v["penyebut"], "advocated_cumulative": v["pembilang"],
                                 "share_pct": v["realisasi"]} for kcode, v in coverage["by_kecamatan"].items()},
        "note": "codes are the organisations the world invited (the unregistered participant of M10 is not one); "
                "active_registered counts valid register rows (AKTIF)",
    }


def _posts(world: World, values: dict, current: dict[str, Submission], bad: dict[int, str]) -> dict:
    staffing = current[world.region.with_role("KEPEGAWAIAN")[0].code]
    rows = _Rows([staffing], "jabatan", bad)
    by_group: dict[str, dict] = {}
    for group, sex, status in zip(rows.column("kelompok"), rows.column("jenis_kelamin"), rows.column("status")):
        counts = by_group.setdefault(group, {"posts": 0, "P": 0, "L": 0, "KOSONG": 0, "PLT": 0})
        counts["posts"] += 1
        counts[sex or "KOSONG"] += 1
        counts["PLT"] += status == "PLT"
    women, men = sum(c["P"] for c in by_group.values()), sum(c["L"] for c in by_group.values())
    strategic = values["JABATAN_STRATEGIS_P_PCT"]
    return {"source_file": staffing.path, "rows": len(rows.rows), "by_kelompok": by_group,
            "women_share_all_filled_pct": share(women, women + men)["realisasi"],
            "strategic_holders": strategic["penyebut"], "strategic_women": strategic["pembilang"],
            "strategic_women_pct": strategic["realisasi"], "includes_mistake_rows": bool(rows.mistake_ids),
            "note": f"strategic = {' + '.join(world.reference.strategic)}; holders counted by person (kode_pegawai), "
                    "status DEFINITIF or PLT"}


def _budget(world: World, year: int, values: dict, current: list[Submission], bad: dict[int, str]) -> dict:
    rows = _Rows(current, "anggaran", bad)
    lines = [line for opd_lines in world.years[year].budget.values() for line in opd_lines]
    arg, gap_gbs = values["ARG_PCT"], values["OPD_GAP_GBS_PCT"]
    return {"lines_written": len(rows.rows), "lines_valid": len(rows.valid),
            "lines_responsive": sum(line["responsif_gender"] for line in lines),
            "lines_gap_and_gbs": sum(line["ada_gap"] and line["ada_gbs"] for line in lines),
            "opds": gap_gbs["penyebut"], "opds_with_gap_and_gbs": gap_gbs["pembilang"],
            "pagu_total": sum(line["pagu"] for line in lines), "pagu_responsive": arg["pembilang"],
            "direct_budget": arg["penyebut"], "arg_pct": arg["realisasi"],
            "includes_mistake_rows": bool(rows.mistake_ids), "mistake_ids": rows.mistake_ids,
            "note": "pagu sums are the world's (also of lines written with a mistake); arg_pct is over the direct budget "
                    "BPKAD reports; opds = OPDs that reported"}


def _indicators(world: World, reference: ReferenceData, year: int, values: dict, current_paths: set[str],
                mistakes: list[Planted]) -> dict:
    targets = world.indicator_targets(year)
    out = {}
    for ind, owner in world.owners.items():
        entry = {"owner_opd": owner, "unit": reference.unit(ind),
                 "targets": {str(y): t for y, t in targets.get(ind, ({}, None))[0].items()},
                 **values[ind]}
        written = [m.id for m in mistakes if m.submission.path in current_paths and m.sheet is not None
                   and m.sheet.name in ("capaian", "target") and m.row is not None and m.row[0] == ind]
        if written:
            entry["written_with_mistake"] = written
        out[ind] = entry
    return out
