"""A smoke run of the benchmark (make bench) on a small country: it measures all three and says so."""

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "run.py"
READER_BENCH = BENCH.with_name("reader.py")
PLOT = BENCH.with_name("plot.py")
LINES = (
    "rows",
    "floor_s",
    "tinhgon_s",
    "naive_s",
    "ratio_tinhgon_over_floor",
    "ratio_naive_over_tinhgon",
    "peak_rss_mib",
    "noop_rerun_s",
    "one_change_s",
    "ratio_one_change_over_floor",
)


def test_the_benchmark_prints_and_records_every_measure(tmp_path):
    done = subprocess.run(
        [sys.executable, str(BENCH), "--rows", "2000", "--naive-files", "10", "--out", str(tmp_path)],
        check=True,
        capture_output=True,
        text=True,
    )
    printed = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    assert set(LINES) <= set(printed)
    results = json.loads((tmp_path / "results.json").read_text())
    assert results["rows"] >= 2000
    assert results["files"] > 100  # lists of a few dozen rows: many files
    assert all(results[key] > 0 for key in LINES)
    assert "10 of" in results["naive_note"]
    stages = [results[f"{stage}_s"] for stage in ("ingest", "sql", "checks", "reports", "other_steps")]
    assert all(seconds > 0 for seconds in stages)
    assert 0 < results["outside_steps_s"] < results["tinhgon_s"]  # the steps fit in the run
    assert results["ratio_ingest_over_floor"] > 0
    assert results["one_change_file"].startswith("personnel/")
    assert 0 < results["one_change_ingest_s"] < results["one_change_s"]
    assert not (tmp_path / "2000" / "one_change").exists()  # the edited list put back as generated

    plotted = subprocess.run(
        [sys.executable, str(PLOT), "--results", str(tmp_path), "--out", str(tmp_path / "bench.png")],
        check=True,
        capture_output=True,
        text=True,
    )
    measures, stages, one_change_stages = plotted.stdout.split("\n\n")
    assert measures.splitlines()[-1].startswith(f"| {results['rows']:,} | {results['files']:,} |")
    assert stages.splitlines()[-1].startswith(f"| {results['rows']:,} | {results['ingest_s']:.1f} s |")
    assert one_change_stages.splitlines()[-1].startswith(
        f"| {results['rows']:,} | {results['one_change_ingest_s']:.1f} s |"
    )
    assert (tmp_path / "bench.png").stat().st_size > 0
    assert (tmp_path / "2000" / "data" / "reference" / "admin_units.csv").exists()

    reader = subprocess.run(
        [
            sys.executable,
            str(READER_BENCH),
            "--rows",
            "2000",
            "--files",
            "20",
            "--repeat",
            "1",
            "--out",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    per_file = dict(line.split(" ", 1) for line in reader.stdout.splitlines())
    assert per_file["files"].startswith("20 of")
    for key in ("fastexcel_ms_per_file", "reader_ms_per_file", "worker_ms_per_file"):
        assert float(per_file[key]) > 0, key
