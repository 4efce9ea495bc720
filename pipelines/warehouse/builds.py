"""A run's private build file: a copy of the published warehouse the run rebuilds in place."""

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

SCHEMAS = ("raw", "staging", "marts", "audit")
# Written in the storage format of DuckDB 1.5, so that the DuckDB CLI from PyPI (duckdb-cli, `make sql`)
# and reviewers' older DuckDB versions can open the warehouse.
STORAGE_VERSION = "v1.5.0"
# DuckDB takes 80 % of the machine by default; the ingest's workers, Dagster and Great Expectations
# share it. Beyond this a build spills to <build>.duckdb.tmp/ instead of growing.
BUILD_MEMORY_LIMIT = "1GB"


def start(published: Path, build: Path) -> None:
    """The build file, a copy of the published warehouse (or a new file) with every schema; written
    beside it first, so that a run killed while copying leaves no half-copied build."""
    build.parent.mkdir(parents=True, exist_ok=True)
    partial = build.with_suffix(".partial")
    if published.exists():
        shutil.copyfile(published, partial)
    config = {} if published.exists() else {"storage_compatibility_version": STORAGE_VERSION}
    with duckdb.connect(partial, config=config) as connection:
        for schema in SCHEMAS:
            connection.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    os.replace(partial, build)


@contextmanager
def connect(build: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(build, config={"memory_limit": BUILD_MEMORY_LIMIT})
    try:
        yield connection
    finally:
        connection.close()


@contextmanager
def scratch(folder: Path) -> Iterator[Path]:
    """An empty folder for a run's intermediate files beside its build, removed afterwards (and with the
    build's leftovers when the run is killed)."""
    shutil.rmtree(folder, ignore_errors=True)  # a retried step starts empty
    folder.mkdir(parents=True)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
