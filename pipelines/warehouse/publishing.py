"""Publishing a build: it replaces the published warehouse in one atomic rename, and the warehouse it
replaces joins the last few in history/, so tonight can be compared with last night."""

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import duckdb
from filelock import FileLock

from pipelines.warehouse.files import WarehouseFiles

HISTORY_KEPT = 7


class PublishedBuild(NamedTuple):
    """The run that built the published warehouse, and the fingerprint of what it was built from."""

    run_id: str
    inputs: str | None  # None when that run did not start with changed_inputs (assets picked in the UI)


def publish(files: WarehouseFiles, run_id: str) -> None:
    build = files.build_file(run_id)
    with duckdb.connect(build) as connection:
        connection.execute("CHECKPOINT")
    files.history_dir.mkdir(exist_ok=True)
    with FileLock(files.published.with_suffix(".publish.lock")):
        if files.published.exists():
            published_at = datetime.fromtimestamp(files.published.stat().st_mtime, UTC)
            os.link(files.published, files.history_dir / f"tinhgon_{published_at:%Y-%m-%dT%H%M%S.%f}.duckdb")
        os.replace(build, files.published)
        for old in sorted(files.history_dir.glob("tinhgon_*.duckdb"))[:-HISTORY_KEPT]:
            old.unlink()


def published_build(published: Path) -> PublishedBuild | None:
    """Who built the published warehouse from what, or None when there is no published warehouse, it
    predates fingerprints or cannot be opened right now."""
    if not published.exists():
        return None
    try:
        with duckdb.connect(published, read_only=True) as connection:
            found = connection.execute("SELECT run_id, inputs FROM audit.build").fetchall()
    except duckdb.Error:
        return None
    return PublishedBuild(*found[0]) if found else None
