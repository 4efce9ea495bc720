"""Staging, marts and audit tables: one asset per SQL file, its dependencies read from the SQL, and its
checks evaluated in the same step once it is built (checks.py says which may not be)."""

import hashlib

import dagster as dg

from pipelines import lineage, models
from pipelines.defs.ingest.assets import CHANGED_INPUTS
from pipelines.defs.metadata import OWNERS, column_lineage, table_metadata
from pipelines.defs.models.checks import SuiteCheck, suite_checks
from pipelines.warehouse.resource import Warehouse


def model_asset(model: models.SqlModel, checks: list[SuiteCheck]) -> dg.AssetsDefinition:
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
        # A blocking check that fails fails the step once all its results are out: nothing that reads
        # the table is built, and the run does not publish.
        check_specs=[check.spec for check in checks],
    )
    def materialize(context: dg.AssetExecutionContext, warehouse: Warehouse):
        with warehouse.connect(context) as connection:
            rows = model.create_table(connection)
            metadata = table_metadata(connection, model.schema, model.table, rows)
            columns = [column.name for column in metadata["dagster/column_schema"].columns]
            sources = lineage.column_sources(model.sql, columns, lineage.warehouse_schema(connection))
            yield dg.MaterializeResult(metadata=metadata | column_lineage(sources))
            for check in checks:
                yield check.evaluate(connection, warehouse)

    return materialize


@dg.definitions
def sql_models() -> dg.Definitions:
    all_models = models.all_models()
    built_from = models.ancestors(all_models)
    assets, checks_in_own_step = [], []
    for model in all_models:
        checks = suite_checks(model.doc)
        in_step = [c for c in checks if c.tables_read <= built_from[(model.schema, model.table)]]
        assets.append(model_asset(model, in_step))
        checks_in_own_step += [c.in_own_step() for c in checks if c not in in_step]
    return dg.Definitions(assets=assets, asset_checks=checks_in_own_step)
