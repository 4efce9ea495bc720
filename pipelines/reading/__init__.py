"""From a file in raw/personnel to rows ready for the warehouse: pure Python, no Dagster, no DuckDB."""
