"""`python -m pipelines run`, what `make run` calls: its summary, its exit code, its errors."""

import subprocess

from district import LISTS, cccd, write_district
from pipeline import run_cli
from privacy import clear_text_ids


def checks_line(done: subprocess.CompletedProcess) -> str:
    """'25 passed, 2 failed' from a run's output."""
    [line] = [line for line in done.stdout.splitlines() if line.startswith("checks: ")]
    return line.removeprefix("checks: ")


def test_a_run_prints_the_summary_and_keeps_its_history_beside_the_warehouse(tmp_path):
    done = run_cli(tmp_path, write_district(tmp_path / "raw"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "succeeded" in done.stdout
    assert "files read: 5 (5 loaded, 0 rejected)" in done.stdout
    assert "staff_cut_total" in done.stdout
    assert (tmp_path / "warehouse" / "dagster_home" / "dagster.yaml").exists()

    again = run_cli(tmp_path, tmp_path / "raw")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Nothing changed since the published warehouse was built" in again.stdout
    assert "staff_cut_total" in again.stdout  # the summary of the warehouse left as it was
    assert f"checks: {checks_line(done)} (those of run " in again.stdout  # the checks that still hold
    assert "emitted no result" not in again.stderr
    assert "Skipping step" not in again.stderr  # one line says nothing changed, not one per step

    rebuilt = run_cli(tmp_path, tmp_path / "raw", "--rebuild")
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    assert "Nothing changed" not in rebuilt.stdout and "checks: " in rebuilt.stdout


def test_no_national_id_in_clear_text_in_the_output_the_run_history_or_the_warehouse(tmp_path):
    done = run_cli(tmp_path, write_district(tmp_path / "raw"))
    ids = {cccd(n) for _, _, people in LISTS.values() for *_, n in people}
    assert not any(number in done.stdout + done.stderr for number in ids)
    history = [p for p in (tmp_path / "warehouse" / "dagster_home").rglob("*") if p.is_file()]
    assert history  # the run's events, logs and metadata, as the Dagster UI shows them
    assert not any(number.encode() in path.read_bytes() for path in history for number in ids)
    assert clear_text_ids(tmp_path / "warehouse" / "tinhgon.duckdb", ids) == []


def test_a_failed_run_says_why_and_exits_non_zero(tmp_path):
    raw = write_district(tmp_path / "raw")
    positions = raw / "reference" / "positions.csv"
    positions.write_text("\n".join(line.rsplit(",", 2)[0] for line in positions.read_text().splitlines()))
    done = run_cli(tmp_path, raw)
    assert done.returncode == 1
    assert "FAILED" in done.stdout
    assert "positions.csv: missing column(s) valid_from, valid_to" in done.stdout
    assert "staff_cut_total" not in done.stdout  # no summary of a warehouse this run did not build
