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


def _folded_list(text: object) -> str:
    """'Nghỉ hưu trước tuổi; nghỉ hưu sớm' -> 'nghi huu truoc tuoi;nghi huu som'."""
    return ";".join(filter(None, (fold(part) for part in str(text or "").split(";"))))


# Matching keys computed here so the SQL models join spreadsheets to reference data on equal keys.
DERIVED_KEYS: dict[str, dict[str, tuple[str, Callable[[object], str]]]] = {
    "admin_units": {"name_key": ("name", marked_unit_key), "name_fold": ("name", unit_key)},
    "org_units": {"name_key": ("name", marked_unit_key), "name_fold": ("name", unit_key)},
    "positions": {"title_key": ("title", fold)},
    "leave_reasons": {"written_keys": ("written_as", _folded_list)},
    "qualification_levels": {"written_key": ("written", fold)},
}
REFERENCE_TABLES = (
    "admin_units",
    "org_units",
    "unit_successions",
    "positions",
    "sectors",
    "ncs_norms",
    "r22_quotas",
    "scorecard_metrics",
    "reporting_periods",
    "leave_reasons",
    "assigned_posts",
    "qualification_levels",
)


class ReferenceFileError(ValueError):
    """A reference file the run needs is missing or lacks columns: it cannot go on without it."""


def read_reference(reference_dir: Path, table: str) -> "pd.DataFrame":
    """The file as written, cleaned, with its matching keys. A file or a column its YAML marks optional
    may be left out (a district that has not written it yet): it reads as empty."""
    import pandas as pd  # imported by the runs that load, not by every process that imports the code

    doc = table_doc("raw", table)
    derived = DERIVED_KEYS.get(table, {})
    path = reference_dir / f"{table}.csv"
    written = [c for c in doc.columns if c.name not in derived]
    if path.exists():
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    elif doc.optional:
        frame = pd.DataFrame(columns=[c.name for c in written], dtype=str)
    else:
        raise ReferenceFileError(f"{path}: reference file missing")
    frame.columns = [clean(column) for column in frame.columns]
    if missing := [c.name for c in written if c.name not in frame.columns and not c.optional]:
        raise ReferenceFileError(f"{path}: missing column(s) {', '.join(missing)}")
    frame = frame.reindex(columns=[c.name for c in written], fill_value="").map(clean)
    for key, (source, function) in derived.items():
        frame[key] = frame[source].map(function)
    return frame


def load_reference(connection: duckdb.DuckDBPyConnection, reference_dir: Path, table: str) -> int:
    frame = read_reference(reference_dir, table)
    tables.replace(connection, table, frame)
    return len(frame)
