"""The reader's cost per file against fastexcel's alone, in one process, on the same files.

    python bench/reader.py [--rows 1000000] [--files 2000] [--repeat 3] [--out warehouse/bench]

Reads a random sample of the files of a benchmark data set (<out>/<rows>/data, written by
bench/run.py) three ways, each timed on one core, best of --repeat: fastexcel alone (the floor of
bench/run.py), the reader (tinhgon's parse of every list, row and cell) and the whole of a worker's
chunk (the reader and the Parquet it writes). Within one run the ratios hold even on a busy machine,
which makes this the measure of a change to pipelines/reading.
"""

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from run import BENCH, read_cells

from pipelines.loading import pool
from pipelines.loading.lists import file_stat
from pipelines.raw_folder import list_files
from pipelines.reading.files import parse_file
from pipelines.reading.identity import IdHasher


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=BENCH)
    args = parser.parse_args()
    data = args.out / str(args.rows) / "data" / "personnel"
    if not data.exists():
        sys.exit(f"{data} is missing: run `make bench N={args.rows}` once to write it")
    everything = [(f"personnel/{name}", Path(path)) for name, path in list_files(data)]
    sample = random.Random(0).sample(everything, min(args.files, len(everything)))
    hash_id = IdHasher(b"bench-reader-key")
    paths = [path for _, path in sample]
    chunks = [
        [(name, path, None, file_stat(path)) for name, path in sample[i : i + pool.CHUNK_FILES]]
        for i in range(0, len(sample), pool.CHUNK_FILES)
    ]

    def whole_chunks() -> None:
        with tempfile.TemporaryDirectory() as spool:
            for number, chunk in enumerate(chunks):
                pool.parse_chunk(chunk, hash_id, "bench", Path(spool), number)

    per_file = {
        "fastexcel_ms_per_file": best(lambda: read_cells(paths), args.repeat),
        "reader_ms_per_file": best(lambda: [parse_file(p, n, hash_id) for n, p in sample], args.repeat),
        "worker_ms_per_file": best(whole_chunks, args.repeat),
    }
    print(f"files {len(sample)} of {len(everything)}")
    for key, seconds in per_file.items():
        print(f"{key} {seconds * 1000 / len(sample):.3f}")
    ratio = per_file["worker_ms_per_file"] / per_file["fastexcel_ms_per_file"]
    print(f"ratio_worker_over_fastexcel {ratio:.1f}")


def best(work, repeat: int) -> float:
    """The shortest CPU time of `repeat` runs: another process taking the core does not count."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return min(times)


if __name__ == "__main__":
    main()
