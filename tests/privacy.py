"""Looking for national ID numbers where they must never be in clear text."""

import duckdb


def clear_text_ids(warehouse, ids: set[str]) -> list[tuple]:
    """Every text value in every table that holds one of `ids` (DuckDB compresses its file, so the
    file's bytes cannot be searched: every text column is, with SQL)."""
    with duckdb.connect() as connection:
        connection.execute(f"ATTACH '{warehouse}' AS warehouse (READ_ONLY)")
        connection.execute("CREATE TABLE ids AS SELECT unnest(?) AS id", [sorted(ids)])
        columns = connection.execute(
            "SELECT schema_name, table_name, column_name FROM duckdb_columns() "
            "WHERE database_name = 'warehouse' AND data_type IN ('VARCHAR', 'JSON', 'VARCHAR[]')"
        ).fetchall()
        assert len(columns) > 50
        found = []
        for schema, table, column in columns:
            found += connection.execute(
                f"""
                SELECT '{schema}.{table}.{column}', number
                FROM (SELECT unnest(regexp_extract_all(CAST("{column}" AS VARCHAR), '\\d{{9,}}')) AS number
                      FROM warehouse.{schema}.{table})
                WHERE number IN (SELECT id FROM ids)
                """
            ).fetchall()
        return found
