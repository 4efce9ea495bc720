"""What `make run` prints after a run: the checks (with the rows of a failed one and what to do), and
from the published warehouse the files and rows read, the scorecard of each period (the latest first),
the lists still awaited, what the reference data lacks and what the clerks must fix."""

import dagster as dg
import duckdb

MAX_ROWS_SHOWN = 20


def print_checks(checks: list[dg.AssetCheckEvaluation], of_run: str = "") -> None:
    failed = [c for c in checks if not c.passed]
    print(f"checks: {len(checks) - len(failed)} passed, {len(failed)} failed{of_run}")
    for check in failed:
        print(f"  - {check.asset_key.to_user_string()} {check.check_name} ({check.severity.value})")
        if check.severity == dg.AssetCheckSeverity.ERROR:
            _print_failures(check.metadata)


def _print_failures(metadata: dict) -> None:
    """Each failed expectation of a blocking check: what it asks, its failing rows, what to do."""
    number = 1
    while f"failed_{number}" in metadata:
        print(f"      failed: {metadata[f'failed_{number}'].value}")
        if rows := metadata.get(f"failing_rows_{number}"):
            for record in rows.value.records[:MAX_ROWS_SHOWN]:
                print("        " + " | ".join(f"{name}={value}" for name, value in record.data.items()))
        if remedy := metadata.get(f"what_to_do_{number}"):
            print(f"      what to do: {remedy.value}")
        number += 1


def print_warehouse(warehouse) -> None:
    with duckdb.connect(warehouse, read_only=True) as connection:
        files, loaded, rejected, rows_loaded, rows_quarantined, rows_to_fix = connection.execute(
            """
            SELECT count(*), count(*) FILTER (status = 'loaded'), count(*) FILTER (status = 'rejected'),
                   sum(rows_loaded), sum(rows_quarantined), sum(rows_to_fix)
            FROM audit.load_log
            """
        ).fetchall()[0]
        print(f"warehouse: {warehouse}")
        print(f"files read: {files} ({loaded} loaded, {rejected} rejected)")
        print(
            f"rows: {rows_loaded} counted ({rows_to_fix} with a cell to fix), {rows_quarantined} not counted"
        )
        periods = connection.execute(
            """
            SELECT period, any_value(period_label_vi), max(as_of) AS as_of
            FROM marts.district_scorecard GROUP BY period ORDER BY as_of DESC, period
            """
        ).fetchall()
        for period, label, as_of in periods:
            print(f"\nDistrict scorecard: {label or period} (as of {as_of})")
            connection.sql(
                """
                SELECT metric, label_vi, format('{:g}', value) AS value, format('{:g}', target) AS target,
                       target_status, due_date, baseline_date, as_of
                FROM marts.district_scorecard WHERE period = $period ORDER BY metric
                """,
                params={"period": period},
            ).show(max_width=220, max_rows=100)
        _print_query(
            connection,
            "Lists still awaited (the as-of date stays the last complete snapshot)",
            "SELECT period, sector, as_of, note_vi FROM marts.reporting_dates WHERE note_vi IS NOT NULL "
            "ORDER BY period, sector",
        )
        _print_query(
            connection,
            "Reference data to complete (audit.reference_gaps): the data was loaded and published",
            "SELECT reference_file, gap_vi, subject, from_date, rows_affected FROM audit.reference_gaps "
            "ORDER BY reference_file, from_date, subject",
        )
        _print_query(
            connection,
            "To fix: rejected files and rows not counted or with a cell to fix, first problem of each "
            "(all in audit.quarantine)",
            """
            SELECT l.file, l.status, l.rows_quarantined AS not_counted, l.rows_to_fix AS to_fix,
                   coalesce(l.reason_vi, (SELECT 'trang ' || q.sheet || ', ' || q.reason_vi
                                          FROM audit.quarantine AS q WHERE q.file = l.file
                                          ORDER BY q.sheet, q.row LIMIT 1)) AS first_problem
            FROM audit.load_log AS l
            WHERE l.status = 'rejected' OR l.rows_quarantined > 0 OR l.rows_to_fix > 0
            ORDER BY l.file
            """,
        )
        _print_query(
            connection,
            "Leavers on no list of leavers (marts.leavers): add them to a list under leavers/",
            """
            SELECT l.period, l.sector, s.label_vi AS sector_vi, count(*) AS people
            FROM marts.leavers AS l LEFT JOIN staging.sector_labels AS s USING (sector)
            WHERE l.reason_code = 'unknown'
            GROUP BY ALL ORDER BY l.period, min(s.list_order)
            """,
        )


def _print_query(connection: duckdb.DuckDBPyConnection, title: str, sql: str) -> None:
    """A titled table, or nothing when the query finds no row."""
    relation = connection.sql(sql)
    if relation.aggregate("count(*)").fetchall()[0][0]:
        print(f"\n{title}")
        relation.show(max_width=220, max_rows=MAX_ROWS_SHOWN)
