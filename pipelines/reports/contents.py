"""What the reports show, read once from the published warehouse (read-only: a run never writes it)."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

# Each table the reports show, in the order a reader expects its rows; tables with a period are then put
# latest period first (ReportContents.read).
QUERIES = {
    # The metrics in the order the district lists them in scorecard_metrics.csv (the article's order).
    "marts.district_scorecard": """
        SELECT s.*
        FROM marts.district_scorecard AS s
        LEFT JOIN (SELECT metric, row_number() OVER () AS position FROM staging.scorecard_metrics) AS m
            USING (metric)
        ORDER BY s.period, m.position NULLS LAST, s.metric
    """,
    "marts.r22_commune_progress": "FROM marts.r22_commune_progress ORDER BY commune, level",
    "marts.r22_village_progress": "FROM marts.r22_village_progress ORDER BY commune, village",
    "marts.staff_cuts_by_sector": "FROM marts.staff_cuts_by_sector ORDER BY is_payroll DESC, sector",
    "marts.staff_per_snapshot": (
        "FROM marts.staff_per_snapshot ORDER BY is_payroll DESC, sector, snapshot_date"
    ),
    # A change takes effect on the first day the old unit is no longer in force: its exclusive end.
    "marts.unit_changes": """
        SELECT *, effective_date AS old_unit_valid_to FROM marts.unit_changes
        ORDER BY effective_date, level, old_unit
    """,
    "marts.staff_flows": """
        SELECT f.* FROM marts.staff_flows AS f LEFT JOIN staging.sector_labels USING (sector)
        ORDER BY list_order, f.unit
    """,
    "marts.leavers": """
        SELECT l.* EXCLUDE (person_key) FROM marts.leavers AS l LEFT JOIN staging.sector_labels USING (sector)
        ORDER BY list_order, l.unit, l.full_name
    """,
    "marts.movers": """
        SELECT m.* EXCLUDE (person_key) FROM marts.movers AS m
        LEFT JOIN staging.sector_labels AS o ON o.sector = m.from_sector
        ORDER BY o.list_order, m.from_unit, m.full_name
    """,
    # The posts of each unit at its sector's as-of date in the period.
    "marts.unit_staffing": """
        SELECT u.* FROM marts.unit_staffing AS u
        INNER JOIN marts.reporting_dates AS r
            ON r.period = u.period AND r.sector = u.sector AND r.as_of = u.snapshot_date
        LEFT JOIN staging.sector_labels AS o ON o.sector = u.sector
        ORDER BY o.list_order, u.unit
    """,
    "marts.staff_qualifications": """
        SELECT q.* FROM marts.staff_qualifications AS q LEFT JOIN staging.sector_labels USING (sector)
        ORDER BY list_order, q.snapshot_date, q.level_order, q.qualification_level
    """,
    "audit.reference_gaps": "FROM audit.reference_gaps ORDER BY reference_file, gap, from_date, subject",
    "audit.load_log": "FROM audit.load_log ORDER BY file",
    "audit.quarantine": "FROM audit.quarantine ORDER BY file, sheet, row",
}

# The Vietnamese words for the codes the tables hold, as the warehouse defines them.
WORDS = """
    SELECT vocabulary, code, label_vi FROM staging.labels
    UNION ALL SELECT 'sector', sector, label_vi FROM staging.sector_labels
    UNION ALL SELECT 'period', period, any_value(label_vi) FROM staging.periods GROUP BY period
"""
# Each period: its dates over the sectors, latest as-of date first, and the lists it still awaits.
PERIODS = """
    WITH notes AS (
        SELECT r.period, s.label_vi || ': ' || r.note_vi AS note
        FROM marts.reporting_dates AS r LEFT JOIN staging.sector_labels AS s USING (sector)
        WHERE r.note_vi IS NOT NULL
    )
    SELECT
        r.period,
        coalesce(any_value(p.label_vi), r.period) AS label,
        min(r.baseline_date) AS baseline_date,
        max(r.as_of) AS as_of,
        coalesce((SELECT list(n.note ORDER BY n.note) FROM notes AS n WHERE n.period = r.period), []) AS notes
    FROM marts.reporting_dates AS r
    LEFT JOIN (SELECT DISTINCT period, label_vi FROM staging.periods) AS p USING (period)
    GROUP BY r.period
    ORDER BY max(r.as_of) DESC, r.period
"""
# Which vocabulary the codes of a column come from, wherever the column is shown.
CODED_COLUMNS = {
    "period": "period",
    "sector": "sector",
    "from_sector": "sector",
    "to_sector": "sector",
    "level": "level",
    "staff_type": "staff_type",
}


@dataclass(frozen=True)
class Period:
    code: str
    label: str  # period_label_vi
    baseline_date: date  # the earliest of its sectors' baselines
    as_of: date  # the latest of its sectors' as-of dates
    notes: list[str]  # the lists still awaited, sector by sector


@dataclass(frozen=True)
class ReportContents:
    district: str  # "huyện Bình Xuyên", as the reference names it
    periods: list[Period]  # the latest as-of date first
    words: dict[str, dict[str, str]]  # vocabulary -> code -> the word an officer uses
    tables: dict[str, pd.DataFrame]

    def __getitem__(self, table: str) -> pd.DataFrame:
        return self.tables[table]

    @property
    def as_of(self) -> date | None:
        """The latest period's as-of date; None while no list has been loaded."""
        return self.periods[0].as_of if self.periods else None

    def of(self, table: str, period: Period) -> pd.DataFrame:
        frame = self.tables[table]
        return frame[frame["period"] == period.code]

    def worded(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The frame with each coded column's codes replaced by their words (a code without one stays)."""
        frame = frame.copy()
        for column in frame.columns.intersection(list(CODED_COLUMNS)):
            words = self.words.get(CODED_COLUMNS[column], {})
            frame[column] = frame[column].map(words).fillna(frame[column])
        return frame


def read(published: Path) -> ReportContents:
    with duckdb.connect(published, read_only=True) as connection:
        tables = {table: connection.execute(query).df() for table, query in QUERIES.items()}
        words: dict[str, dict[str, str]] = {}
        for vocabulary, code, label in connection.execute(WORDS).fetchall():
            words.setdefault(vocabulary, {})[code] = label
        periods = [Period(*row) for row in connection.execute(PERIODS).fetchall()]
        district = connection.execute(
            "SELECT kind || ' ' || name FROM staging.units WHERE level = 'district' "
            "ORDER BY valid_to DESC NULLS FIRST LIMIT 1"
        ).fetchall()
    rank = {period.code: index for index, period in enumerate(periods)}
    for table, frame in tables.items():
        if "period" in frame:
            tables[table] = frame.sort_values(
                "period", key=lambda codes: codes.map(rank), kind="stable", ignore_index=True
            )
    return ReportContents(district[0][0] if district else "", periods, words, tables)
