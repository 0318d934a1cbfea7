"""Deterministic synthetic submissions for the two sample cities (DESIGN "Sample data").

`generate_sample(raw_dir)` reads the regions and OPDs from `raw_dir/reference/*.csv`, builds the world of Kota
Pekalongan (33.75) and Kota Bekasi (32.75) over report years 2022 to 2025 of the plan period 2022-2026
(pug.synthetic.world), and writes what every OPD reports, with the special cases of pug.synthetic.two_cities
(missing and late reports, CSV folders, text dates and numbers, a resubmission, a file that is not a workbook)
and the planted mistakes of pug.synthetic.mistakes:

    raw_dir/submissions/<year>/<region>/<KODE_OPD>.xlsx     one workbook per OPD per year
    raw_dir/submissions/<year>/<region>/<KODE_OPD>/*.csv    a few submissions as CSV folders
    raw_dir/submissions/2024/33.75/DPMPPA_revisi.xlsx        one resubmission (the current version)
    raw_dir/submissions/2025/32.75/catatan.xlsx              not a workbook at all (must be rejected)
    raw_dir/sample_truth.json                                what was written, for tests and demos

Everything is synthetic: names, dates, counts and values are invented (plausible, never real people). The output
depends only on the reference CSVs and the seed (a random stream per city and one for the files, no wall clock;
the xlsx files carry a fixed creation date), so two runs write byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

from pug.synthetic import two_cities
from pug.synthetic.catalogue import FIRST_NAMES, GOW_MEMBERS, LAST_NAMES, NOT_A_WORKBOOK_TEXT
from pug.synthetic.forms import Submission, YearForms
from pug.synthetic.mistakes import plant, withheld_organisations
from pug.synthetic.plan import Plan, ReferenceData
from pug.synthetic.regions import Region, load_cities
from pug.synthetic.sample_truth import sample_truth
from pug.synthetic.world import World
from pug.synthetic.writers import Style, write_csv_folder, write_xlsx

DEFAULT_SEED = 20220126  # the day the 1001-cadre programme started
TRUTH_FILE = "sample_truth.json"
REPORT_YEARS = two_cities.REPORT_YEARS
SAMPLE_REGIONS = two_cities.SAMPLE_REGIONS


def generate_sample(raw_dir: Path, seed: int = DEFAULT_SEED) -> dict:
    """Write the deterministic sample submissions and `sample_truth.json` under `raw_dir`; return a summary."""
    raw_dir = Path(raw_dir)
    ref_dir = raw_dir / "reference"
    if not ref_dir.is_dir():
        raise FileNotFoundError(f"reference data not found: {ref_dir}")
    reference = ReferenceData.read(ref_dir, REPORT_YEARS[0])
    worlds = {region.code: _world(region, reference, seed)
              for region in load_cities(ref_dir, SAMPLE_REGIONS, reference.period["kode_periode"])}
    submissions = _submissions(worlds, random.Random(f"{seed}:files"))
    mistakes, special = plant(submissions, worlds)
    for sub in submissions:
        target = raw_dir / sub.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if sub.form == "xlsx":
            write_xlsx(target, sub.sheets, sub.style, created=dt.datetime.combine(sub.tanggal_kirim, dt.time(9, 0)),
                       title=f"Laporan PUG {sub.opd} {sub.year}", company=sub.region,
                       percent_codes=reference.percent_codes)
        elif sub.form == "csv":
            write_csv_folder(target, sub.sheets, sub.style, reference.percent_codes)
        else:
            target.write_text(NOT_A_WORKBOOK_TEXT, encoding="utf-8")
    truth = sample_truth(seed, reference, worlds, submissions, mistakes, special)
    (raw_dir / TRUTH_FILE).write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return {
        "raw_dir": str(raw_dir),
        "truth": str(raw_dir / TRUTH_FILE),
        "seed": seed,
        "files": len(submissions),
        "xlsx": sum(s.form == "xlsx" for s in submissions),
        "csv_folders": sum(s.form == "csv" for s in submissions),
        "not_a_workbook": sum(s.form == "not_a_workbook" for s in submissions),
        "regions": list(SAMPLE_REGIONS),
        "years": list(REPORT_YEARS),
        "organisations": {code: {year: region["years"][year]["organisations"]["written"]["rows"]
                                 for year in region["years"]} for code, region in truth["regions"].items()},
        "mistakes": len(mistakes),
        "special_cases": len(special),
    }


def _world(region: Region, reference: ReferenceData, seed: int) -> World:
    code = region.code
    column = SAMPLE_REGIONS.index(code)  # of the tables stated per indicator for both cities

    def by_year(series: list) -> dict[int, float]:
        return dict(zip(REPORT_YEARS, series))

    plan = Plan(
        years=REPORT_YEARS, **two_cities.SETTINGS, **two_cities.CITIES[code],
        gow_members=GOW_MEMBERS + two_cities.GOW_EXTRA[code],
        targets={ind: cities[column] for ind, cities in two_cities.TARGETS.items()},
        actuals={ind: by_year(cities[column]) for ind, cities in two_cities.ACTUALS.items()},
        krppa=by_year(two_cities.KRPPA[column]), cases_handled=by_year(two_cities.CASES_HANDLED[column]),
        revisions=two_cities.REVISIONS, absent={(year, opd) for r, year, opd in two_cities.MISSING if r == code},
        budget_lines={(year, opd): n for (r, year, opd), n in two_cities.BUDGET_LINES.items() if r == code},
    )
    world = World(region, plan, reference, random.Random(f"{seed}:{code}"))
    for year, org in withheld_organisations(world):
        world.withhold(year, org)
    world.build_years()
    return world


def _submissions(worlds: dict[str, World], rng: random.Random) -> list[Submission]:
    """Every OPD's report of every year, as the plan of special cases says it is sent."""
    submissions = []
    for code in SAMPLE_REGIONS:
        world = worlds[code]
        names = two_cities.PETUGAS_NAMES[code]
        for year in REPORT_YEARS:
            forms = YearForms(world, year)
            deadline = dt.date(year + 1, *world.region.deadline)
            folder = f"submissions/{year}/{code}"
            for opd in world.region.opds:
                key = (code, year, opd.code)
                if key in two_cities.MISSING:
                    continue
                if key in two_cities.LATE:
                    sent = deadline + dt.timedelta(days=rng.randint(5, 40))
                elif key == two_cities.RESUBMISSION:
                    sent = dt.date(year + 1, 2, 3) + dt.timedelta(days=rng.randint(0, 14))
                else:
                    sent = dt.date(year + 1, 1, 5) + dt.timedelta(days=rng.randint(0, 82))
                petugas = f"{rng.choice(FIRST_NAMES[names])} {rng.choice(LAST_NAMES[names])}"
                style, form = _style(key, rng)
                path = f"{folder}/{opd.code}" if form == "csv" else f"{folder}/{opd.code}.xlsx"
                sub = Submission(code, opd.code, year, path, form, sent, deadline, forms.sheets(opd, sent, petugas),
                                 style)
                submissions.append(sub)
                if key == two_cities.RESUBMISSION:
                    later = sent + dt.timedelta(days=21)
                    revision = Submission(code, opd.code, year, f"{folder}/{opd.code}_revisi.xlsx", "xlsx", later,
                                          deadline, forms.sheets(opd, later, petugas), style, supersedes=path)
                    sub.current, sub.superseded_by = False, revision.path
                    submissions.append(revision)
    region, year, name = two_cities.NOT_A_WORKBOOK
    submissions.append(Submission(region, None, year, f"submissions/{year}/{region}/{name}", "not_a_workbook", None,
                                  None, current=False))
    return submissions


def _style(key: tuple[str, int, str], rng: random.Random) -> tuple[Style, str]:
    if key in two_cities.CSV_FOLDERS:
        return two_cities.CSV_FOLDERS[key], "csv"
    ya_tidak = rng.random() < 0.12 or key in two_cities.YA_TIDAK
    petunjuk = rng.random()
    return Style(dates=two_cities.TEXT_DATES.get(key, "excel"),
                 numbers="id_text" if key in two_cities.TEXT_NUMBERS else "number",
                 percent_sign=two_cities.TEXT_NUMBERS.get(key, False), yesno="YaTidak" if ya_tidak else "YT",
                 petunjuk="first" if petunjuk < 0.12 else ("last" if petunjuk < 0.25 else None)), "xlsx"
