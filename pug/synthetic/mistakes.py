"""Mistakes OPD staff make, written into synthetic submissions on purpose.

The two-city sample plants a fixed set (M01 to M12: one of each kind the rules must find) and a few tricky but
valid cells (S01 to S03), each recorded with its file, sheet, Excel row, column and cell. The national sample
gives a share of its data rows one mistake each, drawn from a random stream of its own.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from xlsxwriter.utility import xl_col_to_name

from pug.contract import CHOICE, DATE, IDENTITAS, INTEGER, SHEETS
from pug.synthetic.forms import Submission
from pug.synthetic.world import World
from pug.synthetic.writers import Formula, Raw, Sheet

# The organisation whose 2024 register row carries an unknown organisation type (M06): Bekasi's first local group
# founded in 2024. The world leaves it out of that year, so no other row depends on a row that is quarantined.
UNKNOWN_TYPE_AT = ("32.75", 2024)


@dataclass
class Planted:
    id: str
    kind: str
    severity: str  # error | notice | rejected | none (not a mistake)
    value: object
    note: str
    submission: Submission
    sheet: Sheet | None = None
    row: list | None = None  # the row as written (its identity locates it)
    column: str | None = None
    excel_row: int | None = None  # where no row locates it (an extra column, a blank row)

    def truth(self) -> dict:
        sub, excel_row, cell = self.submission, self.excel_row, None
        if self.row is not None:
            excel_row = next(i for i, r in enumerate(self.sheet.rows) if r is self.row) + 2
        if self.column is not None and excel_row:
            cell = f"{xl_col_to_name(self.sheet.columns.index(self.column))}{excel_row}"
        return {"id": self.id, "file": sub.path, "region": sub.region, "opd": sub.opd, "year": sub.year,
                "sheet": self.sheet.name if self.sheet else None, "excel_row": excel_row, "column": self.column,
                "cell": cell, "kind": self.kind, "severity": self.severity, "value": self.value, "note": self.note}


def _organisation_of_unknown_type(world: World) -> str:
    year = UNKNOWN_TYPE_AT[1]
    return min(o.code for o in world.orgs if o.code.startswith("KOM-") and o.first_year == year)


def withheld_organisations(world: World) -> list[tuple[int, str]]:
    """(year, organisation) pairs the world must leave out, because their register row is planted with a
    mistake that quarantines it."""
    region, year = UNKNOWN_TYPE_AT
    return [(year, _organisation_of_unknown_type(world))] if world.region.code == region else []


def plant(submissions: list[Submission], worlds: dict[str, World]) -> tuple[list[Planted], list[Planted]]:
    """Change the submissions in place; return (mistakes, special cases)."""

    def sub(region: str, year: int, opd: str, current: bool = True) -> Submission:
        return next(s for s in submissions if (s.region, s.year, s.opd, s.current) == (region, year, opd, current))

    def cell(sheet: Sheet, row: list, column: str):
        return row[sheet.columns.index(column)]

    def put(sheet: Sheet, row: list, column: str, value) -> None:
        row[sheet.columns.index(column)] = value

    def plain_line(sheet: Sheet) -> list:
        """A budget line that is not gender-responsive: quarantining it moves the ARG share and the GAP/GBS
        count of OPDs little, so the owners' reported values stay within the tolerance."""
        return next(r for r in sheet.rows[1:] if cell(sheet, r, "responsif_gender") is False)

    mistakes, special = [], []

    s = sub("32.75", 2023, "DINKES")
    sh = s.sheet("anggaran")
    row = plain_line(sh)
    put(sh, row, "pagu", -cell(sh, row, "pagu"))
    mistakes.append(Planted("M01", "negative_number", "error", cell(sh, row, "pagu"),
                            "pagu negatif (nilai sebenarnya positif)", s, sh, row, "pagu"))

    s = sub("33.75", 2024, "DPMPPA", current=False)
    sh = s.sheet("capaian")
    row = next(r for r in sh.rows if r[0] == "AP3_KASUS_TERTANGANI_PCT")
    correct = cell(sh, row, "realisasi")
    put(sh, row, "realisasi", 140)
    mistakes.append(Planted("M02", "percentage_over_100", "error", 140,
                            f"persentase 140; versi revisi ({s.superseded_by}) memuat nilai benar {correct}",
                            s, sh, row, "realisasi"))

    s = sub("33.75", 2023, "DPMPPA")
    sh = s.sheet("kader")
    put(sh, sh.rows[8], "tanggal_pelatihan", Raw("31/02/2023"))
    mistakes.append(Planted("M03", "invalid_date", "error", "31/02/2023", "tanggal tidak ada (31 Februari)",
                            s, sh, sh.rows[8], "tanggal_pelatihan"))

    s = sub("33.75", 2025, "DLH")
    sh = s.sheet("anggaran")
    row = plain_line(sh)
    put(sh, row, "pagu", Raw("1,234,5"))
    mistakes.append(Planted("M04", "ambiguous_number", "error", "1,234,5", "angka tidak dapat ditafsirkan",
                            s, sh, row, "pagu"))

    s = sub("32.75", 2025, worlds["32.75"].ppa)
    sh = s.sheet("organisasi")
    local = [r for r in sh.rows if cell(sh, r, "kode_organisasi").startswith("KOM-")]
    original = local[len(local) // 2]
    at = next(i for i, r in enumerate(sh.rows) if r is original)
    duplicate = list(original)
    village = next(v for v in worlds["32.75"].region.villages if v.code == cell(sh, original, "kode_wilayah"))
    put(sh, duplicate, "nama_organisasi", f"Kelompok Wanita Mandiri {village.title}")
    put(sh, duplicate, "tahun_berdiri", 2024)
    put(sh, duplicate, "jumlah_anggota", 21)
    sh.rows.insert(at + 1 + 25, duplicate)
    mistakes.append(Planted("M05", "duplicate_code", "error", duplicate[0],
                            f"kode_organisasi sama dengan baris {at + 2}", s, sh, duplicate, "kode_organisasi"))

    region, year = UNKNOWN_TYPE_AT
    s = sub(region, year, worlds[region].ppa)
    sh = s.sheet("organisasi")
    code = _organisation_of_unknown_type(worlds[region])
    row = next(r for r in sh.rows if r[0] == code)
    jenis = cell(sh, row, "jenis")
    put(sh, row, "jenis", "ARISAN")
    mistakes.append(Planted("M06", "unknown_code", "error", "ARISAN",
                            f"jenis tidak ada di daftar_kode (seharusnya {jenis})", s, sh, row, "jenis"))

    s = sub("33.75", 2022, "DINDAGKOPUKM")
    sh = s.sheet("capaian")
    row = next(r for r in sh.rows if r[0] == "AP1_WIRAUSAHA_P")
    text = "Diverifikasi pendamping UMKM, NIK 3375014107850003"
    put(sh, row, "keterangan", text)
    mistakes.append(Planted("M07", "nik_like", "error", text, "angka 16 digit menyerupai NIK (data pribadi)",
                            s, sh, row, "keterangan"))

    s = sub("32.75", 2023, "BKPSDM")
    sh = s.sheet("capaian")
    row = next(r for r in sh.rows if r[0] == "JABATAN_STRATEGIS_P_PCT")
    put(sh, row, "realisasi", Formula("=#REF!", "#REF!"))
    mistakes.append(Planted("M08", "excel_error", "error", "#REF!", "rumus rusak, nilai tersimpan #REF!",
                            s, sh, row, "realisasi"))

    s = sub("33.75", 2022, "BAPPEDA")
    sh = s.sheet("target")
    extra = ["IPG", None, 2027, 95.1, None]
    sh.rows.insert(max(i for i, r in enumerate(sh.rows) if r[0] == "IPG") + 1, extra)
    mistakes.append(Planted("M09", "target_year_outside_period", "error", 2027, "tahun 2027 di luar periode 2022-2026",
                            s, sh, extra, "tahun"))

    s = sub("32.75", 2023, worlds["32.75"].ppa)
    sh = s.sheet("advokasi_peserta")
    ghost = _unregistered_code(worlds["32.75"])
    middle = len(sh.rows) // 2
    extra = [sh.rows[middle][0], ghost, 2]
    sh.rows.insert(middle + 1, extra)
    mistakes.append(Planted("M10", "unregistered_organisation", "error", ghost,
                            "organisasi tidak terdaftar di register tahun ini", s, sh, extra, "kode_organisasi"))

    s = sub("33.75", 2024, "DINKES")
    sh = s.sheet("anggaran")
    sh.columns.append("catatan")
    for i, r in enumerate(sh.rows):
        r.append("Menunggu verifikasi Bappeda" if i % 4 == 1 else None)
    mistakes.append(Planted("M11", "extra_column", "notice", None,
                            "kolom tambahan di luar kontrak; diabaikan dengan pemberitahuan", s, sh, None, "catatan",
                            excel_row=1))

    s = next(s for s in submissions if s.form == "not_a_workbook")
    mistakes.append(Planted("M12", "not_a_workbook", "rejected", None,
                            "berkas teks biasa dengan akhiran .xlsx; seluruh berkas ditolak", s))

    s = sub("33.75", 2022, "BPKAD")
    sh = s.sheet("anggaran")
    value = cell(sh, sh.rows[0], "pagu")
    part = int(round(value * 0.6, -6))
    put(sh, sh.rows[0], "pagu", Formula(f"={part}+{value - part}", value))
    special.append(Planted("S01", "formula_cached_value", "none", value,
                           "sel rumus; nilai tersimpan harus dibaca sebagai nilai", s, sh, sh.rows[0], "pagu"))

    s = sub("33.75", 2023, "BPKAD")
    sh = s.sheet("capaian")
    at = next(i for i, r in enumerate(sh.rows) if r[0] == "ARG_PCT")
    value = cell(sh, sh.rows[at], "realisasi")
    put(sh, sh.rows[at], "realisasi", Formula(f"=ROUND(E{at + 2}/F{at + 2}*100,2)", value))
    special.append(Planted("S02", "formula_cached_value", "none", value,
                           "rumus dengan nilai tersimpan (pembilang/penyebut)", s, sh, sh.rows[at], "realisasi"))

    s = sub("32.75", 2022, worlds["32.75"].ppa)
    sh = s.sheet("kader")
    sh.rows.insert(40, None)
    special.append(Planted("S03", "blank_row", "none", None, "baris kosong di tengah lembar; dilewati", s, sh,
                           excel_row=42))
    return mistakes, special


def _unregistered_code(world: World) -> str:
    """A dasawisma code of the right shape under an RW that no desa/kelurahan of the region has."""
    village = world.region.villages[len(world.region.villages) // 2]
    highest_rw = max(int(o.code.split("-")[-1]) for o in world.orgs if o.tingkat == "RW")
    code = f"PKK-DW-{village.code}-{highest_rw + 2:03d}-005-02"
    assert code not in world.by_code
    return code


# ---------------------------------------------------------------- national: a share of rows -------------------

ROW_MISTAKE_KINDS = {DATE, INTEGER, CHOICE}


def make_row_mistakes(sheets: list[Sheet], rate: float, rng: random.Random, year: int) -> int:
    """Give about `rate` of the data rows one mistake, in place: a date three years before the report year, a
    negative count, a code on no list. Return how many rows got one."""
    made = 0
    for sheet in sheets:
        if sheet.name == IDENTITAS:
            continue
        kinds = [SHEETS[sheet.name].column(c).kind for c in sheet.columns]
        for row in sheet.rows:
            if rng.random() >= rate:
                continue
            candidates = [i for i, value in enumerate(row) if value is not None and kinds[i] in ROW_MISTAKE_KINDS]
            if not candidates:
                continue
            i = rng.choice(candidates)
            if kinds[i] == DATE:
                row[i] = row[i].replace(year=year - 3, day=min(row[i].day, 28))
            elif kinds[i] == INTEGER:
                row[i] = -1 - abs(int(row[i]))
            else:
                row[i] = "LAIN-LAIN"
            made += 1
    return made
