"""The two-city sample, stated as data: each city's settings and outcomes, and the plan of special cases.

Kota Pekalongan (33.75) and Kota Bekasi (32.75), report years 2022 to 2025 of the plan period 2022-2026. The
figures are synthetic but plausible (the 1001-cadre programme of Pekalongan started 26 January 2022 with 150
trained cadres and trained a second batch of 135 posyandu cadres in September 2022, 285 in all, when its membership,
trained or not, was 420: the sheet kader lists trained cadres; Bekasi is the larger city). Keys of the special cases
are (region, report year, OPD).
"""

from __future__ import annotations

import datetime as dt

from pug.synthetic.plan import Revision, Wave
from pug.synthetic.writers import Style

SAMPLE_REGIONS = ("33.75", "32.75")
REPORT_YEARS = (2022, 2023, 2024, 2025)
# How both cities' worlds work (fields of pug.synthetic.plan.Plan): the women's agency registers every
# organisation; advocacy reaches the cumulative share of active organisations by the end of each year that the
# plan aims for (25/50/70/85/100), in meetings of up to 35 organisations, about a third held by kecamatan offices.
SETTINGS = {"branch_chance": 1.0, "local_group_chances": (0.45,), "village_registrar": "PPPA",
            "advocacy_goal": {2022: 0.25, 2023: 0.50, 2024: 0.70, 2025: 0.85}, "event_size": 35, "office_share": 0.35,
            "follow_ups": ()}


def _yearly_cadres(counts: dict[int, int]) -> dict[int, list[Wave]]:
    return {year: [Wave(dt.date(year, 2, 1), 300, n, (20, 45))] for year, n in counts.items()}


# Each city's own fields of pug.synthetic.plan.Plan.
CITIES = {
    "33.75": {
        "founded": 1974, "gow_founded": 1980,
        "institutions": {"police": "Polres Pekalongan Kota", "kodim": "Kodim 0710/Pekalongan",
                         "court": "Pengadilan Negeri Pekalongan"},
        "rw_per_village": 4.5, "rt_per_rw": (1, 3), "dw_per_rt": (1, 2),
        "cadre_waves": {  # the launch (150), the posyandu cadres of September 2022 (135: 285 trained), the rest of the year
            2022: [Wave(dt.date(2022, 1, 26), 0, 150, (150, 150)), Wave(dt.date(2022, 9, 5), 20, 135, (25, 45)),
                   Wave(dt.date(2022, 10, 3), 75, 60, (15, 35))],
            **_yearly_cadres({2023: 232, 2024: 176, 2025: 87}),
        },
        "women_share": {"SEKDA": 1.0, "JPT_PRATAMA": 0.32, "ADMINISTRATOR": 0.35, "PENGAWAS": 0.40, "CAMAT": 0.25,
                        "LURAH": 0.33},
        "prerequisite_level": 62,
    },
    "32.75": {
        "founded": 1997, "gow_founded": 1998,
        "institutions": {"police": "Polres Metro Bekasi Kota", "kodim": "Kodim 0507/Bekasi",
                         "court": "Pengadilan Negeri Bekasi"},
        "rw_per_village": 8.0, "rt_per_rw": (2, 4), "dw_per_rt": (1, 2),
        "cadre_waves": _yearly_cadres({2022: 372, 2023: 418, 2024: 391, 2025: 309}),
        "women_share": {"SEKDA": 0.0, "JPT_PRATAMA": 0.26, "ADMINISTRATOR": 0.34, "PENGAWAS": 0.41, "CAMAT": 0.17,
                        "LURAH": 0.29},
        "prerequisite_level": 60,
    },
}

# Members of the GOW beyond the usual ones (catalogue.GOW_MEMBERS).
GOW_EXTRA = {
    "33.75": [
        ("AL_IRSYAD", "KEAGAMAAN", "Wanita Al-Irsyad {kota}", (100, 500), 2022),
        ("PEMBATIK", "KOMUNITAS", "Komunitas Perempuan Pembatik {kota}", (30, 150), 2025),
    ],
    "32.75": [
        ("PERSISTRI", "KEAGAMAAN", "Persistri {kota}", (100, 500), 2022),
        ("JALASENASTRI", "ISTRI_APARATUR", "Jalasenastri {kota}", (40, 150), 2022),
        ("PIA", "ISTRI_APARATUR", "PIA Ardhya Garini {kota}", (40, 150), 2022),
        ("WIRAUSAHA_MUDA", "PROFESI_EKONOMI", "Himpunan Wirausaha Perempuan Muda {kota}", (30, 200), 2023),
        ("IPPI", "KOMUNITAS", "Ikatan Perempuan Pelaku Industri Kreatif {kota}", (30, 150), 2022),
        ("IBU_TANGGUH", "KOMUNITAS", "Komunitas Ibu Tangguh {kota}", (30, 200), 2022),
        ("LITERASI", "KOMUNITAS", "Komunitas Perempuan Literasi {kota}", (20, 100), 2023),
        ("KOWAR", "KOMUNITAS", "Koperasi Wanita Rukun {kota}", (50, 300), 2022),
        ("MUSLIMAH_PERADABAN", "KEAGAMAAN", "Muslimah Peradaban {kota}", (50, 300), 2024),
    ],
}
PETUGAS_NAMES = {"33.75": "jawa", "32.75": "sunda"}  # the name lists of catalogue the officers' names come from

# Five-year targets (2022 to 2026) as the owners state them: (Kota Pekalongan, Kota Bekasi).
TARGETS = {
    "ORG_ADVOKASI_PCT": ([25, 50, 70, 85, 100], [25, 50, 70, 85, 100]),
    "KADER_KK_JML": ([500, 700, 850, 950, 1001], [400, 800, 1200, 1500, 1750]),
    "KRPPA_PCT": ([20, 40, 60, 80, 100], [15, 35, 55, 75, 100]),
    "JABATAN_STRATEGIS_P_PCT": ([32, 34, 36, 38, 40], [25, 27, 29, 31, 33]),
    "ARG_PCT": ([22, 25, 28, 31, 34], [20, 23, 26, 29, 32]),
    "OPD_GAP_GBS_PCT": ([55, 65, 75, 85, 95], [50, 60, 70, 80, 90]),
    "PRASYARAT_SKOR": ([70, 75, 80, 85, 90], [68, 73, 78, 83, 88]),
    "OPD_FOCAL_POINT_PCT": ([60, 70, 80, 90, 100], [55, 65, 75, 85, 95]),
    "OPD_SIGA_PCT": ([30, 45, 60, 75, 90], [25, 40, 55, 70, 85]),
    "POKJA_PUG_SK": ([1, 1, 1, 1, 1], [1, 1, 1, 1, 1]),
    "RAD_PUG": ([0, 1, 1, 1, 1], [0, 0, 1, 1, 1]),
    "KLA_NILAI": ([760, 780, 800, 820, 840], [720, 740, 760, 780, 800]),
    "AP1_WIRAUSAHA_P": ([250, 280, 310, 340, 370], [1500, 1700, 1900, 2100, 2300]),
    "TPAK_P": ([54.0, 55.0, 56.0, 57.0, 58.0], [50.0, 51.0, 52.0, 53.0, 54.0]),
    "AP2_KELUARGA_PENGASUHAN": ([1200, 1350, 1500, 1650, 1800], [5000, 5600, 6200, 6800, 7400]),
    "AP3_KASUS_KEKERASAN": ([60, 56, 52, 48, 44], [380, 360, 340, 320, 300]),
    "AP3_KASUS_TERTANGANI_PCT": ([90, 92, 94, 96, 98], [88, 90, 92, 95, 98]),
    "AP4_PEKERJA_ANAK": ([320, 290, 260, 230, 200], [2400, 2200, 2000, 1800, 1600]),
    "AP5_DISPENSASI_KAWIN": ([90, 80, 70, 60, 50], [150, 135, 120, 105, 90]),
    "IPG": ([93.6, 93.9, 94.2, 94.5, 94.8], [91.8, 92.1, 92.4, 92.7, 93.0]),
    "IDG": ([74.0, 75.0, 76.0, 77.0, 78.0], [71.0, 72.0, 73.0, 74.0, 75.0]),
    "IKG": ([0.42, 0.40, 0.38, 0.36, 0.34], [0.41, 0.395, 0.38, 0.365, 0.35]),
}
REVISIONS = {"AP1_WIRAUSAHA_P": Revision(2024, 2025, 1.1, "Target 2025-2026 direvisi sesuai perubahan Renstra 2024")}

# Values from outside the OPDs' detail sheets, 2022 to 2025: (Kota Pekalongan, Kota Bekasi).
ACTUALS = {
    "POKJA_PUG_SK": ([1, 1, 1, 1], [1, 1, 1, 1]),
    "RAD_PUG": ([0, 0, 1, 1], [0, 0, 0, 1]),
    "KLA_NILAI": ([752, 771, 804, 812], [716, 745, 752, 788]),
    "AP1_WIRAUSAHA_P": ([264, 291, 305, 352], [1432, 1718, 1954, 2087]),
    "TPAK_P": ([53.41, 54.87, 55.12, 56.30], [49.85, 50.62, 51.90, 52.47]),
    "AP2_KELUARGA_PENGASUHAN": ([1185, 1402, 1537, 1690], [5120, 5544, 6311, 6907]),
    "AP3_KASUS_KEKERASAN": ([71, 63, 55, 49], [402, 371, 348, 329]),
    "AP4_PEKERJA_ANAK": ([341, 302, 266, 238], [2515, 2290, 2046, 1872]),
    "AP5_DISPENSASI_KAWIN": ([104, 86, 72, 63], [168, 149, 127, 112]),
    "IPG": ([93.52, 93.88, 94.10, 94.47], [91.74, 92.15, 92.38, 92.81]),
    "IDG": ([73.41, 75.26, 76.08, 77.35], [70.62, 72.33, 73.05, 74.21]),
    "IKG": ([0.428, 0.397, 0.381, 0.356], [0.417, 0.398, 0.383, 0.362]),
}
KRPPA = ([5, 11, 17, 23], [8, 19, 31, 42])  # kelurahan counted women- and child-friendly
CASES_HANDLED = ([62, 59, 53, 48], [351, 338, 327, 316])  # violence cases handled

# ---------------------------------------------------------------- special cases ------------------------------

MISSING = {("33.75", 2023, "DKP"), ("32.75", 2024, "BAPENDA"), ("32.75", 2025, "SETWAN")}
LATE = {("33.75", 2022, "DINHUB"), ("33.75", 2024, "KESBANGPOL"), ("32.75", 2023, "DLH"), ("32.75", 2025, "DISBUDPAR")}
CSV_FOLDERS = {
    ("33.75", 2022, "DINKES"): Style(dates="iso", separator=","),
    ("32.75", 2023, "DINSOS"): Style(dates="dmy", separator=";", yesno="YaTidak"),
    ("33.75", 2024, "KEC_PEKALONGAN_UTARA"): Style(dates="long", separator=","),
    ("32.75", 2025, "DLH"): Style(dates="iso", separator=";"),
}
TEXT_DATES = {
    ("33.75", 2022, "DPMPPA"): "dmy",
    ("32.75", 2025, "DINKOPUKM"): "dmy",
    ("32.75", 2024, "KEC_JATIASIH"): "dmy",
    ("32.75", 2023, "BKPSDM"): "long",
    ("33.75", 2025, "KEC_PEKALONGAN_BARAT"): "long",
    ("33.75", 2023, "DINSOSP2KB"): "long",
}
TEXT_NUMBERS = {  # Indonesian number text; True: with percent signs on % indicators
    ("33.75", 2023, "BAPPEDA"): False,
    ("32.75", 2024, "DPPPA"): True,
    ("33.75", 2025, "BPKAD"): True,
    ("32.75", 2022, "DINKES"): False,
}
YA_TIDAK = {("33.75", 2024, "BAPPEDA"), ("32.75", 2022, "DPPPA"), ("33.75", 2025, "DPMPPA")}
RESUBMISSION = ("33.75", 2024, "DPMPPA")  # sent again three weeks later, corrected
NOT_A_WORKBOOK = ("32.75", 2025, "catatan.xlsx")  # plain text named .xlsx
# Line counts fixed in advance: tests/operations.py resubmits this workbook and counts its 20 lines.
BUDGET_LINES = {("33.75", 2025, "KEC_PEKALONGAN_BARAT"): 20}
