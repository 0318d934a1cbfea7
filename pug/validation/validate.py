"""Validation of a report year's staged rows with Great Expectations, and the row verdicts that follow.

One GX run per sheet type over the rows of every submission of the year (DESIGN: bulk, not per file), with
submission_id and source_row (the Excel row) as index columns, so every unexpected row maps back to its cell.
Failures become findings in stg_finding beside the parser's; then the verdict SQL quarantines every row with an
error and sets each submission's status. A Data Docs site per year shows reviewers each suite's results.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from pug import contract, values
from pug.validation import workers as validator
from pug.findings import CATALOGUE, ERROR, WARNING, Finding, column_letter
from pug.reference import Reference, register_reference
from pug.validation.rules import RULES_BY_SHEET, RuleContext
from pug.paths import written_atomically
from pug.sqlfiles import fetch_dicts, run_sql_file, sql_text
from pug.ingest.staging import FINDING_SCHEMA

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")  # no network: Great Expectations sends no usage statistics

def _rules_version() -> str:
    """A digest of everything that decides a verdict: the rule catalogue, the parser's finding catalogue, this
    module and the validation SQL. A change to any of them validates every region again."""
    package = Path(__file__).parents[1]
    sources = [package / "validation" / "rules.py", package / "findings.py", Path(__file__),
               *sorted((package / "sql" / "validation").rglob("*.sql"))]
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()[:16]


RULES_VERSION = _rules_version()
# The sheets whose rule inputs (pug/sql/validation/) read the verdicts of other sheets: a quarantined organisation
# or event is not there to refer to. They are validated in a second wave, after every sheet they read; the sheets of
# one wave need nothing of each other, and are validated side by side (validate_staged).
READS_VERDICTS_OF = {"target": {"organisasi"}, "capaian": {"organisasi"}, "kader": {"organisasi"},
                     "advokasi_peserta": {"organisasi", "advokasi"}}
VALIDATION_WAVES = (tuple(s for s in contract.SHEETS if s not in READS_VERDICTS_OF),
                    tuple(s for s in contract.SHEETS if s in READS_VERDICTS_OF))
VALIDATION_ORDER = VALIDATION_WAVES[0] + VALIDATION_WAVES[1]
# Per region and sheet, the latest suite run that covered the region (a run covers every region it validates).
SUITE_RESULT_SCHEMA = pa.schema([
    ("region_code", pa.string()), ("sheet", pa.string()), ("rows", pa.int64()), ("expectations", pa.int32()),
    ("errors", pa.int64()), ("warnings", pa.int64()), ("docs_page", pa.string()),
])


@dataclass
class SuiteOutcome:
    sheet: str
    rows: int
    expectations: int
    successful: int
    findings: list[tuple[str, Finding]]  # (submission_id, finding)
    rows_by_region: dict[str, int] = field(default_factory=dict)
    validation_key: object = None  # GX ValidationResultIdentifier, for the Data Docs page
    docs_page: str | None = None  # relative to the year's Data Docs site


def _gx():
    import great_expectations as gx  # imported on use: it takes seconds, and the parser does not need it

    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    return gx


def build_suite(gx, sheet: str, context: RuleContext):
    suite = gx.ExpectationSuite(name=f"pug_{sheet}", meta={"notes": {"format": "markdown", "content": [
        f"Rules for sheet **{sheet}** ({contract.SHEETS[sheet].description}), report year {context.report_year}. "
        "Every expectation carries its finding code, severity and messages in `meta`."]}})
    for rule in RULES_BY_SHEET[sheet]:
        extra = {"row_condition": _condition(rule.condition)} if rule.condition else {}
        expectation = getattr(gx.expectations, rule.expectation)(
            **rule.kwargs(context), **extra,
            meta={"code": rule.code, "severity": rule.severity_for(context), "column": rule.column,
                  "message": rule.message, "message_en": rule.message_en, "hint": rule.hint},
        )
        suite.add_expectation(expectation)
    return suite


def columns_read(sheet: str, context: RuleContext, frame: pd.DataFrame) -> list[str]:
    """The frame's columns that the sheet's expectations read (their column arguments and row conditions), in the
    frame's order."""
    read = set()
    for rule in RULES_BY_SHEET[sheet]:
        for argument, value in rule.kwargs(context).items():
            if argument in ("column", "column_A", "column_B"):
                read.add(value)
            elif argument == "column_list":
                read.update(value)
        if rule.condition:
            read.add(rule.condition[0])
    return [column for column in frame.columns if column in read]


def suite_input(sheet: str, frame: pd.DataFrame, context: RuleContext) -> pd.DataFrame:
    """What GX is given of a sheet's rule inputs: only the columns the rules read, since GX filters the whole frame
    for every expectation. A failing row comes back as its position in the frame, mapped to (submission_id,
    source_row) after: given those as unexpected_index_column_names, GX looks each failing row up cell by cell
    (80,000 failing rows: 15 s)."""
    return frame[columns_read(sheet, context, frame)].set_axis(pd.RangeIndex(len(frame)))


def suite_results_elsewhere(inputs: list[tuple[str, pd.DataFrame]], context: RuleContext) -> list[tuple]:
    """In the process beside the validation process (pug.validator): each sheet's suite run over its suite_input in
    a GX context of its own; each result and its key, which the validation process keeps with its own."""
    run = GreatExpectationsRun(None)
    return [(run.run_suite(sheet, data, context), run.latest_key(sheet)) for sheet, data in inputs]


def _shares(frames: dict[str, pd.DataFrame]) -> tuple[list[str], list[str]]:
    """The sheets of a wave validated here and beside: by their number of expectations (each costs about as much in
    GX whatever the rows), the larger first to the lighter side, this process first on a tie."""
    here, beside, weight = [], [], [0, 0]
    for sheet in sorted(frames, key=lambda sheet: -len(RULES_BY_SHEET[sheet])):
        side = 0 if weight[0] <= weight[1] else 1
        (here, beside)[side].append(sheet)
        weight[side] += len(RULES_BY_SHEET[sheet])
    return here, beside


def _condition(condition: tuple):
    from great_expectations.expectations.row_conditions import Column

    column, operator, value = condition
    if operator == "in":
        return Column(column).is_in(value)
    return {"==": Column.__eq__, "<=": Column.__le__}[operator](Column(column), value)


class GreatExpectationsRun:
    """An ephemeral GX context (no config files that parallel runs could corrupt), with an optional Data Docs site."""

    def __init__(self, docs_dir: Path | None):
        self.gx = _gx()
        from great_expectations.data_context.types.base import ProgressBarsConfig

        self.context = self.gx.get_context(mode="ephemeral")
        # GX's own contract for an ephemeral context is that its configuration is not saved, yet it writes the whole
        # configuration as YAML to memory after every asset and suite added (18 times a run, ~0.03 s each, growing
        # with the assets); nothing reads it back.
        self.context._save_project_config = lambda: None
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False)
        self.source = self.context.data_sources.add_pandas("pug")
        self.docs_dir = docs_dir
        if docs_dir is not None:
            self.context.add_data_docs_site(site_name="pug", site_config={
                "class_name": "SiteBuilder",
                "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            })

    def run_suite(self, sheet: str, data: pd.DataFrame, context: RuleContext):
        """The sheet's suite run over `data` (suite_input), its result kept in this context."""
        suite = self.context.suites.add(build_suite(self.gx, sheet, context))
        batch = self.source.add_dataframe_asset(sheet).add_batch_definition_whole_dataframe("report_year")
        definition = self.context.validation_definitions.add(self.gx.ValidationDefinition(name=f"pug_{sheet}", data=batch, suite=suite))
        return definition.run(batch_parameters={"dataframe": data}, result_format={"result_format": "COMPLETE"})

    def keep(self, sheet: str, context: RuleContext, result, key) -> None:
        """A result of run_suite in another context, kept in this one as if run here: its Data Docs page is written
        with the others."""
        self.context.suites.add(build_suite(self.gx, sheet, context))
        self.context.validation_results_store.store_validation_results(result, key, key.expectation_suite_identifier)

    def validate(self, sheet: str, frame: pd.DataFrame, context: RuleContext, headers: dict, unreadable: set,
                 submitted_text: Callable[[set[tuple[str, int]]], dict], ran_elsewhere: tuple | None = None) -> SuiteOutcome:
        """Run the sheet's suite over `frame`, or keep `ran_elsewhere` (the result and key of suite_results_elsewhere
        on the same frame); submitted_text gives the failing rows' submitted text (raw_values) by (submission_id,
        source_row)."""
        if ran_elsewhere is None:
            result = self.run_suite(sheet, suite_input(sheet, frame, context), context)
        else:
            result = ran_elsewhere[0]
            self.keep(sheet, context, *ran_elsewhere)
        submission_ids, source_rows = frame["submission_id"].to_numpy(), frame["source_row"].to_numpy()
        failed = []
        for expectation_result in result.results:
            if expectation_result.success:
                continue
            meta = expectation_result.expectation_config.meta
            positions = expectation_result.result.get("unexpected_index_list") or []
            for sid, row in zip(submission_ids[positions].tolist(), source_rows[positions].tolist()):
                # A cell the parser already explained is left out: a rule on its missing value would only confuse.
                if (sid, row, meta["column"]) not in unreadable:
                    failed.append((sid, row, meta))
        submitted = submitted_text({(sid, row) for sid, row, _ in failed}) if failed else {}
        findings = [(sid, _finding(sheet, meta, sid, row, submitted.get((sid, row)), headers)) for sid, row, meta in failed]
        statistics = result.statistics
        return SuiteOutcome(sheet, len(frame), int(statistics["evaluated_expectations"]), int(statistics["successful_expectations"]),
                            findings, frame["region_code"].fillna("").value_counts().to_dict(),
                            validation_key=self.latest_key(sheet))

    def latest_key(self, sheet: str):
        keys = [k for k in self.context.validation_results_store.list_keys() if k.expectation_suite_identifier.name == f"pug_{sheet}"]
        return keys[-1] if keys else None

    def locate_docs(self, outcomes: list[SuiteOutcome]) -> None:
        """Each outcome's Data Docs page, relative to the site, whether or not the site is written yet."""
        if self.docs_dir is None:
            return
        for outcome in outcomes:
            if outcome.validation_key is None:
                continue
            for site in self.context.get_docs_sites_urls(resource_identifier=outcome.validation_key, site_name="pug",
                                                         only_if_exists=False):
                url = site.get("site_url") or ""
                if url.startswith("file://"):
                    outcome.docs_page = os.path.relpath(url[len("file://"):], self.docs_dir)

    def build_docs(self) -> None:
        if self.docs_dir is not None:
            self.context.build_data_docs(site_names=["pug"])


def _finding(sheet: str, meta: dict, sid: str, row: int, raw_values: str | None, headers: dict) -> Finding:
    column = meta["column"]
    shown = values.mask_nik(json.loads(raw_values).get(column, "")) if raw_values else ""  # as the OPD typed it
    header = headers.get((sid, sheet)) or []
    cell = f"{column_letter(header.index(column))}{row}" if column in header else None
    return Finding(
        code=meta["code"], severity=meta["severity"], sheet=sheet, row=row, column=column, cell=cell, value=shown,
        message=f"{meta['message'].format(value=shown)} {meta['hint']}", message_en=meta["message_en"].format(value=shown),
    )


def validate_staged(con: duckdb.DuckDBPyConnection, reference: Reference, report_year: int, *, lone_file: bool = False,
                    docs_dir: Path | None = None, regions: list[str] | None = None,
                    gx: GreatExpectationsRun | None = None) -> list[SuiteOutcome]:
    """Run every sheet's suite over the staged rows of `regions` (all when None) in one run per sheet; add the
    findings to stg_finding and the results to stg_suite_result. With `docs_dir`, the Data Docs are written there;
    pass `gx` instead (a GreatExpectationsRun with its docs directory) to write them later with gx.build_docs().

    Every cross-submission rule compares submissions of the same region, so regions validate independently."""
    register_reference(con, reference)
    if regions is None:
        regions = [r[0] for r in con.execute("SELECT DISTINCT coalesce(region_code, '') FROM stg_submission").fetchall()]
    con.execute("CREATE OR REPLACE TEMP TABLE validation_scope AS SELECT unnest(?::VARCHAR[]) AS region_code", [regions])
    run_sql_file(con, "validation/context.sql")
    headers = {(sid, sheet): list(columns) for sid, sheet, columns in
               con.execute("SELECT submission_id, sheet, columns FROM stg_submission_sheet").fetchall()}
    context = RuleContext(reference=reference, report_year=report_year, lone_file=lone_file)
    unreadable = {(sid, row, column) for sid, row, column in con.execute(
        "SELECT submission_id, source_row, column_name FROM stg_finding WHERE source_row IS NOT NULL AND column_name IS NOT NULL").fetchall()}
    run = gx
    beside = validator.beside()  # in the validation process of `pug build`: a second process with GX loaded
    outcomes = {}
    for wave in VALIDATION_WAVES:
        frames = {}
        for sheet in wave:
            # Through Arrow; under pandas 3 the strings stay Arrow-backed, which GX's row filters handle faster than
            # object strings (measured at 50 regions). The rows' submitted text stays in DuckDB and is looked up for
            # failing rows only.
            frame = con.sql(_rule_input_query(contract.SHEETS[sheet])).to_arrow_table().to_pandas()
            if frame.empty:
                outcomes[sheet] = SuiteOutcome(sheet, 0, 0, 0, [])
                continue
            _numbers_as_numpy(frame)
            frames[sheet] = frame
        if not frames:
            continue
        run = run or GreatExpectationsRun(docs_dir)
        here, elsewhere = _shares(frames) if beside is not None else (list(frames), [])
        if elsewhere:
            beside.send(suite_results_elsewhere, [(sheet, suite_input(sheet, frames[sheet], context)) for sheet in elsewhere], context)

        def validate(sheet: str, ran_elsewhere: tuple | None = None) -> None:
            outcomes[sheet] = run.validate(sheet, frames[sheet], context, headers, unreadable,
                                           lambda keys: _submitted_text(con, sheet, keys), ran_elsewhere)

        for sheet in here:
            validate(sheet)
        for sheet, ran in zip(elsewhere, beside.receive() if elsewhere else []):
            validate(sheet, ran)
        for sheet in frames:
            _store_findings(con, outcomes[sheet])  # the next wave's inputs see these verdicts
    outcomes = [outcomes[sheet] for sheet in VALIDATION_ORDER]
    if run is not None:
        run.locate_docs(outcomes)
        if gx is None:
            run.build_docs()
    _store_results(con, outcomes, regions)
    return outcomes


def _submitted_text(con: duckdb.DuckDBPyConnection, sheet: str, keys: set[tuple[str, int]]) -> dict:
    """raw_values (the row's submitted text as JSON) by (submission_id, source_row)."""
    submission_ids, source_rows = zip(*keys)
    return {(sid, row): raw for sid, row, raw in con.execute(f"""
        SELECT s.submission_id, s.source_row, s.raw_values
        FROM stg_{sheet} AS s
        JOIN (SELECT unnest(?::VARCHAR[]) AS submission_id, unnest(?::INTEGER[]) AS source_row) USING (submission_id, source_row)
    """, [list(submission_ids), list(source_rows)]).fetchall()}


def _numbers_as_numpy(frame: pd.DataFrame) -> None:
    """Numbers as int64, or float64 with NaN for a missing value: GX's pandas rules compare numbers of any other
    dtype (int32, nullable Float64) one value at a time in Python (530,000 calls for a 50-region year)."""
    for column, dtype in frame.dtypes.items():
        if pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype) and dtype not in ("int64", "float64"):
            series = frame[column]
            frame[column] = series.astype("int64") if pd.api.types.is_integer_dtype(dtype) and not series.hasnans \
                else series.astype("float64")


def _rule_input_query(sheet: contract.Sheet) -> str:
    """The sheet's rule inputs (pug/sql/validation/rule_inputs/) without the submitted text, and key_occurrence:
    1 for the first row (by Excel row) of each key within a submission, 2 for the next, ... Empty when a required
    key value is missing (the parser has said why): two unreadable codes are not a duplicate."""
    missing = " OR ".join(f"{column} IS NULL" for column in sheet.key if sheet.column(column).required_value) or "false"
    return f"""
        SELECT * EXCLUDE (raw_values),
               CASE WHEN {missing} THEN NULL
                    ELSE row_number() OVER (PARTITION BY {", ".join(["submission_id", *sheet.key])} ORDER BY source_row) END
               AS key_occurrence
        FROM ({sql_text(f"validation/rule_inputs/{sheet.name}.sql")})"""


def _store_findings(con: duckdb.DuckDBPyConnection, outcome: SuiteOutcome) -> None:
    rows = [
        {"submission_id": sid, "code": f.code, "severity": f.severity, "sheet": f.sheet, "source_row": f.row, "column_name": f.column,
         "cell": f.cell, "value": f.value, "message": f.message, "message_en": f.message_en, "file_level": False}
        for sid, f in outcome.findings
    ]
    found = pa.Table.from_pylist(rows, schema=FINDING_SCHEMA)  # noqa: F841 (scanned by DuckDB)
    con.execute("INSERT INTO stg_finding SELECT * FROM found")


def _store_results(con: duckdb.DuckDBPyConnection, outcomes: list[SuiteOutcome], regions: list[str]) -> None:
    region_of = dict(con.execute("SELECT submission_id, coalesce(region_code, '') FROM stg_submission").fetchall())
    records = []
    for outcome in outcomes:
        for region in regions:
            severities = [f.severity for sid, f in outcome.findings if region_of.get(sid) == region]
            records.append({"region_code": region, "sheet": outcome.sheet, "rows": outcome.rows_by_region.get(region, 0),
                            "expectations": outcome.expectations, "errors": severities.count(ERROR),
                            "warnings": severities.count(WARNING), "docs_page": outcome.docs_page})
    results = pa.Table.from_pylist(records, schema=SUITE_RESULT_SCHEMA)  # noqa: F841 (scanned by DuckDB)
    con.execute("CREATE TABLE IF NOT EXISTS stg_suite_result AS SELECT * FROM results LIMIT 0")
    con.execute("DELETE FROM stg_suite_result WHERE region_code IN (SELECT region_code FROM validation_scope)")
    con.execute("INSERT INTO stg_suite_result BY NAME SELECT * FROM results")


def apply_row_verdicts(con: duckdb.DuckDBPyConnection) -> dict:
    con.execute("BEGIN")
    run_sql_file(con, "validation/prepare.sql")
    for sheet in contract.SHEETS:
        run_sql_file(con, "validation/row_verdicts.sql", sheet=sheet)
    run_sql_file(con, "validation/submission_status.sql")
    con.execute("COMMIT")
    return verdict_totals(con)


def verdict_totals(con: duckdb.DuckDBPyConnection) -> dict:
    accepted, quarantined = con.execute("SELECT sum(rows_accepted), sum(rows_quarantined) FROM stg_submission_sheet").fetchone()
    statuses = dict(con.execute("SELECT status, count(*) FROM stg_submission GROUP BY ALL ORDER BY 1").fetchall())
    return {"rows_accepted": int(accepted or 0), "rows_quarantined": int(quarantined or 0), "submissions_by_status": statuses}


def validated_fingerprint(staged_fingerprint: str) -> str:
    return hashlib.sha256(f"{staged_fingerprint}\0{RULES_VERSION}".encode()).hexdigest()


def regions_to_validate(year_db: Path) -> tuple[list[str] | None, int]:
    """Regions whose staged rows changed, or were judged by another rule catalogue, since they were validated
    (None when no verdict was ever given in this database); and how many regions the year has."""
    with duckdb.connect(str(year_db), read_only=True) as con:
        state = con.execute("SELECT region_code, staged_fingerprint, validated_fingerprint FROM stg_region_state").fetchall()
        judged = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'stg_suite_result'").fetchone()[0]
    if not judged:
        return None, len(state)
    return sorted(region for region, staged, validated in state if validated != validated_fingerprint(staged)), len(state)


def _write_pending_docs() -> None:
    """In the validation process (pug.validator): write the Data Docs that the last validation left to write."""
    global _pending_docs
    write, _pending_docs = _pending_docs, None
    if write is not None:
        write()


_pending_docs = None  # in the validation process: the Data Docs of the last validation, still to be written


def validate_year(year_db: Path, reference: Reference, report_year: int, docs_dir: Path) -> dict:
    """Validate the regions of a year's staging database that need it (see regions_to_validate).

    The database is copied, validated and moved into place, so a killed run leaves the previous verdicts. The Data
    Docs site gains this run's pages; a run over every region replaces the site, so it stays bounded. Within
    `pug build` this runs in its validation process (pug.validator), which writes the Data Docs afterwards."""
    scope, region_count = regions_to_validate(year_db)
    if validator.running() and scope != []:
        validator.wait_for_docs()  # the previous year's pages first: one site at a time
        summary = validator.run(_validate_scope, year_db, reference, report_year, docs_dir, scope, region_count, True)
        validator.then_write_docs(_write_pending_docs)  # ~1 s that the build need not wait for
        return summary
    return _validate_scope(year_db, reference, report_year, docs_dir, scope, region_count)


def _validate_scope(year_db: Path, reference: Reference, report_year: int, docs_dir: Path, scope: list[str] | None,
                    region_count: int, defer_docs: bool = False) -> dict:
    first_time = scope is None
    if first_time:
        with duckdb.connect(str(year_db), read_only=True) as con:
            scope = [r[0] for r in con.execute("SELECT region_code FROM stg_region_state ORDER BY 1").fetchall()]
    summary = {"regions_validated": scope, "regions_unchanged": region_count - len(scope)}
    if scope or first_time:
        global _pending_docs
        partial_docs = docs_dir.with_name(f"{docs_dir.name}.{os.getpid()}.partial")
        shutil.rmtree(partial_docs, ignore_errors=True)
        gx = GreatExpectationsRun(partial_docs)
        with written_atomically(year_db) as partial:
            shutil.copyfile(year_db, partial)
            with duckdb.connect(str(partial)) as con:
                # Only the parser's findings of these regions stay: the rules' findings are made again.
                con.execute("""DELETE FROM stg_finding WHERE code NOT IN (SELECT unnest(?))
                               AND submission_id IN (SELECT submission_id FROM stg_submission
                                                     WHERE coalesce(region_code, '') IN (SELECT unnest(?)))""",
                            [sorted(CATALOGUE), scope])
                validate_staged(con, reference, report_year, regions=scope, gx=gx)
                apply_row_verdicts(con)
                staged = con.execute("SELECT region_code, staged_fingerprint FROM stg_region_state "
                                     "WHERE region_code IN (SELECT unnest(?))", [scope]).fetchall()
                for region, fingerprint in staged:
                    con.execute("UPDATE stg_region_state SET validated_fingerprint = ? WHERE region_code = ?",
                                [validated_fingerprint(fingerprint), region])

        def write_docs() -> None:
            gx.build_docs()
            if partial_docs.exists():
                if len(scope) == region_count:
                    shutil.rmtree(docs_dir, ignore_errors=True)
                    os.replace(partial_docs, docs_dir)
                else:
                    shutil.copytree(partial_docs, docs_dir, dirs_exist_ok=True)
                    shutil.rmtree(partial_docs, ignore_errors=True)

        if defer_docs:  # written by _write_pending_docs, the validator's next task
            _pending_docs = write_docs
        else:
            write_docs()
    with duckdb.connect(str(year_db), read_only=True) as con:
        summary.update(verdict_totals(con))
        summary["sheets"] = fetch_dicts(con, """
            SELECT sheet, sum(rows) AS rows, max(expectations) AS expectations, sum(errors) AS errors,
                   sum(warnings) AS warnings, arg_max(docs_page, rows) AS docs_page
            FROM stg_suite_result GROUP BY sheet ORDER BY sheet""")
    return summary
