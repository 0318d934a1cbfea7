"""Sensors: notice new or changed files under raw/submissions/ and refresh the ledger."""


import hashlib

import dagster as dg

from pipelines.jobs import refresh_ledger_job
from pipelines.resources import PugPaths
from pug.ledger import scan


@dg.sensor(
    job=refresh_ledger_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Every minute, compares the names, sizes and times of the files under raw/submissions/ with the "
    "last look; on any change it refreshes the ledger, and the automation conditions of the downstream assets "
    "restage the years and publish.",
)
def submissions_sensor(context: dg.SensorEvaluationContext, pug_paths: PugPaths):
    fingerprint = hashlib.sha256()
    seen = scan(pug_paths.submissions)
    for file in seen:
        fingerprint.update(f"{file.relative}\0{file.size}\0{file.modified_at.isoformat()}\n".encode())
    cursor = fingerprint.hexdigest()
    if cursor == context.cursor:
        return dg.SkipReason(f"no change among {len(seen)} files")
    context.update_cursor(cursor)
    return dg.RunRequest(run_key=cursor, tags={"pug/files_seen": str(len(seen))})
