"""Validation of a report year's staged rows, and the row verdicts that follow.

One Great Expectations run per sheet over the rows of every submission of the year (DESIGN: bulk, not per file);
a failing row comes back as its position in the frame and is mapped to (submission_id, source_row), the Excel row,
so every finding names its cell. Failures become findings in stg_finding beside the parser's; then the verdict SQL
quarantines every row with an error and sets each submission's status. A Data Docs site per year shows reviewers
each suite's results. The suites run where they are given (pug.validation.process): this module imports no GX.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from pug import contract, values
from pug.findings import CATALOGUE, ERROR, WARNING, Finding, column_letter, finding
from pug.freshness import code_version, digest
from pug.ingest.staging import FINDING_SCHEMA, ROWS_DROPPED_FROM, store_sheet_findings
from pug.paths import written_atomically, year_database, year_of_database
from pug.reference import Reference, register_reference
from pug.sqlfiles import fetch_dicts, run_sql_file, sql_text
from pug.validation import order
from pug.validation.process import LocalSuites, RemoteSuites, ValidationProcess
from pug.validation.rules import ROW_PLACE, RuleContext, SuiteSpec, suite_spec

if TYPE_CHECKING:
    import pandas as pd

# Everything that decides a verdict: the rules, the parser's finding catalogue, this stage's code and SQL. When it
# changes, every region is validated again.
RULES_VERSION = code_version("validation", "findings.py", "sql/validation")
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
    docs_page: str | None = None  # relative to the year's Data Docs site


def suite_input(spec: SuiteSpec, frame: pd.DataFrame, opd_of: dict[str, str] | None = None) -> pd.DataFrame:
    """What GX is given of a sheet's rule inputs: only the columns the rules read, since GX filters the whole frame
    for every expectation; numbered by position, which is how failing rows come back. (Given submission_id and
    source_row as unexpected_index_column_names, GX looks each failing row up cell by cell.) With `opd_of` (a
    submission's region, OPD and version, as shown), the ROW_PLACE columns say where each row is, for the Data Docs."""
    read = spec.columns_read()
    given = frame[[column for column in frame.columns if column in read]].reset_index(drop=True)
    if opd_of is not None:  # categories: a few dozen labels, whatever the rows
        region, opd, row = ROW_PLACE
        given[region] = frame["region_code"].astype("category").array
        given[opd] = frame["submission_id"].astype("category").cat.rename_categories(lambda sid: opd_of[sid]).array
        given[row] = frame["source_row"].to_numpy()
    return given


def _outcome(run, frame: pd.DataFrame, headers: dict, unreadable: set, con: duckdb.DuckDBPyConnection) -> SuiteOutcome:
    """A suite run's findings: each failing row's cell, with the value as the OPD typed it."""
    sheet = run.sheet
    submission_ids, source_rows = frame["submission_id"].to_numpy(), frame["source_row"].to_numpy()
    failed = []
    for meta, positions in run.failed:
        causes = frame[meta["cause_column"]].to_numpy()[positions].tolist() if meta.get("cause_column") else [""] * len(positions)
        for sid, row, cause in zip(submission_ids[positions].tolist(), source_rows[positions].tolist(), causes):
            # A cell the parser already explained is left out: a rule on its missing value would only confuse.
            if (sid, row, meta["column"]) not in unreadable:
                failed.append((sid, row, meta, cause))
    submitted = _submitted_text(con, sheet, {(sid, row) for sid, row, *_ in failed}) if failed else {}
    findings = [(sid, _finding(sheet, meta, sid, row, submitted.get((sid, row)), headers, cause)) for sid, row, meta, cause in failed]
    return SuiteOutcome(sheet, len(frame), run.evaluated, run.successful, findings,
                        frame["region_code"].fillna("").value_counts().to_dict())


def _finding(sheet: str, meta: dict, sid: str, row: int, raw_values: str | None, headers: dict, cause: str = "") -> Finding:
    column = meta["column"]
    shown = values.mask_nik(json.loads(raw_values).get(column, "")) if raw_values else ""  # as the OPD typed it
    header = headers.get((sid, sheet)) or []
    cell = f"{column_letter(header.index(column))}{row}" if column in header else None
    return Finding(
        code=meta["code"], severity=meta["severity"], sheet=sheet, row=row, column=column, cell=cell, value=shown,
        message=f"{meta['message'].format(value=shown, cause=cause)} {meta['hint']}",
        message_en=meta["message_en"].format(value=shown, cause=cause),
    )


def validate_staged(con: duckdb.DuckDBPyConnection, reference: Reference, report_year: int, *, lone_file: bool = False,
                    regions: list[str] | None = None, suites: LocalSuites | RemoteSuites | None = None,
                    known_register: list[tuple[str, int, str]] = ()) -> list[SuiteOutcome]:
    """Run every sheet's suite over the staged rows of `regions` (all when None) in one run per sheet; add the
    findings to stg_finding and the results to stg_suite_result. `suites` says where they run (this process when
    None, without Data Docs); its Data Docs, if it keeps any, are written by whoever made it. `known_register`
    (region, year, organisation code) counts as registered beside the staged organisasi sheets: a lone-file check
    passes the published warehouse's register there.

    Every cross-submission rule compares submissions of the same region, so regions validate independently."""
    register_reference(con, reference)
    if regions is None:
        regions = [r[0] for r in con.execute("SELECT DISTINCT coalesce(region_code, '') FROM stg_submission").fetchall()]
    con.execute("CREATE OR REPLACE TEMP TABLE validation_scope AS SELECT unnest(?::VARCHAR[]) AS region_code", [regions])
    con.execute("CREATE TEMP TABLE IF NOT EXISTS prior_reported_value (region_code VARCHAR, kode_indikator VARCHAR, "
                "lingkup_key VARCHAR, realisasi DOUBLE)")  # none for a lone file or the first year
    con.execute("CREATE OR REPLACE TEMP TABLE known_register AS SELECT unnest(?::VARCHAR[]) AS region_code, "
                "unnest(?::INTEGER[]) AS report_year, unnest(?::VARCHAR[]) AS org_code",
                [list(column) for column in zip(*known_register)] if known_register else [[], [], []])
    run_sql_file(con, "validation/context.sql")
    headers = {(sid, sheet): list(columns) for sid, sheet, columns in
               con.execute("SELECT submission_id, sheet, columns FROM stg_submission_sheet").fetchall()}
    context = RuleContext(reference=reference, report_year=report_year, lone_file=lone_file)
    unreadable = {(sid, row, column) for sid, row, column in con.execute(
        "SELECT submission_id, source_row, column_name FROM stg_finding WHERE source_row IS NOT NULL AND column_name IS NOT NULL").fetchall()}
    opd_of = {sid: f"{region or '?'} {opd or '?'} versi {version}" for sid, region, opd, version in
              con.execute("SELECT submission_id, region_code, opd_code, version FROM stg_submission").fetchall()}
    outcomes = {}
    for wave in order.waves():
        frames, specs = {}, {}
        for sheet in wave:
            # Through Arrow; under pandas 3 the strings stay Arrow-backed, which GX's row filters handle faster than
            # object strings. The rows' submitted text stays in DuckDB and is looked up for failing rows only.
            frame = con.sql(_rule_input_query(contract.SHEETS[sheet])).to_arrow_table().to_pandas()
            if frame.empty:
                outcomes[sheet] = SuiteOutcome(sheet, 0, 0, 0, [])
                continue
            _numbers_as_numpy(frame)
            frames[sheet], specs[sheet] = frame, suite_spec(sheet, context)
        if not frames:
            continue
        suites = suites or LocalSuites()
        runs = suites.run_wave([(specs[sheet], suite_input(specs[sheet], frames[sheet], opd_of)) for sheet in frames])
        for sheet, frame in frames.items():
            outcomes[sheet] = _outcome(runs[sheet], frame, headers, unreadable, con)
            outcomes[sheet].docs_page = runs[sheet].docs_page
            _store_findings(con, outcomes[sheet])  # the next wave's inputs see these verdicts
    outcomes = [outcomes[sheet] for wave in order.waves() for sheet in wave]
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
    dtype (int32, nullable Float64) one value at a time in Python."""
    from pandas.api import types
    for column, dtype in frame.dtypes.items():
        if types.is_numeric_dtype(dtype) and not types.is_bool_dtype(dtype) and dtype not in ("int64", "float64"):
            series = frame[column]
            frame[column] = series.astype("int64") if types.is_integer_dtype(dtype) and not series.hasnans \
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
        FROM ({order.rule_inputs_sql(sheet.name)})"""


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


def regions_to_validate(year_db: Path) -> tuple[list[str] | None, int]:
    """Regions whose staged rows changed, were judged by another rule catalogue, or whose previous year was
    validated again, since they were validated (None when no verdict was ever given in this database); and how
    many regions the year has."""
    _, prior = _prior_year(year_db)
    with duckdb.connect(str(year_db), read_only=True) as con:
        state = con.execute("SELECT region_code, staged_fingerprint, validated_fingerprint FROM stg_region_state").fetchall()
        judged = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'stg_suite_result'").fetchone()[0]
    if not judged:
        return None, len(state)
    return sorted(region for region, staged, validated in state
                  if validated != validated_fingerprint(staged, prior.get(region, ""))), len(state)


def validated_fingerprint(staged_fingerprint: str, prior_year: str = "") -> str:
    """What a region's verdicts were given on: its staged rows, the rules, and its previous year's verdicts (which
    VALUE_FAR_FROM_LAST_YEAR reads)."""
    return digest(staged_fingerprint, RULES_VERSION, prior_year)


def _register_shrinkage(con: duckdb.DuckDBPyConnection, regions: list[str]) -> None:
    """REGISTER_SHRANK on each current report whose register lost most of the organisations of last year's."""
    shrunk = con.execute(sql_text("validation/register_shrinkage.sql"), {"regions": regions, "at_least": ROWS_DROPPED_FROM}).fetchall()
    found = []
    for submission_id, now, before in shrunk:
        gone = round(100 * (before - now) / before)
        found.append((submission_id, finding("REGISTER_SHRANK", sheet="organisasi",
                                             detail=f"{now} organisasi, sedangkan tahun lalu {before} ({gone}% hilang)",
                                             detail_en=f"{now} organisations, while last year's held {before} ({gone}% gone)")))
    store_sheet_findings(con, found)


def _prior_year(year_db: Path) -> tuple[Path | None, dict[str, str]]:
    """The previous report year's staging database, when it has verdicts, and its regions' validated fingerprints."""
    year = year_of_database(year_db)
    prior_db = year_database(year_db.parent, year - 1) if year is not None else None
    if prior_db is None or not prior_db.exists():
        return None, {}
    with duckdb.connect(str(prior_db), read_only=True) as con:
        if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'stg_suite_result'").fetchone()[0]:
            return None, {}
        return prior_db, dict(con.execute("SELECT region_code, coalesce(validated_fingerprint, '') FROM stg_region_state").fetchall())


def validate_year(year_db: Path, reference: Reference, report_year: int, docs_dir: Path,
                  process: ValidationProcess | None = None) -> dict:
    """Validate the regions of a year's staging database that need it (see regions_to_validate).

    The database is copied, validated and moved into place, so a killed run leaves the previous verdicts. The Data
    Docs site gains this run's pages; a run over every region replaces the site, so it stays bounded. With a
    `process`, the suites run there and its Data Docs are written there afterwards, while the build goes on
    (process.wait_for_docs() waits for them); without, here and now."""
    prior_db, prior = _prior_year(year_db)
    scope, region_count = regions_to_validate(year_db)
    first_time = scope is None
    if first_time:
        with duckdb.connect(str(year_db), read_only=True) as con:
            scope = [r[0] for r in con.execute("SELECT region_code FROM stg_region_state ORDER BY 1").fetchall()]
    summary = {"regions_validated": scope, "regions_unchanged": region_count - len(scope)}
    if scope or first_time:
        partial_docs = docs_dir.with_name(f"{docs_dir.name}.{os.getpid()}.partial")
        shutil.rmtree(partial_docs, ignore_errors=True)
        suites = process.suites(partial_docs) if process else LocalSuites(partial_docs)
        with written_atomically(year_db) as partial:
            shutil.copyfile(year_db, partial)
            with duckdb.connect(str(partial)) as con:
                # Only the parser's findings of these regions stay: the rules' findings are made again.
                con.execute("""DELETE FROM stg_finding WHERE code NOT IN (SELECT unnest(?))
                               AND submission_id IN (SELECT submission_id FROM stg_submission
                                                     WHERE coalesce(region_code, '') IN (SELECT unnest(?)))""",
                            [sorted(CATALOGUE), scope])
                con.execute("DELETE FROM stg_finding WHERE code = 'REGISTER_SHRANK' AND submission_id IN "
                            "(SELECT submission_id FROM stg_submission WHERE coalesce(region_code, '') IN (SELECT unnest(?)))", [scope])
                if prior_db is not None:
                    con.execute(f"ATTACH '{prior_db}' AS prior (READ_ONLY)")
                    run_sql_file(con, "validation/prior_year_values.sql")
                    _register_shrinkage(con, scope)
                    con.execute("DETACH prior")
                validate_staged(con, reference, report_year, regions=scope, suites=suites)
                apply_row_verdicts(con)
                staged = con.execute("SELECT region_code, staged_fingerprint FROM stg_region_state "
                                     "WHERE region_code IN (SELECT unnest(?))", [scope]).fetchall()
                for region, fingerprint in staged:
                    con.execute("UPDATE stg_region_state SET validated_fingerprint = ? WHERE region_code = ?",
                                [validated_fingerprint(fingerprint, prior.get(region, "")), region])
        suites.write_docs(docs_dir, replace=len(scope) == region_count)
    with duckdb.connect(str(year_db), read_only=True) as con:
        summary.update(verdict_totals(con))
        summary["sheets"] = fetch_dicts(con, """
            SELECT sheet, sum(rows) AS rows, max(expectations) AS expectations, sum(errors) AS errors,
                   sum(warnings) AS warnings, arg_max(docs_page, rows) AS docs_page
            FROM stg_suite_result GROUP BY sheet ORDER BY sheet""")
    return summary
