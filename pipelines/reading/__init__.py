"""From a file of raw/personnel or raw/leavers to rows ready for the warehouse: every quirk of the
spreadsheets offices send, in pure Python, no Dagster, no DuckDB."""
