"""Everything a warehouse is built from, as one fingerprint: when it equals the published warehouse's,
a run has nothing to do.

The raw folder counts by file names, sizes and modification and change times (a stat of each file, not
a read: a country has tens of thousands); the ingest still compares content hashes file by file, so a
file touched but not changed costs a run that parses nothing, never a wrong warehouse. The code, templates and
SQL count by content, Python and every installed library by version, the ID key by its fingerprint.
"""

import hashlib
import importlib.metadata
import os
import sys
from pathlib import Path

import pipelines
from pipelines.loading.reference import REFERENCE_TABLES
from pipelines.raw_folder import RawFolder, list_files
from pipelines.settings import SQL_DIR


def raw_folder_fingerprint(raw_folder: RawFolder) -> str:
    """Names, sizes, modification and change times of the files a run reads. Excel's lock files (~$...)
    and hidden files are not read, so opening a list in Excel changes nothing."""
    references = [
        (f"reference/{table}.csv", raw_folder.reference_dir / f"{table}.csv") for table in REFERENCE_TABLES
    ]
    lists = [
        (f"{kind}/{name}", path)
        for kind, folder in raw_folder.list_dirs().items()
        for name, path in list_files(folder)
    ]
    digest = hashlib.sha256()
    for name, path in [(name, path) for name, path in references if path.exists()] + lists:
        stat = os.stat(path)
        digest.update(f"{name}|{stat.st_size}|{stat.st_mtime_ns}|{stat.st_ctime_ns}\n".encode())
    return digest.hexdigest()


def inputs_fingerprint(raw_folder: RawFolder, id_key_fingerprint: str) -> str:
    """The raw folder (where it is and what it holds), the code and SQL, the libraries and the ID key."""
    digest = hashlib.sha256(
        f"{raw_folder.root.resolve()}|{raw_folder_fingerprint(raw_folder)}|{id_key_fingerprint}".encode()
    )
    for root in (Path(pipelines.__file__).parent, SQL_DIR):
        for source in sorted(root.rglob("*")):
            if source.is_file() and "__pycache__" not in source.parts:
                digest.update(f"{source.relative_to(root)}\n".encode() + source.read_bytes())
    libraries = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    digest.update("\n".join([sys.version, *libraries]).encode())
    return digest.hexdigest()
