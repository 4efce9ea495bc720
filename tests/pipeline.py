"""Running the real Dagster job on a raw folder into a warehouse, both in tmp_path."""

from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.definitions import build_definitions


@dataclass
class Workspace:
    raw: Path
    warehouse: Path
    monkeypatch: pytest.MonkeyPatch

    def run(self) -> dg.ExecuteInProcessResult:
        self.monkeypatch.setenv("TINHGON_RAW_DIR", str(self.raw))
        self.monkeypatch.setenv("TINHGON_WAREHOUSE", str(self.warehouse))
        job = build_definitions().resolve_job_def("refresh_warehouse")
        with dg.DagsterInstance.ephemeral() as instance:
            return job.execute_in_process(instance=instance, raise_on_error=False)

    def query(self, sql: str, parameters=()) -> list[tuple]:
        with duckdb.connect(self.warehouse, read_only=True) as connection:
            return connection.execute(sql, parameters).fetchall()

    def scorecard(self) -> dict[str, float]:
        return dict(self.query("SELECT metric, value FROM marts.district_scorecard"))


def failed_checks(result: dg.ExecuteInProcessResult) -> list[str]:
    return [
        f"{c.asset_key.to_user_string()}:{c.check_name}"
        for c in result.get_asset_check_evaluations()
        if not c.passed
    ]
