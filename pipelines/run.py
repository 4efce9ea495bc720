"""One run of the whole pipeline from the command line, recorded in the Dagster home, and its summary."""

import logging
import time

import dagster as dg
import duckdb

from pipelines.settings import Settings
from pipelines.warehouse.resource import Warehouse


def run_once(config: Settings, rebuild: bool = False) -> int:
    from pipelines.definitions import defs
    from pipelines.defs.ingest.assets import CHANGED_INPUTS, REBUILD_TAG

    started = time.monotonic()
    # When nothing changed every step is skipped on purpose; Dagster would warn for each blocking check.
    logging.getLogger("dagster._core.execution.plan.active").addFilter(
        lambda record: "emitted no result" not in record.getMessage()
    )
    job = defs.resolve_job_def("refresh_warehouse")
    with dg.DagsterInstance.get() as dagster_instance:
        result = job.execute_in_process(
            instance=dagster_instance,
            raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": "INFO"}}}},
            tags={REBUILD_TAG: "true"} if rebuild else None,
        )
        unchanged = result.success and not result.asset_materializations_for_node(CHANGED_INPUTS.path[-1])
        checked_by = (_published_run(config) if unchanged else None) or result.run_id
        checks = [
            entry.dagster_event.asset_check_evaluation_data
            for entry in dagster_instance.all_logs(
                checked_by, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION
            )
        ]
    failed_checks = [c for c in checks if not c.passed]
    outcome = "succeeded" if result.success else "FAILED"
    print(f"\ntinhgon run {result.run_id} {outcome} in {time.monotonic() - started:.1f} s")
    if unchanged:
        print(
            "Nothing changed since the published warehouse was built (same files, code, SQL and "
            "libraries): it was left as it is. `make run REBUILD=1` rebuilds it anyway."
        )
    of_run = f" (those of run {checked_by}, which built it)" if unchanged else ""
    print(f"checks: {len(checks) - len(failed_checks)} passed, {len(failed_checks)} failed{of_run}")
    for check in failed_checks:
        print(f"  - {check.asset_key.to_user_string()} {check.check_name} ({check.severity.value})")
    if not result.success:
        for event in result.all_events:
            if event.is_step_failure:
                error = event.step_failure_data.error
                while error.cause:  # Dagster wraps the error that says what is wrong
                    error = error.cause
                print(f"  - step {event.step_key}: {error.message.strip()}")
        print(f"The published warehouse was left as it was: {config.warehouse}")
        return 1
    print_summary(config)
    return 0


def _published_run(config: Settings) -> str | None:
    published = Warehouse(path=str(config.warehouse)).published_build()
    return published.run_id if published else None


def print_summary(config: Settings) -> None:
    with duckdb.connect(config.warehouse, read_only=True) as connection:
        files, loaded, rejected, rows_loaded, rows_quarantined = connection.execute(
            """
            SELECT count(*), count(*) FILTER (status = 'loaded'), count(*) FILTER (status = 'rejected'),
                   sum(rows_loaded), sum(rows_quarantined)
            FROM audit.load_log
            """
        ).fetchall()[0]
        print(f"warehouse: {config.warehouse}")
        print(f"files read: {files} ({loaded} loaded, {rejected} rejected)")
        print(f"rows: {rows_loaded} loaded, {rows_quarantined} quarantined")
        print("\nDistrict scorecard")
        connection.sql(
            "SELECT metric, label_vi, format('{:g}', value) AS value, format('{:g}', target) AS target, "
            "baseline_date, as_of FROM marts.district_scorecard ORDER BY metric"
        ).show(max_width=200, max_rows=100)
        print("To fix: rejected files and quarantined rows, first problem of each (all in audit.quarantine)")
        connection.sql(
            """
            SELECT l.file, l.status, l.rows_quarantined AS quarantined,
                   coalesce(l.reason_vi, (SELECT 'trang ' || q.sheet || ', ' || q.reason_vi
                                          FROM audit.quarantine AS q WHERE q.file = l.file
                                          ORDER BY q.sheet, q.row LIMIT 1)) AS first_problem
            FROM audit.load_log AS l WHERE l.status = 'rejected' OR l.rows_quarantined > 0 ORDER BY l.file
            """
        ).show(max_width=200, max_rows=100)
