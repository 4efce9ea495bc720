"""A run whenever a file under raw/ is added, changed or removed."""

import dagster as dg

from pipelines.defs.automation import jobs
from pipelines.inputs import raw_folder_fingerprint
from pipelines.raw_folder import RawFolder


@dg.sensor(
    name="raw_folder_changed",
    job=jobs.refresh_warehouse,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
)
def raw_folder_changed(context: dg.SensorEvaluationContext, raw_folder: RawFolder):
    """Starts a refresh when the raw folder's contents differ from the last run it started."""
    fingerprint = raw_folder_fingerprint(raw_folder)
    if fingerprint == context.cursor:
        return dg.SkipReason("nothing changed in the raw folder")
    context.update_cursor(fingerprint)
    return dg.RunRequest()  # no run key: going back to an earlier state of the folder must run too
