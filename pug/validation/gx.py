"""Great Expectations, for the whole project: the one module that imports it, and the only place that touches a
name GX does not promise to keep (PRIVATE_NAMES; tests/test_library_boundaries.py fails when one disappears).

The rules are plain data (pug.validation.rules.SuiteSpec); this module turns them into GX suites, runs them over
pandas frames in an ephemeral context (no configuration files that parallel runs could corrupt), and writes the
Data Docs site of what it ran or was given. Importing it takes seconds: the parser and the lone-file check import it
only when they validate, and `pug build` in the validation process (pug.validation.process).
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")  # no network: Great Expectations sends no usage statistics

import great_expectations as gx  # noqa: E402
from great_expectations.data_context.types.base import ProgressBarsConfig  # noqa: E402
from great_expectations.expectations.row_conditions import Column  # noqa: E402
from tqdm import tqdm  # noqa: E402

from pug.outputs.offline import VendorFilesMissing, localize_site  # noqa: E402
from pug.validation.rules import ExpectationSpec, SuiteRun, SuiteSpec  # noqa: E402

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
        """The suite over `frame`; failing rows come back as positions in the frame."""
        suite = self.context.suites.add(build_suite(spec))
        batch = self.source.add_dataframe_asset(spec.sheet).add_batch_definition_whole_dataframe("report_year")
        definition = self.context.validation_definitions.add(gx.ValidationDefinition(name=spec.name, data=batch, suite=suite))
        result = definition.run(batch_parameters={"dataframe": frame}, result_format={"result_format": "COMPLETE"})
        failed = [(dict(r.expectation_config.meta), list(r.result.get("unexpected_index_list") or []))
                  for r in result.results if not r.success]
        keys = [k for k in self.context.validation_results_store.list_keys() if k.expectation_suite_identifier.name == spec.name]
        statistics = result.statistics
        return SuiteRun(spec.sheet, int(statistics["evaluated_expectations"]), int(statistics["successful_expectations"]),
                        failed, result, keys[-1] if keys else None)

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
