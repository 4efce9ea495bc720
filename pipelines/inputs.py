"""Everything a warehouse is built from, as one fingerprint: when it equals the published warehouse's,
a run has nothing to do.

The raw folder counts by file names, sizes and modification times (stat only: tens of thousands of
files in about a second); the ingest still compares content hashes file by file, so a file touched but
not changed costs a run that parses nothing, never a wrong warehouse. The code and SQL count by content,
the libraries by version, the ID key by its fingerprint.
"""

import hashlib
import importlib.metadata
from pathlib import Path

import pipelines
from pipelines.loading.personnel import discover
from pipelines.loading.reference import REFERENCE_TABLES
from pipelines.settings import SQL_DIR

_LIBRARIES = ("dagster", "duckdb", "fastexcel", "great-expectations", "pandas", "pyarrow", "sqlglot")


def raw_folder_fingerprint(raw_root: Path) -> str:
    """Names, sizes and modification times of the files a run reads. Excel's lock files (~$...) and
    hidden files are not read, so opening a list in Excel changes nothing."""
    references = [raw_root / "reference" / f"{table}.csv" for table in REFERENCE_TABLES]
    personnel_dir = raw_root / "personnel"
    lists = [path for _, path in discover(personnel_dir)] if personnel_dir.exists() else []
    digest = hashlib.sha256()
    for path in [p for p in references if p.exists()] + lists:
        stat = path.stat()
        digest.update(f"{path.relative_to(raw_root)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def build_fingerprint(raw_root: Path, id_key_fingerprint: str) -> str:
    """The raw folder (where it is and what it holds), the code and SQL, the libraries and the ID key."""
    digest = hashlib.sha256(
        f"{raw_root.resolve()}|{raw_folder_fingerprint(raw_root)}|{id_key_fingerprint}".encode()
    )
    code = Path(pipelines.__file__).parent
    for root, pattern in ((code, "*.py"), (SQL_DIR, "*.sql"), (SQL_DIR, "*.yml")):
        for source in sorted(root.rglob(pattern)):
            digest.update(f"{source.relative_to(root)}\n".encode() + source.read_bytes())
    for library in _LIBRARIES:
        digest.update(f"{library}=={importlib.metadata.version(library)}\n".encode())
    return digest.hexdigest()
