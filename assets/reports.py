"""Reports layer: what people read. Feedback workbooks for OPD staff and the review pages for reviewers."""

import dagster as dg

from assets.warehouse import published_tables
from pipelines.partitions import report_year_partitions
from pipelines.resources import PugPaths
from pug.outputs.feedback import finish_feedback_workbooks
from pug.warehouse.publish import year_databases
from pug.paths import written_atomically
from pug.outputs.report import report_inputs_digest, report_years, write_report
from pug.outputs.review import disagreements, render_review, review_path
from pug.ingest.staging import year_database
from pug.validation.workers import wait_for_docs


@dg.asset(
    group_name="reports",
    kinds={"excel"},
    pool="duckdb_writer",
    partitions_def=report_year_partitions,
    deps=["row_verdicts"],
    description="warehouse/feedback/<year>/<region>/<opd>.xlsx: for the version each OPD sent last, a summary of "
    "every problem and how to fix it, then each submitted sheet with the problem cells highlighted, in Bahasa Indonesia. "
    "Only workbooks whose submission or findings changed are written again.",
)
def feedback_workbooks(context: dg.AssetExecutionContext, pug_paths: PugPaths) -> dg.MaterializeResult:
    year = int(context.partition_key)
    # Started by row_verdicts in the same process when this asset is in the run: the workbooks were written
    # meanwhile, while the warehouse was published.
    result = finish_feedback_workbooks(year_database(pug_paths.build, year), pug_paths.feedback, year)
    return dg.MaterializeResult(metadata={
        "workbooks_written": len(result["written"]),
        "workbooks_unchanged": result["unchanged"],
        "regions_written": dg.MetadataValue.text(", ".join(result["regions_written"])),
        "regions_unchanged": result["regions_unchanged"],
        "folder": dg.MetadataValue.path(str(pug_paths.feedback / str(year))),
    })


@dg.asset(
    group_name="reports",
    kinds={"html"},
    pool="duckdb_writer",
    deps=["feedback_workbooks", "published_warehouse", *published_tables()],
    description="warehouse/review/<year>.html for every staged report year: per region and OPD, received / on time / "
    "version / status / error and warning counts (including reported values that disagree with the computed ones), "
    "with links to the feedback workbook and the Data Docs pages.",
)
def review_pages(pug_paths: PugPaths) -> dg.MaterializeResult:
    wait_for_docs()  # the pages link to the Data Docs, which `pug build` writes while the warehouse is published
    reference = pug_paths.reference()
    pages = []
    for year, database in year_databases(pug_paths.build).items():
        pages.append(render_review(database, reference, year, review_path(pug_paths.warehouse / "review", year),
                                   pug_paths.feedback, pug_paths.validation_docs(year),
                                   disagreements(pug_paths.published, year), pug_paths.build / "review_sections"))
    return dg.MaterializeResult(metadata={"pages": len(pages), "folder": dg.MetadataValue.path(str(pug_paths.warehouse / "review"))})


# The analyst reports come before the feedback workbooks once both can run: in `pug build` those are being written
# meanwhile, by the worker processes that row_verdicts started, with the CPU the reports leave.
BEFORE_FEEDBACK = {"dagster/priority": "1"}


@dg.asset(
    group_name="reports",
    kinds={"html"},
    op_tags=BEFORE_FEEDBACK,
    deps=["published_warehouse", *published_tables()],
    description="warehouse/report/<year>.html for every report year in the warehouse: the analyst report (progress "
    "against the five-year targets, organisation coverage, cadres, women in strategic posts, ARG share, "
    "prerequisites, directives), with charts inlined as SVG so it opens offline. Written again only when a "
    "table the reports read has changed.",
)
def analyst_reports(context: dg.AssetExecutionContext, pug_paths: PugPaths) -> dg.MaterializeResult:
    folder = pug_paths.warehouse / "report"
    state_file = folder / ".inputs"
    digest = report_inputs_digest(pug_paths.published)
    years = report_years(pug_paths.published)
    pages = [folder / f"{year}.html" for year in years]
    unchanged = state_file.exists() and state_file.read_text() == digest and all(p.exists() for p in pages)
    if unchanged:
        context.log.info("the tables the reports read are unchanged: no report written again")
    else:
        for year, page in zip(years, pages):
            write_report(pug_paths.published, year, page, pug_paths.build / "report_sections")
        with written_atomically(state_file) as partial:
            partial.write_text(digest)
    return dg.MaterializeResult(metadata={"reports": len(pages), "written": 0 if unchanged else len(pages),
                                          "folder": dg.MetadataValue.path(str(folder))})
