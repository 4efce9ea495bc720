"""Publishing: the run's build file replaces the published warehouse in one atomic rename."""

import dagster as dg

from pipelines import models
from pipelines.warehouse import Warehouse

PUBLISHED_SCHEMAS = ("marts", "audit")


@dg.definitions
def publishing() -> dg.Definitions:
    upstream = [dg.AssetKey([m.schema, m.table]) for m in models.discover() if m.schema in PUBLISHED_SCHEMAS]

    @dg.asset(
        key="warehouse",
        deps=upstream,
        group_name="publish",
        kinds={"duckdb"},
        owners=["team:noi-vu"],
    )
    def published_warehouse(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
        """The DuckDB file reviewers query ($TINHGON_WAREHOUSE), replaced whole once every table of
        this run is built and its blocking checks passed. Readers keep the previous file until they
        reconnect; a failed run never gets here and leaves it as it was."""
        path = warehouse.publish(context.run.run_id)
        return dg.MaterializeResult(
            metadata={"path": dg.MetadataValue.path(str(path)), "size_bytes": path.stat().st_size}
        )

    return dg.Definitions(assets=[published_warehouse])
