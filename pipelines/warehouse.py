"""The DuckDB warehouse: built privately by each run, then published in one atomic step.

Readers keep the published file open for hours, and DuckDB lets no process open a file read-write
while another holds it. So a run never writes the published file: it copies it to a build file of its
own, works there, and publishes by renaming the build file over the published one. Readers keep the
old file (the inode they opened) until they reconnect; a failed run leaves the published file as it was.
"""

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import dagster as dg
import duckdb
from filelock import FileLock, Timeout

SCHEMAS = ("raw", "staging", "marts", "audit")
# Written in the storage format of DuckDB 1.5, so that the DuckDB CLI from PyPI (duckdb-cli, `make sql`)
# and reviewers' older DuckDB versions can open the warehouse.
STORAGE_VERSION = "v1.5.0"
HISTORY_KEPT = 7
# DuckDB takes 80 % of the machine by default; the ingest's workers, Dagster and Great Expectations
# share it. Beyond this a build spills to <build>.duckdb.tmp/ instead of growing.
BUILD_MEMORY_LIMIT = "1GB"
_HELD: dict[str, FileLock] = {}  # the build locks this process holds, by path


class PublishedBuild(NamedTuple):
    """The run that built the published warehouse, and the fingerprint of what it was built from."""

    run_id: str
    inputs: str | None  # None when that run did not start with changed_inputs (assets picked in the UI)


class RawFolder(dg.ConfigurableResource):
    """The folder of input files: reference/ CSVs and personnel/ lists."""

    path: str

    @property
    def root(self) -> Path:
        return Path(self.path)

    @property
    def reference_dir(self) -> Path:
        return self.root / "reference"

    @property
    def personnel_dir(self) -> Path:
        return self.root / "personnel"


class Warehouse(dg.ConfigurableResource):
    """The published DuckDB file and the private build files of the runs that rebuild it."""

    path: str

    @property
    def published(self) -> Path:
        return Path(self.path)

    @property
    def id_key_file(self) -> Path:
        return self.published.parent / "id-hmac.key"

    @property
    def builds_dir(self) -> Path:
        return self.published.parent / ".builds"

    @property
    def history_dir(self) -> Path:
        return self.published.parent / "history"

    def build_path(self, run_id: str) -> Path:
        return self.builds_dir / f"{run_id}.duckdb"

    @contextmanager
    def connect(
        self, context: dg.AssetExecutionContext | dg.AssetCheckExecutionContext
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-write connection to this run's build file, started from the published warehouse."""
        run_id = context.run.run_id
        build = self.build_path(run_id)
        if not build.exists():
            self._hold(run_id)
            self.discard_builds_of_dead_runs(context.instance, keep=run_id)
            self._start_build(build)
        connection = duckdb.connect(build, config={"memory_limit": BUILD_MEMORY_LIMIT})
        try:
            yield connection
        finally:
            connection.close()

    def published_inputs(self) -> PublishedBuild | None:
        """The run that built the published warehouse and the fingerprint of its inputs, or None when
        there is no published warehouse, it predates fingerprints or cannot be opened right now."""
        if not self.published.exists():
            return None
        try:
            with duckdb.connect(self.published, read_only=True) as connection:
                found = connection.execute("SELECT run_id, inputs FROM audit.build").fetchall()
        except duckdb.Error:
            return None
        return PublishedBuild(*found[0]) if found else None

    @contextmanager
    def scratch(self, run_id: str) -> Iterator[Path]:
        """An empty folder for this run's intermediate files beside its build, removed afterwards (and
        with the build's leftovers when the run is killed)."""
        folder = self.builds_dir / f"{run_id}.scratch"
        shutil.rmtree(folder, ignore_errors=True)  # a retried step starts empty
        folder.mkdir(parents=True)
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def publish(self, run_id: str) -> Path:
        """Replace the published warehouse by this run's build, atomically. The one it replaces moves
        to history/ (a hard link, no copy) beside the last few, so tonight compares with last night."""
        build = self.build_path(run_id)
        with duckdb.connect(build) as connection:
            connection.execute("CHECKPOINT")
        self.history_dir.mkdir(exist_ok=True)
        with FileLock(self.published.with_suffix(".publish.lock")):
            if self.published.exists():
                published_at = datetime.fromtimestamp(self.published.stat().st_mtime, UTC)
                os.link(
                    self.published, self.history_dir / f"tinhgon_{published_at:%Y-%m-%dT%H%M%S.%f}.duckdb"
                )
            os.replace(build, self.published)
            for old in sorted(self.history_dir.glob("tinhgon_*.duckdb"))[:-HISTORY_KEPT]:
                old.unlink()
        if held := _HELD.pop(str(self._lock_path(run_id)), None):
            held.release()
        self._lock_path(run_id).unlink(missing_ok=True)
        return self.published

    def _lock_path(self, run_id: str) -> Path:
        return self.builds_dir / f"{run_id}.lock"

    def _hold(self, run_id: str) -> None:
        """Hold a lock on this run's build for as long as this process lives: the OS lets it go
        when the process dies, even by SIGKILL, which tells later runs the build is abandoned."""
        self.builds_dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(self._lock_path(run_id))
        lock.acquire()
        _HELD[str(self._lock_path(run_id))] = lock

    def discard_builds_of_dead_runs(self, instance: dg.DagsterInstance, keep: str) -> None:
        """What failed or killed runs left behind. A build is kept while its run is unfinished
        and its process alive (a killed run stays 'started' in Dagster, so both are asked)."""
        for run_id in {path.name.split(".")[0] for path in self.builds_dir.glob("*")} - {keep}:
            run = instance.get_run_by_id(run_id)
            if run is None or run.is_finished or not self._is_held(run_id):
                for leftover in self.builds_dir.glob(f"{run_id}.*"):
                    if leftover.is_dir():  # what DuckDB spilled to disk
                        shutil.rmtree(leftover, ignore_errors=True)
                    else:
                        leftover.unlink(missing_ok=True)

    def _is_held(self, run_id: str) -> bool:
        try:
            with FileLock(self._lock_path(run_id)).acquire(timeout=0):
                return False
        except Timeout:
            return True

    def _start_build(self, build: Path) -> None:
        build.parent.mkdir(parents=True, exist_ok=True)
        partial = build.with_suffix(".partial")
        if self.published.exists():
            shutil.copyfile(self.published, partial)
        config = {} if self.published.exists() else {"storage_compatibility_version": STORAGE_VERSION}
        with duckdb.connect(partial, config=config) as connection:
            for schema in SCHEMAS:
                connection.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        os.replace(partial, build)
