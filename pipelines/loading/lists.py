"""The spreadsheet lists (personnel/ and leavers/) into the raw tables, parsing only what changed
since the last published warehouse.

Each file is keyed by its content hash and by the version of the reader that parsed it: an unchanged
file read by the same reader with the same ID key keeps the rows it already has; a changed, new or
removed file is reflected exactly.
"""

from dataclasses import dataclass
from pathlib import Path

import duckdb

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
    cached = dict(
        connection.execute("SELECT file, sha256 FROM raw.source_files WHERE parser = ?", [parser]).fetchall()
    )
    on_disk = [
        (f"{kind}/{name}", Path(path), cached.get(f"{kind}/{name}"))
        for kind, folder in list_dirs.items()
        for name, path in list_files(folder)
    ]
    unchanged = parse_into(spool, on_disk, hash_id, parser)
    for table in LIST_TABLES:
        connection.execute(f"DELETE FROM raw.{table} WHERE NOT list_contains(?, file)", [unchanged])
        if parts := sorted(str(part) for part in spool.glob(f"{table}-*.parquet")):
            connection.execute(
                f"INSERT INTO raw.{table} BY NAME SELECT * FROM read_parquet(?, union_by_name = true)",
                [parts],
            )
    return _summary(connection, len(on_disk), len(on_disk) - len(unchanged))


def _summary(connection: duckdb.DuckDBPyConnection, seen: int, parsed: int) -> IngestSummary:
    rejected, read, unreadable = connection.execute(
        """
        SELECT (SELECT count(*) FROM raw.source_files WHERE status = 'rejected'),
               (SELECT count(*) FROM raw.personnel) + (SELECT count(*) FROM raw.leavers),
               (SELECT count(*) FROM raw.ingest_quarantine)
        """
    ).fetchall()[0]
    return IngestSummary(seen, parsed, rejected, read, unreadable)
