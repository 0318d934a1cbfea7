"""One region's synthetic world over its report years, shared by the two-city sample and the national sample.

The world holds what happened, as the OPDs would report it: the register of women's organisations (see
pug.synthetic.register), the advocacy meetings and who attended, the 1001-cadre programme's cadres, the structural
posts and their holders, every OPD's budget lines with their gender tagging, the seven prerequisites, and the
indicators' targets and realised values. It decides quantities (how many organisations are advocated, which ones,
how many cadres are trained, who holds a post) from its Plan and its own random stream; `indicator_values` is the
one place where the values an owner reports in its `capaian` sheet are worked out from that state.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter
from dataclasses import dataclass

from pug.synthetic import catalogue as cat
from pug.synthetic.plan import Plan, ReferenceData
from pug.synthetic.regions import Opd, Region
from pug.synthetic.register import LEVEL_RANK, Org, build_register

READVOCATED = 0.06  # share of earlier-advocated organisations (below kab/kota level) invited again in a year
POST_CHANGE = 0.15  # chance a post changes holder from one year to the next
WOMEN_TREND = 0.015  # yearly rise of the chance that a new holder is a woman
THEMATIC_LINES_PER_OPD = 22


@dataclass
class Event:
    owner: str  # the OPD that held it
    wilayah: str
    orgs: list[str]
    tanggal: dt.date = dt.date.min
    tema: str = ""
    hadir: list[int] | None = None  # people who came, per organisation
    perempuan: int = 0
    laki: int = 0
    code: str = ""


@dataclass
class Year:
    active: frozenset[str]  # registered, AKTIF, and not withheld
    advocated: frozenset[str]  # organisations at a meeting this year
    first_advocated: frozenset[str]
    cumulative: frozenset[str]  # advocated in any year of the world so far
    events: list[Event]
    cadres: list[dict]
    posts: list[dict]
    budget: dict[str, list[dict]]  # OPD -> budget lines, for the OPDs that report this year
    prerequisites: list[dict]
    direct_budget: int  # the kab/kota's total direct budget (belanja langsung), as BPKAD reports it
    krppa: list[dict]  # each kelurahan's or desa's KRPPA/DRPPA standing
    institutions: list[dict]  # each OPD's focal point and SIGA supply


def share(part: int, whole: int) -> dict:
    """A percentage as a capaian row states it: realisasi with its pembilang and penyebut."""
    return {"realisasi": round(100 * part / whole, 2) if whole else 0.0, "pembilang": part, "penyebut": whole}


class World:
    """A region's world: its register from the start, its years once build_years has run."""

    def __init__(self, region: Region, plan: Plan, reference: ReferenceData, rng: random.Random):
        self.region, self.plan, self.reference, self.rng = region, plan, reference, rng
        # What later versions of the world added (post holders by person, the direct budget, KRPPA, OPD institutions)
        # draws from a stream of its own, so that everything drawn before stays as it was.
        self.detail_rng = random.Random(repr(rng.getstate()[1][:4]))
        self.ppa = region.with_role("PPPA")[0].code
        self._owner_of = {}  # indicator -> the first OPD with its owner role
        for ind in reference.indikator:
            owner = next((o.code for o in region.opds if o.has(ind["peran_pemilik"])), None)
            if owner:
                self._owner_of[ind["kode_indikator"]] = owner
        self.orgs: list[Org] = build_register(rng, region, plan)
        self.by_code = {o.code: o for o in self.orgs}
        self.villages_of: dict[str, list] = {}
        for village in region.villages:
            self.villages_of.setdefault(village.kecamatan, []).append(village)
        self.withheld: dict[int, set[str]] = {year: set() for year in plan.years}
        self.years: dict[int, Year] = {}
        self._values: dict[int, dict] = {}

    def withhold(self, year: int, code: str) -> None:
        """Leave an organisation out of `year` (its register row will be written with a mistake): not counted as
        registered, not invited, not a cadre's organisation. Call before build_years."""
        self.withheld[year].add(code)

    def build_years(self) -> None:
        rng, plan = self.rng, self.plan
        posts = self._posts()
        pools = {o.code: self._budget_pool(o) for o in self.region.opds}
        adoption = {o.code: rng.random() for o in self.region.opds}  # how early an OPD takes up PPRG
        scores = [max(20, min(100, plan.prerequisite_level + rng.randint(-15, 20))) for _ in self.reference.prerequisites]
        cumulative: set[str] = set()
        for index, year in enumerate(plan.years):
            active = [o for o in self.orgs if o.registered(year) and o.status(year) == "AKTIF"
                      and o.code not in self.withheld[year]]
            events = self._advocacy(year, active, cumulative)
            advocated = frozenset(c for e in events for c in e.orgs)
            first = advocated - cumulative
            cumulative |= advocated
            if index:
                scores = [min(100, s + rng.randint(2, 7)) for s in scores]
            budget = {o.code: self._budget_lines(o, pools[o.code], adoption[o.code], year) for o in self.region.opds
                      if (year, o.code) not in plan.absent}
            self.years[year] = Year(frozenset(o.code for o in active), advocated, first, frozenset(cumulative), events,
                                    self._cadres(year, active), [{**post, **held[year]} for post, held in posts],
                                    budget, self._prerequisites(year, scores), self._direct_budget(budget),
                                    self._krppa(year), self._institutions(index))

    # ---------------------------------------------------------------- indicators ------------------------------
    @property
    def owners(self) -> dict[str, str]:
        """Indicator -> the OPD that reports it, for the indicators the world has values for: one added to the
        catalogue since is not reported."""
        reported = self.indicator_values(min(self.years))
        return {ind: opd for ind, opd in self._owner_of.items() if ind in reported}

    def indicator_values(self, year: int) -> dict[str, dict]:
        """What the owners report for `year`: realisasi (with pembilang and penyebut for a share, by kecamatan for
        organisation coverage), counted from the world's state, or as the plan states for outside statistics."""
        if year in self._values:
            return self._values[year]
        y, plan, region = self.years[year], self.plan, self.region
        reached = y.active & y.cumulative
        active_in, reached_in = Counter(), Counter()
        for code in y.active:
            active_in[self.by_code[code].kecamatan] += 1
            reached_in[self.by_code[code].kecamatan] += code in reached
        by_kecamatan = {kcode: share(reached_in[kcode], active_in[kcode]) for kcode, _ in region.kecamatan}
        holders: dict[str, str] = {}  # person -> sex, of the strategic posts' holders: a person with two posts counts once
        for p in y.posts:
            if p["kelompok"] in self.reference.strategic and (
                    p["status"] == "DEFINITIF" or (p["status"] == "PLT" and self.reference.acting_counted)):
                holders[p["kode_pegawai"]] = p["jenis_kelamin"]
        lines = [line for opd_lines in y.budget.values() for line in opd_lines]
        reporting = [i for i in y.institutions if i["kode_opd"] in y.budget]
        values = {
            "ORG_ADVOKASI_PCT": {**share(len(reached), len(y.active)), "by_kecamatan": by_kecamatan},
            "ORG_ADVOKASI_JML": {"realisasi": len(y.cumulative)},
            "KADER_KK_JML": {"realisasi": sum(len(self.years[x].cadres) for x in self.years if x <= year)},
            "JABATAN_STRATEGIS_P_PCT": share(sum(sex == "P" for sex in holders.values()), len(holders)),
            "ARG_PCT": share(sum(ln["pagu"] for ln in lines if ln["responsif_gender"]), y.direct_budget),
            "TOTAL_BELANJA_LANGSUNG": {"realisasi": y.direct_budget},
            "KRPPA_PCT": share(sum(k["indikator_terpenuhi"] == 10 or k["ditetapkan"] for k in y.krppa), len(region.villages)),
            "OPD_FOCAL_POINT_PCT": share(sum(i["focal_point_sk"] and i["focal_point_terlatih"] for i in reporting),
                                         len(reporting)),
            "OPD_SIGA_PCT": share(sum(i["data_siga"] for i in reporting), len(reporting)),
            "OPD_GAP_GBS_PCT": share(sum(any(ln["ada_gap"] and ln["ada_gbs"] for ln in opd_lines)
                                         for opd_lines in y.budget.values()), len(y.budget)),
            "PRASYARAT_SKOR": {"realisasi": round(sum(p["nilai"] for p in y.prerequisites) / len(y.prerequisites), 2)},
            "AP3_KASUS_TERTANGANI_PCT": share(plan.cases_handled[year], plan.actuals["AP3_KASUS_KEKERASAN"][year]),
        }
        values.update({code: {"realisasi": series[year]} for code, series in plan.actuals.items()})
        self._values[year] = {i["kode_indikator"]: values[i["kode_indikator"]] for i in self.reference.indikator
                              if i["kode_indikator"] in values}
        return self._values[year]

    def indicator_targets(self, report_year: int) -> dict[str, tuple[dict[int, float], str | None]]:
        """Five-year targets for the whole region as the owner states them in the workbook of `report_year`, with
        the note of a revision. The count of organisations to advocate follows the share, over the most
        organisations active in any year."""
        plan, years = self.plan, self.reference.period_years
        most_active = max(len(y.active) for y in self.years.values())
        out = {}
        for ind in self.reference.indikator:
            code = ind["kode_indikator"]
            if code == "ORG_ADVOKASI_JML" and "ORG_ADVOKASI_PCT" in plan.targets:
                values = [round(p / 100 * most_active) for p in plan.targets["ORG_ADVOKASI_PCT"]]
            elif code in plan.targets:
                values = list(plan.targets[code])
            else:
                continue
            note, revision = None, plan.revisions.get(code)
            if revision and report_year >= revision.stated_in:
                values = [round(v * revision.factor) if y >= revision.from_year else v for y, v in zip(years, values)]
                note = revision.note
            out[code] = (dict(zip(years, values)), note)
        return out

    # ---------------------------------------------------------------- advocacy --------------------------------
    def _advocacy(self, year: int, active: list[Org], before: set[str]) -> list[Event]:
        """The meetings of the year. Organisations new to advocacy come by level
        (kab/kota, kecamatan, TP PKK of every desa/kelurahan first), then desa/kelurahan by desa/kelurahan, until
        the year's goal; the kab/kota-level organisations and a few others are invited again."""
        rng = self.rng
        goal = self.plan.advocacy_goal[year] + rng.uniform(0.0, 0.015)
        already = [o.code for o in active if o.code in before]
        need = max(0, math.ceil(goal * len(active)) - len(already))
        order = [v.code for v in self.region.villages]
        rng.shuffle(order)
        rank = {code: i for i, code in enumerate(order)}
        keyed = []
        for o in active:
            if o.code in before:
                continue
            leading = o.tingkat in ("KOTA", "KECAMATAN") or (o.tingkat == "KELURAHAN" and o.jenis == "PKK")
            keyed.append(((LEVEL_RANK[o.tingkat], 0, rng.random()) if leading else (3, rank[o.wilayah], rng.random()),
                          o.code))
        keyed.sort()
        first = [code for _, code in keyed[:need]]
        again = [c for c in already if self.by_code[c].tingkat == "KOTA"]
        others = [c for c in already if self.by_code[c].tingkat != "KOTA"]
        again += rng.sample(others, round(READVOCATED * len(others)))
        return self._events(year, set(first) | set(again), active, before)

    def _events(self, year: int, invited: set[str], active: list[Org], before: set[str]) -> list[Event]:
        """Meetings of at most event_size organisations: the kab/kota level with the women's agency; below it per
        kecamatan, a desa/kelurahan's organisations together; every kecamatan office holds at least two."""
        rng, region, plan, by_code = self.rng, self.region, self.plan, self.by_code
        size = plan.event_size
        kota = sorted(c for c in invited if by_code[c].tingkat == "KOTA")
        events = [Event(self.ppa, region.code, part) for part in _chunks(kota, size)]
        local: dict[str, list[str]] = {}  # kecamatan or desa/kelurahan -> invited organisations
        for code in sorted(invited):
            if by_code[code].tingkat != "KOTA":
                local.setdefault(by_code[code].wilayah, []).append(code)
        for kcode, _ in region.kecamatan:
            office = region.office_of(kcode)
            for where, codes in self._pack(kcode, local, size):
                owner = office.code if office and rng.random() < plan.office_share else self.ppa
                events.append(Event(owner, where, codes))
            if office:
                self._two_meetings_at_least(events, office, kcode, active, before)
        for event in list(events):
            for chance in plan.follow_ups:
                if rng.random() < chance:
                    part = rng.uniform(0.4, 0.9)
                    events.append(Event(event.owner, event.wilayah,
                                        [c for c in event.orgs if rng.random() < part] or event.orgs[:1]))
        start = dt.date(year, 2, 1).toordinal()
        for event in events:
            event.tanggal = dt.date.fromordinal(start + rng.randint(0, 300))
            event.tema = rng.choice(cat.TEMA)
            event.hadir = [rng.randint(2, 5) if LEVEL_RANK[by_code[c].tingkat] <= 2 else rng.randint(1, 3)
                           for c in event.orgs]
            total = sum(event.hadir)
            event.laki = round(total * rng.uniform(0.0, 0.12))
            event.perempuan = total - event.laki
        events.sort(key=lambda e: (e.owner, e.tanggal, e.wilayah))
        counters: dict[str, int] = {}
        offices = {o.code: o.kecamatan[-2:] for o in region.opds if o.has("KECAMATAN")}
        for event in events:
            n = counters[event.owner] = counters.get(event.owner, 0) + 1
            kecamatan = f"KEC{offices[event.owner]}-" if event.owner in offices else ""
            event.code = f"ADV-{kecamatan}{year}-{n:03d}"
        return events

    def _pack(self, kcode: str, local: dict[str, list[str]], size: int) -> list[tuple[str, list[str]]]:
        """(wilayah, organisations) of the meetings in one kecamatan: a large desa/kelurahan alone, small ones
        together with the kecamatan-level organisations at the kecamatan."""
        packs, current, places = [], list(local.get(kcode, [])), {kcode} if local.get(kcode) else set()
        for village in self.villages_of.get(kcode, []):
            codes = local.get(village.code, [])
            if len(codes) > size:
                packs += [(village.code, part) for part in _chunks(codes, size)]
            elif codes:
                if current and len(current) + len(codes) > size:
                    packs.append((places.pop() if len(places) == 1 else kcode, current))
                    current, places = [], set()
                current += codes
                places.add(village.code)
        if current:
            packs.append((places.pop() if len(places) == 1 else kcode, current))
        return packs

    def _two_meetings_at_least(self, events: list[Event], office: Opd, kcode: str, active: list[Org],
                               before: set[str]) -> None:
        """The office takes over the agency's meetings in its kecamatan, or invites desa/kelurahan and RW
        organisations (advocated before, if any were) once more."""
        own = sum(e.owner == office.code for e in events)
        while own < 2:
            agency = next((e for e in events if e.owner == self.ppa and e.wilayah[:8] == kcode), None)
            if agency is None:
                nearby = sorted(o.code for o in active if o.kecamatan == kcode and o.tingkat in ("KELURAHAN", "RW")
                                and (o.code in before or not before))
                if not nearby:
                    return
                agency = Event(office.code, kcode, sorted(self.rng.sample(nearby, min(len(nearby),
                                                                                   self.rng.randint(6, 14)))))
                events.append(agency)
            agency.owner = office.code
            own += 1

    # ---------------------------------------------------------------- cadres ----------------------------------
    def _cadres(self, year: int, active: list[Org]) -> list[dict]:
        rng, region = self.rng, self.region
        batches = []
        for wave in self.plan.cadre_waves.get(year, []):
            left = wave.count
            while left > 0:
                k = min(left, rng.randint(*wave.batch))
                batches.append((dt.date.fromordinal(wave.start.toordinal() + rng.randint(0, wave.days)), k))
                left -= k
        batches.sort()
        pkk: dict[str, list[str]] = {}
        for o in active:
            if o.jenis == "PKK" and len(o.wilayah) == 13:
                pkk.setdefault(o.wilayah, []).append(o.code)
        villages = [v.code for v in region.villages]
        rows = []
        for tanggal, k in batches:
            near = rng.sample(villages, min(len(villages), 6))  # a batch comes from a few neighbouring places
            for _ in range(k):
                village = rng.choice(near)
                org = rng.choice(sorted(pkk[village])) if village in pkk and rng.random() < 0.75 else None
                rows.append({"kode_kader": f"KDR-{region.code}-{year}-{len(rows) + 1:04d}",
                             "jenis_kelamin": "P" if rng.random() < 0.93 else "L", "kode_organisasi": org,
                             "kode_wilayah": village, "tanggal_pelatihan": tanggal, "materi_pug": rng.random() < 0.95,
                             "status": "AKTIF" if rng.random() < 0.96 else "NONAKTIF"})
        return rows

    # ---------------------------------------------------------------- posts -----------------------------------
    def _posts(self) -> list[tuple[dict, dict[int, dict]]]:
        """Every structural post with its holder's status and sex per year (a post changes holder now and then)."""
        rng, region, plan = self.rng, self.region, self.plan
        posts = []

        def post(code, name, kelompok, opd):
            posts.append({"kode_jabatan": code, "nama_jabatan": name, "kelompok": kelompok, "kode_opd": opd})

        for o in region.opds:
            code, name = o.code, o.name
            if o.has("KECAMATAN"):
                post(f"{code}-CAMAT", f"Camat {name.replace('Kecamatan ', '')}", "CAMAT", code)
                post(f"{code}-SEKCAM", f"Sekretaris {name}", "ADMINISTRATOR", code)
                for j, s in enumerate(cat.KECAMATAN_SECTIONS, 1):
                    post(f"{code}-KASI-{j}", f"Kepala Seksi {s} {name}", "PENGAWAS", code)
                for v in region.villages:
                    if v.kecamatan == o.kecamatan and v.level == "kelurahan":
                        post(f"{code}-LURAH-{v.code}", f"Lurah {v.name}", "LURAH", code)
                        post(f"{code}-SEKLUR-{v.code}", f"Sekretaris Kelurahan {v.name}", "PENGAWAS", code)
            elif code == "SETDA":
                post("SETDA-SEKDA", f"Sekretaris Daerah {region.name}", "SEKDA", code)
                for j, s in enumerate(cat.SETDA_ASSISTANTS, 1):
                    post(f"SETDA-ASISTEN-{j}", f"Asisten {s}", "JPT_PRATAMA", code)
                for j, s in enumerate(cat.SETDA_ADVISERS, 1):
                    post(f"SETDA-STAFAHLI-{j}", f"Staf Ahli Bidang {s}", "JPT_PRATAMA", code)
                for j, s in enumerate(cat.SETDA_PARTS, 1):
                    post(f"SETDA-KABAG-{j}", f"Kepala Bagian {s}", "ADMINISTRATOR", code)
                    post(f"SETDA-KASUBBAG-{j}", f"Kepala Subbagian Tata Usaha Bagian {s}", "PENGAWAS", code)
            elif code == "SETWAN":
                post("SETWAN-SEKWAN", "Sekretaris DPRD", "JPT_PRATAMA", code)
                for j, s in enumerate(cat.SETWAN_PARTS, 1):
                    post(f"SETWAN-KABAG-{j}", f"Kepala Bagian {s} Sekretariat DPRD", "ADMINISTRATOR", code)
            else:
                post(f"{code}-KEPALA", "Inspektur" if code == "INSPEKTORAT" else f"Kepala {name}", "JPT_PRATAMA", code)
                post(f"{code}-SEKRETARIS", f"Sekretaris {name}", "ADMINISTRATOR", code)
                for j, division in enumerate(cat.HEAD_DIVISIONS[:rng.randint(2, 4)], 1):
                    post(f"{code}-KABID-{j}", f"Kepala Bidang {division} {code}", "ADMINISTRATOR", code)
                for j, section in enumerate(cat.SECTIONS[:rng.randint(3, 6)], 1):
                    post(f"{code}-KASUBAG-{j}", f"Kepala Subbagian/Seksi {section} {code}", "PENGAWAS", code)
        first, history, people = plan.years[0], [], 0
        for p in posts:
            held, holder = {}, None
            for year in plan.years:
                if holder is None or rng.random() < POST_CHANGE:
                    r = rng.random()
                    status = "DEFINITIF" if p["kelompok"] == "SEKDA" or r < 0.88 else ("PLT" if r < 0.95 else "KOSONG")
                    woman = rng.random() < plan.women_share[p["kelompok"]] + WOMEN_TREND * (year - first)
                    sex = None if status == "KOSONG" else ("P" if woman else "L")
                    people += status != "KOSONG"
                    holder = {"jenis_kelamin": sex, "status": status,
                              "kode_pegawai": f"PGW-{region.code}-{people:04d}" if status != "KOSONG" else None}
                held[year] = holder
            history.append((p, held))
        self._acting_by_definitive(history)
        return [(p, {year: {**holder, "tanggal_data": dt.date(year, 12, 31)} for year, holder in held.items()})
                for p, held in history]

    def _acting_by_definitive(self, history: list[tuple[dict, dict[int, dict]]]) -> None:
        """Half the acting (PLT) heads of strategic posts are officials who hold another strategic post definitively,
        as an acting agency head usually is: the same person (kode_pegawai and sex) in two posts."""
        rng, shared = self.detail_rng, set()  # a holder spans the years it keeps the post: decided once
        for year in self.plan.years:
            definitive = [held[year] for p, held in history
                          if p["kelompok"] in self.reference.strategic and held[year]["status"] == "DEFINITIF"]
            for p, held in history:
                holder = held[year]
                if (p["kelompok"] in self.reference.strategic and holder["status"] == "PLT" and definitive
                        and id(holder) not in shared and rng.random() < 0.5):
                    other = rng.choice(definitive)
                    holder.update(kode_pegawai=other["kode_pegawai"], jenis_kelamin=other["jenis_kelamin"])
                    shared.add(id(holder))


    # ---------------------------------------------------------------- budget ----------------------------------
    def _budget_pool(self, opd: Opd) -> list[tuple[str, str]]:
        """The sub-activities an OPD can budget for: the support lines of every OPD and its own thematic ones."""
        urusan = cat.ROLE_URUSAN.get(opd.roles[0]) or cat.URUSAN.get(opd.code, "4.01")
        pool = [(f"{urusan}.{c}", n) for c, n in cat.SUPPORT_LINES]
        names = cat.THEMATIC_LINES.get(urusan, [])
        for i in range(THEMATIC_LINES_PER_OPD):
            name = names[i] if i < len(names) else f"Pelaksanaan Kegiatan Teknis {opd.name} {i + 1 - len(names)}"
            program, activity, sub = 2 + i // 4, 1 + (i % 4) // 2, 1 + i % 2
            pool.append((f"{urusan}.{program:02d}.2.{activity:02d}.{sub:04d}", name))
        return pool

    def _budget_lines(self, opd: Opd, pool: list[tuple[str, str]], adoption: float, year: int) -> list[dict]:
        """This year's lines; OPDs take up gender-responsive planning (PPRG) over the plan period, the women's
        agency and planning from the start, and tag more lines as they do."""
        rng = self.rng
        ppa = opd.has("PPPA")
        k = year - self.reference.period_years[0]
        n = self.plan.budget_lines.get((year, opd.code)) or (rng.randint(15, 30) if ppa else rng.randint(10, 25))
        pprg = ppa or opd.has("PERENCANAAN") or adoption < 0.52 + 0.11 * k
        p_responsive = (0.5 if ppa else 0.20 + 0.05 * k) if pprg else 0.10
        lines = []
        for index in sorted(rng.sample(range(len(pool)), n)):
            code, name = pool[index]
            pagu = int(round(math.exp(rng.uniform(math.log(50e6), math.log(5e9))), -3))
            responsive = rng.random() < p_responsive
            if pprg:
                gap = responsive and rng.random() < 0.9 or (not responsive and rng.random() < 0.05)
                gbs = responsive and gap and rng.random() < 0.85
            else:
                gap, gbs = responsive and rng.random() < 0.3, False
            lines.append({"kode_subkegiatan": code, "nama_subkegiatan": name, "pagu": pagu,
                          "realisasi_anggaran": int(round(pagu * rng.uniform(0.60, 1.0), -3)),
                          "responsif_gender": responsive, "ada_gap": gap, "ada_gbs": gbs})
        if pprg and not any(line["ada_gap"] and line["ada_gbs"] for line in lines):
            line = lines[rng.randrange(len(lines))]
            line["responsif_gender"] = line["ada_gap"] = line["ada_gbs"] = True
        return lines

    def _direct_budget(self, budget: dict[str, list[dict]]) -> int:
        """The total direct budget BPKAD reports: the lines OPDs report are 60 to 80 % of it."""
        reported = sum(line["pagu"] for lines in budget.values() for line in lines)
        return int(round(reported / self.detail_rng.uniform(0.60, 0.80), -6))

    # ---------------------------------------------------------------- KRPPA and institutions ------------------
    def _krppa(self, year: int) -> list[dict]:
        """Every kelurahan's and desa's standing: the first plan.krppa[year] of a fixed order count (all 10
        indicators met, or designated by decree, as those counted a year before are); the others meet fewer."""
        rng = random.Random(f"{self.region.code}:krppa")  # the same order every year
        order = [v.code for v in self.region.villages]
        rng.shuffle(order)
        counted = self.plan.krppa[year]
        before = self.plan.krppa.get(year - 1, 0)
        rows = []
        for rank, code in enumerate(order):
            designated = rank < before or (rank < counted and self.detail_rng.random() < 0.5)
            met = 10 if rank < counted else self.detail_rng.randint(2, 9)
            rows.append({"kode_wilayah": code, "indikator_terpenuhi": met, "ditetapkan": designated,
                         "nomor_sk": f"SK {self.region.head_title} 463/{rank + 1:03d}/{year}" if designated else None,
                         "keterangan": None})
        return sorted(rows, key=lambda r: r["kode_wilayah"])

    def _institutions(self, index: int) -> list[dict]:
        """Each OPD's focal point and SIGA supply, as the women's agency lists them: more every year of the period."""
        rng, rows = self.detail_rng, []
        for opd in self.region.opds:
            appointed = opd.has("PPPA") or opd.has("PERENCANAAN") or rng.random() < 0.55 + 0.1 * index
            rows.append({"kode_opd": opd.code, "focal_point_sk": appointed,
                         "focal_point_terlatih": appointed and rng.random() < 0.8,
                         "data_siga": opd.has("PPPA") or rng.random() < 0.25 + 0.15 * index,
                         "nomor_sk": None, "keterangan": None})
        return rows

    # ---------------------------------------------------------------- prerequisites ---------------------------
    def _prerequisites(self, year: int, scores: list[int]) -> list[dict]:
        head = self.region.head_title
        rule = "Perwal" if self.region.level == "kota" else "Perbup"
        rows = []
        for (number, key, butir), nilai in zip(self.reference.prerequisites, scores):
            uraian, bukti = cat.PREREQUISITE_TEXT[key]
            rows.append({"kode_prasyarat": number, "butir": butir, "uraian": uraian.format(head=head),
                         "terpenuhi": nilai >= 60, "nilai": nilai,
                         "bukti": bukti.format(head=head, rule=rule, year=year) if nilai >= 60 else None})
        return rows


def _chunks(codes: list[str], size: int) -> list[list[str]]:
    """codes in nearly equal parts of at most size."""
    if not codes:
        return []
    step = math.ceil(len(codes) / math.ceil(len(codes) / size))
    return [codes[i:i + step] for i in range(0, len(codes), step)]
