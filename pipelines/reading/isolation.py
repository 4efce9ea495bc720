"""A function run in a process of its own, for a reader that can take its process down.

calamine, the Rust reader inside fastexcel, can end the whole process on a damaged Excel 97-2003 file:
a corrupt size in the file's OLE header or in a sheet's DIMENSIONS record makes it ask for gigabytes,
and Rust aborts when an allocation fails. Run here, such a file ends only the reading process, which
the next call starts again.
"""

import multiprocessing
import resource
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import cache
from typing import TypeVar

# Far above what a 50 MiB workbook needs; a corrupt size above it fails at once instead of swapping.
MEMORY_LIMIT = 4 * 2**30

T = TypeVar("T")


class Crashed(Exception):
    """The process died running the function."""


def run_isolated(function: Callable[..., T], *args: object) -> T:
    """`function(*args)` in the reading process; its exceptions are raised here, a crash as Crashed."""
    try:
        return _reading_process().submit(function, *args).result()
    except BrokenProcessPool as error:
        _reading_process.cache_clear()
        raise Crashed from error


@cache
def _reading_process() -> ProcessPoolExecutor:
    """One process, kept for every call until it dies. Spawned, not forked, as the parsing workers:
    the parent holds DuckDB and Dagster threads that a fork would copy mid-flight."""
    return ProcessPoolExecutor(1, multiprocessing.get_context("spawn"), initializer=_limit_memory)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
