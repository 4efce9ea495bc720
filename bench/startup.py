"""`make run` on the bundled data against a trivial one-asset Dagster run, on the same machine.

    python bench/startup.py [--repeat 3]

Each is timed as a user sees it: a new Python process, from start to exit, best of --repeat. tinhgon
runs on raw/ into a temporary warehouse, once from nothing and once again with nothing changed.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRIVIAL = """
import dagster as dg

@dg.asset
def one() -> dg.MaterializeResult:
    return dg.MaterializeResult(metadata={"rows": 1})

job = dg.define_asset_job("trivial", selection=[one])
defs = dg.Definitions(assets=[one], jobs=[job], executor=dg.in_process_executor)
with dg.DagsterInstance.get() as instance:
    assert defs.resolve_job_def("trivial").execute_in_process(instance=instance).success
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    trivial, full, unchanged = [], [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as folder:
            env = os.environ | {
                "DAGSTER_HOME": folder,
                "TINHGON_RAW_DIR": str(ROOT / "raw"),
                "TINHGON_WAREHOUSE": f"{folder}/tinhgon.duckdb",
            }
            trivial.append(timed([sys.executable, "-c", TRIVIAL], env))
            full.append(timed([sys.executable, "-m", "pipelines", "run"], env))
            unchanged.append(timed([sys.executable, "-m", "pipelines", "run"], env))
    print(f"trivial_one_asset_run_s {min(trivial):.1f}")
    print(f"tinhgon_bundle_run_s {min(full):.1f}")
    print(f"tinhgon_bundle_noop_rerun_s {min(unchanged):.1f}")
    print(f"ratio_bundle_over_trivial {min(full) / min(trivial):.1f}")


def timed(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
