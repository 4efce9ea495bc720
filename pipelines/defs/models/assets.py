"""Staging, marts and audit tables: one asset per SQL file, its dependencies read from the SQL."""

import hashlib

import dagster as dg

from pipelines import lineage, models
from pipelines.defs.ingest.assets import CHANGED_INPUTS
from pipelines.defs.metadata import OWNERS, column_lineage, table_metadata
from pipelines.warehouse.resource import Warehouse


def model_asset(model: models.SqlModel) -> dg.AssetsDefinition:
    @dg.asset(
        key=[model.schema, model.table],
        # A model that reads no table (vocabulary in VALUES) still waits for the run to decide it has
        # anything to do, so a run that finds nothing changed skips it too.
        deps=[dg.AssetKey(list(upstream)) for upstream in model.upstream] or [CHANGED_INPUTS],
        description=f"{model.doc.en}\n\n{model.doc.vi}",
        group_name=model.schema,
        kinds={"duckdb", "sql"},
        owners=OWNERS,
        code_version=hashlib.sha256(model.sql.encode()).hexdigest()[:12],
        metadata={"sql": dg.MetadataValue.md(f"```sql\n{model.sql}\n```")},
    )
    def materialize(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
        with warehouse.connect(context) as connection:
            rows = model.create_table(connection)
            metadata = table_metadata(connection, model.schema, model.table, rows)
            columns = [column.name for column in metadata["dagster/column_schema"].columns]
            sources = lineage.column_sources(model.sql, columns, lineage.warehouse_schema(connection))
        return dg.MaterializeResult(metadata=metadata | column_lineage(sources))

    return materialize


@dg.definitions
def sql_models() -> dg.Definitions:
    return dg.Definitions(assets=[model_asset(model) for model in models.all_models()])
