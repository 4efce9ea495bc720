"""The warehouse as the Dagster assets use it: a connection to the run's build, and publishing."""

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.warehouse import builds, cleanup, locks, publishing
from pipelines.warehouse.files import WarehouseFiles
from pipelines.warehouse.publishing import PublishedBuild


class Warehouse(dg.ConfigurableResource):
    """The published DuckDB file and the private build files of the runs that rebuild it."""

    path: str

    @property
    def files(self) -> WarehouseFiles:
        return WarehouseFiles(Path(self.path))

    @property
    def published(self) -> Path:
        return self.files.published

    @property
    def id_key_file(self) -> Path:
        return self.files.id_key

    @contextmanager
    def connect(
        self, context: dg.AssetExecutionContext | dg.AssetCheckExecutionContext
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-write connection to this run's build file, started from the published warehouse."""
        run_id = context.run.run_id
        build = self.files.build_file(run_id)
        if not build.exists():
            locks.hold(self.files.lock(run_id))
            self.discard_builds_of_dead_runs(context.instance, keep=run_id)
            builds.start(self.published, build)
        with builds.connect(build) as connection:
            yield connection

    def scratch(self, run_id: str) -> AbstractContextManager[Path]:
        return builds.scratch(self.files.scratch(run_id))

    def published_build(self) -> PublishedBuild | None:
        return publishing.published_build(self.published)

    def publish(self, run_id: str) -> Path:
        """Replace the published warehouse by this run's build, atomically."""
        publishing.publish(self.files, run_id)
        locks.release(self.files.lock(run_id))
        return self.published

    def discard_builds_of_dead_runs(self, instance: dg.DagsterInstance, keep: str) -> None:
        cleanup.discard_builds_of_dead_runs(self.files, instance, keep)
