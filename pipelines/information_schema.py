"""The warehouse's own account of its tables' columns."""

import duckdb

Column = tuple[str, str, str, str]  # schema, table, column, data type


def columns(
    connection: duckdb.DuckDBPyConnection, schema: str | None = None, table: str | None = None
) -> list[Column]:
    """The columns of every table, or of one schema's or one table's, in their order."""
    return connection.execute(
        """
        SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = coalesce(?, table_schema) AND table_name = coalesce(?, table_name)
        ORDER BY table_schema, table_name, ordinal_position
        """,
        [schema, table],
    ).fetchall()
