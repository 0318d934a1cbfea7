"""Sensors: from a file dropped under raw/submissions/ to a published warehouse, with no one pressing a button.

1. submissions_sensor looks at the names, sizes and modification times of the files every minute. A file must
   look the same on two looks in a row before it counts (a copy in progress grows); Excel lock files (~$*) and
   hidden files are never submissions. When the settled files differ from those of the last run it started, it
   starts refresh_ledger, which hashes what changed (sha256) and parses content it has not seen.
2. ledger_sensor reads each new ledger materialization: the report years (and regions) whose content was added,
   changed or removed. For each year it starts update_year, which stages and validates only those regions again
   and publishes. A file touched without a change of content has the same sha256 and starts nothing.
"""


import hashlib
import json

import dagster as dg

from pipelines.jobs import refresh_ledger_job, update_year_job
from pipelines.partitions import report_year_partitions
from pipelines.resources import PugPaths
from pug.ingest.ledger import scan


def _observe(pug_paths: PugPaths) -> dict[str, list]:
    return {file.relative: [file.size, file.modified_at.isoformat()] for file in scan(pug_paths.submissions)}


@dg.sensor(
    job=refresh_ledger_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Every minute, compares the names, sizes and times of the files under raw/submissions/ with the "
    "last look. Once every file has stopped changing (a copy in progress is waited for; ~$ lock files are ignored) "
    "and the set differs from the one last ingested, it refreshes the ledger.",
)
def submissions_sensor(context: dg.SensorEvaluationContext, pug_paths: PugPaths):
    cursor = json.loads(context.cursor) if context.cursor else {}
    last_look, ingested = cursor.get("observed", {}), cursor.get("ingested")
    observed = _observe(pug_paths)
    settling = sorted(path for path, state in observed.items() if last_look.get(path) != state)
    fingerprint = hashlib.sha256(json.dumps(observed, sort_keys=True).encode()).hexdigest()
    if settling and fingerprint != ingested:
        context.update_cursor(json.dumps({"observed": observed, "ingested": ingested}))
        return dg.SkipReason(f"{len(settling)} file(s) new or changing, waiting for them to settle: {', '.join(settling[:5])}")
    if fingerprint == ingested:
        context.update_cursor(json.dumps({"observed": observed, "ingested": ingested}))
        return dg.SkipReason(f"no change among {len(observed)} files")
    context.update_cursor(json.dumps({"observed": observed, "ingested": fingerprint}))
    return dg.RunRequest(run_key=fingerprint, tags={"pug/files_seen": str(len(observed))})


@dg.asset_sensor(
    asset_key=dg.AssetKey("submission_ledger"),
    job=update_year_job,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="After each ledger refresh, starts update_year for every report year whose files were added, "
    "changed or removed (only their regions are staged and validated again), which then publishes.",
)
def ledger_sensor(context: dg.SensorEvaluationContext, asset_event: dg.EventLogEntry):
    metadata = asset_event.asset_materialization.metadata
    changed = metadata["changed"].value if "changed" in metadata else {}
    known = set(report_year_partitions.get_partition_keys())
    requests = [
        dg.RunRequest(run_key=f"{asset_event.run_id}:{year}", partition_key=year, tags={"pug/regions": ",".join(regions)})
        for year, regions in sorted(changed.items()) if year in known
    ]
    if not requests:
        return dg.SkipReason("the ledger refresh changed no report year's content")
    return requests
