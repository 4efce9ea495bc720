"""Creating a table from its YAML description (columns with types), making it anew with given rows (a
pandas DataFrame or an Arrow table), rows readable by SQL for a while, and the Arrow types of a raw
table's columns."""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from pipelines import information_schema
from pipelines.catalog import table_doc

if TYPE_CHECKING:
    import pandas as pd


def create(connection: duckdb.DuckDBPyConnection, table: str, schema: str = "raw") -> None:
    """The table as its YAML describes it, if it is not there yet; one whose columns differ from its
    YAML's by name or order (the build starts from the published warehouse) is made anew, empty."""
    doc = table_doc(schema, table)
    existing = [name for _, _, name, _ in information_schema.columns(connection, schema, table)]
    if existing and existing != [column.name for column in doc.columns]:
        connection.execute(f"DROP TABLE {doc.name}")
    connection.execute(doc.create_statement())
    for statement in doc.comment_statements():
        connection.execute(statement)


def replace(
    connection: duckdb.DuckDBPyConnection, table: str, frame: "pd.DataFrame | pa.Table", schema: str = "raw"
) -> None:
    """The table made anew from its YAML, holding only the rows of `frame`."""
    connection.execute(f"DROP TABLE IF EXISTS {schema}.{table}")
    create(connection, table, schema=schema)
    if len(frame) == 0:
        return
    with registered(connection, "incoming", frame):
        connection.execute(f"INSERT INTO {schema}.{table} BY NAME SELECT * FROM incoming")


@contextmanager
def registered(
    connection: duckdb.DuckDBPyConnection, name: str, rows: "pd.DataFrame | pa.Table"
) -> Iterator[None]:
    """`rows` readable by SQL as the view `name` for the block, and no longer after it."""
    connection.register(name, rows)
    try:
        yield
    finally:
        connection.unregister(name)


@cache
def arrow_schema(table: str) -> pa.Schema:
    """The raw table's columns with the Arrow types DuckDB gives them: rows converted to these directly
    are typed the same in every chunk (Arrow would guess, and type a column empty in a chunk as null)."""
    with duckdb.connect() as connection:
        connection.execute("CREATE SCHEMA raw")
        connection.execute(table_doc("raw", table).create_statement())
        return connection.sql(f"SELECT * FROM raw.{table} LIMIT 0").to_arrow_table().schema
