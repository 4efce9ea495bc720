"""The district's reference CSVs (units, positions, quotas ...) into raw tables, as written plus keys."""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from pipelines.catalog import table_doc
from pipelines.loading import tables
from pipelines.reading.text import clean, fold, marked_unit_key, unit_key

if TYPE_CHECKING:
    import pandas as pd

# Matching keys computed here so the SQL models join spreadsheets to reference data on equal keys.
DERIVED_KEYS: dict[str, dict[str, tuple[str, Callable[[object], str]]]] = {
    "admin_units": {"name_key": ("name", marked_unit_key), "name_fold": ("name", unit_key)},
    "org_units": {"name_key": ("name", marked_unit_key), "name_fold": ("name", unit_key)},
    "positions": {"title_key": ("title", fold)},
}
REFERENCE_TABLES = (
    "admin_units",
    "org_units",
    "positions",
    "sectors",
    "ncs_norms",
    "r22_quotas",
    "scorecard_metrics",
)


class ReferenceFileError(ValueError):
    """A reference file is missing or lacks columns: the run cannot go on without it."""


def read_reference(reference_dir: Path, table: str) -> "pd.DataFrame":
    import pandas as pd  # imported by the runs that load, not by every process that imports the code

    path = reference_dir / f"{table}.csv"
    if not path.exists():
        raise ReferenceFileError(f"{path}: reference file missing")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame.columns = [clean(column) for column in frame.columns]
    derived = DERIVED_KEYS.get(table, {})
    expected = [c.name for c in table_doc("raw", table).columns if c.name not in derived]
    if missing := [column for column in expected if column not in frame.columns]:
        raise ReferenceFileError(f"{path}: missing column(s) {', '.join(missing)}")
    frame = frame[expected].map(clean)
    for key, (source, function) in derived.items():
        frame[key] = frame[source].map(function)
    return frame


def load_reference(connection: duckdb.DuckDBPyConnection, reference_dir: Path, table: str) -> int:
    frame = read_reference(reference_dir, table)
    tables.replace(connection, table, frame)
    return len(frame)
