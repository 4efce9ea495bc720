"""tinhgon against the floor of its work (reading every cell) and against the obvious pandas pipeline.

    python bench/run.py [--rows 1000000] [--naive-files 2000]

The data set is a country of invented districts written by raw/generate.py --rows, cached under
warehouse/bench/<rows>/data. Three measurements, in one run on the same files, read once beforehand so
that all three find them in the OS's file cache:
  floor    every cell of every file read with fastexcel on every core, nothing else;
  tinhgon  a full run (ingest, checks, SQL, publish) from an empty warehouse, then a no-change re-run;
  naive    pandas read_excel (openpyxl), a GX validation per file, pandas merges; linear in files,
           so run on a random sample and scaled to all files.
Results are printed one per line and written to warehouse/bench/results.json (and <rows>/results.json),
with where tinhgon's time went (ingest_s, sql_s, checks_s, reports_s, other_steps_s, outside_steps_s,
from Dagster's record of the run) and the ingest's own ratio to the floor.
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import fastexcel

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "warehouse" / "bench"
CHUNK = 256


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--naive-files", type=int, default=2000, help="sample of files for the naive run")
    parser.add_argument("--out", type=Path, default=BENCH)
    args = parser.parse_args()
    results = bench(args.rows, args.naive_files, args.out)
    for key, value in results.items():
        print(f"{key} {value}")


def bench(rows: int, naive_files: int, out: Path) -> dict:
    data = out / str(rows) / "data"
    if not data.exists():
        generate(data, rows)
    files = sorted(p for p in (data / "personnel").rglob("*") if p.is_file())
    fill_file_cache(files)
    floor_s = timed(lambda: floor(files))
    print(f"floor: {floor_s:.1f} s for {len(files)} files", file=sys.stderr, flush=True)
    tinhgon_s, peak_rss, noop_s, run_id = full_run(data, out / str(rows))
    stages = run_stages(out / str(rows) / "dagster_home", run_id, tinhgon_s)
    print(
        f"tinhgon: {tinhgon_s:.1f} s, re-run {noop_s:.1f} s, {peak_rss / 2**20:.0f} MiB",
        file=sys.stderr,
        flush=True,
    )
    sample = random.Random(0).sample(files, min(naive_files, len(files)))
    from naive import naive_pipeline  # imported late: pandas and GX are not needed for the floor

    naive_sample_s = timed(lambda: naive_pipeline(sample, data / "reference"))
    naive_s = naive_sample_s * len(files) / len(sample)
    loaded = count_rows(out / str(rows) / "tinhgon.duckdb")
    results = {
        "rows": loaded,
        "files": len(files),
        "floor_s": round(floor_s, 1),
        "tinhgon_s": round(tinhgon_s, 1),
        "naive_s": round(naive_s, 1),
        "naive_note": f"measured on {len(sample)} of {len(files)} files ({naive_sample_s:.1f} s), scaled",
        "ratio_tinhgon_over_floor": round(tinhgon_s / floor_s, 2),
        "ratio_naive_over_tinhgon": round(naive_s / tinhgon_s, 1),
        "peak_rss_mib": round(peak_rss / 2**20),
        "noop_rerun_s": round(noop_s, 1),
        "rows_per_s": round(loaded / tinhgon_s),
        **{f"{stage}_s": round(seconds, 1) for stage, seconds in stages.items()},
        "ratio_ingest_over_floor": round(stages["ingest"] / floor_s, 2),
    }
    text = json.dumps(results, indent=2)
    (out / "results.json").write_text(text)
    (out / str(rows) / "results.json").write_text(text)
    return results


def generate(data: Path, rows: int) -> None:
    """Write the data set once; a half-written one (interrupted) is written again."""
    partial = data.with_name("data.partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    subprocess.run(
        [sys.executable, str(ROOT / "raw" / "generate.py"), "--out", str(partial), "--rows", str(rows)],
        check=True,
    )
    partial.rename(data)


def fill_file_cache(files: list[Path]) -> None:
    """Read every file once, untimed, so that the floor, tinhgon and the naive pipeline all find them in
    the OS's file cache. Otherwise the first to run, the floor, reads them from disk for all three: at
    100,000 rows it took 1.9 s on files not read for a while and 1.0 s right after."""
    for path in files:
        path.read_bytes()


def timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def floor(files: list[Path]) -> int:
    chunks = [files[i : i + CHUNK] for i in range(0, len(files), CHUNK)]
    with ProcessPoolExecutor(os.cpu_count()) as pool:
        return sum(pool.map(read_cells, chunks))


def read_cells(files: list[Path]) -> int:
    """Every cell of every sheet, as fastexcel gives it; the number of cells read (a CSV file is only
    read, and its bytes are counted)."""
    cells = 0
    for path in files:
        if path.suffix != ".xlsx":
            cells += len(path.read_bytes())
            continue
        workbook = fastexcel.read_excel(path)
        for name in workbook.sheet_names:
            table = workbook.load_sheet(name, header_row=None, dtypes="string").to_arrow()
            cells += table.num_rows * table.num_columns
    return cells


def full_run(data: Path, folder: Path) -> tuple[float, int, float, str]:
    """A run from an empty warehouse, its peak memory (the whole process tree), then a re-run; and the
    Dagster run id of the first."""
    warehouse = folder / "tinhgon.duckdb"
    for path in (warehouse, folder / "dagster_home", folder / ".builds", folder / "history"):
        shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
    (folder / "dagster_home").mkdir()
    env = os.environ | {
        "TINHGON_RAW_DIR": str(data),
        "TINHGON_WAREHOUSE": str(warehouse),
        "DAGSTER_HOME": str(folder / "dagster_home"),
    }
    command = [sys.executable, "-m", "pipelines", "run"]
    runs = []
    for _ in range(2):
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        peak = PeakRss(process.pid)
        output, _ = process.communicate()
        seconds = time.perf_counter() - started
        peak.stop()
        if process.returncode != 0:
            raise SystemExit(f"tinhgon run failed:\n{output}")
        runs.append((seconds, peak.value, re.search(r"^tinhgon run (\S+)", output, re.MULTILINE)[1]))
    return runs[0][0], max(r[1] for r in runs), runs[1][0], runs[0][2]


def run_stages(dagster_home: Path, run_id: str, tinhgon_s: float) -> dict[str, float]:
    """Where a run's time went, from its steps in Dagster's event log: the ingest of the personnel
    files, the SQL models, the checks, the reports, the other steps (the inputs' fingerprint, the
    reference tables, publishing) and what is outside any step (starting Python and Dagster, Dagster's
    own work between steps, the summary printed at the end)."""
    import dagster as dg

    with dg.DagsterInstance.from_config(str(dagster_home)) as instance:
        stages = dict.fromkeys(("ingest", "sql", "checks", "reports", "other_steps"), 0.0)
        for step in instance.get_run_step_stats(run_id):
            keys = {
                tuple(event.asset_materialization.asset_key.path) for event in step.materialization_events
            }
            stages[_stage(keys)] += step.end_time - step.start_time
    return stages | {"outside_steps": tinhgon_s - sum(stages.values())}


def _stage(keys: set[tuple[str, ...]]) -> str:
    schemas = {key[0] for key in keys}
    if ("raw", "personnel") in keys:
        return "ingest"
    if schemas & {"staging", "marts", "audit"}:
        return "sql"
    if "reports" in schemas:
        return "reports"
    return "other_steps" if schemas else "checks"  # a check step materializes nothing


class PeakRss:
    """The highest total resident memory of a process and its descendants, sampled every 0.1 s."""

    def __init__(self, pid: int):
        self.pid, self.value, self._done = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._done.wait(0.1):
            self.value = max(self.value, sum(map(_rss, _tree(self.pid))))


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += map(int, (task / "children").read_text().split())
        except OSError:
            continue
    return pids


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def count_rows(warehouse: Path) -> int:
    import duckdb

    with duckdb.connect(warehouse, read_only=True) as connection:
        return connection.execute(
            "SELECT sum(rows_loaded + rows_quarantined) FROM audit.load_log"
        ).fetchone()[0]


if __name__ == "__main__":
    main()
