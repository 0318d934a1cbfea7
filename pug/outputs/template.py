"""`pug template`: a blank submission workbook for one OPD and year, with dropdowns, as the contract describes."""

from __future__ import annotations

from pathlib import Path

import xlsxwriter

from pug import contract
from pug.reference import Reference

YESNO_CHOICES = ["Y", "T"]
SEX_CHOICES = ["P", "L"]
DATA_ROWS = 1000  # rows that get dropdowns


def sheets_for(roles: list[str], owns_indicators: bool) -> list[str]:
    """The contract sheets an OPD of these roles fills (Sheet.filled_by)."""
    mine = {contract.EVERY_OPD, *roles, *([contract.INDICATOR_OWNERS] if owns_indicators else [])}
    return [name for name, sheet in contract.SHEETS.items() if mine & set(sheet.filled_by)]


def write_template(out: Path, reference: Reference, *, opd_code: str, year: int, region_code: str | None = None) -> Path:
    opds = reference.tables["opd"]
    match = opds[(opds["kode_opd"] == opd_code) & ((opds["kode_wilayah"] == region_code) if region_code else True)]
    if match.empty:
        raise ValueError(f"OPD {opd_code!r} is not in raw/reference/opd.csv" + (f" for region {region_code}" if region_code else ""))
    if len(match) > 1:
        raise ValueError(f"OPD {opd_code!r} exists in regions {', '.join(match['kode_wilayah'])}: give --region")
    if reference.period_of(year) is None:
        raise ValueError(f"year {year} is in no plan period")
    opd = match.iloc[0]
    roles = [r for r in opd["peran"].split(";") if r]
    indicators = reference.tables["indikator"]
    owns = bool(set(indicators["peran_pemilik"]) & set(roles))

    out.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(out))
    bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    text = workbook.add_format({"num_format": "@"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})

    guide = workbook.add_worksheet("petunjuk")
    guide.set_column(0, 0, 110, wrap)
    for row, line in enumerate((
        f"Laporan PUG tahun {year} - {opd['nama_opd']} ({opd_code}), {opd['kode_wilayah']}",
        "Isi setiap lembar mulai baris 2; baris 1 adalah judul kolom dan jangan diubah.",
        "Angka boleh ditulis seperti 1.234.567 atau 12,5; tanggal sebagai tanggal Excel atau 18/04/2022.",
        "Ya/Tidak diisi Y atau T; jenis kelamin P (perempuan) atau L (laki-laki); pilih kode dari daftar pilihan.",
        "Jangan menulis NIK (nomor induk kependudukan) di mana pun; gunakan kode kader atau kode organisasi.",
        "Periksa berkas sebelum dikirim dengan: pug check <berkas>.xlsx",
    )):
        guide.write(row, 0, line)

    identitas = workbook.add_worksheet(contract.IDENTITAS)
    identitas.write_row(0, 0, contract.IDENTITAS_HEADER, bold)
    prefilled = {"kode_wilayah": opd["kode_wilayah"], "kode_opd": opd_code, "nama_opd": opd["nama_opd"], "tahun_laporan": year}
    for row, field in enumerate(contract.IDENTITAS_FIELDS, start=1):
        identitas.write(row, 0, field.name)
        identitas.write(row, 1, prefilled.get(field.name, ""), text if field.kind != contract.YEAR else None)
        identitas.write(row, 2, field.description)
    identitas.set_column(0, 0, 18)
    identitas.set_column(1, 1, 40)
    identitas.set_column(2, 2, 50)

    for name in sheets_for(roles, owns):
        sheet = contract.SHEETS[name]
        worksheet = workbook.add_worksheet(name)
        worksheet.write_row(0, 0, sheet.column_names, bold)
        worksheet.freeze_panes(1, 0)
        for index, column in enumerate(sheet.columns):
            worksheet.set_column(index, index, max(14, len(column.name) + 2), text if column.kind in (contract.CODE, contract.REGION, contract.TEXT) else None)
            choices = None
            if column.kind == contract.CHOICE:
                choices = sorted(reference.code_lists.get(column.code_list, ()))
            elif column.kind == contract.YESNO:
                choices = YESNO_CHOICES
            elif column.kind == contract.SEX:
                choices = SEX_CHOICES
            elif column.name == "kode_indikator":
                choices = sorted(indicators.loc[indicators["peran_pemilik"].isin(roles), "kode_indikator"]) or None
            if choices:
                worksheet.data_validation(1, index, DATA_ROWS, index, {
                    "validate": "list", "source": choices,
                    "error_title": "Pilihan tidak sah", "error_message": f"Pilih salah satu: {', '.join(choices)}"[:255],
                })
    workbook.close()
    return out
