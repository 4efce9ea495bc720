"""The raw folder (TINHGON_RAW_DIR): where its parts are, and the files a run reads from it."""

import os
from pathlib import Path

import dagster as dg

from pipelines.reading.files import LIST_KINDS, ListKind

_NOT_READ = (".", "~$")  # hidden files and folders, and the lock files Excel leaves beside open ones


class RawFolder(dg.ConfigurableResource):
    """The folder of input files: reference/ CSVs, personnel/ lists and leavers/ lists."""

    path: str

    @property
    def root(self) -> Path:
        return Path(self.path)

    @property
    def reference_dir(self) -> Path:
        return self.root / "reference"

    def list_dirs(self) -> dict[ListKind, Path]:
        """The folders of spreadsheet lists, by the kind of list they hold (their name under raw/)."""
        return {kind: self.root / kind for kind in LIST_KINDS}


def list_files(folder: Path) -> list[tuple[str, str]]:
    """Every file under `folder`, at any depth, but Excel's lock files and hidden files, as (name under
    the folder, OS path) in path order. Walked with os.scandir and kept as strings: a country's tens of
    thousands of files are listed in a fraction of the time Path.rglob takes."""
    found: list[tuple[str, str]] = []

    def walk(directory: str, prefix: str) -> None:
        with os.scandir(directory) as entries:
            for entry in entries:
                if entry.name.startswith(_NOT_READ):
                    continue
                if entry.is_dir():
                    walk(entry.path, f"{prefix}{entry.name}/")
                elif entry.is_file():  # not a broken link
                    found.append((prefix + entry.name, entry.path))

    if folder.exists():
        walk(str(folder), "")
    return sorted(found, key=lambda item: item[0].split("/"))
