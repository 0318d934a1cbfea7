"""`pug template`: the submission workbook of one OPD and year, made to explain itself (DESIGN "The submission
workbook"): a `petunjuk` sheet, a note on every header cell, lookup sheets of the region's areas, OPDs, indicators,
codes and registered organisations, and dropdowns and number and date checks wherever Excel has them.

Everything it says comes from the contract (columns, descriptions, examples) and the reference data, so a new column
or code list shows up here without an edit. The lookup sheets are never read back (contract.TEMPLATE_SHEETS).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from pug import contract
from pug.outputs.feedback import DATE_FORMAT, date_id
from pug.findings import ERROR
from pug.ingest.parse import sending_years
from pug.reference import Reference
from pug.validation.rules import RULES_BY_SHEET, RuleContext
from pug.warehouse.register import Register, published_register

DATA_ROWS = 5000  # rows of each sheet that get dropdowns and checks
YES_NO = "ya_tidak"  # code lists the template adds beside raw/reference/daftar_kode.csv
SEXES = "jenis_kelamin"
PREREQUISITE_LIST = "prasyarat"
VILLAGES = "kode_wilayah:kelurahan_desa"  # the lookup of the kelurahan and desa alone
ADDED_CODE_LISTS = {
    YES_NO: [("Y", "Ya"), ("T", "Tidak")],
    SEXES: [("P", "Perempuan"), ("L", "Laki-laki")],
}
ROLE_WORDS = {  # who fills a sheet, as OPD staff say it
    contract.EVERY_OPD: "semua OPD",
    contract.INDICATOR_OWNERS: f"OPD pemilik indikator (lembar {contract.INDICATOR_LIST})",
    "PPPA": "dinas PPPA (DP3A)",
    "PERENCANAAN": "Bappeda",
    "KEPEGAWAIAN": "BKPSDM (kepegawaian)",
    "KECAMATAN": "kecamatan",
}
LOOKUP_PURPOSE = {
    contract.REGION_LIST: "Kecamatan dan kelurahan kab/kota Anda, dengan kode wilayah Kemendagri",
    contract.OPD_LIST: "OPD kab/kota Anda dan kodenya",
    contract.INDICATOR_LIST: "Katalog indikator: kode, nama, satuan dan arah",
    contract.CODE_LISTS: "Kode yang boleh dipakai pada kolom pilihan, dengan artinya",
    contract.ORGANISATION_LIST: "Organisasi perempuan yang terdaftar di kab/kota Anda",
}
SMALLEST_DATE, LARGEST_DATE = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


def sheets_for(roles: list[str], owns_indicators: bool) -> list[str]:
    """The contract sheets an OPD of these roles fills (Sheet.filled_by)."""
    mine = {contract.EVERY_OPD, *roles, *([contract.INDICATOR_OWNERS] if owns_indicators else [])}
    return [name for name, sheet in contract.SHEETS.items() if mine & set(sheet.filled_by)]


@dataclass(frozen=True)
class Lookup:
    """A column of a lookup sheet a dropdown lists: `=sheet!$A$2:$A$9`."""
    sheet: str
    column: int
    first_row: int  # 0-based
    last_row: int
    label: str = ""  # which part of the sheet, when it holds several lists

    @property
    def source(self) -> str:
        letter = xl_col_to_name(self.column)
        return f"={self.sheet}!${letter}${self.first_row + 1}:${letter}${self.last_row + 1}"

    @property
    def empty(self) -> bool:
        return self.last_row < self.first_row


def write_template(out: Path, reference: Reference, *, opd_code: str, year: int, region_code: str | None = None,
                   published: Path | None = None) -> Path:
    """The workbook for `opd_code` and `year`; daftar_organisasi lists the register of the `published` warehouse."""
    opds = reference.tables["opd"]
    match = opds[(opds["kode_opd"] == opd_code) & ((opds["kode_wilayah"] == region_code) if region_code else True)]
    if match.empty:
        raise ValueError(f"OPD {opd_code!r} is not in raw/reference/opd.csv" + (f" for region {region_code}" if region_code else ""))
    if len(match) > 1:
        raise ValueError(f"OPD {opd_code!r} exists in regions {', '.join(match['kode_wilayah'])}: give --region")
    if reference.period_of(year) is None:
        raise ValueError(f"year {year} is in no plan period")
    opd = match.iloc[0]
    region = opd["kode_wilayah"]
    roles = [r for r in opd["peran"].split(";") if r]
    owns = bool(set(reference.tables["indikator"]["peran_pemilik"]) & set(roles))
    register = published_register(published, region, year)

    out.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(out))
    formats = _Formats(workbook)
    sheets = sheets_for(roles, owns)
    guide = workbook.add_worksheet(contract.GUIDE)
    identitas = workbook.add_worksheet(contract.IDENTITAS)
    data_sheets = {name: workbook.add_worksheet(name) for name in sheets}
    lookups = _write_lookups(workbook, formats, reference, region, roles, register)

    _write_guide(guide, formats, reference, opd, year, sheets, register)
    _write_identitas(identitas, formats, opd, year)
    context, examples = RuleContext(reference=reference, report_year=year, lone_file=False), _examples(reference, region, year)
    for name, worksheet in data_sheets.items():
        _write_data_sheet(worksheet, formats, contract.SHEETS[name], lookups, context, examples)
    workbook.close()
    return out


def _examples(reference: Reference, region: str, year: int) -> dict[str, str]:
    """Examples of this region and year, for header notes (the contract's are of one city and year)."""
    areas = reference.tables["wilayah"]
    kecamatan = sorted(areas.loc[areas["code"].str.startswith(region + ".") & (areas["level"] == "kecamatan"), "code"])
    kelurahan = sorted(areas.loc[areas["code"].str.startswith(region + ".") & (areas["level"] == "kelurahan"), "code"])
    examples = {contract.YEAR: str(year), contract.DATE: f"18/04/{year}", "lingkup": kecamatan[0] if kecamatan else ""}
    if kelurahan:
        examples[contract.REGION] = kelurahan[0]
    return examples


class _Formats:
    def __init__(self, workbook):
        self.header = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        self.title = workbook.add_format({"bold": True, "font_size": 14, "valign": "top"})
        self.heading = workbook.add_format({"bold": True, "font_size": 12, "bg_color": "#DDEBF7"})
        self.wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        self.bold_wrap = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        self.text = workbook.add_format({"num_format": "@"})
        self.date = workbook.add_format({"num_format": DATE_FORMAT})
        self.number = workbook.add_format({"num_format": "#,##0.##"})
        self.whole = workbook.add_format({"num_format": "#,##0"})


# --- lookups -----------------------------------------------------------------------------------------------------

def _write_lookups(workbook, formats: _Formats, reference: Reference, region: str, roles: list[str],
                   register: Register) -> dict[str, Lookup]:
    """Write the lookup sheets; the dropdown source of each column or code list that takes a code from them."""
    lookups: dict[str, Lookup] = {}
    areas = reference.tables["wilayah"]
    areas = areas[(areas["code"] == region) | areas["code"].str.startswith(region + ".")]
    # kab/kota and kecamatan first, then every kelurahan and desa: one range for a column that takes only those
    village = areas["code"].str.count(r"\.") == 3
    areas = areas.assign(village=village).sort_values(["village", "code"])
    names = dict(zip(areas["code"], areas["name"]))
    lookups[contract.REGION] = _table(workbook, formats, contract.REGION_LIST,
                                      ["kode_wilayah", "nama_wilayah", "tingkat", "kecamatan"],
                                      [[a.code, a.name, a.level, names.get(a.parent_code, "") if a.village else ""]
                                       for a in areas.itertuples()])
    first_village = int((~areas["village"]).sum()) + 1
    lookups[VILLAGES] = Lookup(contract.REGION_LIST, 0, first_village, len(areas), "kelurahan dan desa")
    opds = reference.tables["opd"]
    opds = opds[opds["kode_wilayah"] == region]
    lookups["kode_opd"] = _table(workbook, formats, contract.OPD_LIST, ["kode_opd", "nama_opd", "peran"],
                                 [[o.kode_opd, o.nama_opd, o.peran] for o in opds.itertuples()])
    # the OPD's own indicators first, so that the dropdown of what it reports (capaian) is one range
    indicators = reference.tables["indikator"]
    own = indicators["peran_pemilik"].isin(roles)
    indicators = indicators.assign(own=own).sort_values("own", ascending=False, kind="stable")
    lookups["kode_indikator"] = _table(workbook, formats, contract.INDICATOR_LIST,
                                       ["kode_indikator", "nama_indikator", "satuan", "arah", "kumulatif", "diisi_oleh", "milik_opd_ini"],
                                       [[i.kode_indikator, i.nama_indikator, i.satuan, i.arah, i.kumulatif, i.peran_pemilik,
                                         "Y" if i.own else "T"] for i in indicators.itertuples()])
    lookups["kode_indikator:own"] = Lookup(contract.INDICATOR_LIST, 0, 1, int(own.sum()))
    codes = reference.tables["daftar_kode"]
    rows = [[c.daftar, c.kode, c.keterangan] for c in codes.itertuples()]
    rows += [[name, code, meaning] for name, entries in ADDED_CODE_LISTS.items() for code, meaning in entries]
    rows += [[PREREQUISITE_LIST, number, name] for number, _, name in reference.prerequisites]
    _table(workbook, formats, contract.CODE_LISTS, ["daftar", "kode", "keterangan"], rows)
    for name in dict.fromkeys(row[0] for row in rows):
        at = [i for i, row in enumerate(rows, start=1) if row[0] == name]
        lookups[f"list:{name}"] = Lookup(contract.CODE_LISTS, 1, at[0], at[-1], f"daftar {name}")
    lookups["kode_organisasi"] = _table(
        workbook, formats, contract.ORGANISATION_LIST,
        ["kode_organisasi", "nama_organisasi", "jenis", "tingkat", "kode_wilayah", "status"],
        [[o["org_code"], o["org_name"], o["org_type"], o["org_level"], o["area_code"], o["status"]]
         for o in register.organisations])
    return lookups


def _table(workbook, formats: _Formats, name: str, header: list[str], rows: list[list]) -> Lookup:
    worksheet = workbook.add_worksheet(name)
    worksheet.write_row(0, 0, header, formats.header)
    for index, row in enumerate(rows, start=1):
        worksheet.write_row(index, 0, row)
    for index, title in enumerate(header):
        width = max([len(str(title))] + [len(str(row[index])) for row in rows[:500]])
        worksheet.set_column(index, index, min(70, width + 2))
    worksheet.freeze_panes(1, 0)
    worksheet.autofilter(0, 0, max(1, len(rows)), len(header) - 1)
    worksheet.write_comment(0, 0, f"{LOOKUP_PURPOSE[name]}. Lembar ini hanya rujukan: tidak dibaca saat laporan "
                                  "diperiksa, dan tidak perlu dihapus.", {"x_scale": 2})
    worksheet.protect("", {"autofilter": True, "sort": True, "format_columns": True})
    return Lookup(name, 0, 1, len(rows))


# --- the guide and identitas ---------------------------------------------------------------------------------------

def _write_guide(worksheet, formats: _Formats, reference: Reference, opd, year: int, sheets: list[str],
                 register: Register) -> None:
    region = opd["kode_wilayah"]
    region_name = reference.tables["wilayah"].set_index("code")["name"].get(region, region)
    deadline = reference.deadline(region, year)
    worksheet.set_column(0, 0, 24, formats.wrap)
    worksheet.set_column(1, 1, 70, formats.wrap)
    worksheet.set_column(2, 2, 34, formats.wrap)
    rows: list[tuple] = [
        ("title", f"Laporan PUG tahun {year}: {opd['nama_opd']} ({opd['kode_opd']}), {region_name} ({region})"),
        ("line", f"Batas waktu pengiriman: {date_id(deadline)}."),
        ("heading", "Cara mengisi"),
        ("step", "1.", f"Lembar {contract.IDENTITAS}: kode wilayah, kode OPD, nama OPD dan tahun laporan sudah terisi. "
                       "Isi tanggal kirim dan nama petugas pengisi."),
        ("step", "2.", "Isi setiap lembar laporan mulai baris 2, satu baris untuk setiap data. Baris 1 berisi judul kolom: "
                       "jangan diubah, dihapus atau dipindah. Arahkan kursor ke judul kolom untuk membaca artinya, "
                       "contoh isian, dan apakah kolom itu wajib diisi."),
        ("step", "3.", "Kolom berkode punya daftar pilihan: klik selnya, lalu panah di sebelah kanan. Daftar lengkapnya, "
                       "dengan nama dan artinya, ada di lembar daftar_ (lihat di bawah)."),
        ("step", "4.", "Angka ditulis sebagai angka tanpa \"Rp\" atau satuan; persen ditulis 0 sampai 100. Tanggal ditulis "
                       "sebagai tanggal Excel, misalnya 18/04/{0}. Excel menolak isian yang bukan angka atau tanggal "
                       "pada kolom angka dan tanggal.".format(year)),
        ("step", "5.", "Lembar yang tidak ada datanya dibiarkan kosong (hanya judul kolom); jangan dihapus."),
        ("step", "6.", "Jangan menulis NIK (nomor induk kependudukan) di mana pun; gunakan kode kader atau kode organisasi."),
        ("heading", "Cara mengirim"),
        ("step", "1.", "Simpan berkas ini sebagai .xlsx (Excel) atau .ods (LibreOffice). Lembar petunjuk dan lembar daftar_ "
                       "boleh tetap ada: keduanya tidak dibaca."),
        ("step", "2.", f"Kirim berkas ke petugas PUG dinas PPPA {region_name} sebelum batas waktu."),
        ("step", "3.", "Bila ada yang perlu diperbaiki, Anda menerima berkas umpan balik: setiap sel bermasalah diberi warna "
                       "dan catatan, dengan cara memperbaikinya. Perbaiki berkas Anda, lalu kirim seluruh berkas lagi; "
                       "kiriman baru menggantikan kiriman sebelumnya."),
        ("heading", "Lembar dalam berkas ini"),
        ("columns", "Lembar", "Isi", "Diisi oleh"),
        ("sheet", contract.IDENTITAS, "Identitas laporan: wilayah, OPD, tahun, tanggal kirim, petugas", "OPD ini"),
        *[("sheet", name, contract.SHEETS[name].description,
           ", ".join(ROLE_WORDS.get(role, role.lower()) for role in contract.SHEETS[name].filled_by)) for name in sheets],
        *[("sheet", name, LOOKUP_PURPOSE[name] + _register_note(name, register, year), "rujukan, jangan diubah")
          for name in contract.TEMPLATE_SHEETS if name in LOOKUP_PURPOSE],
    ]
    for row, (kind, *cells) in enumerate(rows):
        if kind == "title":
            worksheet.merge_range(row, 0, row, 2, cells[0], formats.title)
            worksheet.set_row(row, 24)
        elif kind == "heading":
            worksheet.write_row(row, 0, [cells[0], "", ""], formats.heading)
        elif kind == "columns":
            worksheet.write_row(row, 0, cells, formats.header)
        elif kind == "sheet":
            worksheet.write_url(row, 0, f"internal:'{cells[0]}'!A1", string=cells[0])
            worksheet.write_row(row, 1, cells[1:])
        elif kind == "step":
            worksheet.write(row, 0, cells[0], formats.bold_wrap)
            worksheet.write(row, 1, cells[1])
        else:
            worksheet.merge_range(row, 0, row, 2, cells[0], formats.wrap)
    worksheet.activate()


def _register_note(name: str, register: Register, year: int) -> str:
    if name != contract.ORGANISATION_LIST:
        return ""
    if register.year is None:
        return " (belum ada register yang diterbitkan; gunakan kode dari lembar organisasi laporan DP3A/kecamatan)"
    return f" (register tahun {register.year}{'' if register.year == year else ', yang terbaru'})"


def _write_identitas(worksheet, formats: _Formats, opd, year: int) -> None:
    worksheet.write_row(0, 0, contract.IDENTITAS_HEADER, formats.header)
    prefilled = {"kode_wilayah": opd["kode_wilayah"], "kode_opd": opd["kode_opd"], "nama_opd": opd["nama_opd"],
                 "tahun_laporan": year}
    for row, field in enumerate(contract.IDENTITAS_FIELDS, start=1):
        worksheet.write(row, 0, field.name)
        value = prefilled.get(field.name, "")
        if field.kind == contract.DATE:
            years = sending_years(year)
            worksheet.write_blank(row, 1, None, formats.date)
            worksheet.data_validation(row, 1, row, 1, _range_check("date", dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31),
                                                                   "warning", field.name))
        else:
            worksheet.write(row, 1, value, formats.text if field.kind != contract.YEAR else None)
        worksheet.write(row, 2, field.description)
    worksheet.set_column(0, 0, 18)
    worksheet.set_column(1, 1, 40)
    worksheet.set_column(2, 2, 50)


# --- data sheets ---------------------------------------------------------------------------------------------------

def _write_data_sheet(worksheet, formats: _Formats, sheet: contract.Sheet, lookups: dict[str, Lookup],
                      context: RuleContext, examples: dict[str, str]) -> None:
    worksheet.write_row(0, 0, sheet.column_names, formats.header)
    worksheet.freeze_panes(1, 0)
    for index, column in enumerate(sheet.columns):
        cell_format = {contract.DATE: formats.date, contract.DECIMAL: formats.number, contract.INTEGER: formats.whole,
                       contract.YEAR: None}.get(column.kind, formats.text)
        worksheet.set_column(index, index, max(14, len(column.name) + 2), cell_format)
        source = _source_of(sheet, column, lookups)
        worksheet.write_comment(0, index, _header_note(sheet, column, source, examples), {"x_scale": 2.2, "y_scale": 1.6})
        check = _check_of(sheet, column, source, context)
        if check:
            worksheet.data_validation(1, index, DATA_ROWS, index, check)


def _source_of(sheet: contract.Sheet, column: contract.Column, lookups: dict[str, Lookup]) -> Lookup | None:
    """The list a column's dropdown offers: a lookup sheet, a code list, or (for attendance) the events sheet."""
    if sheet.name == "advokasi_peserta" and column.name == "kode_kegiatan":
        return Lookup("advokasi", 0, 1, DATA_ROWS)
    if sheet.name == "krppa" and column.name == "kode_wilayah":  # KRPPA/DRPPA is judged per kelurahan and desa
        return lookups.get(VILLAGES)
    by_kind = {contract.CHOICE: f"list:{column.code_list}", contract.YESNO: f"list:{YES_NO}", contract.SEX: f"list:{SEXES}",
               contract.REGION: contract.REGION}
    if sheet.name == "capaian" and column.name == "kode_indikator":  # an OPD reports its own indicators
        key = "kode_indikator:own"
    elif column.name == "kode_prasyarat":
        key = f"list:{PREREQUISITE_LIST}"
    elif column.name in ("kode_organisasi", "kode_induk"):
        key = "kode_organisasi"
    else:
        key = by_kind.get(column.kind, column.name)
    source = lookups.get(key)
    return None if source is None or source.empty else source


def _header_note(sheet: contract.Sheet, column: contract.Column, source: Lookup | None, examples: dict[str, str]) -> str:
    lines = [f"{column.name}: {column.description or column.name}"]
    example = examples.get(column.kind if column.kind in examples else column.name, column.example)
    if example:
        lines.append(f"Contoh: {example}")
    lines.append("Wajib diisi." if column.required_value else
                 ("Boleh kosong." if column.required_column else "Kolom tambahan: boleh kosong atau tidak ada."))
    if source:
        lines.append(f"Pilih dari daftar (lembar {source.sheet}{', ' + source.label if source.label else ''}).")
    elif column.kind in (contract.INTEGER, contract.YEAR):
        lines.append("Bilangan bulat.")
    elif column.kind == contract.DECIMAL:
        lines.append("Angka; desimal dengan koma, misalnya 12,5.")
    if column.name in sheet.key:
        lines.append(f"Kombinasi {', '.join(sheet.key)} tidak boleh sama dengan baris lain.")
    return "\n".join(lines)


def _check_of(sheet: contract.Sheet, column: contract.Column, source: Lookup | None, context: RuleContext) -> dict | None:
    """Excel's data validation for the column: a dropdown, or a number, whole-number or date check whose bounds are
    those of the sheet's rules (an error rule refuses the entry, a warning rule asks)."""
    if source:
        # a new organisation may be registered on this workbook's own organisasi sheet: ask, do not refuse
        style = "warning" if source.sheet == contract.ORGANISATION_LIST else "stop"
        return {"validate": "list", "source": source.source, "error_type": style, "error_title": "Bukan pilihan daftar",
                "error_message": f"Pilih salah satu kode dari lembar {source.sheet}."}
    kind = {contract.YEAR: "integer", contract.INTEGER: "integer", contract.DECIMAL: "decimal", contract.DATE: "date"}.get(column.kind)
    if kind is None:
        return None
    low, high, style = _bounds(sheet, column, context)
    return _range_check(kind, low, high, style, column.name)


def _bounds(sheet: contract.Sheet, column: contract.Column, context: RuleContext) -> tuple:
    """(lowest, highest, error style) that the rules of the sheet allow in the column, for rows of any kind."""
    lows, highs, styles = [], [], set()
    for rule in RULES_BY_SHEET[sheet.name]:
        if rule.column != column.name or rule.condition:
            continue
        arguments = rule.kwargs(context)
        if rule.expectation == "ExpectColumnValuesToBeBetween" and arguments["column"] == column.name:
            bounds = arguments.get("min_value"), arguments.get("max_value")
        elif rule.expectation == "ExpectColumnValuesToBeBetween" and arguments["column"] == "days_outside_year":
            days = dt.timedelta(days=arguments["max_value"])
            bounds = dt.date(context.report_year, 1, 1) - days, dt.date(context.report_year, 12, 31) + days
        elif rule.expectation == "ExpectColumnValuesToBeInSet" and arguments["column"] == column.name \
                and arguments["value_set"] and all(isinstance(v, int) for v in arguments["value_set"]):
            bounds = min(arguments["value_set"]), max(arguments["value_set"])
        else:
            continue
        lows += [bounds[0]] if bounds[0] is not None else []
        highs += [bounds[1]] if bounds[1] is not None else []
        styles.add("stop" if rule.severity_for(context) == ERROR else "warning")
    low, high = max(lows, default=None), min(highs, default=None)
    if column.kind == contract.DATE:
        low, high = low or SMALLEST_DATE, high or LARGEST_DATE
    return low, high, "stop" if styles == {"stop"} else "warning"


def _range_check(kind: str, low, high, style: str, name: str) -> dict:
    shown = {"integer": "bilangan bulat", "decimal": "angka", "date": "tanggal"}[kind]
    say = date_id if kind == "date" else (lambda v: f"{v:g}" if isinstance(v, float) else str(v))
    if low is not None and high is not None:
        check, words = {"criteria": "between", "minimum": low, "maximum": high}, f"dari {say(low)} sampai {say(high)}"
    elif low is not None:
        check, words = {"criteria": ">=", "value": low}, f"{say(low)} atau lebih"
    elif high is not None:
        check, words = {"criteria": "<=", "value": high}, f"paling banyak {say(high)}"
    else:
        check, words = {"criteria": "between", "minimum": -1e15, "maximum": 1e15}, ""
    advice = {"integer": ", tanpa titik ribuan atau satuan", "decimal": ", tanpa \"Rp\" atau satuan", "date": ""}[kind]
    return {"validate": kind, **check, "error_type": style, "error_title": f"Bukan {shown} yang sah",
            "error_message": f"Tulis {name} sebagai {shown} {words}{advice}.".replace("  ", " ")[:255]}
