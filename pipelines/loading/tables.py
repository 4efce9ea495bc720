"""Creating a table from its YAML description (columns with types), appending rows to it (a pandas
DataFrame or an Arrow table) or replacing its rows, and the Arrow types of a raw table's columns."""

from functools import cache
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from pipelines.catalog import table_doc

if TYPE_CHECKING:
    import pandas as pd


def create(
    connection: duckdb.DuckDBPyConnection, table: str, replace: bool = False, schema: str = "raw"
) -> None:
    doc = table_doc(schema, table)
    existing = [
        name
        for (name,) in connection.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
            [schema, table],
        ).fetchall()
    ]
    # A table built from an older YAML (the build starts from the published warehouse) is rebuilt.
    if replace or (existing and existing != [column.name for column in doc.columns]):
        connection.execute(f"DROP TABLE IF EXISTS {doc.name}")
    connection.execute(doc.create_statement())
    for statement in doc.comment_statements():
        connection.execute(statement)


def append(
    connection: duckdb.DuckDBPyConnection, table: str, frame: "pd.DataFrame | pa.Table", schema: str = "raw"
) -> None:
    if len(frame) == 0:
        return
    connection.register("incoming", frame)
    try:
        connection.execute(f"INSERT INTO {schema}.{table} BY NAME SELECT * FROM incoming")
    finally:
        connection.unregister("incoming")


def replace(
    connection: duckdb.DuckDBPyConnection, table: str, frame: "pd.DataFrame | pa.Table", schema: str = "raw"
) -> None:
    """The table made anew from its YAML, holding only the rows of `frame`."""
    create(connection, table, replace=True, schema=schema)
    append(connection, table, frame, schema=schema)


@cache
def arrow_schema(table: str) -> pa.Schema:
    """The raw table's columns with the Arrow types DuckDB gives them: rows converted to these directly
    are typed the same in every chunk (Arrow would guess, and type a column empty in a chunk as null)."""
    with duckdb.connect() as connection:
        connection.execute("CREATE SCHEMA raw")
        connection.execute(table_doc("raw", table).create_statement())
        return connection.sql(f"SELECT * FROM raw.{table} LIMIT 0").to_arrow_table().schema
