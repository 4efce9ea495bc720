"""One run of the whole pipeline from the command line, recorded in the Dagster home, then its summary."""

import time

import dagster as dg

from pipelines import summary
from pipelines.defs import console
from pipelines.settings import Settings
from pipelines.warehouse.resource import Warehouse


def run_once(config: Settings, rebuild: bool = False) -> int:
    from pipelines.definitions import defs
    from pipelines.defs.ingest.assets import CHANGED_INPUTS, REBUILD_TAG

    started = time.monotonic()
    console.quiet_checks_of_skipped_steps()
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
    outcome = "succeeded" if result.success else "FAILED"
    print(f"\ntinhgon run {result.run_id} {outcome} in {time.monotonic() - started:.1f} s")
    if unchanged:
        print(
            "Nothing changed since the published warehouse was built (same files, code, SQL and "
            "libraries): it was left as it is. `make run REBUILD=1` rebuilds it anyway."
        )
    summary.print_checks(checks, f" (those of run {checked_by}, which built it)" if unchanged else "")
    if not result.success:
        for event in result.all_events:
            if event.is_step_failure:
                error = event.step_failure_data.error
                while error.cause:  # Dagster wraps the error that says what is wrong
                    error = error.cause
                print(f"  - step {event.step_key}: {error.message.strip()}")
        print(f"The published warehouse was left as it was: {config.warehouse}")
        return 1
    summary.print_warehouse(config.warehouse)
    return 0


def _published_run(config: Settings) -> str | None:
    published = Warehouse(path=str(config.warehouse)).published_build()
    return published.run_id if published else None
