"""Running the real Dagster job on a raw folder into a warehouse, both in tmp_path: in process, or as
`make run` does."""

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.definitions import make_definitions
from pipelines.defs.ingest.assets import REBUILD_TAG
from pipelines.settings import PROJECT_ROOT


@dataclass
class Workspace:
    raw: Path
    warehouse: Path
    monkeypatch: pytest.MonkeyPatch
    # one run history for the workspace's runs, as a Dagster home keeps it
    instance: dg.DagsterInstance = field(default_factory=dg.DagsterInstance.ephemeral)

    def run(self, reports: bool = False, rebuild: bool = False) -> dg.ExecuteInProcessResult:
        """The whole job; without the reports unless asked, since only their tests read them. A run
        finding nothing changed skips everything after changed_inputs unless told to rebuild."""
        self.monkeypatch.setenv("TINHGON_RAW_DIR", str(self.raw))
        self.monkeypatch.setenv("TINHGON_WAREHOUSE", str(self.warehouse))
        definitions = make_definitions()
        graph = definitions.get_repository_def().asset_graph
        selection = [
            key for key in graph.get_all_asset_keys() if reports or graph.get(key).group_name != "reports"
        ]
        job = definitions.resolve_job_def("refresh_warehouse")
        return job.execute_in_process(
            instance=self.instance,
            raise_on_error=False,
            asset_selection=selection,
            tags={REBUILD_TAG: "true"} if rebuild else None,
        )

    def query(self, sql: str, parameters=()) -> list[tuple]:
        with duckdb.connect(self.warehouse, read_only=True) as connection:
            return connection.execute(sql, parameters).fetchall()

    def scorecard(self, period: str | None = None) -> dict[str, float]:
        """The scorecard of one period: the only one, when the district defines none or one."""
        rows = self.query(
            "SELECT period, metric, value FROM marts.district_scorecard WHERE period = coalesce(?, period)",
            [period],
        )
        assert len({p for p, _, _ in rows}) <= 1, "several periods: say which"
        return {metric: value for _, metric, value in rows}


def failed_checks(result: dg.ExecuteInProcessResult) -> list[str]:
    return [
        f"{c.asset_key.to_user_string()}:{c.check_name}"
        for c in result.get_asset_check_evaluations()
        if not c.passed
    ]


def run_cli(tmp_path: Path, raw: Path, *arguments: str) -> subprocess.CompletedProcess:
    """`python -m pipelines run`, what `make run` calls, on `raw`, the warehouse under tmp_path."""
    environment = os.environ | {
        "TINHGON_RAW_DIR": str(raw),
        "TINHGON_WAREHOUSE": str(tmp_path / "warehouse" / "tinhgon.duckdb"),
    }
    environment.pop("DAGSTER_HOME", None)  # the run history goes beside the warehouse
    return subprocess.run(
        [sys.executable, "-m", "pipelines", "run", *arguments],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
