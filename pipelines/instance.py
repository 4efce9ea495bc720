"""The Dagster home that keeps run history: inside warehouse/, never a temporary instance."""

import os
from pathlib import Path

from pipelines.settings import Settings

DAGSTER_YAML = """\
# Written by tinhgon. Runs queue one at a time: the schedule, the sensor and a manual launch never
# build the warehouse at once.
telemetry:
  enabled: false
run_queue:
  max_concurrent_runs: 1
# The daemon evaluates freshness policies (the marts' 36 hours) only when this is on.
freshness:
  enabled: true
"""


def ensure_dagster_home(settings: Settings) -> Path:
    """DAGSTER_HOME if set, else warehouse/dagster_home; created with its dagster.yaml when missing."""
    home = Path(os.environ.get("DAGSTER_HOME") or settings.warehouse.parent / "dagster_home").resolve()
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(DAGSTER_YAML)
    os.environ["DAGSTER_HOME"] = str(home)
    return home
