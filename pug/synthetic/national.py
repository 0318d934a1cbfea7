"""Synthetic submissions at national scale (`pug sample --scale national --regions N`), report year 2025.

`generate_national(raw_dir, regions=N)` writes a complete raw/ tree for N kab/kota:

    raw_dir/reference/wilayah.csv         the provinces, the N kab/kota, their kecamatan and desa/kelurahan
    raw_dir/reference/opd.csv             ~27 OPDs per kab/kota (roles as in the sample) plus one per kecamatan
    raw_dir/reference/tenggat.csv         a deadline per kab/kota (mostly 31 March)
    raw_dir/reference/{indikator,periode,pengaturan,daftar_kode}.csv   copied from the project's raw/reference
    raw_dir/submissions/2025/<region>/<KODE_OPD>.xlsx                  one workbook per OPD
    raw_dir/national_truth.json           rows written per region, sheet and file (for benchmarks and tests)

Regions. The official Kemendagri list (`wilayah_all.csv`: env PUG_WILAYAH_ALL, else ../shared/reference/ beside
the project) gives the first N kab/kota by code with their real kecamatan and desa/kelurahan. Without it, regions
are invented deterministically under province codes no real province uses (97, 98, 99, 90, 89, ...), so a fresh
clone elsewhere still works.

Sizes per kab/kota (national totals at 514 regions in brackets): ~27 OPDs plus one per kecamatan (21,411
workbooks); a register of about 12 organisations per desa/kelurahan below kecamatan level, kept between 1,000 and
3,500 (1.01 million organisations: TP PKK at kab/kota, kecamatan and desa/kelurahan level, PKK groups at RW, RT
and dasawisma level, the GOW and its members, kecamatan branches, local groups); ~60 advocacy events with ~1.6
attendance rows per organisation (31,000 events, 1.59 million rows); 120 to 800 cadres (165,000); ~390 posts
(200,000); 10 to 30 budget lines per OPD (377,000); targets and values of the indicators each OPD owns; the seven
prerequisites.

Who fills what: the women's agency (role PPPA) registers the kab/kota- and kecamatan-level organisations, holds
the kab/kota events and the cadres; each kecamatan office registers the organisations of its desa/kelurahan and
holds their events; BKPSDM the posts; Bappeda the prerequisites; the indicator owners (first OPD with the owner
role of raw/reference/indikator.csv) their targets and values; every OPD its budget lines.

The data is meant to be valid under the rules: a build quarantines nothing. Reported values of the indicators the
warehouse computes equal what it computes from the 2025 sheets (only 2025 is generated, so "cumulative" means
2025). Each region draws from its own `random.Random` seeded by (seed, region code): the same N writes the same
cells (the xlsx files carry a fixed date, so the same bytes too), and a region's data does not depend on N.
Everything is synthetic except the region codes and names of the official list. No Dagster here.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import os
import random
import re
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter

from pug.contract import (
    CHOICE,
    DATE,
    DECIMAL,
    IDENTITAS,
    IDENTITAS_FIELDS,
    IDENTITAS_HEADER,
    INTEGER,
    PREREQUISITES,
    SHEET_NAMES,
    SHEETS,
    YEAR,
    YESNO,
)
from pug.synthetic.sample import (
    FIRST_NAMES,
    FLOWERS,
    GOW_MEMBERS,
    KEC_BRANCHES,
    LAST_NAMES,
    SUMBER_DATA,
    SUPPORT_LINES,
    TEMA,
    THEMATIC_LINES,
    URUSAN,
)

REPORT_YEAR = 2025
DEFAULT_SEED = 20250331
DEFAULT_REGIONS = 5
TRUTH_FILE = "national_truth.json"
WILAYAH_ENV = "PUG_WILAYAH_ALL"
COPIED_REFERENCE = ("indikator.csv", "periode.csv", "pengaturan.csv", "daftar_kode.csv")
KABKOTA_LEVELS = ("kabupaten", "kota")
VILLAGE_LEVELS = ("kelurahan", "desa", "desa_adat")

# Organisations below kecamatan level per kab/kota: about 12 per desa/kelurahan, within these bounds.
ORGS_PER_DESA = 12
LOWER_ORGS_MIN, LOWER_ORGS_MAX = 1000, 3500
MAX_ORGS_PER_DESA = 120
EVENT_MAX_ORGS = 200


class UsageProblem(ValueError):
    """A request the generator cannot serve (too many regions, no plan period for 2025): a message, not a bug."""


def _project_root() -> Path:
    from pug.paths import PROJECT_ROOT

    return PROJECT_ROOT


def official_list_path() -> Path | None:
    """The national region list: env PUG_WILAYAH_ALL, else <project>/../shared/reference/wilayah_all.csv; None when absent."""
    env = os.environ.get(WILAYAH_ENV)
    path = Path(env) if env else _project_root().parent / "shared" / "reference" / "wilayah_all.csv"
    return path if path.is_file() else None


# --------------------------------------------------------------------------------------------------------------
# Regions
# --------------------------------------------------------------------------------------------------------------


@dataclass
class Region:
    code: str
    name: str
    level: str  # kabupaten | kota
    province: tuple[str, str]  # (code, name)
    kecamatan: list[tuple[str, str]]  # (code, name), by code
    desa: list[tuple[str, str, str, str]]  # (code, name, kecamatan code, level), by code

    @property
    def short_name(self) -> str:
        return re.sub(r"^(Kabupaten|Kota)\s+", "", self.name)

    @property
    def head_title(self) -> str:
        return "Wali Kota" if self.level == "kota" else "Bupati"


def _read_official(path: Path, n: int) -> list[Region]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = [(r["code"].strip(), r["name"].strip(), r["level"].strip(), (r["parent_code"] or "").strip())
                for r in csv.DictReader(f)]
    provinces = {c: name for c, name, level, _ in rows if level == "provinsi"}
    kabkota = sorted((r for r in rows if r[2] in KABKOTA_LEVELS), key=lambda r: r[0])
    if n > len(kabkota):
        raise UsageProblem(f"{path} lists {len(kabkota)} kab/kota; {n} were asked for")
    chosen = {r[0]: r for r in kabkota[:n]}
    kec: dict[str, list[tuple[str, str]]] = {c: [] for c in chosen}
    kec_parent: dict[str, str] = {}
    for c, name, level, parent in rows:
        if level == "kecamatan" and parent in chosen:
            kec[parent].append((c, name))
            kec_parent[c] = parent
    desa: dict[str, list[tuple[str, str, str, str]]] = {c: [] for c in chosen}
    for c, name, level, parent in rows:
        if level in VILLAGE_LEVELS and parent in kec_parent:
            desa[kec_parent[parent]].append((c, name, parent, level))
    regions = []
    for code, (_, name, level, parent) in chosen.items():
        regions.append(Region(code, name, level, (parent, provinces.get(parent, parent)), sorted(kec[code]), sorted(desa[code])))
    return regions


# Generated mode: names built from common Indonesian place-name parts, under province codes no real province uses.
REAL_PROVINCES = {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65,
                  71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96}
FICTIONAL_PROVINCES = [97, 98, 99] + [c for c in range(90, 10, -1) if c not in REAL_PROVINCES]
NAME_HEADS = ["Suka", "Mekar", "Sido", "Tanjung", "Karang", "Sumber", "Batu", "Mulya", "Jaya", "Sari", "Rejo", "Harapan",
              "Bukit", "Sungai", "Tegal", "Pasir", "Cempaka", "Kali", "Giri", "Wono", "Purwo", "Tirta", "Bumi", "Marga"]
NAME_TAILS = ["jaya", "mulya", "sari", "rejo", "makmur", "indah", "baru", "asri", "agung", "harja", "wangi", "raya",
              "lestari", "mukti", "rahayu", "tani", "sejahtera", "kencana", "manik", "laut"]
COMPASS = ["Utara", "Selatan", "Timur", "Barat", "Tengah"]


def _place_name(rng: random.Random) -> str:
    head, tail = rng.choice(NAME_HEADS), rng.choice(NAME_TAILS)
    return head + tail if rng.random() < 0.7 else f"{head} {tail.capitalize()}"


def _generated_regions(n: int, seed: int) -> list[Region]:
    """N invented kab/kota; region i is the same whatever N is (each province draws from its own generator)."""
    regions: list[Region] = []
    for prov_code in FICTIONAL_PROVINCES:
        prng = random.Random(f"{seed}:province:{prov_code}")
        prov = (f"{prov_code:02d}", f"Provinsi {_place_name(prng)} {prng.choice(COMPASS)} (sintetis)")
        n_kab, n_kota = prng.randint(6, 18), prng.randint(1, 4)
        slots = [("kabupaten", k) for k in range(1, n_kab + 1)] + [("kota", 70 + k) for k in range(1, n_kota + 1)]
        for level, kk in slots:
            if len(regions) == n:
                return regions
            code = f"{prov[0]}.{kk:02d}"
            rng = random.Random(f"{seed}:region:{code}")
            base = _place_name(rng)
            name = f"{'Kota' if level == 'kota' else 'Kabupaten'} {base}"
            n_kec = rng.randint(3, 10) if level == "kota" else rng.randint(8, 22)
            kec, desa = [], []
            used: set[str] = set()
            for c in range(1, n_kec + 1):
                kname = _place_name(rng)
                while kname in used:
                    kname = f"{kname} {rng.choice(COMPASS)}"
                used.add(kname)
                kcode = f"{code}.{c:02d}"
                kec.append((kcode, kname))
                n_kel = rng.randint(4, 12) if level == "kota" else (rng.randint(2, 6) if c == 1 else 0)
                n_des = 0 if level == "kota" else rng.randint(6, 18)
                for i in range(1, n_kel + 1):
                    desa.append((f"{kcode}.{1000 + i}", _place_name(rng), kcode, "kelurahan"))
                for i in range(1, n_des + 1):
                    desa.append((f"{kcode}.{2000 + i}", _place_name(rng), kcode, "desa"))
            regions.append(Region(code, name, level, prov, kec, desa))
    if len(regions) < n:
        raise UsageProblem(f"cannot invent more than {len(regions)} kab/kota")
    return regions


def load_regions(n: int, seed: int = DEFAULT_SEED, wilayah_all: Path | None = None) -> tuple[list[Region], str]:
    """(regions, source): the first n kab/kota by code of the official list, or n invented ones when it is absent."""
    if n < 1:
        raise UsageProblem("--regions must be at least 1")
    path = wilayah_all if wilayah_all is not None else official_list_path()
    if path is not None and Path(path).is_file():
        return _read_official(Path(path), n), str(path)
    return _generated_regions(n, seed), "generated"


# --------------------------------------------------------------------------------------------------------------
# OPDs per region
# --------------------------------------------------------------------------------------------------------------

WOMEN_AGENCIES = [  # (code, name, roles, weight)
    ("DP3A", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", ["PPPA"], 4),
    ("DPPPA", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", ["PPPA"], 2),
    ("DP3AP2KB", "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana",
     ["PPPA", "KELUARGA_BERENCANA"], 3),
    ("DPPKBP3A", "Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan dan Perlindungan Anak",
     ["PPPA", "KELUARGA_BERENCANA"], 2),
    ("DPMPPA", "Dinas Pemberdayaan Masyarakat, Perempuan dan Perlindungan Anak", ["PPPA"], 1),
    ("DINSOSP3A", "Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak", ["PPPA", "SOSIAL"], 1),
]
PLANNING = [("BAPPEDA", "Badan Perencanaan Pembangunan Daerah"),
            ("BAPPELITBANGDA", "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah"),
            ("BAPPERIDA", "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah")]
STAFFING = [("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"),
            ("BKPP", "Badan Kepegawaian, Pendidikan dan Pelatihan"), ("BKD", "Badan Kepegawaian Daerah")]
FINANCE = [("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah"),
           ("BPKPD", "Badan Pengelolaan Keuangan dan Pendapatan Daerah")]
EDUCATION = [("DISDIK", "Dinas Pendidikan"), ("DINDIK", "Dinas Pendidikan"), ("DISDIKBUD", "Dinas Pendidikan dan Kebudayaan")]
COOPERATIVES = [("DISKOPUKM", "Dinas Koperasi dan Usaha Kecil Menengah"),
                ("DINKOPUKM", "Dinas Koperasi, Usaha Kecil dan Menengah"),
                ("DISKOPERINDAG", "Dinas Koperasi, Usaha Kecil Menengah, Perindustrian dan Perdagangan")]
LABOUR = [("DISNAKER", "Dinas Tenaga Kerja"), ("DISNAKERTRANS", "Dinas Tenaga Kerja dan Transmigrasi"),
          ("DISPERINAKER", "Dinas Perindustrian dan Tenaga Kerja")]
ALWAYS_OTHER = [
    ("SETDA", "Sekretariat Daerah"), ("SETWAN", "Sekretariat DPRD"), ("INSPEKTORAT", "Inspektorat"),
    ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang"), ("DISPERKIM", "Dinas Perumahan dan Kawasan Permukiman"),
    ("DLH", "Dinas Lingkungan Hidup"), ("DISHUB", "Dinas Perhubungan"), ("DISKOMINFO", "Dinas Komunikasi dan Informatika"),
    ("SATPOLPP", "Satuan Polisi Pamong Praja"), ("BPBD", "Badan Penanggulangan Bencana Daerah"),
    ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik"),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
]
OPTIONAL_OTHER = [  # (code, name, probability for a kabupaten, for a kota)
    ("BAPENDA", "Badan Pendapatan Daerah", 0.6, 0.7),
    ("DISPARBUD", "Dinas Pariwisata dan Kebudayaan", 0.6, 0.6),
    ("DISPORA", "Dinas Pemuda dan Olahraga", 0.5, 0.5),
    ("DISPERTAN", "Dinas Pertanian", 0.9, 0.3),
    ("DKP", "Dinas Kelautan dan Perikanan", 0.5, 0.3),
    ("DPMD", "Dinas Pemberdayaan Masyarakat dan Desa", 0.9, 0.0),
    ("DISPERPUSIP", "Dinas Perpustakaan dan Kearsipan", 0.6, 0.6),
    ("DISKETAPANG", "Dinas Ketahanan Pangan", 0.6, 0.4),
    ("DISPERINDAG", "Dinas Perindustrian dan Perdagangan", 0.5, 0.5),
    ("DAMKAR", "Dinas Pemadam Kebakaran dan Penyelamatan", 0.3, 0.5),
]
ROLE_URUSAN = {"PPPA": "2.08", "PERENCANAAN": "5.01", "KEPEGAWAIAN": "5.03", "KEUANGAN": "5.02", "KESEHATAN": "1.02",
               "PENDIDIKAN": "1.01", "SOSIAL": "1.06", "KOPERASI_UMKM": "2.17", "TENAGA_KERJA": "2.07",
               "KECAMATAN": "7.01", "KELUARGA_BERENCANA": "2.14", "KEPENDUDUKAN": "2.12"}
OTHER_URUSAN = {**URUSAN, "DISPERKIM": "1.04", "DISKOMINFO": "2.16", "DISPARBUD": "3.26", "DISPORA": "2.19",
                "DISPERTAN": "3.27", "DPMD": "2.13", "DISPERPUSIP": "2.23", "DISKETAPANG": "2.09",
                "DISPERINDAG": "3.31", "DAMKAR": "1.05"}


def _opd(code: str, name: str, roles: list[str], kecamatan: str = "") -> dict:
    return {"kode_opd": code, "nama_opd": name, "roles": list(roles), "kode_kecamatan": kecamatan}


def _kecamatan_opd_code(name: str, kcode: str, taken: set[str]) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Z0-9]+", "_", ascii_name.upper()).strip("_")[:50] or kcode[-2:]
    code = f"KEC_{stem}"
    if code in taken:
        code = f"{code}_{kcode[-2:]}"
    return code


def _build_opds(rng: random.Random, reg: Region) -> list[dict]:
    kota = reg.level == "kota"
    code, name, roles, _ = rng.choices(WOMEN_AGENCIES, weights=[w[3] for w in WOMEN_AGENCIES])[0]
    opds = [_opd(code, name, roles)]
    opds.append(_opd(*rng.choice(PLANNING), ["PERENCANAAN"]))
    opds.append(_opd(*rng.choice(STAFFING), ["KEPEGAWAIAN"]))
    finance = rng.choice(FINANCE)
    opds.append(_opd(*finance, ["KEUANGAN"]))
    opds.append(_opd("DINKES", "Dinas Kesehatan", ["KESEHATAN"]))
    opds.append(_opd(*rng.choice(EDUCATION), ["PENDIDIKAN"]))
    has = lambda role: any(role in o["roles"] for o in opds)  # noqa: E731
    if not has("SOSIAL"):
        if not has("KELUARGA_BERENCANA") and rng.random() < 0.3:
            opds.append(_opd("DINSOSP2KB", "Dinas Sosial, Pengendalian Penduduk dan Keluarga Berencana",
                             ["SOSIAL", "KELUARGA_BERENCANA"]))
        else:
            opds.append(_opd("DINSOS", "Dinas Sosial", ["SOSIAL"]))
    if not has("KELUARGA_BERENCANA"):
        opds.append(_opd("DPPKB", "Dinas Pengendalian Penduduk dan Keluarga Berencana", ["KELUARGA_BERENCANA"]))
    coop = rng.choice(COOPERATIVES)
    opds.append(_opd(*coop, ["KOPERASI_UMKM"]))
    labour = rng.choice(LABOUR)
    opds.append(_opd(*labour, ["TENAGA_KERJA"]))
    opds.append(_opd("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", ["KEPENDUDUKAN"]))
    for c, n in ALWAYS_OTHER:
        opds.append(_opd(c, n, ["LAINNYA"]))
    for c, n, p_kab, p_kota in OPTIONAL_OTHER:
        if c == "BAPENDA" and finance[0] == "BPKPD":
            continue
        if c == "DISPERINDAG" and (coop[0] == "DISKOPERINDAG" or labour[0] == "DISPERINAKER"):
            continue
        if rng.random() < (p_kota if kota else p_kab):
            opds.append(_opd(c, n, ["LAINNYA"]))
    taken = {o["kode_opd"] for o in opds}
    for kcode, kname in reg.kecamatan:
        c = _kecamatan_opd_code(kname, kcode, taken)
        taken.add(c)
        opds.append(_opd(c, f"Kecamatan {kname}", ["KECAMATAN"], kcode))
    return opds


# --------------------------------------------------------------------------------------------------------------
# Organisations
# --------------------------------------------------------------------------------------------------------------


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
    status: str
    registrar: str  # the OPD whose register lists it

    @property
    def kecamatan(self) -> str | None:
        return self.wilayah[:8] if len(self.wilayah) >= 8 else None


LOCAL_GROUPS = [  # (name template, jenis, members range)
    ("Kelompok Wanita Tani {f}", "PROFESI_EKONOMI", (15, 40)),
    ("Kelompok Usaha Perempuan {f}", "PROFESI_EKONOMI", (10, 35)),
    ("Koperasi Wanita {f}", "PROFESI_EKONOMI", (20, 120)),
    ("Majelis Taklim Perempuan {f}", "KEAGAMAAN", (20, 90)),
    ("Komunitas Ibu Peduli Gizi {f}", "KOMUNITAS", (10, 40)),
    ("Forum Perempuan Desa {f}", "KOMUNITAS", (10, 30)),
]


def _year(rng: random.Random, low: int, high: int) -> int:
    """A founding year from low to high; low itself when the parent was founded after high."""
    return rng.randint(low, max(low, high))


def _build_orgs(rng: random.Random, reg: Region, ppa: str, kec_office: dict[str, str]) -> list[Org]:
    orgs: list[Org] = []
    add = lambda **kw: orgs.append(Org(**kw)) or orgs[-1]  # noqa: E731
    kota = reg.name
    short = reg.short_name
    founded = rng.randint(1970, 2005) if reg.level == "kabupaten" or rng.random() < 0.7 else rng.randint(1990, 2015)
    pkk = add(code=f"PKK-KOTA-{reg.code}", name=f"TP PKK {kota}", jenis="PKK", tingkat="KOTA", wilayah=reg.code,
              induk=None, berdiri=founded, anggota=rng.randint(40, 80), status="AKTIF", registrar=ppa)
    gow = add(code=f"GOW-{reg.code}", name=f"Gabungan Organisasi Wanita (GOW) {kota}", jenis="FEDERASI", tingkat="KOTA",
              wilayah=reg.code, induk=None, berdiri=_year(rng, max(founded, 1975), 2010), anggota=0, status="AKTIF",
              registrar=ppa)
    fmt = {"kota": kota, "police": f"Polres {short}", "kodim": f"Kodim {short}", "court": f"Pengadilan Negeri {short}"}
    members = {}
    for key, jenis, tmpl, (lo, hi), _first in GOW_MEMBERS:
        if key in ("DWP", "BHAYANGKARI", "PERSIT") or rng.random() < 0.7:
            scale = 1.0 if reg.level == "kota" else 1.5
            members[key] = add(code=f"OW-{reg.code}-{key}", name=tmpl.format(**fmt), jenis=jenis, tingkat="KOTA",
                               wilayah=reg.code, induk=gow.code, berdiri=_year(rng, gow.berdiri, 2020),
                               anggota=round(rng.randint(lo, hi) * scale), status="AKTIF", registrar=ppa)
    gow.anggota = len(members)
    for kcode, kname in reg.kecamatan:
        add(code=f"PKK-KEC-{kcode}", name=f"TP PKK Kecamatan {kname}", jenis="PKK", tingkat="KECAMATAN", wilayah=kcode,
            induk=pkk.code, berdiri=_year(rng, founded, 2010), anggota=rng.randint(25, 45), status="AKTIF",
            registrar=ppa)
        for key, tmpl, (lo, hi) in KEC_BRANCHES:
            if key in members and rng.random() < 0.45:
                add(code=f"OW-{kcode}-{key}", name=tmpl.format(kec=kname), jenis="KEAGAMAAN", tingkat="KECAMATAN",
                    wilayah=kcode, induk=members[key].code, berdiri=rng.randint(1985, 2020), anggota=rng.randint(lo, hi),
                    status="AKTIF" if rng.random() < 0.97 else "NONAKTIF", registrar=ppa)

    # Below kecamatan level: about ORGS_PER_DESA per desa/kelurahan, registered by the kecamatan office.
    n_desa = max(1, len(reg.desa))
    target = min(LOWER_ORGS_MAX, max(LOWER_ORGS_MIN, ORGS_PER_DESA * n_desa))
    per_desa = min(MAX_ORGS_PER_DESA, target / n_desa)
    rw_mean = max(0.0, (per_desa - 1.4) / 6.0)  # an RW group brings ~2 RT groups, each with ~1.5 dasawisma: 6 orgs
    for dcode, dname, kcode, dlevel in reg.desa:
        office = kec_office[kcode]
        kind = "Kelurahan" if dlevel == "kelurahan" else ("" if dname.startswith("Desa ") else "Desa")
        dname = f"{kind} {dname}".strip()  # "Kelurahan X", "Desa Y", "Desa Adat Z"
        nonaktif = lambda p: "NONAKTIF" if rng.random() < p else "AKTIF"  # noqa: E731
        kel = add(code=f"PKK-KEL-{dcode}", name=f"TP PKK {dname}", jenis="PKK", tingkat="KELURAHAN", wilayah=dcode,
                  induk=f"PKK-KEC-{kcode}", berdiri=_year(rng, max(founded, 1980), 2015), anggota=rng.randint(15, 35),
                  status="AKTIF", registrar=office)
        n_rw = max(0, int(rw_mean * rng.uniform(0.6, 1.4) + rng.random()))
        for rw in range(1, n_rw + 1):
            rw_org = add(code=f"PKK-RW-{dcode}-{rw:03d}", name=f"PKK RW {rw:03d} {dname}", jenis="PKK", tingkat="RW",
                         wilayah=dcode, induk=kel.code, berdiri=rng.randint(1990, 2020), anggota=rng.randint(10, 25),
                         status=nonaktif(0.01), registrar=office)
            for rt in range(1, rng.randint(1, 3) + 1):
                rt_org = add(code=f"PKK-RT-{dcode}-{rw:03d}-{rt:03d}", name=f"PKK RT {rt:03d} RW {rw:03d} {dname}",
                             jenis="PKK", tingkat="RT", wilayah=dcode, induk=rw_org.code, berdiri=rng.randint(1995, 2021),
                             anggota=rng.randint(8, 20), status=nonaktif(0.02), registrar=office)
                for dw in range(1, rng.randint(1, 2) + 1):
                    add(code=f"PKK-DW-{dcode}-{rw:03d}-{rt:03d}-{dw:02d}",
                        name=f"Dasawisma {rng.choice(FLOWERS)} {dw:02d} RT {rt:03d} RW {rw:03d} {dname}",
                        jenis="PKK", tingkat="DASAWISMA", wilayah=dcode, induk=rt_org.code,
                        berdiri=rng.randint(2000, 2024), anggota=rng.randint(10, 20), status=nonaktif(0.04),
                        registrar=office)
        n_local = (rng.random() < 0.3) + (rng.random() < 0.1)
        for i in range(1, n_local + 1):
            tmpl, jenis, (lo, hi) = rng.choice(LOCAL_GROUPS)
            add(code=f"KOM-{dcode}-{i:02d}", name=tmpl.format(f=f"{rng.choice(FLOWERS)} {dname}"), jenis=jenis,
                tingkat="KELURAHAN", wilayah=dcode, induk=None, berdiri=rng.randint(2005, 2024),
                anggota=rng.randint(lo, hi), status=nonaktif(0.03), registrar=office)
    return orgs


# --------------------------------------------------------------------------------------------------------------
# One region's data
# --------------------------------------------------------------------------------------------------------------


@dataclass
class RegionData:
    region: Region
    opds: list[dict]
    deadline: tuple[int, int]  # (month, day) of the following year
    orgs: list[Org] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    kader: list[dict] = field(default_factory=list)
    posts: list[dict] = field(default_factory=list)
    budget: dict[str, list[dict]] = field(default_factory=dict)
    prasyarat: list[dict] = field(default_factory=list)
    owners: dict[str, str] = field(default_factory=dict)
    targets: dict[str, dict] = field(default_factory=dict)
    values: dict[str, dict] = field(default_factory=dict)

    @property
    def ppa(self) -> str:
        return next(o["kode_opd"] for o in self.opds if "PPPA" in o["roles"])


class _RegionBuilder:
    def __init__(self, reg: Region, indikator: list[dict], period_years: list[int], seed: int):
        self.reg = reg
        self.indikator = indikator
        self.period_years = period_years
        self.rng = random.Random(f"{seed}:{reg.code}")

    def build(self) -> RegionData:
        rng, reg = self.rng, self.reg
        opds = _build_opds(rng, reg)
        month, day = rng.choice([(3, 31)] * 7 + [(4, 15), (2, 28), (3, 15)])
        d = RegionData(reg, opds, (month, day))
        kec_office = {o["kode_kecamatan"]: o["kode_opd"] for o in opds if "KECAMATAN" in o["roles"]}
        d.orgs = _build_orgs(rng, reg, d.ppa, kec_office)
        d.events = self._advocacy(d, kec_office)
        d.kader = self._kader(d)
        d.posts = self._posts(d)
        d.budget = {o["kode_opd"]: self._budget(o) for o in opds}
        d.prasyarat = self._prasyarat()
        for ind in self.indikator:
            owner = next((o["kode_opd"] for o in opds if ind["peran_pemilik"] in o["roles"]), None)
            if owner:
                d.owners[ind["kode_indikator"]] = owner
        d.values = self._values(d)
        d.targets = self._targets(d)
        return d

    # ---------------------------------------------------------------- advocacy --------------------------------
    def _advocacy(self, d: RegionData, kec_office: dict[str, str]) -> list[dict]:
        rng, reg = self.rng, self.reg
        active = [o for o in d.orgs if o.status == "AKTIF"]
        kota_level = [o.code for o in active if o.tingkat == "KOTA"]
        kec_level: dict[str, list[Org]] = {}
        by_desa: dict[str, list[str]] = {}
        for o in active:
            if o.tingkat == "KECAMATAN":
                kec_level.setdefault(o.wilayah, []).append(o)
            elif o.tingkat != "KOTA":
                by_desa.setdefault(o.wilayah, []).append(o.code)
        desa_of_kec: dict[str, list[str]] = {}
        for dcode, _n, kcode, _l in reg.desa:
            desa_of_kec.setdefault(kcode, []).append(dcode)
        events: list[dict] = []

        def event(owner: str, wilayah: str, codes: list[str], tema: str | None = None) -> None:
            for start in range(0, len(codes), EVENT_MAX_ORGS):
                part = codes[start:start + EVENT_MAX_ORGS]
                if part:
                    events.append({"owner": owner, "wilayah": wilayah, "orgs": part, "tema": tema or rng.choice(TEMA)})

        # The women's agency: the kab/kota-level organisations and the kecamatan TP PKK meet two to four times.
        pkk_kec = [f"PKK-KEC-{k}" for k, _ in reg.kecamatan]
        for i in range(rng.randint(2, 4)):
            pool = kota_level + pkk_kec
            picked = pool if i == 0 else sorted(rng.sample(pool, max(1, round(len(pool) * rng.uniform(0.4, 0.8)))))
            event(d.ppa, reg.code, picked, TEMA[0] if i == 0 else None)
        # ... and visits some kecamatan: the kecamatan organisations and the TP PKK of every desa/kelurahan there.
        for kcode, _name in reg.kecamatan:
            if rng.random() < 0.3:
                codes = [o.code for o in kec_level.get(kcode, [])] + [f"PKK-KEL-{dc}" for dc in desa_of_kec.get(kcode, [])]
                event(d.ppa, kcode, codes)
        # Each kecamatan office: one or two groups of desa/kelurahan, two or three meetings each.
        for kcode, _name in reg.kecamatan:
            office = kec_office[kcode]
            desas = list(desa_of_kec.get(kcode, []))
            coverage = rng.uniform(0.65, 1.0)
            covered = [dc for dc in desas if rng.random() < coverage] or desas[:1]
            if not covered:
                continue
            first = True
            n_groups = min(len(covered), rng.randint(1, 2))
            step = math.ceil(len(covered) / n_groups)
            for g in range(0, len(covered), step):
                group = covered[g:g + step]
                orgs = [c for dc in group for c in by_desa.get(dc, [])]
                wilayah = group[0] if len(group) == 1 else kcode
                invited = [c for c in orgs if rng.random() < 0.9] or orgs[:1]
                if first:  # the TP PKK of the kecamatan attends the office's first meeting
                    invited = [f"PKK-KEC-{kcode}"] + invited
                    first = False
                event(office, wilayah, invited)
                if rng.random() < 0.9:
                    share = rng.uniform(0.6, 0.9)
                    event(office, wilayah, [c for c in orgs if rng.random() < share] or orgs[:1])
                if rng.random() < 0.6:
                    share = rng.uniform(0.4, 0.7)
                    event(office, wilayah, [c for c in orgs if rng.random() < share] or orgs[:1])
        level_of = {o.code: o.tingkat for o in d.orgs}
        start = dt.date(REPORT_YEAR, 2, 3).toordinal()
        for ev in events:
            ev["tanggal"] = dt.date.fromordinal(start + rng.randint(0, 298))
            ev["hadir"] = [rng.randint(2, 5) if level_of[c] in ("KOTA", "KECAMATAN", "KELURAHAN") else rng.randint(1, 3)
                           for c in ev["orgs"]]
            total = sum(ev["hadir"])
            men = round(total * rng.uniform(0.0, 0.12))
            ev["perempuan"], ev["laki"] = total - men, men
        events.sort(key=lambda e: (e["owner"], e["tanggal"], e["wilayah"]))
        counters: dict[str, int] = {}
        kec_no = {o["kode_opd"]: o["kode_kecamatan"][-2:] for o in d.opds if "KECAMATAN" in o["roles"]}
        for ev in events:
            n = counters[ev["owner"]] = counters.get(ev["owner"], 0) + 1
            ev["kode"] = (f"ADV-{REPORT_YEAR}-{n:03d}" if ev["owner"] == d.ppa
                          else f"ADV-KEC{kec_no[ev['owner']]}-{REPORT_YEAR}-{n:03d}")
        return events

    # ---------------------------------------------------------------- cadres ----------------------------------
    def _kader(self, d: RegionData) -> list[dict]:
        rng, reg = self.rng, self.reg
        n_total = min(800, max(120, round(len(reg.desa) * rng.uniform(1.0, 3.0))))
        pkk_by_desa: dict[str, list[str]] = {}
        for o in d.orgs:
            if o.jenis == "PKK" and len(o.wilayah) == 13 and o.status == "AKTIF":
                pkk_by_desa.setdefault(o.wilayah, []).append(o.code)
        desas = [dc for dc, _n, _k, _l in reg.desa]
        rows, i, left = [], 0, n_total
        batches = []
        while left > 0:
            k = min(left, rng.randint(20, 45))
            batches.append((dt.date.fromordinal(dt.date(REPORT_YEAR, 2, 1).toordinal() + rng.randint(0, 300)), k))
            left -= k
        batches.sort()
        for tanggal, k in batches:
            near = rng.sample(desas, min(len(desas), 6))
            for _ in range(k):
                i += 1
                dc = rng.choice(near)
                org = rng.choice(pkk_by_desa[dc]) if dc in pkk_by_desa and rng.random() < 0.75 else None
                rows.append({"kode_kader": f"KDR-{reg.code}-{REPORT_YEAR}-{i:04d}",
                             "jenis_kelamin": "P" if rng.random() < 0.93 else "L", "kode_organisasi": org,
                             "kode_wilayah": dc, "tanggal_pelatihan": tanggal, "materi_pug": rng.random() < 0.95,
                             "status": "AKTIF" if rng.random() < 0.96 else "NONAKTIF"})
        return rows

    # ---------------------------------------------------------------- posts -----------------------------------
    def _posts(self, d: RegionData) -> list[dict]:
        rng, reg = self.rng, self.reg
        p_women = {"SEKDA": rng.uniform(0.1, 0.4), "JPT_PRATAMA": rng.uniform(0.15, 0.4),
                   "ADMINISTRATOR": rng.uniform(0.25, 0.45), "PENGAWAS": rng.uniform(0.3, 0.5),
                   "CAMAT": rng.uniform(0.05, 0.3), "LURAH": rng.uniform(0.15, 0.4)}
        posts = []

        def post(code, name, kelompok, opd):
            r = rng.random()
            status = "DEFINITIF" if kelompok == "SEKDA" or r < 0.88 else ("PLT" if r < 0.95 else "KOSONG")
            sex = None if status == "KOSONG" else ("P" if rng.random() < p_women[kelompok] else "L")
            posts.append({"kode_jabatan": code, "nama_jabatan": name, "kelompok": kelompok, "kode_opd": opd,
                          "jenis_kelamin": sex, "status": status, "tanggal_data": dt.date(REPORT_YEAR, 12, 31)})

        kabid = ["Program dan Perencanaan", "Pelayanan", "Pengembangan", "Pengendalian dan Evaluasi"]
        seksi = ["Umum dan Kepegawaian", "Keuangan", "Perencanaan", "Data dan Informasi", "Pelayanan", "Pembinaan",
                 "Pengawasan"]
        kelurahan = [(dc, n, k) for dc, n, k, lvl in reg.desa if lvl == "kelurahan"]
        for o in d.opds:
            code, name = o["kode_opd"], o["nama_opd"]
            if "KECAMATAN" in o["roles"]:
                post(f"{code}-CAMAT", f"Camat {name.replace('Kecamatan ', '')}", "CAMAT", code)
                post(f"{code}-SEKCAM", f"Sekretaris {name}", "ADMINISTRATOR", code)
                for j, s in enumerate(["Pemerintahan", "Pemberdayaan Masyarakat", "Ketenteraman dan Ketertiban",
                                       "Kesejahteraan Sosial"], 1):
                    post(f"{code}-KASI-{j}", f"Kepala Seksi {s} {name}", "PENGAWAS", code)
                for dc, n, kcode in kelurahan:
                    if kcode == o["kode_kecamatan"]:
                        post(f"{code}-LURAH-{dc}", f"Lurah {n}", "LURAH", code)
                        post(f"{code}-SEKLUR-{dc}", f"Sekretaris Kelurahan {n}", "PENGAWAS", code)
                continue
            if code == "SETDA":
                post("SETDA-SEKDA", f"Sekretaris Daerah {reg.name}", "SEKDA", code)
                for j, s in enumerate(["Pemerintahan dan Kesejahteraan Rakyat", "Perekonomian dan Pembangunan",
                                       "Administrasi Umum"], 1):
                    post(f"SETDA-ASISTEN-{j}", f"Asisten {s}", "JPT_PRATAMA", code)
                for j, s in enumerate(["Hukum dan Politik", "Ekonomi dan Keuangan", "Kemasyarakatan dan SDM"], 1):
                    post(f"SETDA-STAFAHLI-{j}", f"Staf Ahli Bidang {s}", "JPT_PRATAMA", code)
                for j, s in enumerate(["Tata Pemerintahan", "Hukum", "Kesejahteraan Rakyat", "Perekonomian",
                                       "Administrasi Pembangunan", "Pengadaan Barang dan Jasa", "Organisasi",
                                       "Protokol dan Komunikasi Pimpinan", "Umum"], 1):
                    post(f"SETDA-KABAG-{j}", f"Kepala Bagian {s}", "ADMINISTRATOR", code)
                    post(f"SETDA-KASUBBAG-{j}", f"Kepala Subbagian Tata Usaha Bagian {s}", "PENGAWAS", code)
                continue
            if code == "SETWAN":
                post("SETWAN-SEKWAN", "Sekretaris DPRD", "JPT_PRATAMA", code)
                for j, s in enumerate(["Umum dan Keuangan", "Persidangan dan Perundang-undangan", "Fasilitasi Penganggaran"], 1):
                    post(f"SETWAN-KABAG-{j}", f"Kepala Bagian {s} Sekretariat DPRD", "ADMINISTRATOR", code)
                continue
            post(f"{code}-KEPALA", "Inspektur" if code == "INSPEKTORAT" else f"Kepala {name}", "JPT_PRATAMA", code)
            post(f"{code}-SEKRETARIS", f"Sekretaris {name}", "ADMINISTRATOR", code)
            for j in range(1, rng.randint(2, 4) + 1):
                post(f"{code}-KABID-{j}", f"Kepala Bidang {kabid[j - 1]} {code}", "ADMINISTRATOR", code)
            for j in range(1, rng.randint(3, 6) + 1):
                post(f"{code}-KASUBAG-{j}", f"Kepala Subbagian/Seksi {seksi[j - 1]} {code}", "PENGAWAS", code)
        return posts

    # ---------------------------------------------------------------- budget ----------------------------------
    def _budget(self, o: dict) -> list[dict]:
        rng = self.rng
        code, roles = o["kode_opd"], o["roles"]
        urusan = ROLE_URUSAN.get(roles[0]) or OTHER_URUSAN.get(code, "4.01")
        pool = [(f"{urusan}.{c}", n) for c, n in SUPPORT_LINES]
        names = THEMATIC_LINES.get(urusan, [])
        for i in range(22):
            name = names[i] if i < len(names) else f"Pelaksanaan Kegiatan Teknis {o['nama_opd']} {i + 1 - len(names)}"
            prog, keg, sub = 2 + i // 4, 1 + (i % 4) // 2, 1 + i % 2
            pool.append((f"{urusan}.{prog:02d}.2.{keg:02d}.{sub:04d}", name))
        ppa = "PPPA" in roles
        n = rng.randint(15, 30) if ppa else rng.randint(10, 25)
        has_pprg = ppa or "PERENCANAAN" in roles or rng.random() < 0.75
        p_resp = 0.5 if ppa else (0.25 if has_pprg else 0.08)
        lines = []
        for idx in sorted(rng.sample(range(len(pool)), n)):
            sub_code, name = pool[idx]
            pagu = int(round(math.exp(rng.uniform(math.log(50e6), math.log(5e9))), -3))
            real = int(round(pagu * rng.uniform(0.60, 1.0), -3))
            resp = rng.random() < p_resp
            gap = (resp and rng.random() < 0.9) if has_pprg else (resp and rng.random() < 0.3)
            gbs = has_pprg and gap and rng.random() < 0.85
            lines.append({"kode_subkegiatan": sub_code, "nama_subkegiatan": name, "pagu": pagu,
                          "realisasi_anggaran": real, "responsif_gender": resp, "ada_gap": gap, "ada_gbs": gbs})
        if has_pprg and not any(ln["ada_gap"] and ln["ada_gbs"] for ln in lines):
            ln = lines[rng.randrange(len(lines))]
            ln["responsif_gender"] = ln["ada_gap"] = ln["ada_gbs"] = True
        return lines

    def _prasyarat(self) -> list[dict]:
        rng, reg = self.rng, self.reg
        head = reg.head_title
        uraian = {
            1: f"Peraturan {head} tentang Pengarusutamaan Gender dan komitmen bersama kepala OPD",
            2: "PUG diintegrasikan dalam RPJMD, Renstra dan Renja Perangkat Daerah",
            3: "Pokja PUG ditetapkan dan Focal Point PUG ada di setiap OPD",
            4: "Sumber daya manusia terlatih PPRG dan anggaran untuk PUG",
            5: "Profil gender dan data terpilah tersedia dan diperbarui setiap tahun",
            6: "OPD menyusun GAP dan GBS untuk kegiatan prioritas",
            7: "Organisasi perempuan, PSW dan dunia usaha terlibat dalam perencanaan",
        }
        bukti = {1: f"Per{head[:3].lower()} PUG; Piagam komitmen bersama {REPORT_YEAR}", 2: f"RPJMD 2025-2029; RKPD {REPORT_YEAR}",
                 3: f"SK {head} tentang Pokja PUG Tahun {REPORT_YEAR}", 4: f"Daftar peserta pelatihan PPRG {REPORT_YEAR}",
                 5: f"Buku Profil Gender {REPORT_YEAR}", 6: f"Rekap GAP dan GBS OPD {REPORT_YEAR}",
                 7: f"Notulen Musrenbang Perempuan {REPORT_YEAR}"}
        base = rng.randint(50, 80)
        rows = []
        for num, butir in PREREQUISITES.items():
            nilai = max(20, min(100, base + rng.randint(-15, 20)))
            rows.append({"kode_prasyarat": num, "butir": butir, "uraian": uraian[num], "terpenuhi": nilai >= 60,
                         "bukti": bukti[num] if nilai >= 60 else None, "nilai": nilai})
        return rows

    # ---------------------------------------------------------------- indicators ------------------------------
    def _values(self, d: RegionData) -> dict[str, dict]:
        """Realised 2025 values; for the indicators the warehouse computes, exactly what it computes."""
        rng, reg = self.rng, self.reg
        out: dict[str, dict] = {}
        active = {o.code for o in d.orgs if o.status == "AKTIF"}
        advocated = {c for ev in d.events for c in ev["orgs"]}
        reached = active & advocated
        by_kec = {}
        kec_of = {o.code: o.kecamatan for o in d.orgs}
        for kcode, _n in reg.kecamatan:
            a = sum(1 for c in active if kec_of[c] == kcode)
            p = sum(1 for c in reached if kec_of[c] == kcode)
            by_kec[kcode] = {"realisasi": round(100 * p / a, 2), "pembilang": p, "penyebut": a}
        out["ORG_ADVOKASI_PCT"] = {"realisasi": round(100 * len(reached) / len(active), 2), "pembilang": len(reached),
                                   "penyebut": len(active), "by_kecamatan": by_kec}
        out["ORG_ADVOKASI_JML"] = {"realisasi": len(advocated)}
        out["KADER_KK_JML"] = {"realisasi": len(d.kader)}
        n_desa = max(1, len(reg.desa))
        kr = round(n_desa * rng.uniform(0.1, 0.6))
        out["KRPPA_PCT"] = {"realisasi": round(100 * kr / n_desa, 2), "pembilang": kr, "penyebut": n_desa}
        strat = [p for p in d.posts if p["kelompok"] in ("SEKDA", "JPT_PRATAMA") and p["status"] != "KOSONG"]
        women = sum(1 for p in strat if p["jenis_kelamin"] == "P")
        out["JABATAN_STRATEGIS_P_PCT"] = {"realisasi": round(100 * women / len(strat), 2), "pembilang": women,
                                          "penyebut": len(strat)}
        lines = [ln for ls in d.budget.values() for ln in ls]
        total = sum(ln["pagu"] for ln in lines)
        resp = sum(ln["pagu"] for ln in lines if ln["responsif_gender"])
        out["ARG_PCT"] = {"realisasi": round(100 * resp / total, 2), "pembilang": resp, "penyebut": total}
        both = sum(1 for ls in d.budget.values() if any(ln["ada_gap"] and ln["ada_gbs"] for ln in ls))
        out["OPD_GAP_GBS_PCT"] = {"realisasi": round(100 * both / len(d.budget), 2), "pembilang": both,
                                  "penyebut": len(d.budget)}
        out["PRASYARAT_SKOR"] = {"realisasi": round(sum(r["nilai"] for r in d.prasyarat) / len(d.prasyarat), 2)}
        # Outcomes reported by their owners, scaled to the size of the region (desa/kelurahan as a population proxy).
        self.base = {
            "AP1_WIRAUSAHA_P": n_desa * rng.uniform(1.5, 4.0),
            "AP2_KELUARGA_PENGASUHAN": n_desa * rng.uniform(6, 15),
            "AP3_KASUS_KEKERASAN": max(12.0, n_desa * rng.uniform(0.3, 0.9)),
            "AP4_PEKERJA_ANAK": max(40.0, n_desa * rng.uniform(1.0, 4.0)),
            "AP5_DISPENSASI_KAWIN": max(15.0, n_desa * rng.uniform(0.3, 1.2)),
        }
        for code, base in self.base.items():
            out[code] = {"realisasi": max(1, round(base * rng.uniform(0.9, 1.12)))}
        cases = out["AP3_KASUS_KEKERASAN"]["realisasi"]
        handled = round(cases * rng.uniform(0.75, 1.0))
        out["AP3_KASUS_TERTANGANI_PCT"] = {"realisasi": round(100 * handled / cases, 2), "pembilang": handled,
                                           "penyebut": cases}
        self.ipg, self.idg, self.ikg = rng.uniform(85, 97), rng.uniform(55, 80), rng.uniform(0.30, 0.55)
        out["IPG"] = {"realisasi": round(self.ipg + rng.uniform(-0.4, 0.6), 2)}
        out["IDG"] = {"realisasi": round(self.idg + rng.uniform(-1.5, 2.0), 2)}
        out["IKG"] = {"realisasi": round(self.ikg + rng.uniform(-0.02, 0.015), 3)}
        return out

    def _targets(self, d: RegionData) -> dict[str, dict]:
        """Five-year targets (whole region) for the plan period, as the owners state them in 2025."""
        rng = self.rng
        years = self.period_years
        k = len(years)
        out: dict[str, list] = {}
        ramp = lambda lo, hi: [round(lo + (hi - lo) * i / (k - 1), 2) for i in range(k)]  # noqa: E731
        final_pct = rng.choice([90, 95, 100])
        out["ORG_ADVOKASI_PCT"] = ramp(final_pct * 0.3, final_pct)
        active = d.values["ORG_ADVOKASI_PCT"]["penyebut"]
        out["ORG_ADVOKASI_JML"] = [round(p / 100 * active) for p in out["ORG_ADVOKASI_PCT"]]
        n_kader = len(d.kader)
        kader_2025 = n_kader * rng.uniform(0.9, 1.15)
        out["KADER_KK_JML"] = [round(kader_2025 * f) for f in (0.3, 0.55, 0.8, 1.0, 1.2)][:k]
        out["KRPPA_PCT"] = ramp(rng.choice([10, 15, 20]), 100)
        out["JABATAN_STRATEGIS_P_PCT"] = ramp(rng.randint(20, 30), rng.randint(33, 40))
        out["ARG_PCT"] = ramp(rng.randint(15, 22), rng.randint(28, 35))
        out["OPD_GAP_GBS_PCT"] = ramp(rng.randint(40, 55), rng.randint(85, 100))
        out["PRASYARAT_SKOR"] = ramp(rng.randint(60, 70), rng.randint(82, 92))
        for code, base in self.base.items():
            turun = code != "AP1_WIRAUSAHA_P" and code != "AP2_KELUARGA_PENGASUHAN"
            step = -0.05 if turun else 0.07
            mid = years.index(REPORT_YEAR) if REPORT_YEAR in years else k - 1
            out[code] = [max(1, round(base * (1 + step * (i - mid)))) for i in range(k)]
        out["AP3_KASUS_TERTANGANI_PCT"] = ramp(rng.randint(80, 90), rng.choice([95, 98, 100]))
        out["IPG"] = [round(self.ipg + 0.3 * (i - 3), 2) for i in range(k)]
        out["IDG"] = [round(self.idg + 1.0 * (i - 3), 2) for i in range(k)]
        out["IKG"] = [round(self.ikg - 0.015 * (i - 3), 3) for i in range(k)]
        return {code: dict(zip(years, vals)) for code, vals in out.items()}


# --------------------------------------------------------------------------------------------------------------
# Sheets
# --------------------------------------------------------------------------------------------------------------


def _table(name: str, rows: list[dict]) -> tuple[str, list[str], list[list]]:
    cols = SHEETS[name].column_names
    return name, cols, [[r.get(c) for c in cols] for r in rows]


def _sheets_of(d: RegionData, o: dict, tanggal: dt.date, petugas: str) -> list[tuple[str, list[str], list[list]]]:
    reg = d.region
    code, roles = o["kode_opd"], o["roles"]
    ident = [["kode_wilayah", reg.code], ["kode_opd", code], ["nama_opd", o["nama_opd"]],
             ["tahun_laporan", REPORT_YEAR], ["tanggal_kirim", tanggal], ["nama_petugas", petugas]]
    assert [r[0] for r in ident] == [f.name for f in IDENTITAS_FIELDS]
    sheets = {IDENTITAS: (IDENTITAS, list(IDENTITAS_HEADER), ident)}
    owned = [c for c, opd in d.owners.items() if opd == code]
    if owned:
        trows, crows = [], []
        kecs = [k for k, _ in reg.kecamatan]
        for ind in owned:
            for scope in [None] + (kecs if ind == "ORG_ADVOKASI_PCT" else []):
                for year, t in d.targets[ind].items():
                    trows.append({"kode_indikator": ind, "lingkup": scope, "tahun": year, "target": t})
            v = d.values[ind]
            crows.append({"kode_indikator": ind, "lingkup": None, "tahun": REPORT_YEAR, "realisasi": v["realisasi"],
                          "pembilang": v.get("pembilang"), "penyebut": v.get("penyebut"),
                          "sumber_data": SUMBER_DATA.get(ind)})
            for kec, kv in v.get("by_kecamatan", {}).items():
                crows.append({"kode_indikator": ind, "lingkup": kec, "tahun": REPORT_YEAR, **kv,
                              "sumber_data": SUMBER_DATA.get(ind)})
        sheets["target"] = _table("target", trows)
        sheets["capaian"] = _table("capaian", crows)
    register = [org for org in d.orgs if org.registrar == code]
    if register:
        sheets["organisasi"] = _table("organisasi", [
            {"kode_organisasi": org.code, "nama_organisasi": org.name, "jenis": org.jenis, "tingkat": org.tingkat,
             "kode_wilayah": org.wilayah, "kode_induk": org.induk, "tahun_berdiri": org.berdiri,
             "jumlah_anggota": org.anggota, "status": org.status} for org in register])
    events = [e for e in d.events if e["owner"] == code]
    if events:
        sheets["advokasi"] = _table("advokasi", [
            {"kode_kegiatan": e["kode"], "tanggal": e["tanggal"], "kode_wilayah": e["wilayah"], "tema": e["tema"],
             "peserta_perempuan": e["perempuan"], "peserta_laki_laki": e["laki"]} for e in events])
        sheets["advokasi_peserta"] = _table("advokasi_peserta", [
            {"kode_kegiatan": e["kode"], "kode_organisasi": c, "jumlah_hadir": h}
            for e in events for c, h in zip(e["orgs"], e["hadir"])])
    if "PPPA" in roles:
        sheets["kader"] = _table("kader", d.kader)
    if "KEPEGAWAIAN" in roles:
        sheets["jabatan"] = _table("jabatan", d.posts)
    sheets["anggaran"] = _table("anggaran", d.budget[code])
    if "PERENCANAAN" in roles:
        sheets["prasyarat"] = _table("prasyarat", d.prasyarat)
    return [sheets[n] for n in SHEET_NAMES if n in sheets]


# --------------------------------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------------------------------

_NUMBER_KINDS = {YEAR, INTEGER, DECIMAL}


def _column_kinds(name: str, columns: list[str]) -> list[str]:
    if name == IDENTITAS:
        return ["ident"] * len(columns)
    spec = SHEETS[name]
    return [spec.column(c).kind for c in columns]


def write_workbook(path: Path, sheets: list[tuple[str, list[str], list[list]]], created: dt.datetime, title: str) -> None:
    """One submission workbook: Excel dates, numbers, Y/T text, a bold header, nothing else.

    in_memory rather than constant_memory: these workbooks are small (at most a few thousand rows), and
    constant_memory's temporary files (one per sheet plus the package parts, created and deleted per workbook)
    made writing 1.5 to 3 times slower on this machine."""
    wb = xlsxwriter.Workbook(str(path), {"in_memory": True, "strings_to_numbers": False,
                                         "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": title, "author": "Generator sampel nasional PUG (data sintetis)",
                       "comments": "Data sintetis", "created": created})
    head = wb.add_format({"bold": True, "bg_color": "#D9E1F2"})
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    for name, columns, rows in sheets:
        ws = wb.add_worksheet(name)
        for c, col in enumerate(columns):
            ws.set_column(c, c, max(12, min(45, len(col) + 4)))
        for c, col in enumerate(columns):
            ws.write_string(0, c, col, head)
        kinds = _column_kinds(name, columns)
        write_string, write_number, write_datetime = ws.write_string, ws.write_number, ws.write_datetime
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                if value is None:
                    continue
                kind = kinds[c]
                if kind == "ident":  # identitas: the value decides
                    if isinstance(value, dt.date):
                        write_datetime(r, c, value, date_fmt)
                    elif isinstance(value, (int, float)):
                        write_number(r, c, value)
                    else:
                        write_string(r, c, str(value))
                elif kind == DATE:
                    write_datetime(r, c, value, date_fmt)
                elif kind == YESNO:
                    write_string(r, c, "Y" if value else "T")
                elif kind in _NUMBER_KINDS:
                    write_number(r, c, value)
                else:
                    write_string(r, c, str(value))
    wb.close()


def _write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def _read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def write_reference(ref_dir: Path, data: list[RegionData], period_code: str, source_ref: dict[str, bytes]) -> None:
    ref_dir.mkdir(parents=True, exist_ok=True)
    for name, content in source_ref.items():
        (ref_dir / name).write_bytes(content)
    wilayah = []
    provinces = sorted({d.region.province for d in data})
    by_prov: dict[str, list[RegionData]] = {}
    for d in data:
        by_prov.setdefault(d.region.province[0], []).append(d)
    for pcode, pname in provinces:
        wilayah.append([pcode, pname, "provinsi", ""])
        for d in sorted(by_prov[pcode], key=lambda d: d.region.code):
            reg = d.region
            wilayah.append([reg.code, reg.name, reg.level, pcode])
            desa_of: dict[str, list] = {}
            for dc, n, kc, lvl in reg.desa:
                desa_of.setdefault(kc, []).append([dc, n, lvl, kc])
            for kc, kn in reg.kecamatan:
                wilayah.append([kc, kn, "kecamatan", reg.code])
                wilayah.extend(desa_of.get(kc, []))
    _write_csv(ref_dir / "wilayah.csv", ["code", "name", "level", "parent_code"], wilayah)
    _write_csv(ref_dir / "opd.csv", ["kode_wilayah", "kode_opd", "nama_opd", "peran", "kode_kecamatan"],
               [[d.region.code, o["kode_opd"], o["nama_opd"], ";".join(o["roles"]), o["kode_kecamatan"]]
                for d in data for o in d.opds])
    _write_csv(ref_dir / "tenggat.csv", ["kode_wilayah", "kode_periode", "bulan_tenggat", "hari_tenggat"],
               [[d.region.code, period_code, d.deadline[0], d.deadline[1]] for d in data])


# --------------------------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------------------------


def _petugas(rng: random.Random, reg: Region) -> str:
    pool = "sunda" if reg.province[0] in ("32", "36") else "jawa"
    return f"{rng.choice(FIRST_NAMES[pool])} {rng.choice(LAST_NAMES[pool])}"


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


# Mistakes an OPD makes, by the kind of column they land in: a date from three years before the report year, a
# negative count, a choice that is not on the list. Each is a finding of the parser or of a rule.
_MISTAKE_KINDS = {DATE, INTEGER, CHOICE}


def _make_mistakes(sheets: list[tuple[str, list[str], list[list]]], rate: float, rng: random.Random) -> int:
    """Give about `rate` of the data rows one mistake, in place; return how many rows got one."""
    made = 0
    for name, columns, rows in sheets:
        if name == IDENTITAS:
            continue
        kinds = _column_kinds(name, columns)
        for row in rows:
            if rng.random() >= rate:
                continue
            candidates = [i for i, value in enumerate(row) if value is not None and kinds[i] in _MISTAKE_KINDS]
            if not candidates:
                continue
            i = rng.choice(candidates)
            if kinds[i] == DATE:
                row[i] = row[i].replace(year=REPORT_YEAR - 3, day=min(row[i].day, 28))
            elif kinds[i] == INTEGER:
                row[i] = -1 - abs(int(row[i]))
            else:
                row[i] = "LAINNYA"
            made += 1
    return made


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
    source_ref = {name: (project_ref / name).read_bytes() for name in COPIED_REFERENCE}
    indikator = _read_csv(project_ref / "indikator.csv")
    periode = _read_csv(project_ref / "periode.csv")
    period = next((p for p in periode if int(p["tahun_awal"]) <= REPORT_YEAR <= int(p["tahun_akhir"])), None)
    if period is None:
        raise UsageProblem(f"periode.csv has no plan period containing {REPORT_YEAR}")
    period_years = list(range(int(period["tahun_awal"]), int(period["tahun_akhir"]) + 1))

    region_list, source = load_regions(regions, seed, wilayah_all)
    submissions = raw_dir / "submissions" / str(REPORT_YEAR)
    files: list[dict] = []
    truth_regions: dict[str, dict] = {}
    totals: dict[str, int] = {name: 0 for name in SHEET_NAMES}
    all_data: list[RegionData] = []
    total_bytes = rows_with_mistake = 0
    for i, reg in enumerate(region_list, 1):
        d = _RegionBuilder(reg, indikator, period_years, seed).build()
        all_data.append(d)
        folder = submissions / reg.code
        folder.mkdir(parents=True, exist_ok=True)
        rng = random.Random(f"{seed}:{reg.code}:files")
        mistake_rng = random.Random(f"{seed}:{reg.code}:mistakes")
        deadline = dt.date(REPORT_YEAR + 1, *d.deadline)
        region_rows = {name: 0 for name in SHEET_NAMES}
        late = []
        for o in d.opds:
            code = o["kode_opd"]
            if rng.random() < 0.04:
                tanggal = deadline + dt.timedelta(days=rng.randint(3, 30))
                late.append(code)
            else:
                first = dt.date(REPORT_YEAR + 1, 1, 5)
                tanggal = first + dt.timedelta(days=rng.randint(0, max(0, (deadline - first).days)))
            sheets = _sheets_of(d, o, tanggal, _petugas(rng, reg))
            with_mistake = _make_mistakes(sheets, mistakes, mistake_rng) if mistakes else 0
            rows_with_mistake += with_mistake
            path = folder / f"{code}.xlsx"
            write_workbook(path, sheets, dt.datetime.combine(tanggal, dt.time(9, 0)), f"Laporan PUG {code} {REPORT_YEAR}")
            size = path.stat().st_size
            total_bytes += size
            counts = {name: len(rows) for name, _cols, rows in sheets}
            for name, n in counts.items():
                region_rows[name] += n
            files.append({"path": f"submissions/{REPORT_YEAR}/{reg.code}/{code}.xlsx", "region": reg.code, "opd": code,
                          "tanggal_kirim": tanggal.isoformat(), "on_time": tanggal <= deadline, "bytes": size,
                          "sheets": counts, **({"rows_with_mistake": with_mistake} if mistakes else {})})
        for name, n in region_rows.items():
            totals[name] += n
        active = sum(1 for o in d.orgs if o.status == "AKTIF")
        by_tingkat: dict[str, int] = {}
        by_jenis: dict[str, int] = {}
        for o in d.orgs:
            by_tingkat[o.tingkat] = by_tingkat.get(o.tingkat, 0) + 1
            by_jenis[o.jenis] = by_jenis.get(o.jenis, 0) + 1
        truth_regions[reg.code] = {
            "name": reg.name, "level": reg.level, "province": reg.province[0],
            "kecamatan": len(reg.kecamatan), "desa_kelurahan": len(reg.desa),
            "opds": len(d.opds), "workbooks": len(d.opds), "women_agency_opd": d.ppa,
            "deadline": deadline.isoformat(), "late": late,
            "rows": region_rows,
            "organisations": {"registered": len(d.orgs), "active": active, "advocated": len({c for e in d.events for c in e["orgs"]}),
                              "by_tingkat": dict(sorted(by_tingkat.items())), "by_jenis": dict(sorted(by_jenis.items()))},
            "advocacy_events": len(d.events), "attendance_rows": sum(len(e["orgs"]) for e in d.events),
            "cadres": len(d.kader), "posts": len(d.posts), "budget_lines": sum(len(v) for v in d.budget.values()),
            "indicator_owners": d.owners,
            "indicators": {c: v["realisasi"] for c, v in d.values.items() if c in d.owners},
        }
        if progress is not None:
            print(f"region {i}/{len(region_list)} {reg.code} {reg.name}: {len(d.opds):,} workbooks, "
                  f"{len(d.orgs):,} organisations, {truth_regions[reg.code]['attendance_rows']:,} attendance rows "
                  f"({time.perf_counter() - started:,.1f} s)", file=progress, flush=True)
        d.orgs, d.events, d.kader, d.posts, d.budget = [], [], [], [], {}  # keep only what the reference needs
    write_reference(raw_dir / "reference", all_data, period["kode_periode"], source_ref)
    written = {f["path"] for f in files}
    removed = 0
    for old in (previous or {}).get("files", []):  # files of an earlier national run that this one did not write
        if old["path"] not in written and (raw_dir / old["path"]).is_file():
            (raw_dir / old["path"]).unlink()
            removed += 1
            parent = (raw_dir / old["path"]).parent
            if parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
    elapsed = time.perf_counter() - started
    truth = {
        "generator": "pug.national.generate_national",
        "seed": seed,
        "synthetic": True,
        "report_year": REPORT_YEAR,
        "plan_period": {"kode_periode": period["kode_periode"], "tahun_awal": period_years[0], "tahun_akhir": period_years[-1]},
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
        "raw_dir": str(raw_dir),
        "truth": str(raw_dir / TRUTH_FILE),
        "seed": seed,
        "report_year": REPORT_YEAR,
        "region_source": source,
        "regions": len(region_list),
        "workbooks": len(files),
        "organisations": truth["totals"]["organisations"],
        "advocacy_events": truth["totals"]["advocacy_events"],
        "attendance_rows": truth["totals"]["attendance_rows"],
        "rows": sum(totals.values()),
        "rows_with_mistake": rows_with_mistake,
        "mib": round(total_bytes / 1048576, 1),
        "stale_files_removed": removed,
        "seconds": round(elapsed, 1),
    }
