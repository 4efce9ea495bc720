"""Creating a table from its YAML description (columns with types) and appending a DataFrame to it."""

import duckdb
import pandas as pd
import pyarrow as pa

from pipelines.catalog import table_doc


def create(
    connection: duckdb.DuckDBPyConnection, table: str, replace: bool = False, schema: str = "raw"
) -> None:
    doc = table_doc(schema, table)
    if replace:
        connection.execute(f"DROP TABLE IF EXISTS {doc.name}")
    connection.execute(doc.create_statement())
    for statement in doc.comment_statements():
        connection.execute(statement)


def append(
    connection: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame | pa.Table, schema: str = "raw"
) -> None:
    if len(frame) == 0:
        return
    connection.register("incoming", frame)
    try:
        connection.execute(f"INSERT INTO {schema}.{table} BY NAME SELECT * FROM incoming")
    finally:
        connection.unregister("incoming")
