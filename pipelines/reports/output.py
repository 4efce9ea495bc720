"""Reports replace the previous ones only once all of them are written.

Everything is written into a staging folder inside `reports/` (same file system, so renames are
atomic), then moved over the old files. A run that fails half-way leaves the last good reports as
they were, and the staging folder is removed either way.
"""

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def staged(target_dir: Path) -> Iterator[Path]:
    """A fresh folder whose entries replace those of the same name in target_dir if the block succeeds."""
    target_dir.mkdir(parents=True, exist_ok=True)
    staging = target_dir / f".staging-{uuid.uuid4().hex}"
    staging.mkdir()
    try:
        yield staging
        for entry in sorted(
            staging.iterdir(), key=lambda p: p.is_file()
        ):  # folders first: the page links them
            _replace(entry, target_dir / entry.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _replace(new: Path, old: Path) -> None:
    if new.is_file() or not old.exists():
        os.replace(new, old)
        return
    # A folder cannot be renamed over a non-empty one: move the old one aside first, then drop it.
    retired = old.with_name(f".retired-{uuid.uuid4().hex}")
    os.replace(old, retired)
    os.replace(new, old)
    shutil.rmtree(retired, ignore_errors=True)
