"""The sensor: from a file dropped under raw/submissions/ (or a reviewer's decision appended under raw/decisions/) to
a published warehouse, with no one pressing a button.

Every minute it looks at the names, sizes and modification times of the files. A file must look the same on two
looks in a row before it counts (a copy in progress grows); Excel lock files (~$*) and hidden files are never
submissions. When the settled files differ from those of the last run it started, it starts one run of the build
job over every report year: the run hashes what changed (a file touched without a change of content has the same
sha256), parses content it has not seen, stages and validates only the regions whose content changed (other years
and regions cost a look), and publishes.
"""

import hashlib
import json

import dagster as dg

from assets.partitions import every_year
from assets.resources import PugPaths
from pipelines.jobs import build_job
from pug.ingest.ledger import scan


def _observe(pug_paths: PugPaths) -> dict[str, list]:
    layout = pug_paths.layout
    observed = {file.relative: [file.size, file.modified_at.isoformat()] for file in scan(layout.submissions)}
    for path in sorted(layout.decisions.glob("*.jsonl")):  # reviewers' decisions: their year is built again
        stat = path.stat()
        observed[f"../decisions/{path.name}"] = [stat.st_size, stat.st_mtime_ns]
    return observed


@dg.sensor(
    job=build_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Every minute, compares the names, sizes and times of the files under raw/submissions/ (and of the "
    "reviewers' decisions under raw/decisions/) with the "
    "last look. Once every file has stopped changing (a copy in progress is waited for; ~$ lock files are ignored) "
    "and the set differs from the one last built, it starts a build of every report year, which redoes only what "
    "changed and publishes.",
)
def submissions_sensor(context: dg.SensorEvaluationContext, pug_paths: PugPaths):
    cursor = json.loads(context.cursor) if context.cursor else {}
    last_look, built = cursor.get("observed", {}), cursor.get("ingested")
    observed = _observe(pug_paths)
    settling = sorted(path for path, state in observed.items() if last_look.get(path) != state)
    fingerprint = hashlib.sha256(json.dumps(observed, sort_keys=True).encode()).hexdigest()
    if settling and fingerprint != built:
        context.update_cursor(json.dumps({"observed": observed, "ingested": built}))
        return dg.SkipReason(f"{len(settling)} file(s) new or changing, waiting for them to settle: {', '.join(settling[:5])}")
    if fingerprint == built:
        context.update_cursor(json.dumps({"observed": observed, "ingested": built}))
        return dg.SkipReason(f"no change among {len(observed)} files")
    context.update_cursor(json.dumps({"observed": observed, "ingested": fingerprint}))
    # Keyed by the change, not by the files alone: files that come back to an earlier state (one added, then
    # removed) are a change to build too, and a run key is never used twice.
    return dg.RunRequest(run_key=f"{built}->{fingerprint}", tags={**every_year(), "pug/files_seen": str(len(observed))})
