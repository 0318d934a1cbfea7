"""Deterministic synthetic submissions for the two sample cities (DESIGN "Sample data").

`generate_sample(raw_dir)` reads the regions and OPDs from `raw_dir/reference/*.csv` and writes, for Kota
Pekalongan (33.75) and Kota Bekasi (32.75) and report years 2022 to 2025 of the plan period 2022-2026:

    raw_dir/submissions/<year>/<region>/<KODE_OPD>.xlsx     one workbook per OPD per year
    raw_dir/submissions/<year>/<region>/<KODE_OPD>/*.csv    a few submissions as CSV folders
    raw_dir/submissions/2024/33.75/DPMPPA_revisi.xlsx        one resubmission (the current version)
    raw_dir/submissions/2025/32.75/catatan.xlsx              not a workbook at all (must be rejected)
    raw_dir/sample_truth.json                                what was written, for tests and demos

Everything is synthetic: names, dates, counts and values are invented (plausible, never real people).
The output depends only on the reference CSVs and the seed: one `random.Random(seed)`, no wall clock, and the
xlsx files carry a fixed creation date, so two runs write byte-identical files.

A handful of deliberate mistakes (and a few tricky-but-valid cells) are planted so that validation, feedback
and the review page have something to show; each one is listed in the truth file with file, sheet, Excel row,
column and kind. No Dagster here: the CLI (`pug sample`) and the assets call this module.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import random
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from pug.contract import (
    DECIMAL,
    IDENTITAS,
    IDENTITAS_FIELDS,
    IDENTITAS_HEADER,
    INTEGER,
    PREREQUISITES,
    SHEET_NAMES,
    SHEETS,
    TEXT,
    YEAR,
)

SAMPLE_REGIONS = ("33.75", "32.75")
REPORT_YEARS = (2022, 2023, 2024, 2025)
DEFAULT_SEED = 20220126  # the day the 1001-cadre programme started
TRUTH_FILE = "sample_truth.json"

BULAN = (
    "",
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)

LEVEL_RANK = {"KOTA": 0, "KECAMATAN": 1, "KELURAHAN": 2, "RW": 3, "RT": 4, "DASAWISMA": 5}


# --------------------------------------------------------------------------------------------------------------
# Cell values that are not plain Python values
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Formula:
    """A formula cell with its cached value (a reader must use the cached value)."""

    formula: str
    value: object


@dataclass(frozen=True)
class Raw:
    """Text written exactly as given (used for planted mistakes and deliberate text values)."""

    text: str


@dataclass
class SheetData:
    name: str
    columns: list[str]
    rows: list  # each a list aligned with columns, or None for a blank row

    def data_rows(self) -> int:
        return sum(1 for r in self.rows if r is not None)


@dataclass
class Style:
    dates: str = "excel"  # excel | dmy (18/04/2022) | long (18 April 2022) | iso (2022-04-18)
    numbers: str = "number"  # number | id_text (1.234.567 / 12,5 / Rp 1.500.000)
    pct_sign: bool = False  # with id_text: percentages of % indicators written as 45,5%
    yesno: str = "YT"  # YT | YaTidak
    petunjuk: str | None = None  # None | first | last
    sep: str = ","  # CSV only


@dataclass
class Submission:
    region: str
    opd: str
    year: int
    rel_path: str  # relative to raw_dir
    form: str  # xlsx | csv | not_a_workbook
    tanggal_kirim: dt.date | None
    sheets: list[SheetData] = field(default_factory=list)
    style: Style = field(default_factory=Style)
    current: bool = True
    supersedes: str | None = None
    superseded_by: str | None = None
    on_time: bool | None = None
    deadline: dt.date | None = None
    nama_opd: str = ""

    def sheet(self, name: str) -> SheetData:
        return next(s for s in self.sheets if s.name == name)


# --------------------------------------------------------------------------------------------------------------
# Reference data
# --------------------------------------------------------------------------------------------------------------


def _read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


@dataclass
class RegionRef:
    code: str
    name: str
    kecamatan: list[tuple[str, str]]  # (code, name), sorted by code
    kelurahan: list[tuple[str, str, str]]  # (code, name, kecamatan code), sorted by code
    opds: list[dict]  # rows of opd.csv in file order
    deadline_month: int
    deadline_day: int

    def deadline(self, year: int) -> dt.date:
        return dt.date(year + 1, self.deadline_month, self.deadline_day)

    def opds_with(self, role: str) -> list[dict]:
        return [o for o in self.opds if role in o["roles"]]

    def kec_office(self, kec_code: str) -> str | None:
        for o in self.opds:
            if "KECAMATAN" in o["roles"] and o.get("kode_kecamatan") == kec_code:
                return o["kode_opd"]
        return None


def _load_reference(ref_dir: Path):
    if not ref_dir.is_dir():
        raise FileNotFoundError(f"reference data not found: {ref_dir}")
    wilayah = _read_csv(ref_dir / "wilayah.csv")
    opd_rows = _read_csv(ref_dir / "opd.csv")
    indikator = _read_csv(ref_dir / "indikator.csv")
    periode = _read_csv(ref_dir / "periode.csv")
    tenggat = _read_csv(ref_dir / "tenggat.csv") if (ref_dir / "tenggat.csv").exists() else []

    period = next((p for p in periode if int(p["tahun_awal"]) <= 2022 <= int(p["tahun_akhir"])), None)
    if period is None:
        raise ValueError("periode.csv has no plan period containing 2022")

    regions: dict[str, RegionRef] = {}
    for code in SAMPLE_REGIONS:
        row = next((w for w in wilayah if w["code"] == code), None)
        if row is None:
            raise ValueError(f"wilayah.csv lacks sample region {code}")
        kec = sorted((w["code"], w["name"]) for w in wilayah if w["parent_code"] == code)
        kec_codes = {k for k, _ in kec}
        kel = sorted((w["code"], w["name"], w["parent_code"]) for w in wilayah if w["parent_code"] in kec_codes)
        opds = []
        for o in opd_rows:
            if o["kode_wilayah"] != code:
                continue
            o = dict(o)
            o["roles"] = [r.strip() for r in o.get("peran", "").split(";") if r.strip()]
            opds.append(o)
        if not opds:
            raise ValueError(f"opd.csv has no OPDs for sample region {code}")
        month, day = 3, 31
        for t in tenggat:
            if t["kode_wilayah"] == code and t.get("kode_periode", period["kode_periode"]) == period["kode_periode"]:
                month, day = int(t["bulan_tenggat"]), int(t["hari_tenggat"])
        regions[code] = RegionRef(code, row["name"], kec, kel, opds, month, day)
    return regions, indikator, period


# --------------------------------------------------------------------------------------------------------------
# Per-region settings (synthetic, plausible)
# --------------------------------------------------------------------------------------------------------------

REGION_SETTINGS = {
    "33.75": {
        "rw": (3, 6),
        "rt": (1, 3),
        "dw": (1, 2),
        "new_dw": (6, 12),
        "gone_dw": (2, 5),
        "nonaktif_dw": (4, 9),
        "pkk_kota_year": 1974,
        "city_year": 1957,
        "gow_year": 1980,
        "police": "Polres Pekalongan Kota",
        "kodim": "Kodim 0710/Pekalongan",
        "court": "Pengadilan Negeri Pekalongan",
        # cadres trained per year (1001 programme: 150 at the launch, ~420 by September 2022)
        "kader": {2022: 480, 2023: 232, 2024: 176, 2025: 87},
        "sekda_sex": "P",
        "p_women": {"SEKDA": 1.0, "JPT_PRATAMA": 0.32, "ADMINISTRATOR": 0.35, "PENGAWAS": 0.40, "CAMAT": 0.25, "LURAH": 0.33},
        "petugas_pool": "jawa",
    },
    "32.75": {
        "rw": (6, 10),
        "rt": (2, 4),
        "dw": (1, 2),
        "new_dw": (30, 50),
        "gone_dw": (8, 15),
        "nonaktif_dw": (20, 35),
        "pkk_kota_year": 1997,
        "city_year": 1997,
        "gow_year": 1998,
        "police": "Polres Metro Bekasi Kota",
        "kodim": "Kodim 0507/Bekasi",
        "court": "Pengadilan Negeri Bekasi",
        "kader": {2022: 372, 2023: 418, 2024: 391, 2025: 309},
        "sekda_sex": "L",
        "p_women": {"SEKDA": 0.0, "JPT_PRATAMA": 0.26, "ADMINISTRATOR": 0.34, "PENGAWAS": 0.41, "CAMAT": 0.17, "LURAH": 0.29},
        "petugas_pool": "sunda",
    },
}

# Five-year targets (2022..2026) and realised values (2022..2025) of the indicators the warehouse cannot compute.
OUTCOMES = {
    "33.75": {
        "AP1_WIRAUSAHA_P": {"target": [250, 280, 310, 340, 370], "actual": [264, 291, 305, 352]},
        "AP2_KELUARGA_PENGASUHAN": {"target": [1200, 1350, 1500, 1650, 1800], "actual": [1185, 1402, 1537, 1690]},
        "AP3_KASUS_KEKERASAN": {"target": [60, 56, 52, 48, 44], "actual": [71, 63, 55, 49]},
        "AP3_KASUS_TERTANGANI_PCT": {"target": [90, 92, 94, 96, 98], "handled": [62, 59, 53, 48]},
        "AP4_PEKERJA_ANAK": {"target": [320, 290, 260, 230, 200], "actual": [341, 302, 266, 238]},
        "AP5_DISPENSASI_KAWIN": {"target": [90, 80, 70, 60, 50], "actual": [104, 86, 72, 63]},
        "IPG": {"target": [93.6, 93.9, 94.2, 94.5, 94.8], "actual": [93.52, 93.88, 94.10, 94.47]},
        "IDG": {"target": [74.0, 75.0, 76.0, 77.0, 78.0], "actual": [73.41, 75.26, 76.08, 77.35]},
        "IKG": {"target": [0.42, 0.40, 0.38, 0.36, 0.34], "actual": [0.428, 0.397, 0.381, 0.356]},
        "KRPPA_PCT": {"target": [20, 40, 60, 80, 100], "krppa": [5, 11, 17, 23]},
        "JABATAN_STRATEGIS_P_PCT": {"target": [32, 34, 36, 38, 40]},
        "ARG_PCT": {"target": [22, 25, 28, 31, 34]},
        "OPD_GAP_GBS_PCT": {"target": [55, 65, 75, 85, 95]},
        "PRASYARAT_SKOR": {"target": [70, 75, 80, 85, 90]},
        "KADER_KK_JML": {"target": [500, 700, 850, 950, 1001]},
        "ORG_ADVOKASI_PCT": {"target": [25, 50, 70, 85, 100]},
    },
    "32.75": {
        "AP1_WIRAUSAHA_P": {"target": [1500, 1700, 1900, 2100, 2300], "actual": [1432, 1718, 1954, 2087]},
        "AP2_KELUARGA_PENGASUHAN": {"target": [5000, 5600, 6200, 6800, 7400], "actual": [5120, 5544, 6311, 6907]},
        "AP3_KASUS_KEKERASAN": {"target": [380, 360, 340, 320, 300], "actual": [402, 371, 348, 329]},
        "AP3_KASUS_TERTANGANI_PCT": {"target": [88, 90, 92, 95, 98], "handled": [351, 338, 327, 316]},
        "AP4_PEKERJA_ANAK": {"target": [2400, 2200, 2000, 1800, 1600], "actual": [2515, 2290, 2046, 1872]},
        "AP5_DISPENSASI_KAWIN": {"target": [150, 135, 120, 105, 90], "actual": [168, 149, 127, 112]},
        "IPG": {"target": [91.8, 92.1, 92.4, 92.7, 93.0], "actual": [91.74, 92.15, 92.38, 92.81]},
        "IDG": {"target": [71.0, 72.0, 73.0, 74.0, 75.0], "actual": [70.62, 72.33, 73.05, 74.21]},
        "IKG": {"target": [0.41, 0.395, 0.38, 0.365, 0.35], "actual": [0.417, 0.398, 0.383, 0.362]},
        "KRPPA_PCT": {"target": [15, 35, 55, 75, 100], "krppa": [8, 19, 31, 42]},
        "JABATAN_STRATEGIS_P_PCT": {"target": [25, 27, 29, 31, 33]},
        "ARG_PCT": {"target": [20, 23, 26, 29, 32]},
        "OPD_GAP_GBS_PCT": {"target": [50, 60, 70, 80, 90]},
        "PRASYARAT_SKOR": {"target": [68, 73, 78, 83, 88]},
        "KADER_KK_JML": {"target": [400, 800, 1200, 1500, 1750]},
        "ORG_ADVOKASI_PCT": {"target": [25, 50, 70, 85, 100]},
    },
}

SUMBER_DATA = {
    "ORG_ADVOKASI_PCT": "Register organisasi perempuan dan daftar hadir advokasi PUG",
    "ORG_ADVOKASI_JML": "Daftar hadir kegiatan advokasi PUG",
    "KADER_KK_JML": "Data kader pendamping ketahanan keluarga TP PKK",
    "KRPPA_PCT": "SK Wali Kota tentang Kelurahan Ramah Perempuan dan Peduli Anak",
    "JABATAN_STRATEGIS_P_PCT": "SIMPEG BKPSDM per 31 Desember",
    "ARG_PCT": "SIPD dan penandaan anggaran responsif gender",
    "OPD_GAP_GBS_PCT": "Rekap GAP dan GBS Pokja PUG",
    "PRASYARAT_SKOR": "Penilaian mandiri tujuh prasyarat PUG",
    "AP1_WIRAUSAHA_P": "Laporan pelatihan dan pendampingan UMKM",
    "AP2_KELUARGA_PENGASUHAN": "Laporan layanan Puspaga",
    "AP3_KASUS_KEKERASAN": "SIMFONI-PPA",
    "AP3_KASUS_TERTANGANI_PCT": "SIMFONI-PPA dan UPTD PPA",
    "AP4_PEKERJA_ANAK": "Survei pekerja anak dan Sakernas",
    "AP5_DISPENSASI_KAWIN": "Data Pengadilan Agama",
    "IPG": "BPS, Indeks Pembangunan Gender",
    "IDG": "BPS, Indeks Pemberdayaan Gender",
    "IKG": "BPS, Indeks Ketimpangan Gender",
}

URUSAN = {
    "DPMPPA": "2.08", "DPPPA": "2.08", "BAPPEDA": "5.01", "BAPPELITBANGDA": "5.01", "BKPSDM": "5.03",
    "BPKAD": "5.02", "BAPENDA": "5.02", "DINKES": "1.02", "DINDIK": "1.01", "DISDIK": "1.01",
    "DINSOSP2KB": "1.06", "DINSOS": "1.06", "DINDAGKOPUKM": "2.17", "DINKOPUKM": "2.17",
    "DINPERINAKER": "2.07", "DISNAKER": "2.07", "SETDA": "4.01", "SETWAN": "4.02", "INSPEKTORAT": "6.01",
    "DPUPR": "1.03", "DBMSDA": "1.03", "DINPERKIM": "1.04", "DISPERKIMTAN": "1.04", "DLH": "2.11",
    "DINHUB": "2.15", "DISHUB": "2.15", "DINKOMINFO": "2.16", "DISKOMINFOSTANDI": "2.16",
    "DINDUKCAPIL": "2.12", "DISDUKCAPIL": "2.12", "DINPARBUDPORA": "3.26", "DISBUDPAR": "3.26",
    "SATPOLPP": "1.05", "BPBD": "1.05", "DKP": "3.25", "KESBANGPOL": "8.01", "DPMPTSP": "2.18",
}

SUPPORT_LINES = [
    ("01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah"),
    ("01.2.01.0007", "Evaluasi Kinerja Perangkat Daerah"),
    ("01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN"),
    ("01.2.05.0009", "Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi"),
    ("01.2.06.0004", "Penyediaan Bahan Logistik Kantor"),
    ("01.2.06.0009", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD"),
    ("01.2.08.0002", "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik"),
    ("01.2.09.0009", "Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya"),
]

THEMATIC_LINES = {
    "2.08": [
        "Advokasi Kebijakan dan Pendampingan Penyelenggaraan PUG",
        "Penguatan Kapasitas Organisasi Perempuan",
        "Pelatihan Kader Pendamping Ketahanan Keluarga",
        "Pengembangan Kelurahan Ramah Perempuan dan Peduli Anak",
        "Penyediaan Layanan Pengaduan Masyarakat bagi Perempuan Korban Kekerasan",
        "Penyediaan Layanan Pengelolaan Kasus bagi Anak yang Memerlukan Perlindungan Khusus",
        "Pengumpulan, Pengolahan dan Analisis Data Gender dan Anak",
        "Pemberdayaan Ekonomi Perempuan Kepala Keluarga",
        "Pencegahan Perkawinan Anak",
        "Penyelenggaraan Pusat Pembelajaran Keluarga (Puspaga)",
        "Penyusunan Profil Gender dan Anak",
        "Fasilitasi Forum Anak",
    ],
    "1.02": [
        "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
        "Pengelolaan Pelayanan Kesehatan Ibu Bersalin",
        "Pengelolaan Pelayanan Kesehatan Bayi Baru Lahir",
        "Pengelolaan Pelayanan Kesehatan Balita",
        "Pengelolaan Pelayanan Kesehatan Reproduksi Remaja",
        "Pengelolaan Pelayanan Kesehatan Gizi Masyarakat",
        "Pengelolaan Pelayanan Kesehatan Lansia",
        "Penyelenggaraan Posyandu dan Upaya Kesehatan Bersumber Daya Masyarakat",
    ],
    "1.01": [
        "Penyelenggaraan Proses Belajar dan Ujian bagi Peserta Didik SD",
        "Penyelenggaraan Proses Belajar dan Ujian bagi Peserta Didik SMP",
        "Penyelenggaraan Pendidikan Anak Usia Dini",
        "Pembinaan Pendidikan Kesetaraan",
        "Peningkatan Kompetensi Pendidik dan Tenaga Kependidikan",
        "Penyediaan Sarana Sanitasi Sekolah Ramah Anak",
    ],
    "1.06": [
        "Pemberdayaan Perempuan Rawan Sosial Ekonomi",
        "Rehabilitasi Sosial Penyandang Disabilitas",
        "Perlindungan Sosial Korban Bencana",
        "Pendataan Fakir Miskin Cakupan Daerah",
        "Penyelenggaraan Layanan Pengasuhan Keluarga",
        "Pembinaan Keluarga Berencana",
    ],
    "2.17": [
        "Pelatihan Kewirausahaan bagi Perempuan",
        "Pendampingan Usaha Mikro Perempuan",
        "Pengembangan Koperasi Wanita",
        "Fasilitasi Akses Pembiayaan Usaha Mikro",
        "Pembinaan Pasar Rakyat",
    ],
    "2.07": [
        "Pelatihan Berbasis Kompetensi",
        "Penempatan Tenaga Kerja",
        "Pengawasan Pekerja Anak",
        "Penarikan Pekerja Anak dari Tempat Kerja",
        "Perlindungan Pekerja Perempuan",
    ],
    "5.01": [
        "Penyusunan Perencanaan dan Penganggaran Responsif Gender",
        "Koordinasi Pokja PUG",
        "Penyusunan Dokumen RKPD",
        "Monitoring dan Evaluasi Pelaksanaan RPJMD",
        "Penyusunan Profil Data Terpilah",
    ],
    "5.03": [
        "Pengelolaan Data dan Informasi Kepegawaian",
        "Penyelenggaraan Seleksi Jabatan Pimpinan Tinggi",
        "Pengembangan Kompetensi ASN",
        "Penilaian Kinerja ASN",
    ],
    "5.02": [
        "Penyusunan Rancangan APBD",
        "Penandaan Anggaran Responsif Gender",
        "Penatausahaan Keuangan Daerah",
        "Pengelolaan Barang Milik Daerah",
    ],
    "7.01": [
        "Fasilitasi Kegiatan TP PKK Kecamatan",
        "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan",
        "Pemberdayaan Masyarakat Kelurahan",
        "Penyelenggaraan Musrenbang Kecamatan",
        "Advokasi PUG bagi Organisasi Perempuan Tingkat Kecamatan",
        "Pembinaan Ketenteraman dan Ketertiban Umum",
    ],
}

TEMA = [
    "Sosialisasi Pengarusutamaan Gender bagi Organisasi Perempuan",
    "Advokasi PUG dan Perencanaan Responsif Gender",
    "Peran Organisasi Perempuan dalam Pencegahan Perkawinan Anak",
    "Pencegahan Kekerasan terhadap Perempuan dan Anak",
    "Ketahanan Keluarga Responsif Gender",
    "Kelurahan Ramah Perempuan dan Peduli Anak (KRPPA)",
    "Pemberdayaan Ekonomi Perempuan Berperspektif Gender",
    "Data Terpilah dan Partisipasi Perempuan dalam Musrenbang",
]

FLOWERS = [
    "Melati", "Mawar", "Anggrek", "Kenanga", "Dahlia", "Flamboyan", "Cempaka", "Teratai", "Seruni",
    "Kamboja", "Bougenvil", "Asoka", "Matahari", "Tulip", "Sakura", "Lili", "Nusa Indah", "Alamanda",
]

FIRST_NAMES = {
    "jawa": ["Sri", "Siti", "Dwi", "Endang", "Retno", "Tri", "Wahyu", "Budi", "Agus", "Nur", "Rina", "Dewi", "Eko",
             "Yuli", "Heru", "Ani", "Lestari", "Nining", "Bambang", "Fitri"],
    "sunda": ["Euis", "Neng", "Asep", "Dedi", "Yayah", "Rina", "Ujang", "Tati", "Dewi", "Hendra", "Siti", "Ade",
              "Nenden", "Iis", "Rudi", "Wulan", "Yanti", "Agus", "Nurul", "Lilis"],
}
LAST_NAMES = {
    "jawa": ["Wahyuni", "Rahayu", "Lestari", "Susanti", "Handayani", "Purnomo", "Setiawan", "Hidayat", "Kurniawati",
             "Pratiwi", "Utami", "Prasetyo", "Anggraeni", "Mulyani", "Saputra"],
    "sunda": ["Suryani", "Kurniasih", "Rohaeti", "Permana", "Nurjanah", "Hermawan", "Sumarni", "Hidayat", "Sari",
              "Rosita", "Gunawan", "Maryani", "Kusumah", "Rahmawati", "Setiadi"],
}

# Organisations that belong to the city's GOW: (key, jenis, name template, members range, first report year)
GOW_MEMBERS = [
    ("DWP", "ISTRI_APARATUR", "Dharma Wanita Persatuan {kota}", (1500, 4500), 2022),
    ("BHAYANGKARI", "ISTRI_APARATUR", "Bhayangkari Cabang {police}", (150, 450), 2022),
    ("PERSIT", "ISTRI_APARATUR", "Persit Kartika Chandra Kirana Koorcab {kodim}", (120, 400), 2022),
    ("DHARMAYUKTI", "ISTRI_APARATUR", "Dharmayukti Karini Cabang {court}", (25, 80), 2022),
    ("IAD", "ISTRI_APARATUR", "Ikatan Adhyaksa Dharmakarini Daerah {kota}", (25, 80), 2022),
    ("MUSLIMAT", "KEAGAMAAN", "Pimpinan Cabang Muslimat NU {kota}", (2000, 9000), 2022),
    ("FATAYAT", "KEAGAMAAN", "Pimpinan Cabang Fatayat NU {kota}", (800, 4000), 2022),
    ("AISYIYAH", "KEAGAMAAN", "Pimpinan Daerah Aisyiyah {kota}", (900, 4000), 2022),
    ("NASYIAH", "KEAGAMAAN", "Pimpinan Daerah Nasyiatul Aisyiyah {kota}", (300, 1200), 2022),
    ("SALIMAH", "KEAGAMAAN", "Pimpinan Daerah Salimah {kota}", (100, 600), 2022),
    ("WKRI", "KEAGAMAAN", "Wanita Katolik RI Cabang {kota}", (50, 300), 2022),
    ("WHDI", "KEAGAMAAN", "Wanita Hindu Dharma Indonesia {kota}", (20, 120), 2022),
    ("WANITA_ISLAM", "KEAGAMAAN", "Wanita Islam {kota}", (100, 500), 2022),
    ("BKMT", "KEAGAMAAN", "Badan Kontak Majelis Taklim {kota}", (500, 3000), 2022),
    ("PERWATI", "KEAGAMAAN", "Persekutuan Wanita Gereja {kota}", (40, 250), 2022),
    ("WBI", "KEAGAMAAN", "Wanita Buddhis Indonesia {kota}", (20, 100), 2023),
    ("IWAPI", "PROFESI_EKONOMI", "Ikatan Wanita Pengusaha Indonesia Cabang {kota}", (50, 300), 2022),
    ("IBI", "PROFESI_EKONOMI", "Ikatan Bidan Indonesia Cabang {kota}", (100, 700), 2022),
    ("PEKKA", "PROFESI_EKONOMI", "Serikat Perempuan Kepala Keluarga (PEKKA) {kota}", (50, 400), 2022),
    ("HIMPAUDI", "PROFESI_EKONOMI", "Himpunan Pendidik dan Tenaga Kependidikan Anak Usia Dini {kota}", (200, 900), 2022),
    ("IGTKI", "PROFESI_EKONOMI", "Ikatan Guru Taman Kanak-kanak Indonesia {kota}", (150, 700), 2022),
    ("IPEMI", "PROFESI_EKONOMI", "Ikatan Pengusaha Muslimah Indonesia {kota}", (40, 250), 2024),
    ("IIDI", "LAINNYA", "Ikatan Istri Dokter Indonesia Cabang {kota}", (30, 150), 2022),
    ("PERWOSI", "LAINNYA", "Persatuan Wanita Olahraga Seluruh Indonesia {kota}", (40, 200), 2022),
    ("GOPTKI", "LAINNYA", "Gabungan Organisasi Penyelenggara Taman Kanak-kanak Indonesia {kota}", (50, 300), 2022),
    ("HWDI", "KOMUNITAS", "Himpunan Wanita Disabilitas Indonesia {kota}", (20, 120), 2022),
    ("KPPI", "KOMUNITAS", "Kaukus Perempuan Politik Indonesia {kota}", (20, 100), 2022),
    ("PUSPA", "KOMUNITAS", "Forum Partisipasi Publik untuk Kesejahteraan Perempuan dan Anak (PUSPA) {kota}", (20, 80), 2023),
]
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
KEC_BRANCHES = [
    ("MUSLIMAT", "Pimpinan Anak Cabang Muslimat NU Kecamatan {kec}", (150, 900)),
    ("FATAYAT", "Pimpinan Anak Cabang Fatayat NU Kecamatan {kec}", (80, 500)),
    ("AISYIYAH", "Pimpinan Cabang Aisyiyah {kec}", (80, 500)),
]
KOMUNITAS_KEL = [
    "Kelompok Wanita Tani {f}",
    "Kelompok Usaha Perempuan {f}",
    "Koperasi Wanita {f}",
    "Majelis Taklim Perempuan {f}",
    "Komunitas Ibu Peduli Gizi {f}",
]


# --------------------------------------------------------------------------------------------------------------
# Organisations
# --------------------------------------------------------------------------------------------------------------


@dataclass
class Org:
    code: str
    name: str
    jenis: str
    tingkat: str
    wilayah: str
    induk: str | None
    berdiri: int
    anggota: int
    growth: float
    first_year: int = 2022
    last_year: int = 9999
    nonaktif_from: int = 9999

    @property
    def kecamatan(self) -> str | None:
        return self.wilayah[:8] if len(self.wilayah) >= 8 else None

    @property
    def kelurahan(self) -> str | None:
        return self.wilayah if len(self.wilayah) == 13 else None

    def registered(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year

    def status(self, year: int) -> str:
        return "NONAKTIF" if year >= self.nonaktif_from else "AKTIF"

    def members(self, year: int) -> int:
        return max(5, round(self.anggota * (1 + self.growth * (year - 2022))))


def _build_orgs(rng: random.Random, reg: RegionRef) -> list[Org]:
    s = REGION_SETTINGS[reg.code]
    kota = reg.name
    orgs: list[Org] = []

    def add(**kw) -> Org:
        o = Org(growth=rng.uniform(-0.03, 0.06), **kw)
        orgs.append(o)
        return o

    pkk_kota = add(code=f"PKK-KOTA-{reg.code}", name=f"TP PKK {kota}", jenis="PKK", tingkat="KOTA",
                   wilayah=reg.code, induk=None, berdiri=s["pkk_kota_year"], anggota=rng.randint(40, 70))
    gow = add(code=f"GOW-{reg.code}", name=f"Gabungan Organisasi Wanita (GOW) {kota}", jenis="FEDERASI",
              tingkat="KOTA", wilayah=reg.code, induk=None, berdiri=s["gow_year"], anggota=0)
    fmt = {"kota": kota, "police": s["police"], "kodim": s["kodim"], "court": s["court"]}
    members = GOW_MEMBERS + GOW_EXTRA.get(reg.code, [])
    kota_orgs = {}
    for key, jenis, tmpl, (lo, hi), first in members:
        kota_orgs[key] = add(code=f"OW-{reg.code}-{key}", name=tmpl.format(**fmt), jenis=jenis, tingkat="KOTA",
                             wilayah=reg.code, induk=gow.code,
                             berdiri=first if first > 2022 else rng.randint(max(s["gow_year"], 1975), 2015),
                             anggota=rng.randint(lo, hi), first_year=first)
    for kec_code, kec_name in reg.kecamatan:
        add(code=f"PKK-KEC-{kec_code}", name=f"TP PKK Kecamatan {kec_name}", jenis="PKK", tingkat="KECAMATAN",
            wilayah=kec_code, induk=pkk_kota.code, berdiri=rng.randint(max(s["pkk_kota_year"], 1975), 2005),
            anggota=rng.randint(25, 45))
        for key, tmpl, (lo, hi) in KEC_BRANCHES:
            add(code=f"OW-{kec_code}-{key}", name=tmpl.format(kec=kec_name), jenis="KEAGAMAAN", tingkat="KECAMATAN",
                wilayah=kec_code, induk=kota_orgs[key].code, berdiri=rng.randint(1985, 2018),
                anggota=rng.randint(lo, hi))
    for kel_code, kel_name, kec_code in reg.kelurahan:
        kel = add(code=f"PKK-KEL-{kel_code}", name=f"TP PKK Kelurahan {kel_name}", jenis="PKK", tingkat="KELURAHAN",
                  wilayah=kel_code, induk=f"PKK-KEC-{kec_code}", berdiri=rng.randint(max(s["pkk_kota_year"], 1980), 2010),
                  anggota=rng.randint(20, 35))
        for rw in range(1, rng.randint(*s["rw"]) + 1):
            rw_org = add(code=f"PKK-RW-{kel_code}-{rw:03d}", name=f"PKK RW {rw:03d} Kelurahan {kel_name}", jenis="PKK",
                         tingkat="RW", wilayah=kel_code, induk=kel.code, berdiri=rng.randint(1990, 2019),
                         anggota=rng.randint(10, 25))
            for rt in range(1, rng.randint(*s["rt"]) + 1):
                rt_org = add(code=f"PKK-RT-{kel_code}-{rw:03d}-{rt:03d}",
                             name=f"PKK RT {rt:03d} RW {rw:03d} Kelurahan {kel_name}", jenis="PKK", tingkat="RT",
                             wilayah=kel_code, induk=rw_org.code, berdiri=rng.randint(1995, 2020),
                             anggota=rng.randint(8, 20))
                for dw in range(1, rng.randint(*s["dw"]) + 1):
                    add(code=f"{rt_org.code.replace('PKK-RT-', 'PKK-DW-')}-{dw:02d}",
                        name=f"Dasawisma {rng.choice(FLOWERS)} {dw:02d} RT {rt:03d} RW {rw:03d} {kel_name}",
                        jenis="PKK", tingkat="DASAWISMA", wilayah=kel_code, induk=rt_org.code,
                        berdiri=rng.randint(2000, 2021), anggota=rng.randint(10, 20))
        if rng.random() < 0.45:
            add(code=f"KOM-{kel_code}-01", name=rng.choice(KOMUNITAS_KEL).format(f=f"{rng.choice(FLOWERS)} {kel_name}"),
                jenis="KOMUNITAS", tingkat="KELURAHAN", wilayah=kel_code, induk=None, berdiri=rng.randint(2005, 2021),
                anggota=rng.randint(15, 60))

    # Yearly changes: new dasawisma and komunitas, some leaving, some becoming inactive.
    kel_names = {k: n for k, n, _ in reg.kelurahan}
    for year in REPORT_YEARS[1:]:
        rts = [o for o in orgs if o.tingkat == "RT" and o.registered(year)]
        for _ in range(rng.randint(*s["new_dw"])):
            rt_org = rng.choice(rts)
            taken = {o.code for o in orgs if o.induk == rt_org.code}
            n = 1
            while f"{rt_org.code.replace('PKK-RT-', 'PKK-DW-')}-{n:02d}" in taken:
                n += 1
            rw_no, rt_no = rt_org.code.split("-")[-2:]
            add(code=f"{rt_org.code.replace('PKK-RT-', 'PKK-DW-')}-{n:02d}",
                name=f"Dasawisma {rng.choice(FLOWERS)} {n:02d} RT {rt_no} RW {rw_no} {kel_names[rt_org.wilayah]}",
                jenis="PKK", tingkat="DASAWISMA", wilayah=rt_org.wilayah, induk=rt_org.code, berdiri=year - 1,
                anggota=rng.randint(10, 20), first_year=year)
        for _ in range(rng.randint(1, 3)):
            kel_code, kel_name, _kec = rng.choice(reg.kelurahan)
            n = 1
            while any(o.code == f"KOM-{kel_code}-{n:02d}" for o in orgs):
                n += 1
            add(code=f"KOM-{kel_code}-{n:02d}", name=rng.choice(KOMUNITAS_KEL).format(f=f"{rng.choice(FLOWERS)} {kel_name}"),
                jenis="KOMUNITAS", tingkat="KELURAHAN", wilayah=kel_code, induk=None, berdiri=year - 1,
                anggota=rng.randint(15, 60), first_year=year)
        leaves = [o for o in orgs if o.tingkat == "DASAWISMA" and o.first_year < year and o.last_year == 9999]
        for o in rng.sample(leaves, rng.randint(*s["gone_dw"])):
            o.last_year = year - 1
        leaves = [o for o in leaves if o.last_year == 9999 and o.nonaktif_from == 9999]
        for o in rng.sample(leaves, rng.randint(*s["nonaktif_dw"])):
            o.nonaktif_from = year
    for year in REPORT_YEARS:
        gow_members = [o for o in orgs if o.induk == gow.code and o.registered(year)]
        gow.anggota = len(gow_members)  # a federation's members are organisations
    return orgs


# --------------------------------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------------------------------


class _Generator:
    def __init__(self, regions: dict[str, RegionRef], indikator: list[dict], period: dict, seed: int):
        self.regions = regions
        self.indikator = indikator
        self.period = period
        self.period_years = list(range(int(period["tahun_awal"]), int(period["tahun_akhir"]) + 1))
        self.seed = seed
        self.rng = random.Random(seed)
        self.submissions: list[Submission] = []
        self.mistakes: list[dict] = []
        self.special: list[dict] = []
        self.data: dict[str, dict] = {}  # region -> generated data
        self.truth_regions: dict[str, dict] = {}

    # ---------------------------------------------------------------- plan ------------------------------------
    # Which submissions are special (fixed so the truth and the docs can name them).
    MISSING = {("33.75", 2023, "DKP"), ("32.75", 2024, "BAPENDA"), ("32.75", 2025, "SETWAN")}
    LATE = {("33.75", 2022, "DINHUB"), ("33.75", 2024, "KESBANGPOL"), ("32.75", 2023, "DLH"), ("32.75", 2025, "DISBUDPAR")}
    CSV_FOLDERS = {
        ("33.75", 2022, "DINKES"): Style(dates="iso", sep=","),
        ("32.75", 2023, "DINSOS"): Style(dates="dmy", sep=";", yesno="YaTidak"),
        ("33.75", 2024, "KEC_PEKALONGAN_UTARA"): Style(dates="long", sep=","),
        ("32.75", 2025, "DLH"): Style(dates="iso", sep=";"),
    }
    TEXT_DATES = {
        ("33.75", 2022, "DPMPPA"): "dmy",
        ("32.75", 2025, "DINKOPUKM"): "dmy",
        ("32.75", 2024, "KEC_JATIASIH"): "dmy",
        ("32.75", 2023, "BKPSDM"): "long",
        ("33.75", 2025, "KEC_PEKALONGAN_BARAT"): "long",
        ("33.75", 2023, "DINSOSP2KB"): "long",
    }
    TEXT_NUMBERS = {
        ("33.75", 2023, "BAPPEDA"): False,
        ("32.75", 2024, "DPPPA"): True,  # with percent signs on % indicators
        ("33.75", 2025, "BPKAD"): True,
        ("32.75", 2022, "DINKES"): False,
    }
    YA_TIDAK = {("33.75", 2024, "BAPPEDA"), ("32.75", 2022, "DPPPA"), ("33.75", 2025, "DPMPPA")}
    RESUBMISSION = ("33.75", 2024, "DPMPPA")

    # ---------------------------------------------------------------- build -----------------------------------
    def build(self) -> None:
        for code in SAMPLE_REGIONS:
            self._build_region(self.regions[code])
        for code in SAMPLE_REGIONS:
            self._build_submissions(self.regions[code])
        self._plant_mistakes()
        self._finish_truth()

    def _owners(self, reg: RegionRef) -> dict[str, str]:
        owners = {}
        for ind in self.indikator:
            cands = reg.opds_with(ind["peran_pemilik"])
            if cands:
                owners[ind["kode_indikator"]] = cands[0]["kode_opd"]
        return owners

    def _build_region(self, reg: RegionRef) -> None:
        rng = self.rng
        d: dict = {"owners": self._owners(reg), "ppa": reg.opds_with("PPPA")[0]["kode_opd"]}
        d["orgs"] = _build_orgs(rng, reg)
        d["org_by_code"] = {o.code: o for o in d["orgs"]}
        # organisations whose register row carries a planted mistake: kept out of advocacy in that year
        d["org_excluded"] = {}
        if reg.code == "32.75":
            new_kom = sorted(o.code for o in d["orgs"] if o.jenis == "KOMUNITAS" and o.first_year == 2024)
            d["arisan_code"] = new_kom[0]
            d["org_excluded"][2024] = {new_kom[0]}
        d["years"] = {}
        d["budget_pools"] = self._budget_pools(reg)
        d["opd_pprg_u"] = {o["kode_opd"]: rng.random() for o in reg.opds}
        d["posts"] = self._build_posts(reg)
        d["prasyarat_base"] = [rng.randint(55, 78) for _ in PREREQUISITES]
        cum_adv: set[str] = set()
        for year in REPORT_YEARS:
            y = {}
            y["advocacy"] = self._build_advocacy(reg, d, year, cum_adv)
            cum_adv |= set(y["advocacy"]["attended"])
            y["cum_adv"] = set(cum_adv)
            y["kader"] = self._build_kader(reg, d, year)
            y["posts"] = self._posts_for_year(reg, d, year)
            y["budget"] = {}
            for o in reg.opds:
                if (reg.code, year, o["kode_opd"]) in self.MISSING:
                    continue
                y["budget"][o["kode_opd"]] = self._budget_lines(reg, d, o, year)
            y["prasyarat"] = self._prasyarat(d, year)
            d["years"][year] = y
        self.data[reg.code] = d

    # ---------------------------------------------------------------- advocacy --------------------------------
    def _active(self, d: dict, year: int) -> list[Org]:
        excl = d["org_excluded"].get(year, set())
        return [o for o in d["orgs"] if o.registered(year) and o.status(year) == "AKTIF" and o.code not in excl]

    def _build_advocacy(self, reg: RegionRef, d: dict, year: int, cum_before: set[str]) -> dict:
        rng = self.rng
        active = self._active(d, year)
        active_codes = {o.code for o in active}
        share = {2022: 0.25, 2023: 0.50, 2024: 0.70, 2025: 0.85}[year] + rng.uniform(0.0, 0.015)
        already = sorted(active_codes & cum_before)
        need = max(0, math.ceil(share * len(active)) - len(already))
        kel_order = [k for k, _, _ in reg.kelurahan]
        rng.shuffle(kel_order)
        kel_rank = {k: i for i, k in enumerate(kel_order)}
        cands = [o for o in active if o.code not in cum_before]
        keyed = []
        for o in cands:
            rank = LEVEL_RANK[o.tingkat]
            if rank <= 2 and o.tingkat != "KELURAHAN" or (o.tingkat == "KELURAHAN" and o.jenis == "PKK"):
                key = (rank, 0, rng.random())
            else:
                key = (3, kel_rank.get(o.kelurahan or "", -1), rng.random())
            keyed.append((key, o.code))
        keyed.sort()
        new = [c for _, c in keyed[:need]]
        # every year the kota-level organisations meet again; a few others are advocated again
        again = [c for c in already if d["org_by_code"][c].tingkat == "KOTA"]
        others = [c for c in already if d["org_by_code"][c].tingkat != "KOTA"]
        again += rng.sample(others, round(0.06 * len(others)))
        attended = set(new) | set(again)

        # Group attendees into events.
        by_code = d["org_by_code"]
        kota_level = sorted(c for c in attended if by_code[c].tingkat == "KOTA")
        by_kec: dict[str, list[str]] = {}
        by_kel: dict[str, list[str]] = {}
        for c in sorted(attended):
            o = by_code[c]
            if o.tingkat == "KECAMATAN":
                by_kec.setdefault(o.wilayah, []).append(c)
            elif o.tingkat != "KOTA":
                by_kel.setdefault(o.wilayah, []).append(c)
        events = []  # dicts: owner, wilayah, orgs

        def chunks(codes: list[str], size: int) -> list[list[str]]:
            n = max(1, math.ceil(len(codes) / size))
            step = math.ceil(len(codes) / n)
            return [codes[i:i + step] for i in range(0, len(codes), step)]

        for part in chunks(kota_level, 40) if kota_level else []:  # the GOW and its members
            events.append({"owner": d["ppa"], "wilayah": reg.code, "orgs": part})
        kel_of_kec: dict[str, list[str]] = {}
        for kel_code, _n, kec_code in reg.kelurahan:
            kel_of_kec.setdefault(kec_code, []).append(kel_code)
        for kec_code, _name in reg.kecamatan:
            office = reg.kec_office(kec_code)
            pool = list(by_kec.get(kec_code, []))
            for kel_code in kel_of_kec.get(kec_code, []):
                codes = by_kel.get(kel_code, [])
                if not codes:
                    continue
                if len(codes) < 6:
                    pool += codes
                    continue
                for part in chunks(codes, 35):
                    owner = office if office and rng.random() < 0.3 else d["ppa"]
                    events.append({"owner": owner, "wilayah": kel_code, "orgs": part})
            if pool:
                owner = office if office and rng.random() < 0.4 else d["ppa"]
                for part in chunks(pool, 35):
                    events.append({"owner": owner, "wilayah": kec_code, "orgs": part})
            # every kecamatan office holds at least two events of its own: it takes over events in its
            # kecamatan, or (when there are none) invites organisations advocated before once more
            if office:
                own = [e for e in events if e["owner"] == office]
                while len(own) < 2:
                    mine = [e for e in events if e["owner"] == d["ppa"] and e["wilayah"][:8] == kec_code]
                    if mine:
                        mine[0]["owner"] = office
                        own.append(mine[0])
                        continue
                    local = sorted(c for c in active_codes if by_code[c].kecamatan == kec_code
                                   and by_code[c].tingkat in ("KELURAHAN", "RW") and (c in cum_before or not cum_before))
                    if not local:
                        break
                    picked = sorted(rng.sample(local, min(len(local), rng.randint(6, 14))))
                    ev = {"owner": office, "wilayah": kec_code, "orgs": picked}
                    events.append(ev)
                    own.append(ev)
                    attended |= set(picked)
        # dates, codes, participants
        for ev in events:
            start = dt.date(year, 2, 1).toordinal()
            ev["tanggal"] = dt.date.fromordinal(start + rng.randint(0, 300))
            ev["tema"] = rng.choice(TEMA)
            ev["hadir"] = []
            for c in ev["orgs"]:
                lvl = LEVEL_RANK[by_code[c].tingkat]
                ev["hadir"].append(rng.randint(2, 5) if lvl <= 2 else rng.randint(1, 3))
            total = sum(ev["hadir"])
            men = round(total * rng.uniform(0.0, 0.12))
            ev["perempuan"], ev["laki"] = total - men, men
        events.sort(key=lambda e: (e["owner"], e["tanggal"], e["wilayah"]))
        counters: dict[str, int] = {}
        for ev in events:
            counters[ev["owner"]] = counters.get(ev["owner"], 0) + 1
            n = counters[ev["owner"]]
            if ev["owner"] == d["ppa"]:
                ev["kode"] = f"ADV-{year}-{n:03d}"
            else:
                kec_no = next(o["kode_kecamatan"] for o in reg.opds if o["kode_opd"] == ev["owner"])[-2:]
                ev["kode"] = f"ADV-KEC{kec_no}-{year}-{n:03d}"
        return {"events": events, "attended": sorted(attended), "new": sorted(new), "active": sorted(active_codes)}

    # ---------------------------------------------------------------- cadres ----------------------------------
    def _build_kader(self, reg: RegionRef, d: dict, year: int) -> list[dict]:
        rng = self.rng
        n_total = REGION_SETTINGS[reg.code]["kader"][year]
        batches: list[tuple[dt.date, int]] = []
        if reg.code == "33.75" and year == 2022:
            batches.append((dt.date(2022, 1, 26), 150))  # launch of the 1001-cadre programme
            left = 270  # 420 by September
            while left > 0:
                k = min(left, rng.randint(25, 45))
                batches.append((dt.date.fromordinal(dt.date(2022, 2, 7).toordinal() + rng.randint(0, 225)), k))
                left -= k
            left = n_total - 420
            while left > 0:
                k = min(left, rng.randint(15, 35))
                batches.append((dt.date.fromordinal(dt.date(2022, 10, 3).toordinal() + rng.randint(0, 75)), k))
                left -= k
        else:
            left = n_total
            while left > 0:
                k = min(left, rng.randint(20, 45))
                batches.append((dt.date.fromordinal(dt.date(year, 2, 1).toordinal() + rng.randint(0, 300)), k))
                left -= k
        batches.sort()
        pkk_by_kel: dict[str, list[str]] = {}
        for o in d["orgs"]:
            if o.jenis == "PKK" and o.kelurahan and o.registered(year) and o.status(year) == "AKTIF":
                pkk_by_kel.setdefault(o.kelurahan, []).append(o.code)
        kels = [k for k, _, _ in reg.kelurahan]
        rows = []
        i = 0
        for tanggal, k in batches:
            kec_kels = rng.sample(kels, min(len(kels), 6))
            for _ in range(k):
                i += 1
                kel = rng.choice(kec_kels)
                org = rng.choice(sorted(pkk_by_kel[kel])) if kel in pkk_by_kel and rng.random() < 0.75 else None
                rows.append({
                    "kode_kader": f"KDR-{reg.code}-{year}-{i:04d}",
                    "jenis_kelamin": "P" if rng.random() < 0.93 else "L",
                    "kode_organisasi": org,
                    "kode_wilayah": kel,
                    "tanggal_pelatihan": tanggal,
                    "materi_pug": rng.random() < 0.95,
                    "status": "AKTIF" if rng.random() < 0.96 else "NONAKTIF",
                })
        return rows

    # ---------------------------------------------------------------- posts -----------------------------------
    def _build_posts(self, reg: RegionRef) -> list[dict]:
        rng = self.rng
        posts = []

        def post(code, name, kelompok, opd):
            posts.append({"kode_jabatan": code, "nama_jabatan": name, "kelompok": kelompok, "kode_opd": opd})

        kabid = ["Program dan Perencanaan", "Pelayanan", "Pengembangan", "Pengendalian dan Evaluasi"]
        seksi = ["Umum dan Kepegawaian", "Keuangan", "Perencanaan", "Data dan Informasi", "Pelayanan", "Pembinaan",
                 "Pengawasan"]
        kel_names = {k: n for k, n, _ in reg.kelurahan}
        for o in reg.opds:
            code, name = o["kode_opd"], o["nama_opd"]
            if "KECAMATAN" in o["roles"]:
                kec = o["kode_kecamatan"]
                post(f"{code}-CAMAT", f"Camat {name.replace('Kecamatan ', '')}", "CAMAT", code)
                post(f"{code}-SEKCAM", f"Sekretaris {name}", "ADMINISTRATOR", code)
                for j, s in enumerate(["Pemerintahan", "Pemberdayaan Masyarakat", "Ketenteraman dan Ketertiban",
                                       "Kesejahteraan Sosial"], 1):
                    post(f"{code}-KASI-{j}", f"Kepala Seksi {s} {name}", "PENGAWAS", code)
                for kel_code, _n, kec_code in reg.kelurahan:
                    if kec_code == kec:
                        post(f"{code}-LURAH-{kel_code}", f"Lurah {kel_names[kel_code]}", "LURAH", code)
                        post(f"{code}-SEKLUR-{kel_code}", f"Sekretaris Kelurahan {kel_names[kel_code]}", "PENGAWAS", code)
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
            head = "Inspektur" if code == "INSPEKTORAT" else f"Kepala {name}"
            post(f"{code}-KEPALA", head, "JPT_PRATAMA", code)
            post(f"{code}-SEKRETARIS", f"Sekretaris {name}", "ADMINISTRATOR", code)
            for j in range(1, rng.randint(2, 4) + 1):
                post(f"{code}-KABID-{j}", f"Kepala Bidang {kabid[j - 1]} {code}", "ADMINISTRATOR", code)
            for j in range(1, rng.randint(3, 6) + 1):
                post(f"{code}-KASUBAG-{j}", f"Kepala Subbagian/Seksi {seksi[j - 1]} {code}", "PENGAWAS", code)
        # holders: status and sex per year; a post changes holder now and then
        s = REGION_SETTINGS[reg.code]
        for p in posts:
            p["history"] = {}
            prev = None
            for year in REPORT_YEARS:
                if prev is None or rng.random() < 0.15:
                    if p["kelompok"] == "SEKDA":
                        status, sex = "DEFINITIF", s["sekda_sex"]
                    else:
                        r = rng.random()
                        status = "DEFINITIF" if r < 0.88 else ("PLT" if r < 0.95 else "KOSONG")
                        pw = s["p_women"][p["kelompok"]] + 0.015 * (year - 2022)
                        sex = None if status == "KOSONG" else ("P" if rng.random() < pw else "L")
                    prev = (status, sex)
                p["history"][year] = prev
        return posts

    def _posts_for_year(self, reg: RegionRef, d: dict, year: int) -> list[dict]:
        rows = []
        for p in d["posts"]:
            status, sex = p["history"][year]
            rows.append({**{k: p[k] for k in ("kode_jabatan", "nama_jabatan", "kelompok", "kode_opd")},
                         "jenis_kelamin": sex, "status": status, "tanggal_data": dt.date(year, 12, 31)})
        return rows

    # ---------------------------------------------------------------- budget ----------------------------------
    def _budget_pools(self, reg: RegionRef) -> dict[str, list[tuple[str, str]]]:
        pools = {}
        for o in reg.opds:
            code = o["kode_opd"]
            urusan = "7.01" if "KECAMATAN" in o["roles"] else URUSAN.get(code, "4.01")
            pool = [(f"{urusan}.{c}", n) for c, n in SUPPORT_LINES]
            names = THEMATIC_LINES.get(urusan, [])
            for i in range(22):
                name = names[i] if i < len(names) else f"Pelaksanaan Kegiatan Teknis {o['nama_opd']} {i + 1 - len(names)}"
                prog, keg, sub = 2 + i // 4, 1 + (i % 4) // 2, 1 + i % 2
                pool.append((f"{urusan}.{prog:02d}.2.{keg:02d}.{sub:04d}", name))
            pools[code] = pool
        return pools

    def _budget_lines(self, reg: RegionRef, d: dict, o: dict, year: int) -> list[dict]:
        rng = self.rng
        code = o["kode_opd"]
        pool = d["budget_pools"][code]
        ppa = "PPPA" in o["roles"]
        n = rng.randint(15, 25) if ppa else rng.randint(5, 25)
        chosen = sorted(rng.sample(range(len(pool)), n))
        k = year - 2022
        has_pprg = ppa or "PERENCANAAN" in o["roles"] or d["opd_pprg_u"][code] < 0.52 + 0.11 * k
        p_resp = (0.5 if ppa else 0.20 + 0.05 * k) if has_pprg else 0.10
        lines = []
        for idx in chosen:
            sub_code, name = pool[idx]
            pagu = round(math.exp(rng.uniform(math.log(50e6), math.log(5e9))), -3)
            pagu = int(pagu)
            real = int(round(pagu * rng.uniform(0.60, 1.0), -3))
            resp = rng.random() < p_resp
            if has_pprg:
                gap = resp and rng.random() < 0.9 or (not resp and rng.random() < 0.05)
                gbs = resp and gap and rng.random() < 0.85
            else:
                gap = resp and rng.random() < 0.3
                gbs = False
            lines.append({"kode_subkegiatan": sub_code, "nama_subkegiatan": name, "pagu": pagu,
                          "realisasi_anggaran": real, "responsif_gender": resp, "ada_gap": gap, "ada_gbs": gbs})
        if has_pprg and not any(ln["ada_gap"] and ln["ada_gbs"] for ln in lines):
            ln = lines[rng.randrange(len(lines))]
            ln["responsif_gender"] = ln["ada_gap"] = ln["ada_gbs"] = True
        return lines

    def _prasyarat(self, d: dict, year: int) -> list[dict]:
        rng = self.rng
        uraian = {
            1: "Peraturan Wali Kota tentang Pengarusutamaan Gender dan komitmen bersama kepala OPD",
            2: "PUG diintegrasikan dalam RPJMD, Renstra dan Renja Perangkat Daerah",
            3: "Pokja PUG ditetapkan dan Focal Point PUG ada di setiap OPD",
            4: "Sumber daya manusia terlatih PPRG dan anggaran untuk PUG",
            5: "Profil gender dan data terpilah tersedia dan diperbarui setiap tahun",
            6: "OPD menyusun GAP dan GBS untuk kegiatan prioritas",
            7: "Organisasi perempuan, PSW dan dunia usaha terlibat dalam perencanaan",
        }
        bukti = {
            1: f"Perwal PUG; Piagam komitmen bersama {year}",
            2: f"RPJMD 2021-2026; RKPD {year}",
            3: f"SK Wali Kota tentang Pokja PUG Tahun {year}",
            4: f"Daftar peserta pelatihan PPRG {year}",
            5: f"Buku Profil Gender {year}",
            6: f"Rekap GAP dan GBS OPD {year}",
            7: f"Notulen Musrenbang Perempuan {year}",
        }
        rows = []
        for i, (num, butir) in enumerate(PREREQUISITES.items()):
            prev = d["prasyarat_base"][i]
            nilai = prev if year == REPORT_YEARS[0] else min(100, prev + rng.randint(2, 7))
            rows.append({"kode_prasyarat": num, "butir": butir, "uraian": uraian[num], "terpenuhi": nilai >= 60,
                         "bukti": bukti[num] if nilai >= 60 else None, "nilai": nilai})
        # the next year starts from this year's score (scores never fall)
        d["prasyarat_base"] = [r["nilai"] for r in rows]
        return rows

    # ---------------------------------------------------------------- indicators ------------------------------
    def _unit(self, code: str) -> str:
        return next(i["satuan"] for i in self.indikator if i["kode_indikator"] == code)

    def _indicator_values(self, reg: RegionRef, year: int) -> dict[str, dict]:
        d = self.data[reg.code]
        y = d["years"][year]
        k = REPORT_YEARS.index(year)
        out: dict[str, dict] = {}
        active = set(y["advocacy"]["active"])
        cum = y["cum_adv"]
        adv_active = active & cum
        by_kec = {}
        for kec_code, _n in reg.kecamatan:
            a = {c for c in active if d["org_by_code"][c].kecamatan == kec_code}
            p = len(a & cum)
            by_kec[kec_code] = {"realisasi": round(100 * p / len(a), 2) if a else 0.0, "pembilang": p, "penyebut": len(a)}
        out["ORG_ADVOKASI_PCT"] = {"realisasi": round(100 * len(adv_active) / len(active), 2),
                                   "pembilang": len(adv_active), "penyebut": len(active), "by_kecamatan": by_kec}
        out["ORG_ADVOKASI_JML"] = {"realisasi": len(cum)}
        out["KADER_KK_JML"] = {"realisasi": sum(len(d["years"][yy]["kader"]) for yy in REPORT_YEARS if yy <= year)}
        o = OUTCOMES[reg.code]
        n_kel = len(reg.kelurahan)
        kr = o["KRPPA_PCT"]["krppa"][k]
        out["KRPPA_PCT"] = {"realisasi": round(100 * kr / n_kel, 2), "pembilang": kr, "penyebut": n_kel}
        strat = [p for p in y["posts"] if p["kelompok"] in ("SEKDA", "JPT_PRATAMA") and p["status"] != "KOSONG"]
        women = sum(1 for p in strat if p["jenis_kelamin"] == "P")
        out["JABATAN_STRATEGIS_P_PCT"] = {"realisasi": round(100 * women / len(strat), 2), "pembilang": women,
                                          "penyebut": len(strat)}
        lines = [ln for opd_lines in y["budget"].values() for ln in opd_lines]
        total = sum(ln["pagu"] for ln in lines)
        resp = sum(ln["pagu"] for ln in lines if ln["responsif_gender"])
        out["ARG_PCT"] = {"realisasi": round(100 * resp / total, 2), "pembilang": resp, "penyebut": total}
        with_both = sum(1 for ls in y["budget"].values() if any(ln["ada_gap"] and ln["ada_gbs"] for ln in ls))
        out["OPD_GAP_GBS_PCT"] = {"realisasi": round(100 * with_both / len(y["budget"]), 2), "pembilang": with_both,
                                  "penyebut": len(y["budget"])}
        out["PRASYARAT_SKOR"] = {"realisasi": round(sum(r["nilai"] for r in y["prasyarat"]) / len(y["prasyarat"]), 2)}
        for code in ("AP1_WIRAUSAHA_P", "AP2_KELUARGA_PENGASUHAN", "AP3_KASUS_KEKERASAN", "AP4_PEKERJA_ANAK",
                     "AP5_DISPENSASI_KAWIN", "IPG", "IDG", "IKG"):
            out[code] = {"realisasi": o[code]["actual"][k]}
        cases = o["AP3_KASUS_KEKERASAN"]["actual"][k]
        handled = o["AP3_KASUS_TERTANGANI_PCT"]["handled"][k]
        out["AP3_KASUS_TERTANGANI_PCT"] = {"realisasi": round(100 * handled / cases, 2), "pembilang": handled,
                                           "penyebut": cases}
        return out

    def _indicator_targets(self, reg: RegionRef, report_year: int) -> dict[str, dict]:
        """Five-year targets as the owner states them in the workbook of `report_year` (whole region)."""
        d = self.data[reg.code]
        o = OUTCOMES[reg.code]
        out: dict[str, dict] = {}
        max_active = max(len(d["years"][yy]["advocacy"]["active"]) for yy in REPORT_YEARS)
        for ind in self.indikator:
            code = ind["kode_indikator"]
            if code == "ORG_ADVOKASI_JML":
                vals = [round(p / 100 * max_active) for p in o["ORG_ADVOKASI_PCT"]["target"]]
            elif code in o:
                vals = list(o[code]["target"])
            else:
                continue
            note = None
            if code == "AP1_WIRAUSAHA_P" and report_year >= 2024:
                vals = vals[:3] + [round(v * 1.1) for v in vals[3:]]  # revised upwards from 2024 on
                note = "Target 2025-2026 direvisi sesuai perubahan Renstra 2024"
            out[code] = {"values": dict(zip(self.period_years, vals)), "keterangan": note}
        return out

    # ---------------------------------------------------------------- submissions -----------------------------
    def _table(self, name: str, rows: list[dict]) -> SheetData:
        cols = SHEETS[name].column_names
        return SheetData(name, list(cols), [[r.get(c) for c in cols] for r in rows])

    def _petugas(self, reg: RegionRef) -> str:
        pool = REGION_SETTINGS[reg.code]["petugas_pool"]
        return f"{self.rng.choice(FIRST_NAMES[pool])} {self.rng.choice(LAST_NAMES[pool])}"

    def _build_sheets(self, reg: RegionRef, o: dict, year: int, tanggal: dt.date, petugas: str) -> list[SheetData]:
        d = self.data[reg.code]
        y = d["years"][year]
        code, roles = o["kode_opd"], o["roles"]
        ident = SheetData(IDENTITAS, list(IDENTITAS_HEADER), [
            ["kode_wilayah", reg.code], ["kode_opd", code], ["nama_opd", o["nama_opd"]],
            ["tahun_laporan", year], ["tanggal_kirim", tanggal], ["nama_petugas", petugas],
        ])
        assert [r[0] for r in ident.rows] == [f.name for f in IDENTITAS_FIELDS]
        sheets: dict[str, SheetData] = {IDENTITAS: ident}
        owned = [c for c, opd in d["owners"].items() if opd == code]
        if owned:
            targets = self._indicator_targets(reg, year)
            values = self._indicator_values(reg, year)
            trows, crows = [], []
            kecs = [k for k, _ in reg.kecamatan]
            for ind in owned:
                t = targets[ind]
                for scope in [None] + (kecs if ind == "ORG_ADVOKASI_PCT" else []):
                    for ty, tv in t["values"].items():
                        trows.append({"kode_indikator": ind, "lingkup": scope, "tahun": ty, "target": tv,
                                      "keterangan": t["keterangan"] if scope is None and ty >= 2025 else None})
                v = values[ind]
                crows.append({"kode_indikator": ind, "lingkup": None, "tahun": year, "realisasi": v["realisasi"],
                              "pembilang": v.get("pembilang"), "penyebut": v.get("penyebut"),
                              "sumber_data": SUMBER_DATA.get(ind)})
                for kec, kv in v.get("by_kecamatan", {}).items():
                    crows.append({"kode_indikator": ind, "lingkup": kec, "tahun": year, **kv,
                                  "sumber_data": SUMBER_DATA.get(ind)})
            sheets["target"] = self._table("target", trows)
            sheets["capaian"] = self._table("capaian", crows)
        if "PPPA" in roles:
            register = [org for org in d["orgs"] if org.registered(year)]
            sheets["organisasi"] = self._table("organisasi", [
                {"kode_organisasi": org.code, "nama_organisasi": org.name, "jenis": org.jenis, "tingkat": org.tingkat,
                 "kode_wilayah": org.wilayah, "kode_induk": org.induk, "tahun_berdiri": org.berdiri,
                 "jumlah_anggota": org.members(year) if org.jenis != "FEDERASI" else
                 sum(1 for m in d["orgs"] if m.induk == org.code and m.registered(year)),
                 "status": org.status(year)} for org in register])
            sheets["kader"] = self._table("kader", y["kader"])
        if "PPPA" in roles or "KECAMATAN" in roles:
            events = [e for e in y["advocacy"]["events"] if e["owner"] == code]
            sheets["advokasi"] = self._table("advokasi", [
                {"kode_kegiatan": e["kode"], "tanggal": e["tanggal"], "kode_wilayah": e["wilayah"], "tema": e["tema"],
                 "peserta_perempuan": e["perempuan"], "peserta_laki_laki": e["laki"]} for e in events])
            sheets["advokasi_peserta"] = self._table("advokasi_peserta", [
                {"kode_kegiatan": e["kode"], "kode_organisasi": c, "jumlah_hadir": h}
                for e in events for c, h in zip(e["orgs"], e["hadir"])])
        if "KEPEGAWAIAN" in roles:
            sheets["jabatan"] = self._table("jabatan", y["posts"])
        sheets["anggaran"] = self._table("anggaran", y["budget"][code])
        if "PERENCANAAN" in roles:
            sheets["prasyarat"] = self._table("prasyarat", y["prasyarat"])
        return [sheets[n] for n in SHEET_NAMES if n in sheets]

    def _build_submissions(self, reg: RegionRef) -> None:
        rng = self.rng
        for year in REPORT_YEARS:
            deadline = reg.deadline(year)
            for o in reg.opds:
                code = o["kode_opd"]
                key = (reg.code, year, code)
                if key in self.MISSING:
                    continue
                if key in self.LATE:
                    tanggal = deadline + dt.timedelta(days=rng.randint(5, 40))
                else:
                    tanggal = dt.date(year + 1, 1, 5) + dt.timedelta(days=rng.randint(0, 82))
                petugas = self._petugas(reg)
                style = Style()
                form = "xlsx"
                if key in self.CSV_FOLDERS:
                    style, form = self.CSV_FOLDERS[key], "csv"
                else:
                    style.dates = self.TEXT_DATES.get(key, "excel")
                    if key in self.TEXT_NUMBERS:
                        style.numbers, style.pct_sign = "id_text", self.TEXT_NUMBERS[key]
                    if key in self.YA_TIDAK or rng.random() < 0.12:
                        style.yesno = "YaTidak"
                    r = rng.random()
                    style.petunjuk = "first" if r < 0.12 else ("last" if r < 0.25 else None)
                folder = f"submissions/{year}/{reg.code}"
                rel = f"{folder}/{code}" if form == "csv" else f"{folder}/{code}.xlsx"
                if key == self.RESUBMISSION:
                    tanggal = dt.date(year + 1, 2, 3) + dt.timedelta(days=rng.randint(0, 14))
                sub = Submission(reg.code, code, year, rel, form, tanggal,
                                 self._build_sheets(reg, o, year, tanggal, petugas), style,
                                 deadline=deadline, on_time=tanggal <= deadline, nama_opd=o["nama_opd"])
                self.submissions.append(sub)
                if key == self.RESUBMISSION:
                    later = tanggal + dt.timedelta(days=21)
                    rev = Submission(reg.code, code, year, f"{folder}/{code}_revisi.xlsx", "xlsx", later,
                                     self._build_sheets(reg, o, year, later, petugas), Style(**vars(style)),
                                     deadline=deadline, on_time=later <= deadline, nama_opd=o["nama_opd"],
                                     supersedes=rel)
                    sub.current, sub.superseded_by = False, rev.rel_path
                    self.submissions.append(rev)
        if reg.code == "32.75":
            self.submissions.append(Submission(reg.code, None, 2025, f"submissions/2025/{reg.code}/catatan.xlsx",
                                               "not_a_workbook", None, current=False))

    # ---------------------------------------------------------------- mistakes --------------------------------
    def _sub(self, region: str, year: int, opd: str, current: bool = True) -> Submission:
        return next(s for s in self.submissions
                    if (s.region, s.year, s.opd) == (region, year, opd) and s.current == current)

    def _record(self, table: list, mid: str, sub: Submission, sheet: SheetData | None, row: list | None,
                column: str | None, kind: str, severity: str, value, note: str) -> None:
        excel_row = col = cell = None
        if sheet is not None and row is not None:
            excel_row = next(i for i, r in enumerate(sheet.rows) if r is row) + 2
        if sheet is not None and column is not None:
            col = sheet.columns.index(column)
            cell = f"{xl_col_to_name(col)}{excel_row}" if excel_row else None
        table.append({"id": mid, "file": sub.rel_path, "region": sub.region, "opd": sub.opd, "year": sub.year,
                      "sheet": sheet.name if sheet else None, "excel_row": excel_row, "column": column, "cell": cell,
                      "kind": kind, "severity": severity, "value": value, "note": note, "_row": row})

    def _plant_mistakes(self) -> None:
        M, S = self.mistakes, self.special

        # M01 a negative budget
        sub = self._sub("32.75", 2023, "DINKES")
        sh = sub.sheet("anggaran")
        row = sh.rows[2]
        ci = sh.columns.index("pagu")
        row[ci] = -row[ci]
        self._record(M, "M01", sub, sh, row, "pagu", "negative_number", "error", row[ci],
                     "pagu negatif (nilai sebenarnya positif)")

        # M02 a percentage of 140 in the first version of the resubmitted report; the revision corrects it
        sub = self._sub("33.75", 2024, "DPMPPA", current=False)
        sh = sub.sheet("capaian")
        row = next(r for r in sh.rows if r[0] == "AP3_KASUS_TERTANGANI_PCT")
        ci = sh.columns.index("realisasi")
        correct = row[ci]
        row[ci] = 140
        self._record(M, "M02", sub, sh, row, "realisasi", "percentage_over_100", "error", 140,
                     f"persentase 140; versi revisi ({sub.superseded_by}) memuat nilai benar {correct}")

        # M03 a date that does not exist
        sub = self._sub("33.75", 2023, "DPMPPA")
        sh = sub.sheet("kader")
        row = sh.rows[8]
        row[sh.columns.index("tanggal_pelatihan")] = Raw("31/02/2023")
        self._record(M, "M03", sub, sh, row, "tanggal_pelatihan", "invalid_date", "error", "31/02/2023",
                     "tanggal tidak ada (31 Februari)")

        # M04 an ambiguous number text
        sub = self._sub("33.75", 2025, "DLH")
        sh = sub.sheet("anggaran")
        row = sh.rows[1]
        row[sh.columns.index("pagu")] = Raw("1,234,5")
        self._record(M, "M04", sub, sh, row, "pagu", "ambiguous_number", "error", "1,234,5",
                     "angka tidak dapat ditafsirkan")

        # M05 a duplicate organisation code (a second, different organisation given an existing code)
        sub = self._sub("32.75", 2025, "DPPPA")
        sh = sub.sheet("organisasi")
        kom_rows = [r for r in sh.rows if r[2] == "KOMUNITAS" and r[3] == "KELURAHAN"]
        orig = kom_rows[len(kom_rows) // 2]
        dup = list(orig)
        kel_name = next(n for k, n, _ in self.regions["32.75"].kelurahan if k == orig[4])
        dup[1] = f"Kelompok Wanita Mandiri {kel_name}"
        dup[6], dup[7] = 2024, 21
        sh.rows.insert(next(i for i, r in enumerate(sh.rows) if r is orig) + 1 + 25, dup)
        self._record(M, "M05", sub, sh, dup, "kode_organisasi", "duplicate_code", "error", dup[0],
                     f"kode_organisasi sama dengan baris {next(i for i, r in enumerate(sh.rows) if r is orig) + 2}")

        # M06 an unknown organisation type
        sub = self._sub("32.75", 2024, "DPPPA")
        sh = sub.sheet("organisasi")
        row = next(r for r in sh.rows if r[0] == self.data["32.75"]["arisan_code"])
        row[sh.columns.index("jenis")] = "ARISAN"
        self._record(M, "M06", sub, sh, row, "jenis", "unknown_code", "error", "ARISAN",
                     "jenis tidak ada di daftar_kode (seharusnya KOMUNITAS)")

        # M07 a NIK-like 16-digit number
        sub = self._sub("33.75", 2022, "DINDAGKOPUKM")
        sh = sub.sheet("capaian")
        row = next(r for r in sh.rows if r[0] == "AP1_WIRAUSAHA_P")
        text = "Diverifikasi pendamping UMKM, NIK 3375014107850003"
        row[sh.columns.index("keterangan")] = text
        self._record(M, "M07", sub, sh, row, "keterangan", "nik_like", "error", text,
                     "angka 16 digit menyerupai NIK (data pribadi)")

        # M08 an Excel error value
        sub = self._sub("32.75", 2023, "BKPSDM")
        sh = sub.sheet("capaian")
        row = next(r for r in sh.rows if r[0] == "JABATAN_STRATEGIS_P_PCT")
        row[sh.columns.index("realisasi")] = Formula("=#REF!", "#REF!")
        self._record(M, "M08", sub, sh, row, "realisasi", "excel_error", "error", "#REF!",
                     "rumus rusak, nilai tersimpan #REF!")

        # M09 a target year outside the plan period
        sub = self._sub("33.75", 2022, "BAPPEDA")
        sh = sub.sheet("target")
        last_ipg = max(i for i, r in enumerate(sh.rows) if r[0] == "IPG")
        extra = ["IPG", None, 2027, 95.1, None]
        sh.rows.insert(last_ipg + 1, extra)
        self._record(M, "M09", sub, sh, extra, "tahun", "target_year_outside_period", "error", 2027,
                     "tahun 2027 di luar periode 2022-2026")

        # M10 an advocacy participant that is not a registered organisation
        sub = self._sub("32.75", 2023, "DPPPA")
        sh = sub.sheet("advokasi_peserta")
        known = set(self.data["32.75"]["org_by_code"])
        ghost = "PKK-DW-32.75.05.1003-014-005-02"
        assert ghost not in known
        pos = len(sh.rows) // 2
        extra = [sh.rows[pos][0], ghost, 2]
        sh.rows.insert(pos + 1, extra)
        self._record(M, "M10", sub, sh, extra, "kode_organisasi", "unregistered_organisation", "error", ghost,
                     "organisasi tidak terdaftar di register tahun ini")

        # M11 an extra column (a notice, not an error)
        sub = self._sub("33.75", 2024, "DINKES")
        sh = sub.sheet("anggaran")
        sh.columns.append("catatan")
        for i, r in enumerate(sh.rows):
            r.append("Menunggu verifikasi Bappeda" if i % 4 == 1 else None)
        self._record(M, "M11", sub, sh, None, "catatan", "extra_column", "notice", None,
                     "kolom tambahan di luar kontrak; diabaikan dengan pemberitahuan")
        M[-1]["cell"] = f"{xl_col_to_name(len(sh.columns) - 1)}1"
        M[-1]["excel_row"] = 1

        # M12 a file that is not a workbook
        sub = next(s for s in self.submissions if s.form == "not_a_workbook")
        self._record(M, "M12", sub, None, None, None, "not_a_workbook", "rejected", None,
                     "berkas teks biasa dengan akhiran .xlsx; seluruh berkas ditolak")

        # S01, S02 formulas with a valid cached value (not mistakes: the cached value counts)
        sub = self._sub("33.75", 2022, "BPKAD")
        sh = sub.sheet("anggaran")
        row = sh.rows[0]
        ci = sh.columns.index("pagu")
        v = row[ci]
        a = int(round(v * 0.6, -6))
        row[ci] = Formula(f"={a}+{v - a}", v)
        self._record(S, "S01", sub, sh, row, "pagu", "formula_cached_value", "none", v,
                     "sel rumus; nilai tersimpan harus dibaca sebagai nilai")
        sub = self._sub("33.75", 2023, "BPKAD")
        sh = sub.sheet("capaian")
        row = next(r for r in sh.rows if r[0] == "ARG_PCT")
        r_excel = next(i for i, r in enumerate(sh.rows) if r is row) + 2
        ci = sh.columns.index("realisasi")
        v = row[ci]
        row[ci] = Formula(f"=ROUND(E{r_excel}/F{r_excel}*100,2)", v)
        self._record(S, "S02", sub, sh, row, "realisasi", "formula_cached_value", "none", v,
                     "rumus dengan nilai tersimpan (pembilang/penyebut)")

        # S03 a blank row in the middle of a sheet (skipped, not counted)
        sub = self._sub("32.75", 2022, "DPPPA")
        sh = sub.sheet("kader")
        sh.rows.insert(40, None)
        S.append({"id": "S03", "file": sub.rel_path, "region": sub.region, "opd": sub.opd, "year": sub.year,
                  "sheet": "kader", "excel_row": 42, "column": None, "cell": None, "kind": "blank_row",
                  "severity": "none", "value": None, "note": "baris kosong di tengah lembar; dilewati", "_row": None})

    # ---------------------------------------------------------------- truth -----------------------------------
    def _mistake_rows(self) -> dict[int, str]:
        return {id(m["_row"]): m["id"] for m in self.mistakes if m["_row"] is not None}

    def _finish_truth(self) -> None:
        bad = self._mistake_rows()
        for code in SAMPLE_REGIONS:
            reg = self.regions[code]
            d = self.data[code]
            region_truth = {"name": reg.name, "women_agency_opd": d["ppa"], "indicator_owners": d["owners"],
                            "deadline": f"{reg.deadline_day:02d}-{reg.deadline_month:02d} of the following year",
                            "opds_expected": [o["kode_opd"] for o in reg.opds], "years": {}}
            cum_kader = cum_kader_valid = 0
            for year in REPORT_YEARS:
                y = d["years"][year]
                subs = [s for s in self.submissions if s.region == code and s.year == year and s.opd]
                current = {s.opd: s for s in subs if s.current}
                ppa_sub = current[d["ppa"]]

                # organisations: as written in the women's agency's current workbook
                org_sheet = ppa_sub.sheet("organisasi")
                ci = {c: org_sheet.columns.index(c) for c in org_sheet.columns}

                def counts(rows):
                    out = {"rows": len(rows), "by_jenis": {}, "by_tingkat": {}, "by_status": {}}
                    for r in rows:
                        for key, col in (("by_jenis", "jenis"), ("by_tingkat", "tingkat"), ("by_status", "status")):
                            out[key][r[ci[col]]] = out[key].get(r[ci[col]], 0) + 1
                    for key in ("by_jenis", "by_tingkat", "by_status"):
                        out[key] = dict(sorted(out[key].items()))
                    return out

                written = [r for r in org_sheet.rows if r is not None]
                valid = [r for r in written if id(r) not in bad]
                org_ids = sorted({bad[id(r)] for r in written if id(r) in bad})
                prev = {o.code for o in d["orgs"] if o.registered(year - 1)} if year > REPORT_YEARS[0] else set()
                now = {o.code for o in d["orgs"] if o.registered(year)}
                organisations = {
                    "source_file": ppa_sub.rel_path,
                    "written": {**counts(written), "distinct_codes": len({r[0] for r in written}),
                                "includes_mistake_rows": bool(org_ids), "mistake_ids": org_ids},
                    "valid": {**counts(valid), "active": sum(1 for r in valid if r[ci["status"]] == "AKTIF"),
                              "includes_mistake_rows": False},
                    "new_since_previous_year": len(now - prev) if prev else None,
                    "gone_since_previous_year": len(prev - now) if prev else None,
                }

                # advocacy: events and attendance of the women's agency and the kecamatan offices
                adv = y["advocacy"]
                att_rows = att_valid = 0
                ev_by_opd: dict[str, int] = {}
                adv_ids: set[str] = set()
                for s in current.values():
                    if s.form != "not_a_workbook" and any(sh.name == "advokasi" for sh in s.sheets):
                        ev_by_opd[s.opd] = s.sheet("advokasi").data_rows()
                        for r in s.sheet("advokasi_peserta").rows:
                            if r is None:
                                continue
                            att_rows += 1
                            if id(r) in bad:
                                adv_ids.add(bad[id(r)])
                            else:
                                att_valid += 1
                vals = self._indicator_values(reg, year)
                ov = vals["ORG_ADVOKASI_PCT"]
                advocacy = {
                    "events": sum(ev_by_opd.values()),
                    "events_by_opd": dict(sorted(ev_by_opd.items())),
                    "attendance_rows": att_rows,
                    "attendance_rows_valid": att_valid,
                    "includes_mistake_rows": bool(adv_ids),
                    "mistake_ids": sorted(adv_ids),
                    "advocated_in_year": {"count": len(adv["attended"]), "codes": adv["attended"]},
                    "first_advocated_in_year": len(adv["new"]),
                    "advocated_cumulative": {"count": len(y["cum_adv"]), "codes": sorted(y["cum_adv"])},
                    "active_registered": ov["penyebut"],
                    "active_advocated_cumulative": ov["pembilang"],
                    "cumulative_share_pct": ov["realisasi"],
                    "by_kecamatan": {k: {"active": v["penyebut"], "advocated_cumulative": v["pembilang"],
                                         "share_pct": v["realisasi"]} for k, v in ov["by_kecamatan"].items()},
                    "note": "codes exclude the unregistered participant of M10; active_registered counts valid "
                            "register rows (AKTIF), cumulative_share_pct = active_advocated_cumulative / "
                            "active_registered * 100",
                }

                # cadres
                kad = ppa_sub.sheet("kader")
                k_rows = [r for r in kad.rows if r is not None]
                k_ids = sorted({bad[id(r)] for r in k_rows if id(r) in bad})
                k_valid = len(k_rows) - len(k_ids)
                cum_kader += len(k_rows)
                cum_kader_valid += k_valid
                kc = {c: kad.columns.index(c) for c in kad.columns}
                cadres = {
                    "source_file": ppa_sub.rel_path,
                    "trained_in_year": len(k_rows),
                    "trained_in_year_valid": k_valid,
                    "cumulative": cum_kader,
                    "cumulative_valid": cum_kader_valid,
                    "women": sum(1 for r in k_rows if r[kc["jenis_kelamin"]] == "P"),
                    "with_materi_pug": sum(1 for r in y["kader"] if r["materi_pug"]),
                    "aktif": sum(1 for r in y["kader"] if r["status"] == "AKTIF"),
                    "includes_mistake_rows": bool(k_ids),
                    "mistake_ids": k_ids,
                }

                # posts
                by_kel: dict[str, dict] = {}
                for p in y["posts"]:
                    b = by_kel.setdefault(p["kelompok"], {"posts": 0, "P": 0, "L": 0, "KOSONG": 0, "PLT": 0})
                    b["posts"] += 1
                    b[p["jenis_kelamin"] or "KOSONG"] += 1
                    b["PLT"] += p["status"] == "PLT"
                jv = vals["JABATAN_STRATEGIS_P_PCT"]
                posts = {"source_file": current[next(o["kode_opd"] for o in reg.opds if "KEPEGAWAIAN" in o["roles"])].rel_path,
                         "rows": len(y["posts"]), "by_kelompok": by_kel,
                         "women_share_all_filled_pct": round(100 * sum(b["P"] for b in by_kel.values()) /
                                                             sum(b["P"] + b["L"] for b in by_kel.values()), 2),
                         "strategic_filled": jv["penyebut"], "strategic_women": jv["pembilang"],
                         "strategic_women_pct": jv["realisasi"], "includes_mistake_rows": False,
                         "note": "strategic = SEKDA + JPT_PRATAMA; filled = status DEFINITIF or PLT"}

                # budget lines of all current submissions
                lines_written = 0
                b_ids: set[str] = set()
                for s in current.values():
                    for r in s.sheet("anggaran").rows:
                        if r is None:
                            continue
                        lines_written += 1
                        if id(r) in bad:
                            b_ids.add(bad[id(r)])
                lines = [ln for ls in y["budget"].values() for ln in ls]
                av, gv = vals["ARG_PCT"], vals["OPD_GAP_GBS_PCT"]
                budget = {"lines_written": lines_written, "lines_valid": lines_written - len(b_ids),
                          "lines_responsive": sum(1 for ln in lines if ln["responsif_gender"]),
                          "lines_gap_and_gbs": sum(1 for ln in lines if ln["ada_gap"] and ln["ada_gbs"]),
                          "opds": len(y["budget"]), "opds_with_gap_and_gbs": gv["pembilang"],
                          "pagu_total": av["penyebut"], "pagu_responsive": av["pembilang"], "arg_pct": av["realisasi"],
                          "includes_mistake_rows": bool(b_ids), "mistake_ids": sorted(b_ids),
                          "note": "pagu sums use the true values of every line (also of lines written with a "
                                  "mistake); opds = OPDs that submitted that year"}

                targets = self._indicator_targets(reg, year)
                indicators = {}
                for ind, opd in d["owners"].items():
                    v = vals[ind]
                    entry = {"owner_opd": opd, "unit": self._unit(ind),
                             "targets": {str(k): t for k, t in targets[ind]["values"].items()},
                             "realisasi": v["realisasi"]}
                    if "pembilang" in v:
                        entry["pembilang"], entry["penyebut"] = v["pembilang"], v["penyebut"]
                    if "by_kecamatan" in v:
                        entry["by_kecamatan"] = v["by_kecamatan"]
                    ids = [m["id"] for m in self.mistakes if m["region"] == code and m["year"] == year
                           and m["file"] in {s.rel_path for s in current.values()} and m["sheet"] in ("capaian", "target") and m["_row"] is not None and m["_row"][0] == ind]
                    if ids:
                        entry["written_with_mistake"] = ids
                    indicators[ind] = entry

                opds_sub = sorted(current)
                region_truth["years"][str(year)] = {
                    "submission_status": {
                        "expected": len(reg.opds),
                        "received": len(opds_sub),
                        "missing": sorted(o["kode_opd"] for o in reg.opds if o["kode_opd"] not in current),
                        "late": sorted(s.opd for s in current.values() if not s.on_time),
                        "versions": {s.opd: sum(1 for t in subs if t.opd == s.opd) for s in current.values()
                                     if sum(1 for t in subs if t.opd == s.opd) > 1},
                        "files_not_workbook": [s.rel_path for s in self.submissions
                                               if s.form == "not_a_workbook" and s.region == code and s.year == year],
                    },
                    "organisations": organisations,
                    "advocacy": advocacy,
                    "cadres": cadres,
                    "posts": posts,
                    "budget": budget,
                    "prerequisites": {"nilai": {str(r["kode_prasyarat"]): r["nilai"] for r in y["prasyarat"]},
                                      "mean": vals["PRASYARAT_SKOR"]["realisasi"], "includes_mistake_rows": False},
                    "indicators": indicators,
                }
            self.truth_regions[code] = region_truth

    def truth(self) -> dict:
        files = []
        for s in sorted(self.submissions, key=lambda s: s.rel_path):
            entry = {"path": s.rel_path, "region": s.region, "opd": s.opd, "year": s.year,
                     "tanggal_kirim": s.tanggal_kirim.isoformat() if s.tanggal_kirim else None,
                     "deadline": s.deadline.isoformat() if s.deadline else None, "on_time": s.on_time,
                     "form": s.form, "current": s.current}
            if s.form == "not_a_workbook":
                entry["expected_status"] = "rejected"
            else:
                entry["sheets"] = {sh.name: sh.data_rows() for sh in s.sheets}
                entry["formats"] = {"dates": s.style.dates, "numbers": s.style.numbers,
                                    "percent_sign": s.style.pct_sign, "yesno": s.style.yesno}
                if s.form == "csv":
                    entry["formats"]["separator"] = s.style.sep
                else:
                    entry["formats"]["petunjuk_sheet"] = s.style.petunjuk
            if s.supersedes:
                entry["supersedes"] = s.supersedes
            if s.superseded_by:
                entry["superseded_by"] = s.superseded_by
            ids = [m["id"] for m in self.mistakes if m["file"] == s.rel_path]
            if ids:
                entry["mistakes"] = ids
            ids = [m["id"] for m in self.special if m["file"] == s.rel_path]
            if ids:
                entry["special_cases"] = ids
            files.append(entry)
        clean = lambda rows: [{k: v for k, v in m.items() if k != "_row"} for m in rows]  # noqa: E731
        return {
            "generator": "pug.sample.generate_sample",
            "seed": self.seed,
            "synthetic": True,
            "plan_period": {"kode_periode": self.period["kode_periode"], "tahun_awal": self.period_years[0],
                            "tahun_akhir": self.period_years[-1]},
            "report_years": list(REPORT_YEARS),
            "notes": {
                "row_counts": "files[].sheets counts every data row written (faulty rows included), excluding the "
                              "header and blank rows; the file that is not a workbook has none",
                "mistake_rows": "figures say with includes_mistake_rows / mistake_ids whether they count rows that "
                                "carry a deliberate mistake; *_valid figures leave those rows out",
                "current_version": "files[].current marks the version that should be current per (region, OPD, year)",
                "percent_text": "percent_sign files write % indicators as e.g. '71,35%', meaning 71.35 percent points",
            },
            "regions": self.truth_regions,
            "files": files,
            "mistakes": clean(self.mistakes),
            "special_cases": clean(self.special),
        }


# --------------------------------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------------------------------


def _kind(sheet: str, column: str, row: list | None) -> str:
    if sheet == IDENTITAS:
        if column == "isian" and row is not None:
            return next((f.kind for f in IDENTITAS_FIELDS if f.name == row[0]), TEXT)
        return TEXT
    spec = SHEETS.get(sheet)
    if spec is None or column not in spec.column_names:
        return TEXT
    return spec.column(column).kind


def _group(n: int) -> str:
    s = f"{abs(n):,}".replace(",", ".")
    return f"-{s}" if n < 0 else s


def _dec_text(v: float) -> str:
    s = f"{v:.6f}".rstrip("0").rstrip(".")
    whole, _, frac = s.partition(".")
    whole_n = int(whole)
    whole_s = _group(whole_n) if abs(whole_n) >= 1_000_000 else whole
    return f"{whole_s},{frac}" if frac else whole_s


def _id_number(v, kind: str, column: str, pct: bool) -> str:
    """Indonesian notation as OPD staff type it; never ambiguous (no lone thousands dot in a DECIMAL)."""
    whole = float(v).is_integer()
    if column == "pagu" and whole:
        return "Rp " + _group(int(v))
    if pct:
        return _dec_text(float(v)) + "%"
    if whole:
        n = int(v)
        if kind == INTEGER or abs(n) >= 1_000_000:
            return _group(n)
        return str(n)
    return _dec_text(float(v))


def _text_date(d: dt.date, style: str) -> str:
    if style == "dmy":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "long":
        return f"{d.day} {BULAN[d.month]} {d.year}"
    return d.isoformat()


def _yesno(v: bool, style: str) -> str:
    if style == "YaTidak":
        return "Ya" if v else "Tidak"
    return "Y" if v else "T"


def _pct_cell(sheet: str, column: str, row: list, pct_codes: set[str], style: Style) -> bool:
    return style.pct_sign and sheet == "capaian" and column == "realisasi" and row[0] in pct_codes


def _csv_text(value, kind: str, column: str, style: Style, pct: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, Formula):
        value = value.value
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, bool):
        return _yesno(value, style.yesno)
    if isinstance(value, dt.date):
        return _text_date(value, style.dates if style.dates != "excel" else "iso")
    if isinstance(value, (int, float)) and kind != YEAR:
        if float(value).is_integer():
            return str(int(value))
        return _dec_text(float(value))
    return str(value)


PETUNJUK = [
    "PETUNJUK PENGISIAN LAPORAN TAHUNAN PENGARUSUTAMAAN GENDER (PUG)",
    "",
    "1. Isi lembar 'identitas' (kode wilayah, kode OPD, tahun laporan, tanggal kirim, nama petugas).",
    "2. Baris pertama setiap lembar adalah judul kolom. Jangan mengubah, menghapus atau memindahkan judul kolom.",
    "3. Isi data mulai baris kedua, satu baris untuk satu data. Baris kosong akan dilewati.",
    "4. Tanggal ditulis sebagai tanggal Excel atau dd/mm/yyyy (contoh 18/04/2022).",
    "5. Angka boleh memakai titik ribuan dan koma desimal (1.234.567 atau 12,5); rupiah boleh ditulis Rp 1.500.000.",
    "6. Ya/Tidak ditulis Y atau T; jenis kelamin ditulis P (perempuan) atau L (laki-laki).",
    "7. Jangan menuliskan NIK atau data pribadi lain di mana pun.",
    "8. Laporan yang sudah dikirim dapat diperbaiki dengan mengirim versi baru; versi terbaru yang diterima berlaku.",
    "",
    "Catatan: berkas ini adalah data contoh sintetis untuk uji coba, bukan data resmi.",
]


def _write_xlsx(path: Path, sub: Submission, pct_codes: set[str]) -> None:
    st = sub.style
    wb = xlsxwriter.Workbook(str(path), {"in_memory": True, "strings_to_numbers": False,
                                         "strings_to_formulas": False, "strings_to_urls": False})
    created = dt.datetime.combine(sub.tanggal_kirim, dt.time(9, 0))
    wb.set_properties({"title": f"Laporan PUG {sub.opd} {sub.year}", "author": "Generator sampel PUG (data sintetis)",
                       "company": sub.region, "comments": "Data sintetis", "created": created})
    head = wb.add_format({"bold": True, "bg_color": "#D9E1F2"})
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})

    def petunjuk():
        ws = wb.add_worksheet("petunjuk")
        ws.set_column(0, 0, 110)
        for i, line in enumerate(PETUNJUK):
            ws.write_string(i, 0, line)

    if st.petunjuk == "first":
        petunjuk()
    for sh in sub.sheets:
        ws = wb.add_worksheet(sh.name)
        for c, name in enumerate(sh.columns):
            ws.write_string(0, c, name, head)
            ws.set_column(c, c, max(12, min(45, len(name) + 4)))
        for i, row in enumerate(sh.rows):
            if row is None:
                continue
            r = i + 1
            for c, value in enumerate(row):
                if value is None:
                    continue
                column = sh.columns[c]
                kind = _kind(sh.name, column, row)
                if isinstance(value, Formula):
                    ws.write_formula(r, c, value.formula, None, value.value)
                elif isinstance(value, Raw):
                    ws.write_string(r, c, value.text)
                elif isinstance(value, bool):
                    ws.write_string(r, c, _yesno(value, st.yesno))
                elif isinstance(value, dt.date):
                    if st.dates == "excel":
                        ws.write_datetime(r, c, value, date_fmt)
                    else:
                        ws.write_string(r, c, _text_date(value, st.dates))
                elif isinstance(value, (int, float)):
                    if st.numbers == "id_text" and kind in (INTEGER, DECIMAL):
                        ws.write_string(r, c, _id_number(value, kind, column, _pct_cell(sh.name, column, row, pct_codes, st)))
                    else:
                        ws.write_number(r, c, value)
                else:
                    ws.write_string(r, c, str(value))
    if st.petunjuk == "last":
        petunjuk()
    wb.close()


def _write_csv_folder(folder: Path, sub: Submission, pct_codes: set[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for sh in sub.sheets:
        with (folder / f"{sh.name}.csv").open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, delimiter=sub.style.sep, lineterminator="\n")
            w.writerow(sh.columns)
            for row in sh.rows:
                if row is None:
                    w.writerow([])
                    continue
                w.writerow([_csv_text(v, _kind(sh.name, sh.columns[c], row), sh.columns[c], sub.style,
                                      _pct_cell(sh.name, sh.columns[c], row, pct_codes, sub.style))
                            for c, v in enumerate(row)])


NOT_A_WORKBOOK_TEXT = (
    "Catatan rapat koordinasi Pokja PUG\n"
    "Laporan beberapa OPD menyusul setelah verifikasi.\n"
    "(Berkas ini teks biasa yang diberi akhiran .xlsx; bukan buku kerja Excel.)\n"
)


# --------------------------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------------------------


def generate_sample(raw_dir: Path, seed: int = DEFAULT_SEED) -> dict:
    """Write the deterministic sample submissions and `sample_truth.json` under `raw_dir`; return a summary."""
    raw_dir = Path(raw_dir)
    regions, indikator, period = _load_reference(raw_dir / "reference")
    gen = _Generator(regions, indikator, period, seed)
    gen.build()
    pct_codes = {i["kode_indikator"] for i in indikator if i["satuan"] == "%"}
    for sub in gen.submissions:
        target = raw_dir / sub.rel_path
        target.parent.mkdir(parents=True, exist_ok=True)
        if sub.form == "xlsx":
            _write_xlsx(target, sub, pct_codes)
        elif sub.form == "csv":
            _write_csv_folder(target, sub, pct_codes)
        else:
            target.write_text(NOT_A_WORKBOOK_TEXT, encoding="utf-8")
    truth = gen.truth()
    (raw_dir / TRUTH_FILE).write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return {
        "raw_dir": str(raw_dir),
        "truth": str(raw_dir / TRUTH_FILE),
        "seed": seed,
        "files": len(gen.submissions),
        "xlsx": sum(1 for s in gen.submissions if s.form == "xlsx"),
        "csv_folders": sum(1 for s in gen.submissions if s.form == "csv"),
        "not_a_workbook": sum(1 for s in gen.submissions if s.form == "not_a_workbook"),
        "regions": list(SAMPLE_REGIONS),
        "years": list(REPORT_YEARS),
        "organisations": {c: {str(y): t["years"][str(y)]["organisations"]["written"]["rows"] for y in REPORT_YEARS}
                          for c, t in gen.truth_regions.items()},
        "mistakes": len(gen.mistakes),
        "special_cases": len(gen.special),
    }
