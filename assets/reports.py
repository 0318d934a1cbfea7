"""Reports layer: what people read. Feedback workbooks for OPD staff, the review pages for reviewers and the
analyst reports."""

import dagster as dg

from assets.partitions import report_year_partitions, years_of
from assets.resources import FeedbackWriters, PugPaths, WarehouseLock
from assets.warehouse import published_tables
from pug.ingest import decisions
from pug.outputs.feedback import FEEDBACK_VERSION
from pug.outputs.report import REPORT_VERSION, report_inputs_digest, report_years, write_report
from pug.outputs.review import SECTION_VERSION as REVIEW_VERSION
from pug.outputs.review import decisions_in_force, disagreements, render_review
from pug.paths import written_atomically, year_databases


@dg.asset(
    group_name="reports",
    kinds={"excel"},
    partitions_def=report_year_partitions,
    deps=["row_verdicts"],
    code_version=FEEDBACK_VERSION,
    description="warehouse/feedback/<year>/<region>/<opd>.xlsx: for the version each OPD sent last, a summary of "
    "every problem and how to fix it, then each submitted sheet with the problem cells highlighted, in Bahasa Indonesia. "
    "Only workbooks whose submission or findings changed are written again.",
)
def feedback_workbooks(context: dg.AssetExecutionContext, pug_paths: PugPaths, warehouse_lock: WarehouseLock, feedback_writers: FeedbackWriters) -> dg.MaterializeResult:
    layout = pug_paths.layout
    years = {}
    for year in years_of(context):
        if not layout.year_database(year).exists():
            continue
        # Begun by row_verdicts once the year's verdicts were in: written meanwhile, while the warehouse was published.
        result = feedback_writers.finish(layout.year_database(year), layout.feedback, year, decisions.in_force(layout, year))
        years[str(year)] = {"workbooks_written": len(result["written"]), "workbooks_unchanged": result["unchanged"],
                            "regions_written": result["regions_written"], "regions_unchanged": result["regions_unchanged"]}
    return dg.MaterializeResult(metadata={"years": dg.MetadataValue.json(years),
                                          "folder": dg.MetadataValue.path(str(layout.feedback))})


@dg.asset(
    group_name="reports",
    kinds={"html"},
    pool="duckdb_writer",
    deps=["feedback_workbooks", "validation_docs", "published_warehouse", *published_tables()],
    code_version=REVIEW_VERSION,
    description="warehouse/review/<year>.html for every staged report year: per region and OPD, received / on time / "
    "version / status / error and warning counts (including reported values that disagree with the computed ones), "
    "with links to the feedback workbook and the Data Docs pages.",
)
def review_pages(pug_paths: PugPaths, warehouse_lock: WarehouseLock) -> dg.MaterializeResult:
    layout = pug_paths.layout
    pages = []
    for year, database in year_databases(layout.build).items():
        pages.append(render_review(database, pug_paths.reference(), year, layout.review_page(year), layout.feedback,
                                   layout.validation_docs(year), disagreements(layout.published, year),
                                   layout.build / "review_sections", decisions_in_force(layout.published, year)))
    return dg.MaterializeResult(metadata={"pages": len(pages), "folder": dg.MetadataValue.path(str(layout.review))})


# The analyst reports come before the feedback workbooks once both can run: those are being written meanwhile, by
# the feedback writers that row_verdicts began, with the CPU the reports leave.
BEFORE_FEEDBACK = {"dagster/priority": "1"}


@dg.asset(
    group_name="reports",
    kinds={"html"},
    op_tags=BEFORE_FEEDBACK,
    deps=["published_warehouse", *published_tables()],
    code_version=REPORT_VERSION,
    description="warehouse/report/<year>.html for every report year in the warehouse: the analyst report (progress "
    "against the five-year targets, organisation coverage, cadres, women in strategic posts, ARG share, "
    "prerequisites, directives), with charts inlined as SVG so it opens offline. Written again only when a "
    "table the reports read has changed.",
)
def analyst_reports(context: dg.AssetExecutionContext, pug_paths: PugPaths, warehouse_lock: WarehouseLock) -> dg.MaterializeResult:
    layout = pug_paths.layout
    state_file = layout.report / ".inputs"
    digest = report_inputs_digest(layout.published)
    years = report_years(layout.published)
    pages = [layout.report_page(year) for year in years]
    unchanged = state_file.exists() and state_file.read_text() == digest and all(p.exists() for p in pages)
    if unchanged:
        context.log.info("the tables the reports read are unchanged: no report written again")
    else:
        for year, page in zip(years, pages):
            write_report(layout.published, year, page, layout.build / "report_sections")
        with written_atomically(state_file) as partial:
            partial.write_text(digest)
    return dg.MaterializeResult(metadata={"reports": len(pages), "written": 0 if unchanged else len(pages),
                                          "folder": dg.MetadataValue.path(str(layout.report))})
