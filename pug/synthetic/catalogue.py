"""Word lists and fixed tables of the synthetic generators: names, organisations, OPDs, budget lines, themes.

Data only, no logic: the world model (pug.synthetic.world) and the two generators draw from these lists. Every
name is invented or generic (organisation kinds and OPD names are public conventions, not real people).
"""

from __future__ import annotations

# ---------------------------------------------------------------- people and places ----------------------------

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

BULAN = ("", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")

# Invented place names for regions made up when the official list is absent, under province codes no real
# province uses.
REAL_PROVINCES = {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65,
                  71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96}
FICTIONAL_PROVINCES = [97, 98, 99] + [c for c in range(90, 10, -1) if c not in REAL_PROVINCES]
NAME_HEADS = ["Suka", "Mekar", "Sido", "Tanjung", "Karang", "Sumber", "Batu", "Mulya", "Jaya", "Sari", "Rejo", "Harapan",
              "Bukit", "Sungai", "Tegal", "Pasir", "Cempaka", "Kali", "Giri", "Wono", "Purwo", "Tirta", "Bumi", "Marga"]
NAME_TAILS = ["jaya", "mulya", "sari", "rejo", "makmur", "indah", "baru", "asri", "agung", "harja", "wangi", "raya",
              "lestari", "mukti", "rahayu", "tani", "sejahtera", "kencana", "manik", "laut"]
COMPASS = ["Utara", "Selatan", "Timur", "Barat", "Tengah"]

# ---------------------------------------------------------------- women's organisations ------------------------

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
# The three GOW members that are always there (the spouse organisations of civil servants, police and army).
CORE_GOW_MEMBERS = ("DWP", "BHAYANGKARI", "PERSIT")
KEC_BRANCHES = [
    ("MUSLIMAT", "Pimpinan Anak Cabang Muslimat NU Kecamatan {kec}", (150, 900)),
    ("FATAYAT", "Pimpinan Anak Cabang Fatayat NU Kecamatan {kec}", (80, 500)),
    ("AISYIYAH", "Pimpinan Cabang Aisyiyah {kec}", (80, 500)),
]
LOCAL_GROUPS = [  # (name template, jenis, members range)
    ("Kelompok Wanita Tani {f}", "PROFESI_EKONOMI", (15, 40)),
    ("Kelompok Usaha Perempuan {f}", "PROFESI_EKONOMI", (10, 35)),
    ("Koperasi Wanita {f}", "PROFESI_EKONOMI", (20, 120)),
    ("Majelis Taklim Perempuan {f}", "KEAGAMAAN", (20, 90)),
    ("Komunitas Ibu Peduli Gizi {f}", "KOMUNITAS", (10, 40)),
    ("Forum Perempuan Desa {f}", "KOMUNITAS", (10, 30)),
]

# ---------------------------------------------------------------- OPDs -----------------------------------------

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

# ---------------------------------------------------------------- budget lines ---------------------------------

# The urusan (government affairs) code of an OPD's budget lines: by its first role, else by its code, else 4.01.
ROLE_URUSAN = {"PPPA": "2.08", "PERENCANAAN": "5.01", "KEPEGAWAIAN": "5.03", "KEUANGAN": "5.02", "KESEHATAN": "1.02",
               "PENDIDIKAN": "1.01", "SOSIAL": "1.06", "KOPERASI_UMKM": "2.17", "TENAGA_KERJA": "2.07",
               "KECAMATAN": "7.01", "KELUARGA_BERENCANA": "2.14", "KEPENDUDUKAN": "2.12"}
URUSAN = {
    "DPMPPA": "2.08", "DPPPA": "2.08", "BAPPEDA": "5.01", "BAPPELITBANGDA": "5.01", "BKPSDM": "5.03",
    "BPKAD": "5.02", "BAPENDA": "5.02", "DINKES": "1.02", "DINDIK": "1.01", "DISDIK": "1.01",
    "DINSOSP2KB": "1.06", "DINSOS": "1.06", "DINDAGKOPUKM": "2.17", "DINKOPUKM": "2.17",
    "DINPERINAKER": "2.07", "DISNAKER": "2.07", "SETDA": "4.01", "SETWAN": "4.02", "INSPEKTORAT": "6.01",
    "DPUPR": "1.03", "DBMSDA": "1.03", "DINPERKIM": "1.04", "DISPERKIMTAN": "1.04", "DLH": "2.11",
    "DINHUB": "2.15", "DISHUB": "2.15", "DINKOMINFO": "2.16", "DISKOMINFOSTANDI": "2.16",
    "DINDUKCAPIL": "2.12", "DISDUKCAPIL": "2.12", "DINPARBUDPORA": "3.26", "DISBUDPAR": "3.26",
    "SATPOLPP": "1.05", "BPBD": "1.05", "DKP": "3.25", "KESBANGPOL": "8.01", "DPMPTSP": "2.18",
    "DISPERKIM": "1.04", "DISKOMINFO": "2.16", "DISPARBUD": "3.26", "DISPORA": "2.19", "DISPERTAN": "3.27",
    "DPMD": "2.13", "DISPERPUSIP": "2.23", "DISKETAPANG": "2.09", "DISPERINDAG": "3.31", "DAMKAR": "1.05",
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


# ---------------------------------------------------------------- advocacy and indicators ----------------------

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

SUMBER_DATA = {
    "ORG_ADVOKASI_PCT": "Register organisasi perempuan dan daftar hadir advokasi PUG",
    "ORG_ADVOKASI_JML": "Daftar hadir kegiatan advokasi PUG",
    "KADER_KK_JML": "Data kader pendamping ketahanan keluarga TP PKK",
    "KRPPA_PCT": "SK Wali Kota tentang Kelurahan Ramah Perempuan dan Peduli Anak",
    "JABATAN_STRATEGIS_P_PCT": "SIMPEG BKPSDM per 31 Desember",
    "ARG_PCT": "SIPD dan penandaan anggaran responsif gender",
    "TOTAL_BELANJA_LANGSUNG": "APBD, rekapitulasi belanja langsung BPKAD",
    "OPD_FOCAL_POINT_PCT": "SK focal point PUG dan daftar peserta pelatihan PUG",
    "OPD_SIGA_PCT": "Rekap penyampaian data ke SIGA",
    "POKJA_PUG_SK": "SK kepala daerah tentang Pokja PUG",
    "RAD_PUG": "Dokumen Rencana Aksi Daerah PUG",
    "TPAK_P": "BPS, Sakernas Agustus",
    "KLA_NILAI": "Hasil evaluasi KLA KemenPPPA",
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


# ---------------------------------------------------------------- posts ----------------------------------------

HEAD_DIVISIONS = ["Program dan Perencanaan", "Pelayanan", "Pengembangan", "Pengendalian dan Evaluasi"]
SECTIONS = ["Umum dan Kepegawaian", "Keuangan", "Perencanaan", "Data dan Informasi", "Pelayanan", "Pembinaan",
            "Pengawasan"]
KECAMATAN_SECTIONS = ["Pemerintahan", "Pemberdayaan Masyarakat", "Ketenteraman dan Ketertiban", "Kesejahteraan Sosial"]
SETDA_ASSISTANTS = ["Pemerintahan dan Kesejahteraan Rakyat", "Perekonomian dan Pembangunan", "Administrasi Umum"]
SETDA_ADVISERS = ["Hukum dan Politik", "Ekonomi dan Keuangan", "Kemasyarakatan dan SDM"]
SETDA_PARTS = ["Tata Pemerintahan", "Hukum", "Kesejahteraan Rakyat", "Perekonomian", "Administrasi Pembangunan",
               "Pengadaan Barang dan Jasa", "Organisasi", "Protokol dan Komunikasi Pimpinan", "Umum"]
SETWAN_PARTS = ["Umum dan Keuangan", "Persidangan dan Perundang-undangan", "Fasilitasi Penganggaran"]

# ---------------------------------------------------------------- the seven prerequisites ----------------------

# What each prerequisite (by its key in raw/reference/prasyarat.csv) means locally and the evidence named when it
# is met; {head} is Wali Kota or Bupati, {rule} Perwal or Perbup.
PREREQUISITE_TEXT = {
    "KOMITMEN": ("Peraturan {head} tentang Pengarusutamaan Gender dan komitmen bersama kepala OPD",
                 "{rule} PUG; Piagam komitmen bersama {year}"),
    "KEBIJAKAN": ("PUG diintegrasikan dalam RPJMD, Renstra dan Renja Perangkat Daerah", "RPJMD; RKPD {year}"),
    "KELEMBAGAAN": ("Pokja PUG ditetapkan dan Focal Point PUG ada di setiap OPD", "SK {head} tentang Pokja PUG Tahun {year}"),
    "SUMBER_DAYA": ("Sumber daya manusia terlatih PPRG dan anggaran untuk PUG", "Daftar peserta pelatihan PPRG {year}"),
    "DATA_TERPILAH": ("Profil gender dan data terpilah tersedia dan diperbarui setiap tahun", "Buku Profil Gender {year}"),
    "ALAT_ANALISIS": ("OPD menyusun GAP dan GBS untuk kegiatan prioritas", "Rekap GAP dan GBS OPD {year}"),
    "PARTISIPASI": ("Organisasi perempuan, PSW dan dunia usaha terlibat dalam perencanaan", "Notulen Musrenbang Perempuan {year}"),
}

# ---------------------------------------------------------------- texts of files -------------------------------

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

NOT_A_WORKBOOK_TEXT = (
    "Catatan rapat koordinasi Pokja PUG\n"
    "Laporan beberapa OPD menyusul setelah verifikasi.\n"
    "(Berkas ini teks biasa yang diberi akhiran .xlsx; bukan buku kerja Excel.)\n"
)
