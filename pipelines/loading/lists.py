"""The spreadsheet lists (personnel/ and leavers/) into the raw tables, parsing only what changed
since the last published warehouse.

Each file is keyed by its content hash and by the version of the reader that parsed it: an unchanged
file read by the same reader with the same ID key keeps the rows it already has; a changed, new or
removed file is reflected exactly. A file whose size, modification and change times are still those it
had when it was read is not even read again: only a file whose stat differs is hashed, and parsed when
its content changed. (A file's change time cannot be set back, so a changed file always differs.)
"""

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from pipelines.loading import tables
from pipelines.loading.parser_version import parser_fingerprint
from pipelines.loading.pool import parse_into
from pipelines.raw_folder import list_files
from pipelines.reading.files import ListKind
from pipelines.reading.identity import IdHasher

LIST_TABLES = ("source_files", "lists", "personnel", "leavers", "ingest_quarantine")


@dataclass(frozen=True)
class IngestSummary:
    files_seen: int
    files_parsed: int
    files_rejected: int
    rows_read: int  # in raw.personnel and raw.leavers
    rows_unreadable: int  # in raw.ingest_quarantine: no name, or in a rejected file


def refresh(
    connection: duckdb.DuckDBPyConnection,
    list_dirs: dict[ListKind, Path],
    hash_id: IdHasher,
    spool: Path,
) -> IngestSummary:
    """Bring the raw list tables in line with the files under the folders of `list_dirs`, each file
    named by its path under the raw folder ("personnel/2021-11-30/..."). What is parsed is spooled as
    Parquet in the empty folder `spool`."""
    for table in LIST_TABLES:
        tables.create(connection, table)
    parser = parser_fingerprint(hash_id)
    loaded = {
        file: (sha256, stat)
        for file, sha256, *stat in connection.execute(
            "SELECT file, sha256, size_bytes, modified_ns, changed_ns FROM raw.source_files WHERE parser = ?",
            [parser],
        ).fetchall()
    }
    on_disk = [
        (f"{kind}/{name}", Path(path), file_stat(path))
        for kind, folder in list_dirs.items()
        for name, path in list_files(folder)
    ]
    same_stat, to_read = [], []
    for name, path, stat in on_disk:
        sha256, loaded_stat = loaded.get(name, (None, None))
        if loaded_stat == list(stat):
            same_stat.append(name)
        else:
            to_read.append((name, path, sha256, stat))
    same_content = parse_into(spool, to_read, hash_id, parser)
    _keep_only(connection, same_stat + same_content, spool)
    saved_again = set(same_content)
    _restat(connection, [(name, stat) for name, _, _, stat in to_read if name in saved_again])
    return _summary(connection, len(on_disk), len(to_read) - len(same_content))


def _keep_only(connection: duckdb.DuckDBPyConnection, kept: list[str], spool: Path) -> None:
    """The rows of the files `kept`, and those parsed into `spool`."""
    with tables.registered(connection, "kept_files", pa.table({"file": pa.array(kept, pa.string())})):
        for table in LIST_TABLES:
            # an anti-join: a list of the names kept, tested row by row, costs rows times files
            connection.execute(f"DELETE FROM raw.{table} WHERE file NOT IN (SELECT file FROM kept_files)")
            if parts := sorted(str(part) for part in spool.glob(f"{table}-*.parquet")):
                connection.execute(
                    f"INSERT INTO raw.{table} BY NAME SELECT * FROM read_parquet(?, union_by_name = true)",
                    [parts],
                )


def file_stat(path: str | Path) -> tuple[int, int, int]:
    """What says a file was not written since it was read: its size, modification and change times."""
    stat = os.stat(path)
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns


def _restat(connection: duckdb.DuckDBPyConnection, touched: list[tuple[str, tuple[int, int, int]]]) -> None:
    """The new stat of files saved again with the same content, so the next run does not read them."""
    if not touched:
        return
    names, stats = zip(*touched, strict=True)
    modified, changed = [s[1] for s in stats], [s[2] for s in stats]
    touched_stats = pa.table({"file": names, "modified_ns": modified, "changed_ns": changed})
    with tables.registered(connection, "touched", touched_stats):
        connection.execute(
            """
            UPDATE raw.source_files AS f SET modified_ns = t.modified_ns, changed_ns = t.changed_ns
            FROM touched AS t WHERE f.file = t.file
            """
        )


def _summary(connection: duckdb.DuckDBPyConnection, seen: int, parsed: int) -> IngestSummary:
    rejected, read, unreadable = connection.execute(
        """
        SELECT (SELECT count(*) FROM raw.source_files WHERE status = 'rejected'),
               (SELECT count(*) FROM raw.personnel) + (SELECT count(*) FROM raw.leavers),
               (SELECT count(*) FROM raw.ingest_quarantine)
        """
    ).fetchall()[0]
    return IngestSummary(seen, parsed, rejected, read, unreadable)
