"""Parsing of cell values as OPD staff type them (DESIGN: Indonesian numbers, dates, yes/no, sex).

Each parser takes a cell as the reader gives it (str, float, int, bool, date, datetime or None) and returns the
typed value, or raises ValueProblem with a finding code. Anything ambiguous is a problem, never a guess.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from pug import contract


class ValueProblem(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!", "#BUSY!", "#EXTERNAL!", "#PYTHON!"}
)

# A NIK: 16 digits in a row, or typed as a number with thousands separators (3.375.014.506.890.003, or with commas),
# which would otherwise be read as a number and stored. No value in a PUG report reaches 10**15. The second form is
# spelled with [0-9], as the warehouse's SQL mask (submissions.sql) and no_nik check (pug/warehouse/blocking_checks.py) spell it.
NIK_PATTERN = re.compile(r"(?<!\d)\d{16}(?!\d)"
                         r"|(?<![0-9.,])[0-9](?:[.,][0-9]{3}){5}(?=$|[^0-9.,]|[.,][0-9]{1,2}(?![0-9])|[.,](?![0-9]))")


def is_blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip()) or (isinstance(cell, float) and math.isnan(cell))


def cell_text(cell) -> str:
    """The cell as a person reads it: whole floats without '.0', dates in ISO form."""
    if type(cell) is str:  # the common case first: this runs for every submitted cell
        return cell.strip()
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float):
        if math.isnan(cell):
            return ""
        if cell.is_integer() and abs(cell) < 1e16:
            return str(int(cell))
        # As Excel shows a number, to 15 significant digits: repr() gave 1/3 as 0.3333333333333333, whose 16 digits
        # read as a NIK and quarantined the row (and no stored text may hold 16 digits in a row). Below 1, leading
        # zeros can still make 16 digits: then fewer significant ones. With 12, and at most 3 leading zeros (below
        # 0.0001 the format is an exponent), no run of digits reaches 16.
        for digits in (15, 14, 13, 12):
            text = format(float(cell), f".{digits}g")  # float(): a numpy float's repr names its type
            if not NIK_PATTERN.search(text):
                break
        return text
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time(0) else cell.isoformat(sep=" ")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell).strip()


# Quicker than NIK_PATTERN's look-arounds, and found in every NIK.
_NIK_HINT = re.compile(r"\d{16}|[0-9][.,][0-9]{3}[.,][0-9]{3}[.,][0-9]{3}[.,][0-9]{3}[.,][0-9]{3}")
_NOT_DIGITS = re.compile(r"\D")


def contains_nik(text: str) -> bool:
    return _NIK_HINT.search(text) is not None and NIK_PATTERN.search(text) is not None


def mask_nik(text: str) -> str:
    """Mask every NIK-like number, keeping its last four digits: 3375011234567890 and 3.375.011.234.567.890 both
    become ************7890."""
    return NIK_PATTERN.sub(lambda m: "*" * 12 + _NOT_DIGITS.sub("", m.group(0))[-4:], text)


# --- numbers -------------------------------------------------------------------------------------------------

_THOUSANDS_DOTS = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.234.567 or 1.234,5
_DECIMAL_COMMA = re.compile(r"^-?\d+(,\d+)?$")  # 1234 or 12,5
_CURRENCY = re.compile(r"^rp\.?\s*", re.IGNORECASE)


def parse_decimal(cell) -> float:
    if type(cell) is float and math.isfinite(cell):  # the common case first: a number typed as a number
        return cell
    if isinstance(cell, bool):
        raise ValueProblem("NUMBER_INVALID")
    if isinstance(cell, (int, float)):
        if isinstance(cell, float) and not math.isfinite(cell):
            raise ValueProblem("NUMBER_INVALID")
        return float(cell)
    if not isinstance(cell, str):
        raise ValueProblem("NUMBER_INVALID")
    text = cell.strip().replace("\u00a0", " ")
    text = _CURRENCY.sub("", text)
    if text.endswith(",-"):  # "Rp 1.500.000,-": no cents
        text = text[:-2]
    if text.endswith("%"):
        text = text[:-1]
    text = text.replace(" ", "")
    if _THOUSANDS_DOTS.match(text) or _DECIMAL_COMMA.match(text):
        value = float(text.replace(".", "").replace(",", "."))
        if math.isfinite(value):  # 400 typed digits make float() return inf
            return value
    raise ValueProblem("NUMBER_INVALID")


def parse_integer(cell) -> int:
    if type(cell) is float and cell.is_integer() and abs(cell) < 2**63:  # the common case first
        return int(cell)
    value = parse_decimal(cell)
    if not value.is_integer():
        raise ValueProblem("INTEGER_INVALID")
    if abs(value) >= 2**63:  # staged as BIGINT: 1e20 would overflow it and stop the whole year's staging
        raise ValueProblem("NUMBER_INVALID")
    return int(value)


def parse_year(cell) -> int:
    try:
        value = parse_integer(cell)
    except ValueProblem:
        raise ValueProblem("YEAR_INVALID") from None
    if not 1900 <= value <= 2100:
        raise ValueProblem("YEAR_INVALID")
    return value


# --- dates ---------------------------------------------------------------------------------------------------

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "january", "jan"),
            ("februari", "february", "pebruari", "feb", "peb"),
            ("maret", "march", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("agustus", "august", "agu", "agt", "ags", "aug"),
            ("september", "sept", "sep"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nopember", "nov", "nop"),
            ("desember", "december", "des", "dec"),
        ),
        start=1,
    )
    for name in names
}
_DMY = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_D_MONTH_Y = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueProblem("DATE_INVALID") from None


def parse_date(cell) -> dt.date:
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, bool):
        raise ValueProblem("DATE_INVALID")
    if isinstance(cell, (int, float)):
        # An Excel serial date in a cell without date formatting; only plausible serials (1954 to 2118).
        if float(cell).is_integer() and 20000 <= cell <= 80000:
            return _EXCEL_EPOCH + dt.timedelta(days=int(cell))
        raise ValueProblem("DATE_INVALID")
    text = str(cell).strip().lower()
    if m := _DMY.match(text):
        return _date(int(m[3]), int(m[2]), int(m[1]))
    if m := _YMD.match(text):
        return _date(int(m[1]), int(m[2]), int(m[3]))
    if m := _D_MONTH_Y.match(text):
        month = MONTHS.get(m[2])
        if month is None:
            raise ValueProblem("DATE_INVALID")
        return _date(int(m[3]), month, int(m[1]))
    raise ValueProblem("DATE_INVALID")


# --- words ---------------------------------------------------------------------------------------------------

_YES = {"Y", "YA", "YES", "1", "TRUE", "BENAR", "ADA"}
_NO = {"T", "TIDAK", "TDK", "N", "NO", "0", "FALSE", "SALAH", "TIDAK ADA"}


def parse_yesno(cell) -> bool:
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, (int, float)) and cell in (0, 1):
        return bool(cell)
    word = str(cell).strip().upper()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise ValueProblem("YESNO_INVALID")


_SEX = {"P": "P", "PEREMPUAN": "P", "L": "L", "LAKI-LAKI": "L", "LAKI LAKI": "L", "LAKI": "L"}


def parse_sex(cell) -> str:
    sex = _SEX.get(str(cell).strip().upper())
    if sex is None:
        raise ValueProblem("SEX_INVALID")
    return sex


_CODE = re.compile(r"^[A-Za-z0-9._\-/]{1,64}$")
_REGION = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")


def parse_code(cell) -> str:
    text = cell_text(cell)
    if not _CODE.match(text):
        raise ValueProblem("CODE_INVALID")
    return text


def parse_region(cell) -> str:
    text = cell_text(cell).replace(" ", "")
    if not _REGION.match(text):
        raise ValueProblem("REGION_CODE_INVALID")
    return text


_CHOICE_SEPARATORS = re.compile(r"[\s\-]+")
_CHOICES: dict[str, str] = {}  # text as typed -> code: a few dozen distinct values fill every choice column


def parse_choice(cell) -> str:
    text = cell_text(cell)
    choice = _CHOICES.get(text)
    if choice is None:
        choice = _CHOICE_SEPARATORS.sub("_", text.upper())
        if len(_CHOICES) < 10_000:  # bounded: a hostile file could type a million distinct values
            _CHOICES[text] = choice
    return choice


def parse_text(cell) -> str:
    return cell_text(cell)


# Kinds whose parser reads only the cell's text (cell_text): the parser may be given that text instead of the cell.
TEXT_KINDS = frozenset({contract.TEXT, contract.CODE, contract.REGION, contract.CHOICE})

PARSERS = {
    contract.TEXT: parse_text,
    contract.CODE: parse_code,
    contract.REGION: parse_region,
    contract.YEAR: parse_year,
    contract.INTEGER: parse_integer,
    contract.DECIMAL: parse_decimal,
    contract.DATE: parse_date,
    contract.YESNO: parse_yesno,
    contract.SEX: parse_sex,
    contract.CHOICE: parse_choice,
}
