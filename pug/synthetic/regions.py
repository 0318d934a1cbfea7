"""Regions and their OPDs as the synthetic world knows them: read from reference CSVs, or invented.

The two sample cities come from the project's raw/reference (regions, OPDs, deadlines). The national sample takes
the first N kab/kota of the official Kemendagri list, or invents N under province codes no real province uses,
and draws each one's OPDs (the women's agency, planning, staffing, ... and one office per kecamatan).
"""

from __future__ import annotations

import csv
import random
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pug.synthetic import catalogue as cat

KABKOTA_LEVELS = ("kabupaten", "kota")
VILLAGE_LEVELS = ("kelurahan", "desa", "desa_adat")


class UsageProblem(ValueError):
    """A request the generator cannot serve (too many regions, no plan period): a message, not a bug."""


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


@dataclass(frozen=True, order=True)
class Village:
    """A desa or kelurahan (PP.KK.CC.NNNN)."""

    code: str
    name: str
    kecamatan: str
    level: str  # kelurahan | desa | desa_adat

    @property
    def title(self) -> str:
        """The name as organisations carry it: "Kelurahan X", "Desa Y"."""
        if self.level == "kelurahan":
            return f"Kelurahan {self.name}"
        return self.name if self.name.startswith("Desa ") else f"Desa {self.name}"


@dataclass(frozen=True)
class Opd:
    code: str
    name: str
    roles: tuple[str, ...]
    kecamatan: str = ""  # the kecamatan of a kecamatan office

    def has(self, role: str) -> bool:
        return role in self.roles


@dataclass
class Region:
    code: str
    name: str
    level: str  # kabupaten | kota
    province: tuple[str, str]  # (code, name)
    kecamatan: list[tuple[str, str]]  # (code, name), by code
    villages: list[Village]  # by code
    opds: list[Opd] = field(default_factory=list)
    deadline: tuple[int, int] = (3, 31)  # (month, day) of the year after the report year

    @property
    def short_name(self) -> str:
        return re.sub(r"^(Kabupaten|Kota)\s+", "", self.name)

    @property
    def head_title(self) -> str:
        return "Wali Kota" if self.level == "kota" else "Bupati"

    def with_role(self, role: str) -> list[Opd]:
        return [o for o in self.opds if o.has(role)]

    def office_of(self, kecamatan: str) -> Opd | None:
        return next((o for o in self.opds if o.has("KECAMATAN") and o.kecamatan == kecamatan), None)


# ---------------------------------------------------------------- the sample cities --------------------------


def load_cities(ref_dir: Path, codes: tuple[str, ...], period_code: str) -> list[Region]:
    """The regions `codes` with their kecamatan, kelurahan, OPDs and deadlines, from raw/reference/*.csv."""
    if not ref_dir.is_dir():
        raise FileNotFoundError(f"reference data not found: {ref_dir}")
    wilayah = read_csv(ref_dir / "wilayah.csv")
    opd_rows = read_csv(ref_dir / "opd.csv")
    tenggat = read_csv(ref_dir / "tenggat.csv") if (ref_dir / "tenggat.csv").exists() else []
    names = {w["code"]: w["name"] for w in wilayah}
    regions = []
    for code in codes:
        row = next((w for w in wilayah if w["code"] == code), None)
        if row is None:
            raise ValueError(f"wilayah.csv lacks sample region {code}")
        kecamatan = sorted((w["code"], w["name"]) for w in wilayah if w["parent_code"] == code)
        kec_codes = {k for k, _ in kecamatan}
        villages = sorted(Village(w["code"], w["name"], w["parent_code"], w["level"])
                          for w in wilayah if w["parent_code"] in kec_codes)
        opds = [Opd(o["kode_opd"], o["nama_opd"], tuple(r.strip() for r in o["peran"].split(";") if r.strip()),
                    o.get("kode_kecamatan", "")) for o in opd_rows if o["kode_wilayah"] == code]
        if not opds:
            raise ValueError(f"opd.csv has no OPDs for sample region {code}")
        deadline = next(((int(t["bulan_tenggat"]), int(t["hari_tenggat"])) for t in tenggat
                         if t["kode_wilayah"] == code and t.get("kode_periode", period_code) == period_code), (3, 31))
        parent = row["parent_code"]
        regions.append(Region(code, row["name"], row["level"], (parent, names.get(parent, parent)), kecamatan,
                              villages, opds, deadline))
    return regions


# ---------------------------------------------------------------- national: the official list ----------------


def read_official(path: Path, n: int) -> list[Region]:
    """The first n kab/kota by code of the official list, with their real kecamatan and desa/kelurahan."""
    with path.open(encoding="utf-8", newline="") as f:
        lines = csv.reader(f)
        header = next(lines)
        at = [header.index(name) for name in ("code", "name", "level", "parent_code")]
        rows = [tuple(line[i].strip() for i in at) for line in lines]
    provinces = {c: name for c, name, level, _ in rows if level == "provinsi"}
    kabkota = sorted((r for r in rows if r[2] in KABKOTA_LEVELS), key=lambda r: r[0])
    if n > len(kabkota):
        raise UsageProblem(f"{path} lists {len(kabkota)} kab/kota; {n} were asked for")
    chosen = {r[0]: r for r in kabkota[:n]}
    kecamatan: dict[str, list[tuple[str, str]]] = {c: [] for c in chosen}
    kec_parent: dict[str, str] = {}
    for c, name, level, parent in rows:
        if level == "kecamatan" and parent in chosen:
            kecamatan[parent].append((c, name))
            kec_parent[c] = parent
    villages: dict[str, list[Village]] = {c: [] for c in chosen}
    for c, name, level, parent in rows:
        if level in VILLAGE_LEVELS and parent in kec_parent:
            villages[kec_parent[parent]].append(Village(c, name, parent, level))
    return [Region(code, name, level, (parent, provinces.get(parent, parent)), sorted(kecamatan[code]),
                   sorted(villages[code])) for code, (_, name, level, parent) in chosen.items()]


# ---------------------------------------------------------------- national: invented regions -----------------


def _place_name(rng: random.Random) -> str:
    head, tail = rng.choice(cat.NAME_HEADS), rng.choice(cat.NAME_TAILS)
    return head + tail if rng.random() < 0.7 else f"{head} {tail.capitalize()}"


def invent_regions(n: int, seed: int) -> list[Region]:
    """N invented kab/kota; region i is the same whatever N is (each province and region has its own stream)."""
    regions: list[Region] = []
    for prov_code in cat.FICTIONAL_PROVINCES:
        prng = random.Random(f"{seed}:province:{prov_code}")
        province = (f"{prov_code:02d}", f"Provinsi {_place_name(prng)} {prng.choice(cat.COMPASS)} (sintetis)")
        n_kab, n_kota = prng.randint(6, 18), prng.randint(1, 4)
        slots = [("kabupaten", k) for k in range(1, n_kab + 1)] + [("kota", 70 + k) for k in range(1, n_kota + 1)]
        for level, kk in slots:
            if len(regions) == n:
                return regions
            regions.append(_invent_region(f"{province[0]}.{kk:02d}", level, province, seed))
    if len(regions) < n:
        raise UsageProblem(f"cannot invent more than {len(regions)} kab/kota")
    return regions


def _invent_region(code: str, level: str, province: tuple[str, str], seed: int) -> Region:
    rng = random.Random(f"{seed}:region:{code}")
    name = f"{'Kota' if level == 'kota' else 'Kabupaten'} {_place_name(rng)}"
    kota = level == "kota"
    kecamatan, villages, used = [], [], set()
    for c in range(1, (rng.randint(3, 10) if kota else rng.randint(8, 22)) + 1):
        kname = _place_name(rng)
        while kname in used:
            kname = f"{kname} {rng.choice(cat.COMPASS)}"
        used.add(kname)
        kcode = f"{code}.{c:02d}"
        kecamatan.append((kcode, kname))
        n_kel = rng.randint(4, 12) if kota else (rng.randint(2, 6) if c == 1 else 0)
        n_des = 0 if kota else rng.randint(6, 18)
        villages += [Village(f"{kcode}.{1000 + i}", _place_name(rng), kcode, "kelurahan") for i in range(1, n_kel + 1)]
        villages += [Village(f"{kcode}.{2000 + i}", _place_name(rng), kcode, "desa") for i in range(1, n_des + 1)]
    return Region(code, name, level, province, kecamatan, villages)


# ---------------------------------------------------------------- national: OPDs -----------------------------


def _kecamatan_office_code(name: str, kcode: str, taken: set[str]) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Z0-9]+", "_", ascii_name.upper()).strip("_")[:50] or kcode[-2:]
    code = f"KEC_{stem}"
    return f"{code}_{kcode[-2:]}" if code in taken else code


def draw_opds(rng: random.Random, region: Region) -> list[Opd]:
    """About 27 OPDs with the PUG roles (names vary by region; roles do not) plus one office per kecamatan."""
    code, name, roles, _ = rng.choices(cat.WOMEN_AGENCIES, weights=[w[3] for w in cat.WOMEN_AGENCIES])[0]
    opds = [Opd(code, name, tuple(roles)), Opd(*rng.choice(cat.PLANNING), ("PERENCANAAN",)),
            Opd(*rng.choice(cat.STAFFING), ("KEPEGAWAIAN",))]
    finance = rng.choice(cat.FINANCE)
    opds += [Opd(*finance, ("KEUANGAN",)), Opd("DINKES", "Dinas Kesehatan", ("KESEHATAN",)),
             Opd(*rng.choice(cat.EDUCATION), ("PENDIDIKAN",))]

    def has(role: str) -> bool:
        return any(o.has(role) for o in opds)

    if not has("SOSIAL"):
        if not has("KELUARGA_BERENCANA") and rng.random() < 0.3:
            opds.append(Opd("DINSOSP2KB", "Dinas Sosial, Pengendalian Penduduk dan Keluarga Berencana",
                            ("SOSIAL", "KELUARGA_BERENCANA")))
        else:
            opds.append(Opd("DINSOS", "Dinas Sosial", ("SOSIAL",)))
    if not has("KELUARGA_BERENCANA"):
        opds.append(Opd("DPPKB", "Dinas Pengendalian Penduduk dan Keluarga Berencana", ("KELUARGA_BERENCANA",)))
    coop, labour = rng.choice(cat.COOPERATIVES), rng.choice(cat.LABOUR)
    opds += [Opd(*coop, ("KOPERASI_UMKM",)), Opd(*labour, ("TENAGA_KERJA",)),
             Opd("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", ("KEPENDUDUKAN",))]
    opds += [Opd(c, n, ("LAINNYA",)) for c, n in cat.ALWAYS_OTHER]
    for c, n, p_kab, p_kota in cat.OPTIONAL_OTHER:
        if c == "BAPENDA" and finance[0] == "BPKPD":
            continue  # revenue is already part of finance
        if c == "DISPERINDAG" and (coop[0] == "DISKOPERINDAG" or labour[0] == "DISPERINAKER"):
            continue  # industry and trade already belong to another office
        if rng.random() < (p_kota if region.level == "kota" else p_kab):
            opds.append(Opd(c, n, ("LAINNYA",)))
    taken = {o.code for o in opds}
    for kcode, kname in region.kecamatan:
        office = _kecamatan_office_code(kname, kcode, taken)
        taken.add(office)
        opds.append(Opd(office, f"Kecamatan {kname}", ("KECAMATAN",), kcode))
    return opds
