"""A table's preview for the Dagster UI: row counts by the columns its YAML declares, never its rows.

The UI is open to everyone who runs `make ui`; the warehouse holds names, birth dates and person keys.
So a preview groups by columns the YAML allows (catalog.Preview refuses personal ones) and shows only
how many rows each group has and, for count columns, their totals.
"""

from typing import TYPE_CHECKING

import duckdb

from pipelines.catalog import Preview, TableDoc
from pipelines.sql_text import identifier

if TYPE_CHECKING:
    import pandas as pd

PREVIEW_GROUPS = 20


def preview_sql(table: str, preview: Preview) -> str:
    by = ", ".join(identifier(column) for column in preview.by)
    sums = "".join(f", sum({identifier(column)}) AS {identifier(column)}" for column in preview.sums)
    return (
        f"SELECT {by}, count(*) AS rows{sums} FROM {table} GROUP BY {by} ORDER BY {by} LIMIT {PREVIEW_GROUPS}"
    )


def table_preview(connection: duckdb.DuckDBPyConnection, doc: TableDoc) -> "pd.DataFrame | None":
    if doc.preview is None:
        return None
    return connection.execute(preview_sql(doc.name, doc.preview)).df()
