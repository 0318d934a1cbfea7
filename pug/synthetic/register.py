"""The register of women's organisations of one region, down to dasawisma level, and its yearly changes.

TP PKK at kab/kota, kecamatan and desa/kelurahan level with PKK groups below (RW, RT, dasawisma: by far the most),
the GOW and its member organisations, kecamatan branches of the large religious organisations, and local groups.
Every year some dasawisma are founded, some leave the register and some become inactive, and a few local groups
are founded.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from pug.synthetic import catalogue as cat
from pug.synthetic.plan import Plan
from pug.synthetic.regions import Region, Village

LEVEL_RANK = {"KOTA": 0, "KECAMATAN": 1, "KELURAHAN": 2, "RW": 3, "RT": 4, "DASAWISMA": 5}
NEVER = 9999

# Chance that a group is inactive when the register starts, by level (local groups are KELURAHAN level).
INACTIVE_AT_START = {"KECAMATAN": 0.03, "KELURAHAN": 0.03, "RW": 0.01, "RT": 0.02, "DASAWISMA": 0.04}
# Yearly changes, as shares of the dasawisma registered the year before; new local groups per desa/kelurahan.
DASAWISMA_FOUNDED = (0.02, 0.03)
DASAWISMA_LEAVING = (0.004, 0.008)
DASAWISMA_INACTIVE = (0.01, 0.02)
LOCAL_GROUPS_FOUNDED = (0.01, 0.05)


@dataclass(slots=True)
class Org:
    code: str
    name: str
    jenis: str
    tingkat: str
    wilayah: str
    induk: str | None
    berdiri: int
    anggota: int
    registrar: str  # the OPD whose register lists it
    growth: float  # yearly change of its membership
    first_year: int  # first report year it is registered
    last_year: int = NEVER
    inactive_from: int = NEVER

    @property
    def kecamatan(self) -> str | None:
        return self.wilayah[:8] if len(self.wilayah) >= 8 else None

    def registered(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year

    def status(self, year: int) -> str:
        return "NONAKTIF" if year >= self.inactive_from else "AKTIF"

    def members(self, year: int, since: int) -> int:
        return max(5, round(self.anggota * (1 + self.growth * (year - since))))


def _year(rng: random.Random, low: int, high: int) -> int:
    """A founding year from low to high; low itself when the parent was founded after high."""
    return rng.randint(low, max(low, high))


class _Registrar:
    """Adds organisations to one region's register, drawing what is not given."""

    def __init__(self, rng: random.Random, region: Region, plan: Plan, orgs: list[Org]):
        self.rng, self.region, self.plan, self.orgs = rng, region, plan, orgs
        self.ppa = region.with_role("PPPA")[0].code
        self.offices = {o.kecamatan: o.code for o in region.opds if o.has("KECAMATAN")}

    def add(self, code, name, jenis, tingkat, wilayah, induk, berdiri, anggota, *, registrar=None, first=None,
            inactive_chance=0.0) -> Org:
        first = first or self.plan.years[0]
        org = Org(code, name, jenis, tingkat, wilayah, induk, berdiri, anggota, registrar or self.ppa,
                  self.rng.uniform(-0.03, 0.06), first)
        if inactive_chance and self.rng.random() < inactive_chance:
            org.inactive_from = first
        self.orgs.append(org)
        return org

    def village_registrar(self, village: Village) -> str:
        if self.plan.village_registrar == "KECAMATAN":
            return self.offices.get(village.kecamatan, self.ppa)
        return self.ppa

    def dasawisma(self, rt: Org, number: int, title: str, *, first=None, berdiri=None) -> Org:
        rw_no, rt_no = rt.code.split("-")[-2:]
        return self.add(f"{rt.code.replace('PKK-RT-', 'PKK-DW-')}-{number:02d}",
                        f"Dasawisma {self.rng.choice(cat.FLOWERS)} {number:02d} RT {rt_no} RW {rw_no} {title}",
                        "PKK", "DASAWISMA", rt.wilayah, rt.code, berdiri or self.rng.randint(2000, 2021),
                        self.rng.randint(10, 20), registrar=rt.registrar, first=first,
                        inactive_chance=0.0 if first else INACTIVE_AT_START["DASAWISMA"])

    def local_group(self, village: Village, number: int, *, first=None, berdiri=None) -> Org:
        template, jenis, (low, high) = self.rng.choice(cat.LOCAL_GROUPS)
        return self.add(f"KOM-{village.code}-{number:02d}",
                        template.format(f=f"{self.rng.choice(cat.FLOWERS)} {village.title}"), jenis, "KELURAHAN",
                        village.code, None, berdiri or self.rng.randint(2005, 2021), self.rng.randint(low, high),
                        registrar=self.village_registrar(village), first=first,
                        inactive_chance=0.0 if first else INACTIVE_AT_START["KELURAHAN"])


def build_register(rng: random.Random, region: Region, plan: Plan) -> list[Org]:
    """The register as it stands in the first year, then changed year by year; each Org knows its years."""
    orgs: list[Org] = []
    reg = _Registrar(rng, region, plan, orgs)
    _kota_level(reg)
    for kcode, kname in region.kecamatan:
        _kecamatan_level(reg, kcode, kname)
    for village in region.villages:
        _village_level(reg, village)
    for year in plan.years[1:]:
        _changes(reg, year)
    return orgs


def _kota_level(reg: _Registrar) -> None:
    rng, region, plan = reg.rng, reg.region, reg.plan
    reg.add(f"PKK-KOTA-{region.code}", f"TP PKK {region.name}", "PKK", "KOTA", region.code, None, plan.founded,
            rng.randint(40, 80))
    gow = reg.add(f"GOW-{region.code}", f"Gabungan Organisasi Wanita (GOW) {region.name}", "FEDERASI", "KOTA",
                  region.code, None, plan.gow_founded, 0)
    names = {"kota": region.name, **plan.institutions}
    scale = 1.0 if region.level == "kota" else 1.5  # a kabupaten's organisations have more members
    for key, jenis, template, (low, high), first in plan.gow_members:
        later = first > plan.years[0]
        reg.add(f"OW-{region.code}-{key}", template.format(**names), jenis, "KOTA", region.code, gow.code,
                first - 1 if later else _year(rng, plan.gow_founded, 2015), round(rng.randint(low, high) * scale),
                first=first if later else None)


def _kecamatan_level(reg: _Registrar, kcode: str, kname: str) -> None:
    rng, region, plan = reg.rng, reg.region, reg.plan
    reg.add(f"PKK-KEC-{kcode}", f"TP PKK Kecamatan {kname}", "PKK", "KECAMATAN", kcode, f"PKK-KOTA-{region.code}",
            _year(rng, plan.founded, 2010), rng.randint(25, 45))
    members = {o.code for o in reg.orgs if o.induk == f"GOW-{region.code}"}
    for key, template, (low, high) in cat.KEC_BRANCHES:
        if f"OW-{region.code}-{key}" in members and rng.random() < plan.branch_chance:
            reg.add(f"OW-{kcode}-{key}", template.format(kec=kname), "KEAGAMAAN", "KECAMATAN", kcode,
                    f"OW-{region.code}-{key}", rng.randint(1985, 2018), rng.randint(low, high),
                    inactive_chance=INACTIVE_AT_START["KECAMATAN"])


def _village_level(reg: _Registrar, village: Village) -> None:
    rng, plan = reg.rng, reg.plan
    registrar, title = reg.village_registrar(village), village.title
    kel = reg.add(f"PKK-KEL-{village.code}", f"TP PKK {title}", "PKK", "KELURAHAN", village.code,
                  f"PKK-KEC-{village.kecamatan}", _year(rng, max(plan.founded, 1980), 2015), rng.randint(15, 35),
                  registrar=registrar)
    for rw in range(1, max(0, int(plan.rw_per_village * rng.uniform(0.6, 1.4) + rng.random())) + 1):
        rw_org = reg.add(f"PKK-RW-{village.code}-{rw:03d}", f"PKK RW {rw:03d} {title}", "PKK", "RW", village.code,
                         kel.code, rng.randint(1990, 2019), rng.randint(10, 25), registrar=registrar,
                         inactive_chance=INACTIVE_AT_START["RW"])
        for rt in range(1, rng.randint(*plan.rt_per_rw) + 1):
            rt_org = reg.add(f"PKK-RT-{village.code}-{rw:03d}-{rt:03d}", f"PKK RT {rt:03d} RW {rw:03d} {title}",
                             "PKK", "RT", village.code, rw_org.code, rng.randint(1995, 2020), rng.randint(8, 20),
                             registrar=registrar, inactive_chance=INACTIVE_AT_START["RT"])
            for dw in range(1, rng.randint(*plan.dw_per_rt) + 1):
                reg.dasawisma(rt_org, dw, title)
    for number in range(1, sum(rng.random() < p for p in plan.local_group_chances) + 1):
        reg.local_group(village, number)


def _changes(reg: _Registrar, year: int) -> None:
    rng, region, orgs = reg.rng, reg.region, reg.orgs
    dasawisma = [o for o in orgs if o.tingkat == "DASAWISMA" and o.registered(year - 1)]
    numbers: dict[str, int] = {}  # the highest dasawisma and local-group numbers so far, by parent or village
    for o in orgs:
        if o.tingkat == "DASAWISMA" or o.code.startswith("KOM-"):
            key = o.induk if o.tingkat == "DASAWISMA" else o.wilayah
            numbers[key] = max(numbers.get(key, 0), int(o.code.rsplit("-", 1)[1]))
    rts = [o for o in orgs if o.tingkat == "RT" and o.registered(year)]
    titles = {v.code: v.title for v in region.villages}
    for _ in range(round(len(dasawisma) * rng.uniform(*DASAWISMA_FOUNDED))):
        rt = rng.choice(rts)
        numbers[rt.code] = numbers.get(rt.code, 0) + 1
        reg.dasawisma(rt, numbers[rt.code], titles[rt.wilayah], first=year, berdiri=year - 1)
    for _ in range(max(1, round(len(region.villages) * rng.uniform(*LOCAL_GROUPS_FOUNDED)))):
        village = rng.choice(region.villages)
        numbers[village.code] = numbers.get(village.code, 0) + 1
        reg.local_group(village, numbers[village.code], first=year, berdiri=year - 1)
    staying = [o for o in dasawisma if o.last_year == NEVER]
    for o in rng.sample(staying, round(len(dasawisma) * rng.uniform(*DASAWISMA_LEAVING))):
        o.last_year = year - 1
    active = [o for o in staying if o.last_year == NEVER and o.inactive_from == NEVER]
    for o in rng.sample(active, round(len(dasawisma) * rng.uniform(*DASAWISMA_INACTIVE))):
        o.inactive_from = year
