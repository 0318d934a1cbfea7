"""The rule catalogue: documented from itself, every rule a working expectation with complete meta."""

import re

from pug import contract, paths
from pug.findings import CATALOGUE
from pug.validation import gx
from pug.validation.rules import MILDER_ALONE, MILDER_ALONE_EN, RULES, RULES_BY_SHEET, RuleContext, catalogue_markdown, suite_spec


def test_docs_validation_rules_is_generated_from_the_catalogue():
    committed = (paths.PROJECT_ROOT / "docs" / "validation-rules.md").read_text(encoding="utf-8")
    assert committed.strip() == catalogue_markdown().strip(), "run: pug rules > docs/validation-rules.md"


def test_every_rule_builds_an_expectation_with_code_severity_and_bilingual_messages(reference):
    context = RuleContext(reference=reference, report_year=2024, lone_file=False)
    gx.Suites()  # GX builds suites within a context
    for sheet in contract.SHEETS:
        suite = gx.build_suite(suite_spec(sheet, context))
        assert suite.expectations, sheet
        for expectation in suite.expectations:
            meta = expectation.meta
            assert meta["code"] and meta["severity"] in ("error", "warning")
            assert meta["message"] != meta["message_en"] and meta["hint"]
            assert meta["column"] in contract.SHEETS[sheet].column_names


def test_rule_codes_do_not_collide_with_parser_codes():
    assert not {r.code for r in RULES} & set(CATALOGUE)


def test_lone_file_severity_softens_rules_about_other_opds_data_and_says_so(reference):
    lone = RuleContext(reference=reference, report_year=2024, lone_file=True)
    build = RuleContext(reference=reference, report_year=2024, lone_file=False)
    softened = {r.code for r in RULES if r.severity_for(lone) != r.severity}
    assert softened == {"SCOPE_UNKNOWN", "ORG_NOT_REGISTERED"}
    # A region code of another kab/kota needs no other OPD's report to be wrong: an error in a lone file too.
    assert "SCOPE_OTHER_REGION" not in softened
    for sheet in contract.SHEETS:
        alone, built = (suite_spec(sheet, c).expectations for c in (lone, build))
        for rule, seen_alone, seen_built in zip(RULES_BY_SHEET[sheet], alone, built):
            milder = rule.severity_for(lone) != rule.severity
            assert seen_alone.meta["code"] == rule.code
            assert (MILDER_ALONE in seen_alone.meta["hint"]) == milder, rule.code
            assert (MILDER_ALONE_EN in seen_alone.meta["message_en"]) == milder, rule.code
            assert MILDER_ALONE not in seen_built.meta["hint"]


def test_the_catalogue_covers_what_the_design_asks_for():
    codes = {r.code for r in RULES} | set(CATALOGUE)
    asked = {
        "VALUE_REQUIRED", "NUMBER_INVALID", "DATE_INVALID", "PERCENT_OUT_OF_RANGE", "COUNT_NEGATIVE", "SCORE_OUT_OF_RANGE",
        "PREREQUISITE_NUMBER_INVALID", "CODE_NOT_IN_LIST", "ORG_LEVEL_REGION_MISMATCH", "DUPLICATE_KEY", "RATIO_INCONSISTENT",
        "DATE_OUTSIDE_REPORT_YEAR", "VACANT_POST_HAS_SEX", "CUMULATIVE_TARGET_DECREASES", "NIK_DETECTED", "EVENT_NOT_LISTED",
        "ORG_NOT_REGISTERED", "POST_OPD_UNKNOWN", "ORG_REGISTERED_BY_OTHER_OPD", "INDICATOR_OWNER_CONFLICT",
        "TARGET_YEAR_OUTSIDE_PERIOD", "REGION_OUTSIDE_SUBMITTER",
    }
    assert asked <= codes


def test_each_sheet_is_validated_after_every_sheet_whose_verdicts_its_rule_inputs_read():
    """Sheets of one wave are validated side by side; a sheet whose rule inputs read another's verdicts (v_error_row
    of that sheet, or the register of organisations through context.sql) comes in a later wave. The order is read
    from the SQL: what it finds there is what the rule inputs say."""
    from pug.validation import order

    assert order.verdicts_read("advokasi_peserta") == {"organisasi", "advokasi"}  # events listed, organisations registered
    assert order.verdicts_read("kader") == {"organisasi"}  # is_registered, through context.sql
    assert order.verdicts_read("anggaran") == set()
    waves = order.waves()
    wave_of = {sheet: index for index, wave in enumerate(waves) for sheet in wave}
    assert sorted(wave_of) == sorted(contract.SHEETS) and sum(map(len, waves)) == len(contract.SHEETS)
    for sheet in contract.SHEETS:
        assert all(wave_of[other] < wave_of[sheet] for other in order.verdicts_read(sheet)), sheet
