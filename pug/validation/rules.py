"""The rule catalogue: what Great Expectations checks on each sheet once its values are typed.

Each rule becomes one expectation of the sheet's suite, with a stable code, a severity and bilingual messages in
its `meta`. The parser (pug.parse, codes in pug.findings.CATALOGUE) checks what can only be seen in the raw cells:
file readability, headers, types and formats, required values, NIK-like numbers. Cross-sheet and cross-submission
facts (is this organisation registered? does this scope exist?) are computed as columns by the SQL in
pug/sql/validation/rule_inputs/, so each rule is still one expectation on one table.

docs/validation-rules.md is generated from both catalogues by `pug rules` (a test keeps it in step).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from pug import contract
from pug.findings import ERROR, WARNING
from pug.reference import Reference


@dataclass(frozen=True)
class RuleContext:
    reference: Reference
    report_year: int
    lone_file: bool  # `pug check` of one file: what other OPDs submit is unknown


@dataclass(frozen=True)
class Rule:
    code: str
    sheet: str
    column: str  # the submitted column the finding points at
    severity: str
    expectation: str  # Great Expectations class name (gx.expectations.<name>)
    arguments: dict | Callable[[RuleContext], dict]
    message: str  # Bahasa Indonesia; {value} is the submitted value
    message_en: str
    hint: str  # how to fix it, in Bahasa Indonesia
    lone_file_severity: str | None = None  # severity in a lone-file check, when it differs
    condition: tuple | None = None  # (column, operator, value): the rule applies to these rows only
    description: str = ""
    cause_column: str | None = None  # a rule input whose value fills {cause} in the messages (what made the row fail)

    def severity_for(self, context: RuleContext) -> str:
        return self.lone_file_severity if context.lone_file and self.lone_file_severity else self.severity

    def kwargs(self, context: RuleContext) -> dict:
        return self.arguments(context) if callable(self.arguments) else dict(self.arguments)

    @property
    def condition_text(self) -> str:
        if not self.condition:
            return ""
        column, operator, value = self.condition
        return f"{column} {operator} {value!r}"


def _in_set(column: str, values: Callable[[RuleContext], list]) -> Callable[[RuleContext], dict]:
    return lambda c: {"column": column, "value_set": sorted(values(c))}


def _code_list(name: str) -> Callable[[RuleContext], list]:
    return lambda c: c.reference.code_lists.get(name, set())


def _true(column: str) -> dict:
    return {"column": column, "value_set": [True]}


def _between(column: str, low=None, high=None, strict_low=False, strict_high=False) -> dict:
    arguments = {"column": column, "min_value": low, "max_value": high}
    if strict_low:
        arguments["strict_min"] = True
    if strict_high:
        arguments["strict_max"] = True
    return arguments


def _indicator_codes(c: RuleContext) -> list:
    return list(c.reference.tables["indikator"]["kode_indikator"])


def _period_of_year(c: RuleContext) -> dict:
    period = c.reference.period_of(c.report_year)
    start, end = (period[1], period[2]) if period else (c.report_year, c.report_year)
    return {"column": "tahun", "min_value": start, "max_value": end}


HINT_CODE_LIST = f"Pilih salah satu kode dari daftar pilihan kolom ini (lembar {contract.CODE_LISTS} pada templat)."
HINT_UNIQUE = "Setiap baris harus punya kode yang berbeda; hapus baris ganda atau beri kode baru."
HINT_REGION = f"Gunakan kode wilayah Kemendagri di dalam kab/kota Anda (lihat lembar {contract.REGION_LIST} pada templat)."
HINT_REGISTER = (f"Gunakan kode organisasi dari register (lembar {contract.ORGANISATION_LIST} pada templat, atau lembar organisasi "
                 "laporan DP3A/kecamatan tahun ini)")
PERCENT = ("satuan", "==", "%")
YES_NO_UNIT = ("satuan", "==", "ada")  # an indicator that is in place (1) or not (0): a decree, an action plan
FAR_FROM_LAST_YEAR = 10  # a value this many times last year's, or a tenth of it, is an order of magnitude off


def _key_rule(sheet: str) -> Rule:
    shown = ", ".join(contract.SHEETS[sheet].key)
    return Rule(
        "DUPLICATE_KEY", sheet, contract.SHEETS[sheet].key[0], ERROR, "ExpectColumnValuesToBeBetween",
        _between("key_occurrence", high=1),
        f"Kombinasi {shown} ('{{value}}') sudah dipakai pada baris sebelumnya di lembar ini.",
        f"The combination of {shown} ('{{value}}') is already used on an earlier row of this sheet.", HINT_UNIQUE,
        description=f"{shown} is unique within the sheet; the first row keeps it, later rows are flagged",
    )


def _code_list_rule(sheet: str, column: str, list_name: str) -> Rule:
    return Rule(
        "CODE_NOT_IN_LIST", sheet, column, ERROR, "ExpectColumnValuesToBeInSet", _in_set(column, _code_list(list_name)),
        f"'{{value}}' tidak ada dalam daftar kode '{list_name}'.", f"'{{value}}' is not in the code list '{list_name}'.",
        HINT_CODE_LIST, description=f"{column} is a code of the list {list_name} (raw/reference/daftar_kode.csv)",
    )


def _region_rules(sheet: str, column: str = "kode_wilayah") -> list[Rule]:
    return [
        Rule("REGION_CODE_UNKNOWN", sheet, column, ERROR, "ExpectColumnValuesToBeInSet", _true("region_known"),
             "Kode wilayah '{value}' tidak ada dalam daftar wilayah Kemendagri.",
             "Region code '{value}' is not in the Kemendagri region list.", HINT_REGION,
             description=f"{column} is a registered region code"),
        Rule("REGION_OUTSIDE_SUBMITTER", sheet, column, ERROR, "ExpectColumnValuesToBeInSet", _true("inside_region"),
             "Kode wilayah '{value}' berada di luar kab/kota pelapor.",
             "Region code '{value}' lies outside the submitting kab/kota.", HINT_REGION,
             description=f"{column} lies inside the submitting kab/kota"),
    ]


def _date_rules(sheet: str, column: str, far_severity: str = ERROR) -> list[Rule]:
    return [
        Rule("DATE_FAR_FROM_REPORT_YEAR", sheet, column, far_severity, "ExpectColumnValuesToBeBetween",
             _between("days_outside_year", high=90),
             "Tanggal {value} jauh di luar tahun laporan (lebih dari 90 hari).",
             "Date {value} lies more than 90 days outside the report year.",
             "Periksa tahun pada tanggal; kegiatan dilaporkan pada tahun terjadinya.",
             description=f"{column} lies in the report year or within 90 days of it"),
        Rule("DATE_OUTSIDE_REPORT_YEAR", sheet, column, WARNING, "ExpectColumnValuesToBeBetween",
             _between("days_outside_year", high=0),
             "Tanggal {value} di luar tahun laporan.", "Date {value} lies outside the report year.",
             "Pastikan kegiatan ini memang termasuk laporan tahun ini.", condition=("days_outside_year", "<=", 90),
             description=f"{column} lies in the report year"),
    ]


def _not_negative(sheet: str, column: str, code: str = "COUNT_NEGATIVE") -> Rule:
    return Rule(code, sheet, column, ERROR, "ExpectColumnValuesToBeBetween", _between(column, low=0),
                "Nilai {value} tidak boleh negatif.", "Value {value} must not be negative.",
                "Tulis angka nol atau lebih; tanda minus tidak dipakai.", description=f"{column} is not negative")


def _indicator_rules(sheet: str, value_column: str) -> list[Rule]:
    return [
        Rule("INDICATOR_UNKNOWN", sheet, "kode_indikator", ERROR, "ExpectColumnValuesToBeInSet", _in_set("kode_indikator", _indicator_codes),
             "Kode indikator '{value}' tidak ada dalam katalog indikator.", "Indicator code '{value}' is not in the catalogue.",
             f"Gunakan kode indikator dari lembar {contract.INDICATOR_LIST} pada templat.", description="kode_indikator is in raw/reference/indikator.csv"),
        _not_negative(sheet, value_column, "VALUE_NEGATIVE"),
        Rule("PERCENT_OUT_OF_RANGE", sheet, value_column, ERROR, "ExpectColumnValuesToBeBetween", _between(value_column, 0, 100),
             "Persentase {value} harus antara 0 dan 100.", "Percentage {value} must lie between 0 and 100.",
             "Tulis persen sebagai angka 0 sampai 100, misalnya 45 atau 45%.", condition=PERCENT,
             description=f"{value_column} of a % indicator lies between 0 and 100"),
        Rule("YES_NO_INDICATOR_NOT_0_1", sheet, value_column, ERROR, "ExpectColumnValuesToBeInSet",
             {"column": value_column, "value_set": [0, 1]},
             "Nilai {value} tidak berlaku: indikator ini diisi 1 (ada) atau 0 (belum ada).",
             "Value {value} is not allowed: this indicator is 1 (in place) or 0 (not yet).",
             "Tulis 1 bila sudah ada (misalnya SK sudah ditetapkan), 0 bila belum.", condition=YES_NO_UNIT,
             description=f"{value_column} of an indicator in unit 'ada' is 0 or 1"),
        Rule("SCOPE_UNKNOWN", sheet, "lingkup", ERROR, "ExpectColumnValuesToBeInSet", _true("scope_known"),
             "Lingkup '{value}' bukan kode wilayah di kab/kota ini maupun kode organisasi yang terdaftar.",
             "Scope '{value}' is neither a region of this kab/kota nor a registered organisation.",
             f"Kosongkan lingkup untuk seluruh kab/kota, atau tulis kode kecamatan/kelurahan (lembar {contract.REGION_LIST}) atau kode "
             f"organisasi yang terdaftar (lembar {contract.ORGANISATION_LIST}).",
             lone_file_severity=WARNING, description="lingkup is blank, a region inside the kab/kota, or a registered organisation"),
        _dropped_from_register(sheet, ERROR, "lingkup", "scope_dropped_by"),
        Rule("SCOPE_OTHER_REGION", sheet, "lingkup", ERROR, "ExpectColumnValuesToBeInSet", _true("scope_of_this_region"),
             "Lingkup '{value}' adalah kode wilayah kab/kota lain, bukan wilayah kab/kota pelapor.",
             "Scope '{value}' is a region code of another kab/kota, not of the reporting one.",
             "Tulis kode kecamatan atau kelurahan di kab/kota Anda, atau kosongkan lingkup untuk seluruh kab/kota.",
             description="lingkup is not a region code of another kab/kota"),
    ]


def _opd_known(sheet: str, code: str) -> Rule:
    return Rule(code, sheet, "kode_opd", ERROR, "ExpectColumnValuesToBeInSet", _true("opd_known"),
                "OPD '{value}' tidak terdaftar di kab/kota ini.", "OPD '{value}' is not registered in this kab/kota.",
                f"Gunakan kode OPD dari lembar {contract.OPD_LIST} pada templat.", description="kode_opd is an OPD of the region")


def _dropped_from_register(sheet: str, severity: str, column: str = "kode_organisasi", cause: str = "org_dropped_by") -> Rule:
    """An organisation code (`column`) that a newer version of another OPD's register left out (`cause`, from
    dropped_by in context.sql): said with the version that dropped it, instead of as merely not registered."""
    return Rule(
        "ORG_DROPPED_FROM_REGISTER", sheet, column, severity, "ExpectColumnValuesToBeNull", {"column": cause},
        "Organisasi {value} tidak ada lagi dalam register tahun ini: laporan {cause} menghapusnya dari lembar organisasi.",
        "Organisation {value} is no longer in this year's register: the report {cause} left it out of its organisasi sheet.",
        "Bila organisasi ini masih ada, minta OPD tersebut mengirim ulang register lengkap; bila tidak, hapus barisnya.",
        cause_column=cause,
        description=f"{column} was not dropped from the register by a newer version of an OPD's report",
    )


# The rules of each sheet beyond those its contract implies (derived_rules).
OWN_RULES: list[Rule] = [
    # target
    *_indicator_rules("target", "target"),
    Rule("TARGET_YEAR_OUTSIDE_PERIOD", "target", "tahun", ERROR, "ExpectColumnValuesToBeBetween", _period_of_year,
         "Tahun target {value} di luar periode rencana.", "Target year {value} lies outside the plan period.",
         "Target hanya untuk tahun-tahun periode rencana (misalnya 2022 sampai 2026).",
         description="tahun lies in the plan period of the report year"),
    Rule("CUMULATIVE_TARGET_DECREASES", "target", "target", WARNING, "ExpectColumnPairValuesAToBeGreaterThanB",
         {"column_A": "target", "column_B": "previous_target", "or_equal": True, "ignore_row_if": "either_value_is_missing"},
         "Target kumulatif {value} lebih kecil dari target tahun sebelumnya.",
         "Cumulative target {value} is lower than the target of the year before.",
         "Target indikator kumulatif tidak boleh turun dari tahun ke tahun; periksa angkanya.",
         description="targets of a cumulative indicator never decrease from year to year"),
    # capaian
    *_indicator_rules("capaian", "realisasi"),
    Rule("VALUE_YEAR_NOT_REPORT_YEAR", "capaian", "tahun", WARNING, "ExpectColumnValuesToBeInSet",
         lambda c: {"column": "tahun", "value_set": [c.report_year]},
         "Realisasi untuk tahun {value}, bukan tahun laporan.", "The value is for year {value}, not the report year.",
         "Laporkan realisasi tahun laporan; realisasi tahun lain dilaporkan pada laporan tahun itu.",
         description="tahun is the report year"),
    Rule("RATIO_DENOMINATOR_INVALID", "capaian", "penyebut", ERROR, "ExpectColumnValuesToBeBetween",
         _between("penyebut", low=0, strict_low=True),
         "Penyebut {value} harus lebih dari nol.", "Denominator {value} must be greater than zero.",
         "Isi penyebut dengan jumlah seluruhnya (lebih dari 0), atau kosongkan.", description="penyebut, when given, is above zero"),
    Rule("RATIO_NUMERATOR_EXCEEDS", "capaian", "pembilang", ERROR, "ExpectColumnPairValuesAToBeGreaterThanB",
         {"column_A": "penyebut", "column_B": "pembilang", "or_equal": True, "ignore_row_if": "either_value_is_missing"},
         "Pembilang {value} lebih besar dari penyebut.", "Numerator {value} exceeds the denominator.",
         "Pembilang adalah bagian dari penyebut, jadi tidak boleh lebih besar.", condition=PERCENT,
         description="for a % indicator, pembilang is at most penyebut"),
    Rule("RATIO_INCONSISTENT", "capaian", "realisasi", WARNING, "ExpectColumnValuesToBeBetween", _between("ratio_gap", high=0.5),
         "Realisasi {value} tidak sama dengan pembilang / penyebut x 100.",
         "Value {value} differs from numerator / denominator x 100.",
         "Hitung ulang realisasi = pembilang / penyebut x 100 (selisih paling banyak 0,5).",
         description="a % value equals 100 x pembilang / penyebut within 0.5 points"),
    Rule("INDICATOR_OWNER_CONFLICT", "capaian", "kode_indikator", WARNING, "ExpectColumnValuesToBeBetween", _between("owners_of_scope", high=1),
         "Indikator {value} dengan lingkup yang sama juga dilaporkan OPD lain.",
         "Indicator {value} with the same scope is also reported by another OPD.",
         "Satu indikator dan lingkup hanya dilaporkan oleh satu OPD pemilik; koordinasikan dengan Bappeda.",
         description="one OPD only reports an indicator for a scope and year"),
    Rule("VALUE_FAR_FROM_LAST_YEAR", "capaian", "realisasi", WARNING, "ExpectColumnValuesToBeBetween",
         _between("change_factor", high=FAR_FROM_LAST_YEAR, strict_high=True),
         "Realisasi {value} berbeda sepuluh kali lipat atau lebih dari realisasi indikator dan lingkup yang sama tahun "
         "lalu ({cause}).",
         "Value {value} is ten times or more away from last year's value of the same indicator and scope ({cause}).",
         "Periksa satuan dan letak koma atau titik (misalnya 45, bukan 4,5 atau 450); bila angkanya memang benar, tulis "
         "sebabnya di kolom keterangan.", cause_column="last_year_value",
         description="realisasi lies within a factor of ten of last year's accepted value of the indicator and scope"),
    Rule("INDICATOR_NOT_OWNED", "capaian", "kode_indikator", WARNING, "ExpectColumnValuesToBeInSet", _true("owner_matches"),
         "Indikator {value} bukan milik peran OPD ini.", "Indicator {value} is not owned by this OPD's role.",
         f"Laporkan hanya indikator yang menjadi tanggung jawab OPD Anda (lembar {contract.INDICATOR_LIST}, kolom milik_opd_ini).",
         description="the reporting OPD holds the owner role of the indicator"),
    # organisasi
    *_region_rules("organisasi"),
    Rule("ORG_LEVEL_REGION_MISMATCH", "organisasi", "kode_wilayah", ERROR, "ExpectColumnPairValuesToBeEqual",
         {"column_A": "region_depth", "column_B": "expected_depth", "ignore_row_if": "either_value_is_missing"},
         "Kode wilayah '{value}' tidak sesuai tingkat organisasi.", "Region code '{value}' does not match the organisation's level.",
         "Tingkat KOTA memakai kode kab/kota (PP.KK), KECAMATAN kode kecamatan (PP.KK.CC), tingkat di bawahnya kode kelurahan (PP.KK.CC.NNNN).",
         description="kode_wilayah has the depth that tingkat implies"),
    Rule("ORG_REGISTERED_BY_OTHER_OPD", "organisasi", "kode_organisasi", WARNING, "ExpectColumnValuesToBeBetween",
         _between("registrations_in_region", high=1),
         "Organisasi {value} juga didaftarkan oleh OPD lain pada tahun yang sama.",
         "Organisation {value} is also registered by another OPD in the same year.",
         "Satu organisasi didaftarkan oleh satu OPD saja; sepakati siapa yang mendaftarkannya.",
         description="an organisation code is registered by one OPD per region and year"),
    Rule("FOUNDED_AFTER_REPORT_YEAR", "organisasi", "tahun_berdiri", WARNING, "ExpectColumnValuesToBeBetween",
         lambda c: _between("tahun_berdiri", high=c.report_year),
         "Tahun berdiri {value} setelah tahun laporan.", "Founding year {value} is after the report year.",
         "Periksa tahun berdiri organisasi.", description="tahun_berdiri is not after the report year"),
    _not_negative("organisasi", "jumlah_anggota"),
    Rule("PARENT_ORG_UNKNOWN", "organisasi", "kode_induk", WARNING, "ExpectColumnValuesToBeInSet", _true("parent_known"),
         "Organisasi induk '{value}' tidak terdaftar.", "Parent organisation '{value}' is not registered.",
         "Isi kode_induk dengan kode organisasi yang ada di register, atau kosongkan.",
         description="kode_induk, when given, is a registered organisation"),
    _dropped_from_register("organisasi", WARNING, "kode_induk", "parent_dropped_by"),
    # advokasi
    *_date_rules("advokasi", "tanggal"),
    _not_negative("advokasi", "peserta_perempuan"),
    _not_negative("advokasi", "peserta_laki_laki"),
    *_region_rules("advokasi"),
    # advokasi_peserta
    Rule("EVENT_NOT_LISTED", "advokasi_peserta", "kode_kegiatan", ERROR, "ExpectColumnValuesToBeInSet", _true("event_listed"),
         "Kegiatan {value} tidak ada pada lembar advokasi (atau barisnya dikarantina).",
         "Event {value} is not listed in the advokasi sheet (or its row is quarantined).",
         "Tambahkan atau perbaiki kegiatan ini pada lembar advokasi, atau perbaiki kode_kegiatan.",
         description="kode_kegiatan is an event of the same submission's advokasi sheet"),
    Rule("ORG_NOT_REGISTERED", "advokasi_peserta", "kode_organisasi", ERROR, "ExpectColumnValuesToBeInSet", _true("org_registered"),
         "Organisasi {value} tidak ada dalam register organisasi tahun ini.",
         "Organisation {value} is not in this year's register of organisations.",
         HINT_REGISTER + " atau daftarkan organisasinya dulu.",
         lone_file_severity=WARNING, description="kode_organisasi is registered in the region that year"),
    _dropped_from_register("advokasi_peserta", ERROR),
    _not_negative("advokasi_peserta", "jumlah_hadir"),
    # kader
    *_region_rules("kader"),
    *_date_rules("kader", "tanggal_pelatihan"),
    Rule("ORG_NOT_REGISTERED", "kader", "kode_organisasi", WARNING, "ExpectColumnValuesToBeInSet", _true("org_registered"),
         "Organisasi {value} tidak ada dalam register organisasi tahun ini.",
         "Organisation {value} is not in this year's register of organisations.",
         HINT_REGISTER + ", atau kosongkan kolom ini.",
         description="kode_organisasi, when given, is registered in the region that year"),
    _dropped_from_register("kader", WARNING),
    # jabatan
    Rule("VACANT_POST_HAS_SEX", "jabatan", "jenis_kelamin", ERROR, "ExpectColumnValuesToBeNull", {"column": "jenis_kelamin"},
         "Jabatan KOSONG tidak boleh berjenis kelamin ({value}).", "A vacant (KOSONG) post must not have a sex ({value}).",
         "Kosongkan jenis_kelamin untuk jabatan yang kosong, atau ubah statusnya.", condition=("status", "==", "KOSONG"),
         description="a vacant post has no sex"),
    Rule("POST_HOLDER_SEX_MISSING", "jabatan", "jenis_kelamin", ERROR, "ExpectColumnValuesToNotBeNull", {"column": "jenis_kelamin"},
         "Jenis kelamin pemangku jabatan belum diisi.", "The post holder's sex is missing.",
         "Isi P atau L untuk jabatan DEFINITIF atau PLT.", condition=("status", "in", ["DEFINITIF", "PLT"]),
         description="a filled post (DEFINITIF or PLT) has the holder's sex"),
    _opd_known("jabatan", "POST_OPD_UNKNOWN"),
    *_date_rules("jabatan", "tanggal_data", far_severity=WARNING),
    # anggaran
    _not_negative("anggaran", "pagu", "BUDGET_NEGATIVE"),
    _not_negative("anggaran", "realisasi_anggaran", "BUDGET_NEGATIVE"),
    Rule("SPENT_EXCEEDS_BUDGET", "anggaran", "realisasi_anggaran", WARNING, "ExpectColumnPairValuesAToBeGreaterThanB",
         {"column_A": "pagu", "column_B": "realisasi_anggaran", "or_equal": True, "ignore_row_if": "either_value_is_missing"},
         "Realisasi anggaran {value} melebihi pagu.", "Spending {value} exceeds the budget ceiling.",
         "Periksa realisasi dan pagu sub kegiatan ini.", description="realisasi_anggaran is at most pagu"),
    Rule("GBS_WITHOUT_GAP", "anggaran", "ada_gap", WARNING, "ExpectColumnValuesToBeInSet", {"column": "ada_gap", "value_set": [True]},
         "Ada GBS tanpa GAP.", "A Gender Budget Statement without a Gender Analysis Pathway.",
         "GBS disusun dari hasil GAP; isi ada_gap = Y bila GAP sudah dibuat.", condition=("ada_gbs", "==", True),
         description="a line with a GBS also has a GAP"),
    # prasyarat
    Rule("PREREQUISITE_NUMBER_INVALID", "prasyarat", "kode_prasyarat", ERROR, "ExpectColumnValuesToBeInSet",
         _in_set("kode_prasyarat", lambda c: [number for number, _, _ in c.reference.prerequisites]),
         "Nomor prasyarat {value} tidak ada dalam daftar prasyarat PUG.",
         "Prerequisite number {value} is not in the list of PUG prerequisites.",
         f"Gunakan nomor dari daftar prasyarat (lembar {contract.CODE_LISTS} pada templat), misalnya 1 untuk komitmen.",
         description="kode_prasyarat is a number of raw/reference/prasyarat.csv"),
    Rule("SCORE_OUT_OF_RANGE", "prasyarat", "nilai", ERROR, "ExpectColumnValuesToBeBetween", _between("nilai", 0, 100),
         "Nilai {value} harus antara 0 dan 100.", "Score {value} must lie between 0 and 100.",
         "Tulis nilai 0 sampai 100.", description="nilai lies between 0 and 100"),
    # krppa
    *_region_rules("krppa"),
    Rule("REGION_NOT_VILLAGE", "krppa", "kode_wilayah", ERROR, "ExpectColumnValuesToBeInSet", _true("is_village"),
         "Kode wilayah '{value}' bukan kelurahan atau desa.", "Region code '{value}' is not a kelurahan or desa.",
         f"KRPPA/DRPPA dinilai per kelurahan/desa: tulis kode kelurahan atau desa (lembar {contract.REGION_LIST} pada templat).",
         description="kode_wilayah is a kelurahan or desa (PP.KK.CC.NNNN)"),
    Rule("KRPPA_INDICATORS_OUT_OF_RANGE", "krppa", "indikator_terpenuhi", ERROR, "ExpectColumnValuesToBeBetween",
         _between("indikator_terpenuhi", 0, 10),
         "Jumlah indikator terpenuhi {value} harus antara 0 dan 10.", "Indicators met {value} must lie between 0 and 10.",
         "KRPPA/DRPPA dinilai dengan 10 indikator: tulis berapa yang sudah terpenuhi, 0 sampai 10.",
         description="indikator_terpenuhi lies between 0 and 10"),
    # kelembagaan_opd
    _opd_known("kelembagaan_opd", "INSTITUTION_OPD_UNKNOWN"),
]


def derived_rules(sheet: contract.Sheet) -> tuple[list[Rule], list[Rule]]:
    """The rules the contract itself implies, before and after a sheet's own: every choice column takes a code of
    its list; the key is unique within the sheet."""
    first = [_code_list_rule(sheet.name, column.name, column.code_list) for column in sheet.columns if column.code_list]
    return first, [_key_rule(sheet.name)] if sheet.key else []


def _rules_of(sheet: contract.Sheet) -> list[Rule]:
    first, last = derived_rules(sheet)
    return [*first, *(r for r in OWN_RULES if r.sheet == sheet.name), *last]


RULES_BY_SHEET: dict[str, list[Rule]] = {name: _rules_of(sheet) for name, sheet in contract.SHEETS.items()}
RULES: list[Rule] = [rule for rules in RULES_BY_SHEET.values() for rule in rules]
RULE_CODES = sorted({r.code for r in RULES})


@dataclass(frozen=True)
class ExpectationSpec:
    """One rule as Great Expectations takes it, in plain values: pug.validation.gx makes the expectation."""

    expectation: str  # class name in great_expectations.expectations
    kwargs: dict
    condition: tuple | None  # (column, operator, value)
    meta: dict  # code, severity, column, message, message_en, hint


@dataclass(frozen=True)
class SuiteSpec:
    """The suite of one sheet for one report year and kind of check (lone file or not)."""

    sheet: str
    name: str
    notes: str
    expectations: tuple[ExpectationSpec, ...]
    report_year: int = 0

    def columns_read(self) -> set[str]:
        """The columns its expectations read: their column arguments and row conditions."""
        read = set()
        for spec in self.expectations:
            for argument, value in spec.kwargs.items():
                if argument in ("column", "column_A", "column_B"):
                    read.add(value)
                elif argument == "column_list":
                    read.update(value)
            if spec.condition:
                read.add(spec.condition[0])
        return read


@dataclass
class SuiteRun:
    """What one suite run found, in plain values (so that the build, which never loads GX, can read it), and, where
    it ran, GX's result and key for the Data Docs."""

    sheet: str
    evaluated: int
    successful: int
    failed: list[tuple[dict, list[int]]]  # per failing expectation: its meta and the frame positions of its rows
    result: object = field(repr=False, default=None)  # ExpectationSuiteValidationResult
    key: object = field(repr=False, default=None)  # ValidationResultIdentifier
    docs_page: str | None = None  # its page, relative to the Data Docs site


def suite_spec(sheet: str, context: RuleContext) -> SuiteSpec:
    notes = (f"Rules for sheet **{sheet}** ({contract.SHEETS[sheet].description}), report year {context.report_year}. "
             "Every expectation carries its finding code, severity and messages in `meta`.")
    return SuiteSpec(sheet, f"pug_{sheet}", notes, tuple(
        ExpectationSpec(rule.expectation, rule.kwargs(context), rule.condition,
                        {"code": rule.code, "severity": rule.severity_for(context), "column": rule.column,
                         "cause_column": rule.cause_column, **_messages(rule, context)})
        for rule in RULES_BY_SHEET[sheet]), context.report_year)


# Columns that travel with a suite's input to say where each row is, for the Data Docs (a failing row named by its
# region, OPD and version, and Excel row, not by its position in the frame). GX never sees them.
ROW_PLACE = ("wilayah", "OPD", "baris Excel")


# Said where a lone-file check judges a rule more mildly than the build will, so that no OPD is surprised by a
# quarantine it was told was a warning (DESIGN "Validation").
MILDER_ALONE = ("Dalam pemeriksaan satu berkas ini baru peringatan, karena laporan OPD lain belum terlihat; saat "
                "diproses bersama laporan OPD lain, baris ini dikarantina bila masalahnya tetap ada.")
MILDER_ALONE_EN = ("Only a warning in this check of one file, which cannot see the other OPDs' reports; in the build "
                   "the row is quarantined if the problem remains.")


def _messages(rule: Rule, context: RuleContext) -> dict:
    milder = rule.severity_for(context) != rule.severity
    return {"message": rule.message, "hint": rule.hint + (f" {MILDER_ALONE}" if milder else ""),
            "message_en": rule.message_en + (f" {MILDER_ALONE_EN}" if milder else "")}


def catalogue_markdown() -> str:
    """docs/validation-rules.md: both catalogues (parser and Great Expectations suites), generated, never hand-written."""
    from pug.findings import CATALOGUE

    lines = [
        "# Validation rules",
        "",
        "Generated by `pug rules` from `pug/findings.py` (what the parser checks in the raw cells) and `pug/validation/rules.py`",
        "(the Great Expectations suites, one per sheet). Do not edit by hand: a test compares this file with the catalogue.",
        "",
        "Severity: `error` quarantines the row (a file-level error rejects the whole submission); `warning` keeps the row",
        "and flags it; `notice` changes nothing. In `pug check` of a lone file, rules about data other OPDs submit take",
        "the lone-file severity.",
        "",
        "## Parser: files, sheets, headers, types and formats",
        "",
        "| code | severity | scope | message (id) | message (en) |",
        "|---|---|---|---|---|",
    ]
    for code, (severity, file_level, message, message_en, _hint) in CATALOGUE.items():
        lines.append(f"| `{code}` | {severity} | {'file' if file_level else 'cell'} | {_cell(message)} | {_cell(message_en)} |")
    lines += ["", "## Great Expectations suites", ""]
    for sheet, rules in RULES_BY_SHEET.items():
        lines += [f"### Sheet `{sheet}` (suite `pug_{sheet}`)", "",
                  "| code | severity (lone file) | column | rule | expectation | applies when | fix (id) |", "|---|---|---|---|---|---|---|"]
        for rule in rules:
            severity = rule.severity + (f" ({rule.lone_file_severity})" if rule.lone_file_severity else "")
            lines.append(f"| `{rule.code}` | {severity} | `{rule.column}` | {_cell(rule.description)} | `{rule.expectation}` | "
                         f"{_cell(rule.condition_text)} | {_cell(rule.hint)} |")
        lines.append("")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("{value}", "…").replace("{column}", "…").replace("{sheet}", "…").replace("{detail}", "…")
