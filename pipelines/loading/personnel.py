"""Personnel files into the raw tables, parsing only what changed since the last published warehouse.

Each file is keyed by its content hash and by the parser that read it: an unchanged file read by the
same code with the same ID key keeps the rows it already has; a changed, new or removed file is
reflected exactly.
"""

import gc
import hashlib
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
from pyarrow import parquet

import pipelines
from pipelines.identity import IdHasher
from pipelines.loading import tables
from pipelines.reading.files import ParsedFile, parse_file
from pipelines.reading.sources import read_source
from pipelines.text import marked_unit_key, unit_key

PERSONNEL_TABLES = ("source_files", "lists", "personnel", "ingest_quarantine")
_PARSER_SOURCES = ("reading", "text.py", "dates.py", "headers.py", "identity.py")
_NOT_READ = (".", "~$")  # hidden files and folders, and the lock files Excel leaves beside open ones
CHUNK_FILES = 256
# Below two chunks' worth of files, starting worker processes costs more than it saves.
POOL_MIN_FILES = 2 * CHUNK_FILES


@dataclass(frozen=True)
class IngestSummary:
    files_seen: int
    files_parsed: int
    files_rejected: int
    rows_loaded: int
    rows_quarantined: int


def discover(personnel_dir: Path) -> list[tuple[str, Path]]:
    """Every file under personnel/, at any depth, but Excel's lock files and hidden files, in path
    order."""
    return [(name, Path(path)) for name, path in listing(personnel_dir)]


def listing(personnel_dir: Path) -> list[tuple[str, str]]:
    """What `discover` finds, as names and OS paths (no Path objects): walked with os.scandir, a
    country's tens of thousands of files are listed in a fraction of the time Path.rglob takes."""
    found: list[tuple[str, str]] = []

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith(_NOT_READ):
                    continue
                if entry.is_dir():
                    walk(entry.path, f"{prefix}{entry.name}/")
                elif entry.is_file():  # not a broken link
                    found.append((prefix + entry.name, entry.path))

    walk(str(personnel_dir), "")
    return sorted(found, key=lambda item: item[0].split("/"))


def parser_fingerprint(hash_id: IdHasher) -> str:
    """Changes when the reading code or the ID key changes, so cached rows are then read again."""
    digest = hashlib.sha256(hash_id.fingerprint.encode())
    root = Path(pipelines.__file__).parent
    for name in _PARSER_SOURCES:
        for source in sorted((root / name).rglob("*.py")) if (root / name).is_dir() else [root / name]:
            digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def refresh(
    connection: duckdb.DuckDBPyConnection,
    personnel_dir: Path,
    hash_id: IdHasher,
    spool: Path,
) -> IngestSummary:
    """Bring the raw personnel tables in line with the files under `personnel_dir`. What is parsed is
    spooled as Parquet in the empty folder `spool`."""
    for table in PERSONNEL_TABLES:
        tables.create(connection, table)
    parser = parser_fingerprint(hash_id)
    cached = dict(
        connection.execute("SELECT file, sha256 FROM raw.source_files WHERE parser = ?", [parser]).fetchall()
    )
    on_disk = [(name, path, cached.get(name)) for name, path in discover(personnel_dir)]
    unchanged = _parse_into(spool, on_disk, hash_id, parser)
    for table in PERSONNEL_TABLES:
        connection.execute(f"DELETE FROM raw.{table} WHERE NOT list_contains(?, file)", [unchanged])
        if parts := sorted(str(part) for part in spool.glob(f"{table}-*.parquet")):
            connection.execute(
                f"INSERT INTO raw.{table} BY NAME SELECT * FROM read_parquet(?, union_by_name = true)",
                [parts],
            )
    return _summary(connection, len(on_disk), len(on_disk) - len(unchanged))


def _parse_into(
    spool: Path, files: list[tuple[str, Path, str | None]], hash_id: IdHasher, parser: str
) -> list[str]:
    """Parse the files chunk by chunk into Parquet files in `spool`, on every core when there are many,
    but those whose content has the SHA-256 given with them: their names are returned.

    Workers read, hash and parse the files and write their chunk's tables themselves, so nothing parsed
    is held in memory and the parent process, idle meanwhile, leaves both cores to them; DuckDB then
    reads all the Parquet in one go."""
    chunks = [files[i : i + CHUNK_FILES] for i in range(0, len(files), CHUNK_FILES)]
    workers = min(os.cpu_count() or 1, len(chunks))
    if len(files) < POOL_MIN_FILES or workers < 2:
        return [
            name
            for number, chunk in enumerate(chunks)
            for name in _parse_chunk(chunk, hash_id, parser, spool, number)
        ]
    # spawn, not fork: the parent holds DuckDB and Dagster threads that a fork would copy mid-flight
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [
            pool.submit(_parse_chunk, chunk, hash_id, parser, spool, number)
            for number, chunk in enumerate(chunks)
        ]
        return [name for future in futures for name in future.result()]  # a worker's exception, raised here


def _parse_chunk(
    files: list[tuple[str, Path, str | None]], hash_id: IdHasher, parser: str, spool: Path, number: int
) -> list[str]:
    """Write the chunk's rows of each raw table to `<table>-<number>.parquet` in `spool`, but for the
    files whose content is the one already loaded: those are returned by name."""
    # The chunk's parsed files, records and Arrow tables are freed when _write_chunk returns, before the
    # cycle collector is back: its first pass would otherwise walk every one of their objects (another
    # 4 to 5 % of a worker's time, measured, beside the 7 % the pause saves).
    with _no_cycle_collection():
        return _write_chunk(files, hash_id, parser, spool, number)


def _write_chunk(
    files: list[tuple[str, Path, str | None]], hash_id: IdHasher, parser: str, spool: Path, number: int
) -> list[str]:
    parsed, unchanged = [], []
    for name, path, loaded_sha256 in files:
        source = read_source(path)
        if source.sha256 == loaded_sha256:
            unchanged.append(name)
        else:
            parsed.append(parse_file(path, name, hash_id, source))
    loaded, quarantined = _row_records(parsed)
    records = {
        "source_files": list(_file_rows(parsed, parser)),
        "lists": list(_list_rows(parsed)),
        "personnel": loaded,
        "ingest_quarantine": quarantined,
    }
    for table, rows in records.items():
        if rows:
            parquet.write_table(_arrow(table, rows), spool / f"{table}-{number:06d}.parquet")
    return unchanged


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Parsing makes hundreds of thousands of small lists and dicts, none in a reference cycle; Python's
    cycle collector would only walk them again and again (7 % of a worker's time, measured). The pause
    lasts one chunk, in a worker or, for a small folder, in the run's own process."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _arrow(table: str, records: list[dict]) -> pa.Table:
    """Records as the columns of the raw table, converted by Arrow itself to the table's types. The
    records of a table all have the same keys (the reader gives every row every field), so the first
    one tells whether a field is missing from the table's YAML."""
    schema = tables.arrow_schema(table)
    if unknown := records[0].keys() - set(schema.names):  # Arrow would drop them without a word
        raise ValueError(f"raw.{table} has no column {', '.join(sorted(unknown))}: add it to its YAML")
    return pa.Table.from_struct_array(pa.array(records, type=pa.struct(schema)))


def _row_records(parsed: list[ParsedFile]) -> tuple[list[dict], list[dict]]:
    loaded, quarantined = [], []
    for file in parsed:
        for plist in file.lists:
            for row in plist.rows:
                problems = ([file.rejection] if file.rejection else []) + row.problems
                where = {"file": file.file, "sheet": plist.sheet, "row": row.excel_row}
                if problems:
                    reasons = {
                        "reason": "; ".join(p.en for p in problems),
                        "reason_vi": "; ".join(p.vi for p in problems),
                    }
                    quarantined.append(where | reasons | {"cells": row.cells_json})
                else:
                    loaded.append(where | row.values | {"cells": row.cells_json})
    return loaded, quarantined


def _file_rows(parsed: Iterable[ParsedFile], parser: str) -> Iterator[dict]:
    for file in parsed:
        yield {
            "file": file.file,
            "sha256": file.sha256,
            "size_bytes": file.size_bytes,
            "status": file.status,
            "reason": file.rejection.en if file.rejection else None,
            "reason_vi": file.rejection.vi if file.rejection else None,
            "sheets_without_list": file.sheets_without_list,
            "parser": parser,
        }


def _list_rows(parsed: Iterable[ParsedFile]) -> Iterator[dict]:
    for file in parsed:
        for plist in file.lists:
            yield {
                "file": file.file,
                "sheet": plist.sheet,
                "snapshot_date": plist.snapshot_date,
                "title_date": plist.title_date,
                "title": plist.title,
                "issuer": " / ".join(plist.issuer),
                "issuer_keys": [marked_unit_key(line) for line in plist.issuer],
                "issuer_folds": [unit_key(line) for line in plist.issuer],
                "header_row": plist.layout.header_row + 1,
                "declared_total": plist.layout.declared_total,
                "data_rows": len(plist.rows),
            }


def _summary(connection: duckdb.DuckDBPyConnection, seen: int, parsed: int) -> IngestSummary:
    rejected, loaded, quarantined = connection.execute(
        """
        SELECT (SELECT count(*) FROM raw.source_files WHERE status = 'rejected'),
               (SELECT count(*) FROM raw.personnel),
               (SELECT count(*) FROM raw.ingest_quarantine)
        """
    ).fetchall()[0]
    return IngestSummary(seen, parsed, rejected, loaded, quarantined)
