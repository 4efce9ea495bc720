"""A run whenever a file under raw/ is added, changed or removed."""

import hashlib

import dagster as dg

from pipelines.defs.automation import jobs
from pipelines.loading.personnel import discover
from pipelines.loading.reference import REFERENCE_TABLES
from pipelines.warehouse import RawFolder


def folder_fingerprint(raw_folder: RawFolder) -> str:
    """Names, sizes and modification times of the files a run reads: cheap, and changes with them.
    Excel's lock files (~$...) and hidden files are not read, so opening a list starts no run."""
    references = [raw_folder.reference_dir / f"{table}.csv" for table in REFERENCE_TABLES]
    lists = (
        [path for _, path in discover(raw_folder.personnel_dir)] if raw_folder.personnel_dir.exists() else []
    )
    digest = hashlib.sha256()
    for path in [p for p in references if p.exists()] + lists:
        stat = path.stat()
        digest.update(f"{path.relative_to(raw_folder.root)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@dg.sensor(
    name="raw_folder_changed",
    job=jobs.refresh_warehouse,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
)
def raw_folder_changed(context: dg.SensorEvaluationContext, raw_folder: RawFolder):
    """Starts a refresh when the raw folder's contents differ from the last run it started."""
    fingerprint = folder_fingerprint(raw_folder)
    if fingerprint == context.cursor:
        return dg.SkipReason("nothing changed in the raw folder")
    context.update_cursor(fingerprint)
    return dg.RunRequest()  # no run key: going back to an earlier state of the folder must run too
