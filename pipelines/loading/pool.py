"""Parsing files into Parquet, chunk by chunk, on every core when there are many.

Workers read, hash and parse the files and write their chunk's tables themselves, so nothing parsed is
held in memory and the parent process, idle meanwhile, leaves both cores to them; DuckDB then reads all
the Parquet in one go.
"""

import gc
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from pyarrow import parquet

from pipelines.loading.records import raw_tables, to_arrow
from pipelines.reading.files import parse_file
from pipelines.reading.identity import IdHasher
from pipelines.reading.sources import read_source

CHUNK_FILES = 256
# Below two chunks' worth of files, starting worker processes costs more than it saves.
POOL_MIN_FILES = 2 * CHUNK_FILES

# (name under the raw folder, its first part the kind of list; path; SHA-256 of the content already
# loaded, or None; its size, modification and change times, taken before it is read)
FileToParse = tuple[str, Path, str | None, tuple[int, int, int]]


def parse_into(spool: Path, files: list[FileToParse], hash_id: IdHasher, parser: str) -> list[str]:
    """Parse the files into `<table>-<chunk>.parquet` files in `spool`, but those whose content has the
    SHA-256 given with them: their names are returned."""
    chunks = [files[i : i + CHUNK_FILES] for i in range(0, len(files), CHUNK_FILES)]
    workers = min(os.cpu_count() or 1, len(chunks))
    if len(files) < POOL_MIN_FILES or workers < 2:
        return [
            name
            for number, chunk in enumerate(chunks)
            for name in parse_chunk(chunk, hash_id, parser, spool, number)
        ]
    # spawn, not fork: the parent holds DuckDB and Dagster threads that a fork would copy mid-flight
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [
            pool.submit(parse_chunk, chunk, hash_id, parser, spool, number)
            for number, chunk in enumerate(chunks)
        ]
        return [name for future in futures for name in future.result()]  # a worker's exception, raised here


def parse_chunk(
    files: list[FileToParse], hash_id: IdHasher, parser: str, spool: Path, number: int
) -> list[str]:
    # The chunk's parsed files, records and Arrow tables are freed when _write_chunk returns, before the
    # cycle collector is back: its first pass would otherwise walk every one of their objects.
    with _no_cycle_collection():
        return _write_chunk(files, hash_id, parser, spool, number)


def _write_chunk(
    files: list[FileToParse], hash_id: IdHasher, parser: str, spool: Path, number: int
) -> list[str]:
    parsed, unchanged, stats = [], [], {}
    for name, path, loaded_sha256, stat in files:
        source = read_source(path)
        if source.sha256 == loaded_sha256:
            unchanged.append(name)
        else:
            parsed.append(parse_file(path, name, hash_id, source, kind=name.split("/")[0]))
            stats[name] = stat
    for table, rows in raw_tables(parsed, parser, stats).items():
        if rows:
            parquet.write_table(to_arrow(table, rows), spool / f"{table}-{number:06d}.parquet")
    return unchanged


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Parsing makes hundreds of thousands of small lists and dicts, none in a reference cycle; Python's
    cycle collector would only walk them again and again. The pause lasts one chunk, in a worker or,
    for a small folder, in the run's own process."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
