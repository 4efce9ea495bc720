"""Removing what failed or killed runs left beside the published warehouse."""

import shutil

import dagster as dg

from pipelines.warehouse import locks
from pipelines.warehouse.files import WarehouseFiles


def discard_builds_of_dead_runs(files: WarehouseFiles, instance: dg.DagsterInstance, keep: str) -> None:
    """A build is kept while its run is unfinished and its process alive (a killed run stays 'started'
    in Dagster, so both are asked)."""
    if not files.builds_dir.exists():
        return
    for run_id in {files.run_of(path) for path in files.builds_dir.iterdir()} - {keep}:
        run = instance.get_run_by_id(run_id)
        if run is None or run.is_finished or not locks.is_held(files.lock(run_id)):
            for leftover in files.builds_dir.glob(f"{run_id}.*"):
                if leftover.is_dir():  # what DuckDB spilled to disk, a run's scratch folder
                    shutil.rmtree(leftover, ignore_errors=True)
                else:
                    leftover.unlink(missing_ok=True)
