"""Great Expectations, for the whole project: the one module that imports it, and the only place that touches a
name GX does not promise to keep (PRIVATE_NAMES; tests/test_library_boundaries.py fails when one disappears).

The rules are plain data (pug.validation.rules.SuiteSpec); this module turns them into GX suites, runs them over
pandas frames in an ephemeral context (no configuration files that parallel runs could corrupt), and writes the
Data Docs site of what it ran or was given. Importing it takes seconds: the parser and the lone-file check import it
only when they validate, and `pug build` in the validation process (pug.validation.process).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from pathlib import Path

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")  # no network: Great Expectations sends no usage statistics

import great_expectations as gx  # noqa: E402
from great_expectations.core.run_identifier import RunIdentifier  # noqa: E402
from great_expectations.data_context.types.base import ProgressBarsConfig  # noqa: E402
from great_expectations.expectations.row_conditions import Column  # noqa: E402
from tqdm import tqdm  # noqa: E402

from pug.outputs.offline import VendorFilesMissing, localize_site  # noqa: E402
from pug.validation.rules import ROW_PLACE, ExpectationSpec, SuiteRun, SuiteSpec  # noqa: E402

# (module, attribute) that this module uses although GX does not document them.
PRIVATE_NAMES = (
    ("great_expectations.data_context.types.base", "ProgressBarsConfig"),
    ("great_expectations.data_context.data_context.abstract_data_context.AbstractDataContext", "_save_project_config"),
)

logging.getLogger("great_expectations").setLevel(logging.WARNING)
# GX's validation graph makes a (disabled) tqdm bar, and tqdm's first bar makes a multiprocessing lock: a named
# semaphore registered with the resource tracker, reported as leaked when the process is ended. A thread lock does.
tqdm.set_lock(threading.RLock())

SITE = "pug"
_OPERATORS = {"==": Column.__eq__, "<=": Column.__le__}


def _row_condition(condition: tuple):
    column, operator, value = condition
    if operator == "in":
        return Column(column).is_in(value)
    return _OPERATORS[operator](Column(column), value)


def _expectation(spec: ExpectationSpec):
    extra = {"row_condition": _row_condition(spec.condition)} if spec.condition else {}
    return getattr(gx.expectations, spec.expectation)(**spec.kwargs, **extra, meta=spec.meta)


def build_suite(spec: SuiteSpec):
    """The GX ExpectationSuite of a sheet."""
    suite = gx.ExpectationSuite(name=spec.name, meta={"notes": {"format": "markdown", "content": [spec.notes]}})
    for expectation in spec.expectations:
        suite.add_expectation(_expectation(expectation))
    return suite


def _run_of(report_year: int) -> RunIdentifier | None:
    """A run named by its report year (given its time: GX would read a bare year as a date)."""
    if not report_year:
        return None
    return RunIdentifier(run_name=str(report_year), run_time=dt.datetime.now(dt.timezone.utc))


def _name_rows(result, place: dict, asset: str) -> None:
    """Make the Data Docs name each failing row by its region, OPD and version, and Excel row (DESIGN "Validation"),
    and the batch by its sheet and regions: GX's renderer reads both from the result's documented dicts."""
    result.meta.setdefault("batch_spec", {})["data_asset_name"] = asset
    _, opd, row = ROW_PLACE
    for expectation in result.results:
        found = expectation.result or {}
        positions = found.get("unexpected_index_list")
        if expectation.success or not positions or not isinstance(positions[0], int):
            continue
        shown = found.get("unexpected_list") or [None] * len(positions)
        column = expectation.expectation_config.kwargs.get("column") or "nilai"
        opds, rows = (place[name].iloc[positions].tolist() for name in (opd, row))
        found["unexpected_index_list"] = [{column: value, opd: label, row: int(excel_row)}
                                          for value, label, excel_row in zip(shown, opds, rows)]
        found["unexpected_index_column_names"] = [opd, row]
        found.pop("unexpected_index_query", None)  # `df.filter(items=[...])` of a frame no reviewer has


class Suites:
    """An ephemeral GX context that runs suites and keeps their results; with `docs_dir`, a Data Docs site there."""

    def __init__(self, docs_dir: Path | None = None):
        self.context = gx.get_context(mode="ephemeral")
        # An ephemeral context's configuration is never saved (GX's own contract), yet GX serialises all of it to
        # YAML after every asset and suite added; nothing reads it back.
        self.context._save_project_config = lambda: None
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False)
        self.source = self.context.data_sources.add_pandas("pug")
        self.docs_dir = docs_dir
        if docs_dir is not None:
            self.context.add_data_docs_site(site_name=SITE, site_config={
                "class_name": "SiteBuilder",
                "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            })

    def run(self, spec: SuiteSpec, frame) -> SuiteRun:
        """The suite over `frame`; failing rows come back as positions in the frame. The ROW_PLACE columns, when
        the frame has them, are taken out before GX sees it and name the failing rows in the Data Docs."""
        place = {column: frame.pop(column) for column in ROW_PLACE if column in frame.columns}
        regions = sorted({str(r) for r in place[ROW_PLACE[0]].unique() if isinstance(r, str) and r}) if place else []
        # named by sheet and regions; it is part of the page's file name, so ASCII without spaces
        asset = "_".join([spec.sheet, *regions] if len(regions) <= 6 else [spec.sheet, f"{len(regions)}wilayah"])
        suite = self.context.suites.add(build_suite(spec))
        batch = self.source.add_dataframe_asset(asset).add_batch_definition_whole_dataframe("report_year")
        definition = self.context.validation_definitions.add(gx.ValidationDefinition(name=spec.name, data=batch, suite=suite))
        result = definition.run(batch_parameters={"dataframe": frame}, result_format={"result_format": "COMPLETE"},
                                run_id=_run_of(spec.report_year))
        failed = [(dict(r.expectation_config.meta), list(r.result.get("unexpected_index_list") or []))
                  for r in result.results if not r.success]
        keys = [k for k in self.context.validation_results_store.list_keys() if k.expectation_suite_identifier.name == spec.name]
        key = keys[-1] if keys else None
        if place:
            _name_rows(result, place, asset)
            if key is not None:
                self.context.validation_results_store.store_validation_results(result, key, key.expectation_suite_identifier)
        statistics = result.statistics
        return SuiteRun(spec.sheet, int(statistics["evaluated_expectations"]), int(statistics["successful_expectations"]),
                        failed, result, key)

    def keep(self, spec: SuiteSpec, run: SuiteRun) -> None:
        """A run of another context kept in this one as if run here: its Data Docs page is written with the others."""
        self.context.suites.add(build_suite(spec))
        self.context.validation_results_store.store_validation_results(run.result, run.key, run.key.expectation_suite_identifier)

    def docs_page(self, run: SuiteRun) -> str | None:
        """The run's Data Docs page relative to the site, whether or not the site is written yet."""
        if self.docs_dir is None or run.key is None:
            return None
        for site in self.context.get_docs_sites_urls(resource_identifier=run.key, site_name=SITE, only_if_exists=False):
            url = site.get("site_url") or ""
            if url.startswith("file://"):
                return os.path.relpath(url[len("file://"):], self.docs_dir)
        return None

    def write_docs(self) -> None:
        if self.docs_dir is not None:
            self.context.build_data_docs(site_names=[SITE])
            try:
                localize_site(self.docs_dir)  # GX's pages load their scripts and styles from CDNs
            except VendorFilesMissing as missing:  # installed without `make install`: pages that need the network
                logging.getLogger(__name__).warning("Data Docs left loading from CDNs: %s", missing)
