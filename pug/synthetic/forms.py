"""The sheets each OPD fills for a report year, from its region's world, in the contract's columns.

Who fills what: every OPD its identitas and budget lines; the indicator owners their targets and values; the
registrar(s) of women's organisations their register; whoever held advocacy meetings the meetings and who came;
the women's agency the cadres, each kelurahan's KRPPA standing and each OPD's focal point; the staffing agency (KEPEGAWAIAN) the posts; planning (PERENCANAAN) the seven
prerequisites. A sheet's rows are lists in the order of pug.contract's columns; each call makes fresh lists, so a
caller may change them (planted mistakes) without touching the world.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pug.contract import IDENTITAS, IDENTITAS_FIELDS, IDENTITAS_HEADER, SHEET_NAMES, SHEETS
from pug.synthetic.catalogue import SUMBER_DATA
from pug.synthetic.regions import Opd
from pug.synthetic.world import World
from pug.synthetic.writers import Sheet, Style


@dataclass
class Submission:
    """One version of one OPD's report: where it goes, when it was sent, its sheets and how they are written."""

    region: str
    opd: str | None  # None for a file that is not a workbook
    year: int
    path: str  # relative to the raw directory
    form: str  # xlsx | csv | not_a_workbook
    tanggal_kirim: dt.date | None
    deadline: dt.date | None
    sheets: list[Sheet] = field(default_factory=list)
    style: Style = field(default_factory=Style)
    current: bool = True
    supersedes: str | None = None
    superseded_by: str | None = None

    @property
    def on_time(self) -> bool | None:
        return None if self.tanggal_kirim is None else self.tanggal_kirim <= self.deadline

    def sheet(self, name: str) -> Sheet:
        return next(s for s in self.sheets if s.name == name)


def table(name: str, records: list[dict]) -> Sheet:
    columns = SHEETS[name].column_names
    return Sheet(name, list(columns), [[r.get(c) for c in columns] for r in records])


class YearForms:
    """What the OPDs of one region fill for one report year; grouped once, handed out per OPD."""

    def __init__(self, world: World, year: int):
        self.world, self.year = world, year
        self.state = world.years[year]
        self.values = world.indicator_values(year)
        self.targets = world.indicator_targets(year)
        self.register: dict[str, list[dict]] = {}
        members: dict[str, int] = {}
        registered = [o for o in world.orgs if o.registered(year)]
        for org in registered:
            if org.induk:
                members[org.induk] = members.get(org.induk, 0) + 1
        since = world.plan.years[0]
        for org in registered:
            self.register.setdefault(org.registrar, []).append({
                "kode_organisasi": org.code, "nama_organisasi": org.name, "jenis": org.jenis, "tingkat": org.tingkat,
                "kode_wilayah": org.wilayah, "kode_induk": org.induk, "tahun_berdiri": org.berdiri,
                # a federation's members are organisations
                "jumlah_anggota": members.get(org.code, 0) if org.jenis == "FEDERASI" else org.members(year, since),
                "status": org.status(year)})
        self.events: dict[str, list] = {}
        for event in self.state.events:
            self.events.setdefault(event.owner, []).append(event)

    def identitas(self, opd: Opd, tanggal: dt.date, petugas: str) -> Sheet:
        rows = [["kode_wilayah", self.world.region.code], ["kode_opd", opd.code], ["nama_opd", opd.name],
                ["tahun_laporan", self.year], ["tanggal_kirim", tanggal], ["nama_petugas", petugas]]
        assert [r[0] for r in rows] == [f.name for f in IDENTITAS_FIELDS]
        return Sheet(IDENTITAS, list(IDENTITAS_HEADER), rows)

    def sheets(self, opd: Opd, tanggal: dt.date, petugas: str) -> list[Sheet]:
        world, state, code = self.world, self.state, opd.code
        sheets = {IDENTITAS: self.identitas(opd, tanggal, petugas)}
        owned = [ind for ind, owner in world.owners.items() if owner == code]
        if owned:
            sheets["target"], sheets["capaian"] = self._indicators(owned)
        if code in self.register:
            sheets["organisasi"] = table("organisasi", self.register[code])
        events = self.events.get(code, [])
        if events:
            sheets["advokasi"] = table("advokasi", [
                {"kode_kegiatan": e.code, "tanggal": e.tanggal, "kode_wilayah": e.wilayah, "tema": e.tema,
                 "peserta_perempuan": e.perempuan, "peserta_laki_laki": e.laki} for e in events])
            sheets["advokasi_peserta"] = table("advokasi_peserta", [
                {"kode_kegiatan": e.code, "kode_organisasi": c, "jumlah_hadir": h}
                for e in events for c, h in zip(e.orgs, e.hadir)])
        if opd.has("PPPA"):
            sheets["kader"] = table("kader", state.cadres)
            sheets["krppa"] = table("krppa", state.krppa)
            sheets["kelembagaan_opd"] = table("kelembagaan_opd", state.institutions)
        if opd.has("KEPEGAWAIAN"):
            sheets["jabatan"] = table("jabatan", state.posts)
        sheets["anggaran"] = table("anggaran", state.budget[code])
        if opd.has("PERENCANAAN"):
            sheets["prasyarat"] = table("prasyarat", state.prerequisites)
        return [sheets[n] for n in SHEET_NAMES if n in sheets]

    def _indicators(self, owned: list[str]) -> tuple[Sheet, Sheet]:
        """Targets for the plan period and this year's values, for the whole region; organisation coverage also
        per kecamatan (the kecamatan's targets are the region's)."""
        kecamatan = [k for k, _ in self.world.region.kecamatan]
        targets, values = [], []
        for ind in owned:
            by_year, note = self.targets.get(ind, ({}, None))
            revised_from = self.world.plan.revisions[ind].from_year if note else None
            for scope in [None] + (kecamatan if ind == "ORG_ADVOKASI_PCT" else []):
                targets += [{"kode_indikator": ind, "lingkup": scope, "tahun": year, "target": target,
                             "keterangan": note if scope is None and note and year >= revised_from else None}
                            for year, target in by_year.items()]
            value = self.values[ind]
            values.append({"kode_indikator": ind, "lingkup": None, "tahun": self.year, **value,
                           "sumber_data": SUMBER_DATA.get(ind)})
            values += [{"kode_indikator": ind, "lingkup": kcode, "tahun": self.year, **in_kecamatan,
                        "sumber_data": SUMBER_DATA.get(ind)}
                       for kcode, in_kecamatan in value.get("by_kecamatan", {}).items()]
        return table("target", targets), table("capaian", values)
