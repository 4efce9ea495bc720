"""tinhgon against the floor of its work (reading every cell) and against the obvious pandas pipeline.

    python bench/run.py [--rows 1000000] [--naive-files 2000]

The data set is a country of invented districts written by raw/generate.py --rows, cached under
warehouse/bench/<rows>/data. Three measurements, in one run on the same files, read once beforehand so
that all three find them in the OS's file cache:
  floor    every cell of every file read with fastexcel on every core, nothing else;
  tinhgon  a full run (ingest, checks, SQL, publish) from an empty warehouse, then a no-change re-run,
           then a run after one name was edited in one personnel list of typical size (one_change);
  naive    pandas read_excel (openpyxl), a GX validation per file, pandas merges; linear in files,
           so run on a random sample and scaled to all files.
Results are printed one per line and written to warehouse/bench/results.json (and <rows>/results.json),
with where tinhgon's time went (ingest_s, sql_s, checks_s, reports_s, other_steps_s, outside_steps_s,
from Dagster's record of the run, and the same for the one-change run as one_change_<stage>_s) and the
ingest's own ratio to the floor.
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
from typing import NamedTuple

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
    put_back_originals(out / str(rows), data)
    files = sorted(p for p in (data / "personnel").rglob("*") if p.is_file())
    fill_file_cache(files)
    floor_s = timed(lambda: floor(files))
    print(f"floor: {floor_s:.1f} s for {len(files)} files", file=sys.stderr, flush=True)
    runs = tinhgon_runs(data, out / str(rows), typical_list(files))
    tinhgon_s, noop_s, one_change_s = (runs[name].seconds for name in ("full", "no_change", "one_change"))
    peak = max(runs.values(), key=lambda run: run.peak_rss)
    peak_rss = peak.peak_rss
    stages = run_stages(out / str(rows) / "dagster_home", runs["full"].run_id, tinhgon_s)
    one_change_stages = run_stages(out / str(rows) / "dagster_home", runs["one_change"].run_id, one_change_s)
    print(
        f"tinhgon: {tinhgon_s:.1f} s, re-run {noop_s:.1f} s, one change {one_change_s:.1f} s, "
        f"{peak_rss / 2**20:.0f} MiB",
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
        "peak_rss_during": step_at(out / str(rows) / "dagster_home", peak.run_id, peak.peak_at),
        "noop_rerun_s": round(noop_s, 1),
        "one_change_s": round(one_change_s, 1),
        "one_change_file": runs["one_change"].note,
        "ratio_one_change_over_floor": round(one_change_s / floor_s, 2),
        "rows_per_s": round(loaded / tinhgon_s),
        **{f"{stage}_s": round(seconds, 1) for stage, seconds in stages.items()},
        "ratio_ingest_over_floor": round(stages["ingest"] / floor_s, 2),
        **{f"one_change_{stage}_s": round(seconds, 1) for stage, seconds in one_change_stages.items()},
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


class Run(NamedTuple):
    seconds: float
    peak_rss: int  # the whole process tree's
    peak_at: float  # when, as time.time()
    run_id: str  # Dagster's
    note: str = ""


def tinhgon_runs(data: Path, folder: Path, changed: Path) -> dict[str, Run]:
    """A run from an empty warehouse; a re-run with nothing changed; a run after one name was edited in
    the list `changed` (the file is put back as it was afterwards, so the cached data set stays as
    generated)."""
    warehouse = folder / "tinhgon.duckdb"
    for path in (warehouse, folder / "dagster_home", folder / ".builds", folder / "history"):
        shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
    (folder / "dagster_home").mkdir()
    env = os.environ | {
        "TINHGON_RAW_DIR": str(data),
        "TINHGON_WAREHOUSE": str(warehouse),
        "DAGSTER_HOME": str(folder / "dagster_home"),
    }
    runs = {"full": tinhgon_run(env), "no_change": tinhgon_run(env)}
    name = changed.relative_to(data).as_posix()
    original = folder / "one_change" / name
    original.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(changed, original)
    try:
        edit = edit_one_name(changed)
        print(f"one change: {name}: {edit}", file=sys.stderr, flush=True)
        runs["one_change"] = tinhgon_run(env)._replace(note=f"{name} ({changed.stat().st_size:,} bytes)")
    finally:
        put_back_originals(folder, data)
    return runs


def put_back_originals(folder: Path, data: Path) -> None:
    """The lists edited for the one-change run, as generated; also after an interrupted bench."""
    kept = folder / "one_change"
    for original in (p for p in kept.rglob("*") if p.is_file()):
        os.replace(original, data / original.relative_to(kept))
    shutil.rmtree(kept, ignore_errors=True)


def tinhgon_run(env: dict[str, str]) -> Run:
    started = time.perf_counter()
    command = [sys.executable, "-m", "pipelines", "run"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    peak = PeakRss(process.pid)
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    peak.stop()
    if process.returncode != 0:
        raise SystemExit(f"tinhgon run failed:\n{output}")
    return Run(seconds, peak.value, peak.at, re.search(r"^tinhgon run (\S+)", output, re.MULTILINE)[1])


def typical_list(files: list[Path]) -> Path:
    """The personnel workbook of median size: the list a clerk typically sends again."""
    workbooks = sorted(
        (path.stat().st_size, path) for path in files if path.suffix == ".xlsx" and "personnel" in path.parts
    )
    return workbooks[len(workbooks) // 2][1]


def edit_one_name(path: Path) -> str:
    """One person's name changed by a letter in the workbook at `path`, as a clerk fixing a typo would
    (openpyxl saves the workbook again, as Excel would); what was changed."""
    import openpyxl

    from pipelines.reading.files import parse_file
    from pipelines.reading.headers import Field
    from pipelines.reading.identity import IdHasher
    from pipelines.reading.text import clean

    first = parse_file(path, path.name, IdHasher(b"bench")).lists[0]
    name = next(row.values[Field.FULL_NAME] for row in first.rows if row.values[Field.FULL_NAME])
    workbook = openpyxl.load_workbook(path)
    cell = next(c for row in workbook[first.sheet].iter_rows() for c in row if clean(c.value) == name)
    cell.value = name[:-1] + ("a" if name[-1] != "a" else "e")
    workbook.save(path)
    return f"{name!r} -> {cell.value!r} in {cell.coordinate}"


def run_stages(dagster_home: Path, run_id: str, tinhgon_s: float) -> dict[str, float]:
    """Where a run's time went, from its steps in Dagster's event log: the ingest of the lists, the SQL
    models, the checks, the reports, the other steps (the inputs' fingerprint, the reference tables,
    publishing) and what is outside any step (starting Python and Dagster, Dagster's own work between
    steps, the summary printed at the end). A model's checks run in its step once its table is built:
    from its materialization to the step's end is the checks' time."""
    import dagster as dg

    with dg.DagsterInstance.from_config(str(dagster_home)) as instance:
        materialized = {
            entry.step_key: entry.timestamp
            for entry in instance.all_logs(run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION)
        }
        stages = dict.fromkeys(("ingest", "sql", "checks", "reports", "other_steps"), 0.0)
        for step in instance.get_run_step_stats(run_id):
            keys = {
                tuple(event.asset_materialization.asset_key.path) for event in step.materialization_events
            }
            stage = _stage(keys)
            if stage == "sql" and step.step_key in materialized:
                stages["checks"] += step.end_time - materialized[step.step_key]
                stages["sql"] += materialized[step.step_key] - step.start_time
            else:
                stages[stage] += step.end_time - step.start_time
    return stages | {"outside_steps": tinhgon_s - sum(stages.values())}


def step_at(dagster_home: Path, run_id: str, moment: float) -> str:
    """The step of the run that was running at `moment` (time.time()), or "outside steps"."""
    import dagster as dg

    with dg.DagsterInstance.from_config(str(dagster_home)) as instance:
        steps = instance.get_run_step_stats(run_id)
    return next((s.step_key for s in steps if s.start_time <= moment <= s.end_time), "outside steps")


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
        self.pid, self.value, self.at, self._done = pid, 0, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._done.wait(0.1):
            if (total := sum(map(_rss, _tree(self.pid)))) > self.value:
                self.value, self.at = total, time.time()


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
