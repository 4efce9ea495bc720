"""What the reports show, read once from the published warehouse (read-only: a run never writes it)."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

# Each table the reports show, in the order a reader expects its rows.
QUERIES = {
    # The metrics in the order the district lists them in scorecard_metrics.csv (the article's order),
    # each with a label to show even when the district gave it none.
    "marts.district_scorecard": """
        SELECT s.* REPLACE (coalesce(s.label_vi, s.metric) AS label_vi)
        FROM marts.district_scorecard AS s
        LEFT JOIN (SELECT metric, row_number() OVER () AS position FROM staging.scorecard_metrics) AS m
            USING (metric)
        ORDER BY m.position NULLS LAST, s.metric
    """,
    "marts.r22_commune_progress": "FROM marts.r22_commune_progress ORDER BY commune, level",
    "marts.r22_village_progress": "FROM marts.r22_village_progress ORDER BY commune, village",
    "marts.staff_cuts_by_sector": "FROM marts.staff_cuts_by_sector ORDER BY is_payroll DESC, sector",
    "marts.staff_per_snapshot": (
        "FROM marts.staff_per_snapshot ORDER BY is_payroll DESC, sector, snapshot_date"
    ),
    "marts.unit_changes": "FROM marts.unit_changes ORDER BY effective_date, level, old_unit",
    "audit.load_log": "FROM audit.load_log ORDER BY file",
    "audit.quarantine": "FROM audit.quarantine ORDER BY file, sheet, row",
}


@dataclass(frozen=True)
class Figures:
    district: str  # "huyện Bình Xuyên", as the reference names it
    as_of: date | None  # the latest snapshot; None while no list has been loaded
    tables: dict[str, pd.DataFrame]

    def __getitem__(self, table: str) -> pd.DataFrame:
        return self.tables[table]


def read(published: Path) -> Figures:
    with duckdb.connect(published, read_only=True) as connection:
        tables = {table: connection.execute(query).df() for table, query in QUERIES.items()}
        [(as_of,)] = connection.execute("SELECT max(as_of) FROM marts.reporting_dates").fetchall()
        district = connection.execute(
            "SELECT kind || ' ' || name FROM staging.units WHERE level = 'district' "
            "ORDER BY valid_to DESC NULLS FIRST LIMIT 1"
        ).fetchall()
    return Figures(district[0][0] if district else "", as_of, tables)


def to_fix(figures: Figures) -> pd.DataFrame:
    """What the clerks must fix, file by file: every quarantined row, and every rejected file as a whole."""
    rejected = figures["audit.load_log"].query("status == 'rejected'")
    whole_files = pd.DataFrame(
        {
            "file": rejected["file"],
            "sheet": None,
            "row": None,
            "reason_vi": rejected["reason_vi"],
            "cells": None,
        }
    )
    rows = figures["audit.quarantine"][["file", "sheet", "row", "reason_vi", "cells"]]
    listed = pd.concat([whole_files, rows], ignore_index=True).astype({"row": "Int64"})
    return listed.sort_values(["file", "sheet", "row"], na_position="first", kind="stable", ignore_index=True)
