"""Metadata every table asset carries in the Dagster UI: row count and documented column schema."""

import dagster as dg
import duckdb
import pandas as pd

from pipelines.catalog import table_doc


def table_metadata(connection: duckdb.DuckDBPyConnection, schema: str, table: str, rows: int) -> dict:
    doc = table_doc(schema, table)
    descriptions = {c.name: c.comment for c in doc.columns}
    columns = connection.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
        [schema, table],
    ).fetchall()
    return {
        "dagster/row_count": rows,
        "dagster/table_name": f"{schema}.{table}",
        "dagster/column_schema": dg.TableSchema(
            columns=[
                dg.TableColumn(name, data_type, description=descriptions.get(name))
                for name, data_type in columns
            ]
        ),
    }


def records_table(frame: pd.DataFrame) -> dg.TableMetadataValue:
    """A small DataFrame as a table the UI draws."""
    return dg.MetadataValue.table(
        records=[dg.TableRecord(record) for record in frame.astype(str).to_dict(orient="records")],
        schema=dg.TableSchema(columns=[dg.TableColumn(str(name), "string") for name in frame.columns]),
    )
