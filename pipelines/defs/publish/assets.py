"""Publishing: the run's build file replaces the published warehouse in one atomic rename."""

from datetime import UTC, datetime

import dagster as dg
import duckdb
import pyarrow as pa

from pipelines import models
from pipelines.defs.metadata import OWNERS
from pipelines.loading import tables
from pipelines.raw_folder import RawFolder
from pipelines.settings import SQL_DIR
from pipelines.warehouse.builds import SCHEMAS
from pipelines.warehouse.resource import Warehouse


@dg.definitions
def publishing() -> dg.Definitions:
    all_models = models.all_models()
    read_by_others = {upstream for model in all_models for upstream in model.upstream}
    # The tables no other table reads: once they are built, so is everything they are built from.
    last_built = [
        dg.AssetKey([m.schema, m.table]) for m in all_models if (m.schema, m.table) not in read_by_others
    ]

    @dg.asset(
        key="warehouse",
        deps=last_built,
        group_name="publish",
        kinds={"duckdb"},
        owners=OWNERS,
    )
    def published_warehouse(
        context: dg.AssetExecutionContext, warehouse: Warehouse, raw_folder: RawFolder
    ) -> dg.MaterializeResult:
        """The DuckDB file reviewers query ($TINHGON_WAREHOUSE), replaced whole once every table of
        this run is built and its blocking checks passed; audit.build says which run built it. Readers
        keep the previous file until they reconnect; a failed run never gets here and leaves it as it
        was. The last few published files stay in history/ beside it."""
        published_at = datetime.now(UTC)
        run_id = context.run.run_id
        with warehouse.connect(context) as connection:
            _drop_undocumented_tables(connection)
            # A run that did not start with changed_inputs (a few assets materialized from the UI)
            # records no fingerprint, so the next run rebuilds rather than trust this one.
            tables.create(connection, "build", schema="audit")
            inputs = connection.execute(
                "SELECT inputs FROM audit.build WHERE run_id = ?", [run_id]
            ).fetchall()
            files = connection.execute("SELECT count(*) FROM raw.source_files").fetchall()[0][0]
            build = {
                "run_id": run_id,
                "published_at": published_at,
                "raw_folder": raw_folder.path,
                "inputs": inputs[0][0] if inputs else None,
                "files": files,
            }
            tables.replace(connection, "build", pa.Table.from_pylist([build]), schema="audit")
        path = warehouse.publish(run_id)
        return dg.MaterializeResult(
            metadata={"path": dg.MetadataValue.path(str(path)), "size_bytes": path.stat().st_size}
        )

    return dg.Definitions(assets=[published_warehouse])


def _drop_undocumented_tables(connection: duckdb.DuckDBPyConnection) -> None:
    """A table whose model was deleted lives on in the copied build: publish only documented tables."""
    documented = {(path.parent.name, path.stem) for path in SQL_DIR.glob("*/*.yml")}
    for schema, table in connection.execute(
        "SELECT schema_name, table_name FROM duckdb_tables() WHERE schema_name IN ?", [list(SCHEMAS)]
    ).fetchall():
        if (schema, table) not in documented:
            connection.execute(f"DROP TABLE {schema}.{table}")
