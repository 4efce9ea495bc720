import dagster as dg

from pipelines.defs.automation import jobs
from pipelines.defs.ingest.assets import REBUILD_TAG

nightly = dg.ScheduleDefinition(
    name="nightly_refresh",
    job=jobs.refresh_warehouse,
    cron_schedule="0 1 * * *",
    execution_timezone="Asia/Ho_Chi_Minh",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    # Rebuilt even when nothing changed, so the marts' freshness says the pipeline still works.
    tags={REBUILD_TAG: "true"},
    description="Every night at 01:00 Vietnam time, whether or not anything arrived.",
)
