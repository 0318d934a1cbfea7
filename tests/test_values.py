"""Values as OPD staff type them: Indonesian numbers and dates, yes/no words, sex, codes; ambiguity is an error."""

import datetime as dt

import pytest

from pug import values
from pug.values import ValueProblem


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("1.234.567", 1234567.0),
        ("12,5", 12.5),
        ("Rp 1.500.000", 1500000.0),
        ("Rp1.500.000,50", 1500000.5),
        ("45%", 45.0),
        ("12,5 %", 12.5),
        ("-3", -3.0),
        ("1.234", 1234.0),
        ("0", 0.0),
        (42, 42.0),
        (12.5, 12.5),
        ("\u00a07\u00a0", 7.0),
    ],
)
def test_indonesian_numbers_parse(typed, expected):
    assert values.parse_decimal(typed) == expected


@pytest.mark.parametrize("typed", ["1,234,5", "12.5", "1.23.456", "abc", "1 234 x", "", True, "1e5"])
def test_ambiguous_or_garbled_numbers_are_problems(typed):
    with pytest.raises(ValueProblem) as problem:
        values.parse_decimal(typed)
    assert problem.value.code == "NUMBER_INVALID"


def test_integer_refuses_fractions():
    assert values.parse_integer("1.250") == 1250
    with pytest.raises(ValueProblem) as problem:
        values.parse_integer("12,5")
    assert problem.value.code == "INTEGER_INVALID"


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("18/04/2022", dt.date(2022, 4, 18)),
        ("2022-04-18", dt.date(2022, 4, 18)),
        ("18 April 2022", dt.date(2022, 4, 18)),
        ("5 Agustus 2023", dt.date(2023, 8, 5)),
        ("17 Agt 2023", dt.date(2023, 8, 17)),
        ("1 Desember 2024", dt.date(2024, 12, 1)),
        ("31 Mei 2025", dt.date(2025, 5, 31)),
        ("07-03-2025", dt.date(2025, 3, 7)),
        (dt.datetime(2024, 3, 1, 0, 0), dt.date(2024, 3, 1)),
        (dt.date(2024, 3, 1), dt.date(2024, 3, 1)),
        (45000.0, dt.date(2023, 3, 15)),  # an Excel serial in a cell without date format
    ],
)
def test_dates_parse(typed, expected):
    assert values.parse_date(typed) == expected


@pytest.mark.parametrize("typed", ["31/02/2023", "04/18/2022", "18/04/22", "April 2022", "kemarin", "32 Mei 2024", 3.5, "18 Foo 2022"])
def test_impossible_or_ambiguous_dates_are_problems(typed):
    with pytest.raises(ValueProblem) as problem:
        values.parse_date(typed)
    assert problem.value.code == "DATE_INVALID"


@pytest.mark.parametrize("typed, expected", [("Y", True), ("ya", True), ("T", False), ("Tidak", False), ("N", False), ("1", True), (0.0, False), (True, True)])
def test_yes_no_words(typed, expected):
    assert values.parse_yesno(typed) is expected


@pytest.mark.parametrize("typed", ["mungkin", "2", "YT"])
def test_other_words_are_not_yes_no(typed):
    with pytest.raises(ValueProblem):
        values.parse_yesno(typed)


def test_sex_codes():
    assert values.parse_sex(" p ") == "P"
    assert values.parse_sex("Laki-laki") == "L"
    with pytest.raises(ValueProblem) as problem:
        values.parse_sex("W")
    assert problem.value.code == "SEX_INVALID"


def test_region_codes_must_have_kemendagri_shape():
    assert values.parse_region("33.75.01.1002") == "33.75.01.1002"
    assert values.parse_region(33.75) == "33.75"
    for bad in ("33.7", "3375", "33.75.1", 32.7):
        with pytest.raises(ValueProblem):
            values.parse_region(bad)


def test_codes():
    assert values.parse_code("ADV-2023/01_a.b") == "ADV-2023/01_a.b"
    assert values.parse_code(7.0) == "7"
    for bad in ("with space", "x" * 65, "kode#1"):
        with pytest.raises(ValueProblem):
            values.parse_code(bad)


def test_nik_is_found_and_masked_everywhere_in_a_text():
    text = "NIK 3375011204900001 dan 3375011204900002"
    assert values.contains_nik(text)
    masked = values.mask_nik(text)
    assert "3375011204900001" not in masked and masked.endswith("************0002")
    assert not values.contains_nik("33750112049000011")  # 17 digits is not a NIK
    assert not values.contains_nik("Rp 1.500.000")
    # Typed as a number with thousands separators, as Excel in Indonesian shows it.
    assert values.mask_nik("NIK 3.375.011.204.900.001 dan 3,375,011,204,900,002") == "NIK ************0001 dan ************0002"
    assert not values.contains_nik("Rp 1.500.000.000.000,-") and not values.contains_nik("33.75.01.1002")


CELLS = ["  Kelompok PKK  ", "ORG-32.75-0001", "32.75 .01", "dasa wisma", "Dasa-Wisma", 12.0, 12.5, 1 / 3, True, 0,
         dt.datetime(2025, 3, 1), dt.datetime(2025, 3, 1, 8, 30), dt.date(2025, 3, 1), "#REF!", "a\u00a0b", "3375011234567890"]


@pytest.mark.parametrize("kind", sorted(values.TEXT_KINDS))
def test_text_kinds_read_only_the_cells_text(kind):
    """The parser is handed the cell's text instead of the cell for these kinds: the result must be the same."""
    parse = values.PARSERS[kind]

    def outcome(cell):
        try:
            return parse(cell)
        except ValueProblem as problem:
            return problem.code

    for cell in CELLS:
        assert outcome(values.cell_text(cell)) == outcome(cell), (kind, cell)


def test_choices_are_remembered_as_parsed():
    assert [values.parse_choice(t) for t in ("dasa wisma", "dasa wisma", " Dasa-Wisma ", "RT -  RW")] == \
        ["DASA_WISMA", "DASA_WISMA", "DASA_WISMA", "RT_RW"]
