"""Real processes: `python -m pipelines run` killed with SIGKILL at several moments, and two runs
started at once. The published warehouse stays whole; the next run cleans up and succeeds."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from district import add_a_baseline_official, write_district

TOTAL_CUT = "SELECT value FROM marts.district_scorecard WHERE metric = 'staff_cut_total'"


class Runner:
    def __init__(self, root: Path):
        self.raw = write_district(root / "raw")
        self.warehouse = root / "warehouse" / "tinhgon.duckdb"
        self.environment = os.environ | {
            "TINHGON_RAW_DIR": str(self.raw),
            "TINHGON_WAREHOUSE": str(self.warehouse),
            "DAGSTER_HOME": str(root / "dagster_home"),
        }

    def start(self) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "pipelines", "run"],
            env=self.environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, killed whole
        )

    def run(self) -> int:
        return self.start().wait(timeout=600)

    def total_cut(self) -> float:
        with duckdb.connect(self.warehouse, read_only=True) as connection:
            return connection.execute(TOTAL_CUT).fetchall()[0][0]

    def builds(self) -> list[Path]:
        return list((self.warehouse.parent / ".builds").glob("*"))


def wait_for(condition, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


@pytest.fixture
def runner(tmp_path) -> Runner:
    runner = Runner(tmp_path)
    assert runner.run() == 0
    add_a_baseline_official(runner.raw)  # what the next run would change: the total cut, 2 -> 3
    return runner


@pytest.mark.parametrize("seconds_after_build_starts", [0.0, 3.0])
def test_a_killed_run_leaves_the_published_warehouse_as_it_was(runner, seconds_after_build_starts):
    published = runner.warehouse.read_bytes()
    process = runner.start()
    try:
        wait_for(lambda: runner.builds() or process.poll() is not None)
        time.sleep(seconds_after_build_starts)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert runner.warehouse.read_bytes() == published
    assert runner.total_cut() == 2
    assert runner.run() == 0
    assert (runner.total_cut(), runner.builds()) == (3, [])


def test_a_run_killed_while_publishing_leaves_a_whole_warehouse(runner):
    history = runner.warehouse.parent / "history"
    before = set(history.glob("*"))
    process = runner.start()
    try:
        wait_for(lambda: set(history.glob("*")) != before or process.poll() is not None)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert runner.total_cut() in (2, 3)  # the old warehouse or the new one, whole either way
    assert runner.run() == 0
    assert (runner.total_cut(), runner.builds()) == (3, [])


def test_two_runs_started_at_once_both_succeed_and_publish_a_whole_warehouse(runner):
    first, second = runner.start(), runner.start()
    assert (first.wait(timeout=600), second.wait(timeout=600)) == (0, 0)
    assert (runner.total_cut(), runner.builds()) == (3, [])
