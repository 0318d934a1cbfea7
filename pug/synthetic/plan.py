"""What a region's synthetic world is made of, decided before it is built, and the reference facts it follows.

A `Plan` is stated as data for the two sample cities (pug.synthetic.two_cities) and drawn per region for the
national sample (pug.synthetic.national); pug.synthetic.world builds the same kind of world from either.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pug.reference import reference_file
from pug.synthetic.regions import UsageProblem, read_csv

DEFAULT_STRATEGIC = ("SEKDA", "JPT_PRATAMA")


@dataclass(frozen=True)
class Wave:
    """Cadres trained in batches from `start` over `days` days, `count` in all, a batch of batch[0] to batch[1]."""

    start: dt.date
    days: int
    count: int
    batch: tuple[int, int]


@dataclass(frozen=True)
class Revision:
    """An owner revises a target: from the workbook of `stated_in` on, years from `from_year` are `factor` times."""

    stated_in: int
    from_year: int
    factor: float
    note: str


@dataclass
class Plan:
    years: tuple[int, ...]  # the report years the world lives through
    # the register of women's organisations
    founded: int  # the kab/kota TP PKK
    gow_founded: int
    institutions: dict[str, str]  # police, kodim, court: names in the GOW members' names
    gow_members: list[tuple]  # catalogue.GOW_MEMBERS entries
    branch_chance: float  # a kecamatan branch of Muslimat, Fatayat, Aisyiyah where the city has the organisation
    rw_per_village: float  # PKK RW groups per desa/kelurahan, on average
    rt_per_rw: tuple[int, int]
    dw_per_rt: tuple[int, int]
    local_group_chances: tuple[float, ...]  # each a chance of one more local group in a desa/kelurahan
    village_registrar: str  # PPPA: the women's agency registers every organisation; KECAMATAN: the offices do below
    # advocacy: the cumulative share of active organisations advocated by the end of each year
    advocacy_goal: dict[int, float]
    event_size: int  # organisations invited to one meeting, at most
    office_share: float  # share of meetings below kab/kota level held by the kecamatan office (else the agency)
    follow_ups: tuple[float, ...]  # chance of each further meeting of a meeting's organisations
    # cadres, posts, budget, prerequisites
    cadre_waves: dict[int, list[Wave]]
    women_share: dict[str, float]  # chance a post holder of each group is a woman in the first year
    prerequisite_level: int  # around where the seven prerequisites score in the first year
    # indicators the world does not count itself: stated targets (plan period) and realised values (report years)
    targets: dict[str, list[float]]
    actuals: dict[str, dict[int, float]]
    krppa: dict[int, int]  # desa/kelurahan counted women- and child-friendly
    cases_handled: dict[int, int]
    revisions: dict[str, Revision] = field(default_factory=dict)
    # who does not report in a year (no budget lines then) and line counts fixed in advance
    absent: set[tuple[int, str]] = field(default_factory=set)
    budget_lines: dict[tuple[int, str], int] = field(default_factory=dict)


@dataclass(frozen=True)
class ReferenceData:
    """The reference facts a world follows: the indicator catalogue, the plan period, the strategic post groups."""

    indikator: list[dict]
    period: dict
    prerequisites: tuple[tuple[int, str, str], ...]  # (number on the sheet, key, name) from prasyarat.csv

    strategic: tuple[str, ...] = DEFAULT_STRATEGIC
    acting_counted: bool = True  # setting jabatan_plt_dihitung: acting (PLT) holders count as filling a post

    @property
    def period_years(self) -> list[int]:
        return list(range(int(self.period["tahun_awal"]), int(self.period["tahun_akhir"]) + 1))

    @property
    def percent_codes(self) -> frozenset[str]:
        return frozenset(i["kode_indikator"] for i in self.indikator if i["satuan"] == "%")

    def unit(self, code: str) -> str:
        return next(i["satuan"] for i in self.indikator if i["kode_indikator"] == code)

    @classmethod
    def read(cls, ref_dir: Path, year: int) -> "ReferenceData":
        """indikator.csv, the period of periode.csv that holds `year`, the prerequisites of prasyarat.csv and the
        strategic groups of pengaturan.csv."""
        period = next((p for p in read_csv(ref_dir / "periode.csv")
                       if int(p["tahun_awal"]) <= year <= int(p["tahun_akhir"])), None)
        if period is None:
            raise UsageProblem(f"periode.csv has no plan period containing {year}")
        settings = read_csv(ref_dir / "pengaturan.csv") if (ref_dir / "pengaturan.csv").exists() else []
        strategic = next((tuple(s["nilai"].split(";")) for s in settings if s["kunci"] == "kelompok_jabatan_strategis"),
                         DEFAULT_STRATEGIC)
        acting = next((s["nilai"].upper() == "Y" for s in settings if s["kunci"] == "jabatan_plt_dihitung"), True)
        prerequisites = tuple((int(p["kode_prasyarat"]), p["kunci"], p["nama"])
                              for p in read_csv(reference_file(ref_dir, "prasyarat")))
        return cls(read_csv(ref_dir / "indikator.csv"), period, prerequisites, strategic, acting)
