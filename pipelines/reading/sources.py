"""Opening a personnel file as a list of sheets, each a grid of cell texts.

A file is read from disk once (`read_source`): its bytes are hashed for the ingest's cache and parsed
from memory.

The grid holds every cell as clean text (NFC, single spaces; '1970-03-12 00:00:00' for a real Excel
date) or None when nothing is written, so the sheet parser sees one kind of value whatever the file
format, and each cell is cleaned once. Its rows all have the same length, the sheet's width. A file
that cannot be opened raises `Unreadable` with a reason a clerk can act on.
"""

import csv
import hashlib
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import fastexcel

from pipelines.reading.text import clean

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".csv"}
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
CSV_SHEET = "CSV"

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"

Grid = list[list[str | None]]  # rows of cells, all of the same length


@dataclass(frozen=True)
class Unreadable(Exception):
    reason_en: str
    reason_vi: str

    def __str__(self) -> str:
        return self.reason_en


@dataclass(frozen=True)
class Source:
    """A file's size, its SHA-256 and its bytes; a file above the size limit is hashed from disk, not
    held (`data` is None)."""

    size: int
    sha256: str
    data: bytes | None


def read_source(path: Path) -> Source:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        with path.open("rb") as handle:
            return Source(size, hashlib.file_digest(handle, "sha256").hexdigest(), None)
    data = path.read_bytes()
    return Source(len(data), hashlib.sha256(data).hexdigest(), data)


@dataclass(frozen=True)
class RawSheet:
    name: str
    rows: Grid
    hidden: bool = False


def read_sheets(suffix: str, source: Source) -> Iterator[RawSheet]:
    """The sheets of a workbook (hidden ones marked, not read), or the one table of a CSV file;
    `suffix` is the file name's, which says which of the two it is."""
    if suffix.lower() not in SPREADSHEET_SUFFIXES:
        raise Unreadable(
            f"'{suffix}' is not a personnel list format: save it as .xlsx or .csv",
            f"định dạng '{suffix}' không được hỗ trợ: hãy lưu lại thành .xlsx hoặc .csv",
        )
    if source.size == 0:
        raise Unreadable("the file is empty", "tệp rỗng")
    if source.data is None:
        raise Unreadable(
            f"the file is {source.size // 2**20} MiB, above the {MAX_FILE_BYTES // 2**20} MiB limit",
            f"tệp nặng {source.size // 2**20} MiB, vượt giới hạn {MAX_FILE_BYTES // 2**20} MiB",
        )
    if suffix.lower() == ".csv":
        yield RawSheet(CSV_SHEET, _read_csv(source.data))
    else:
        yield from _read_workbook(source.data)


def _read_workbook(data: bytes) -> Iterator[RawSheet]:
    _refuse_what_is_not_a_safe_zip(data)
    try:
        workbook = fastexcel.read_excel(data)
        sheets = [
            # skip_rows=0 keeps leading blank rows, so row numbers are the ones Excel shows
            workbook.load_sheet(name, header_row=None, dtypes="string", skip_rows=0)
            for name in workbook.sheet_names
        ]
    except Exception as error:  # calamine reports every corruption with its own exception type
        raise Unreadable(
            f"the workbook is damaged and cannot be read ({type(error).__name__})",
            "tệp Excel bị hỏng, không đọc được",
        ) from error
    for sheet in sheets:
        if sheet.visible != "visible":
            yield RawSheet(sheet.name, [], hidden=True)
            continue
        columns = [column.to_pylist() for column in sheet.to_arrow().columns]
        yield RawSheet(
            sheet.name,
            [[clean(cell) if cell else None for cell in row] for row in zip(*columns, strict=True)],
        )


def _refuse_what_is_not_a_safe_zip(data: bytes) -> None:
    magic = data[:4]
    if magic == _OLE_MAGIC:
        raise Unreadable(
            "the workbook is password-protected or in the old .xls format: remove the password "
            "and save it as .xlsx",
            "tệp có mật khẩu hoặc ở định dạng .xls cũ: gỡ mật khẩu và lưu lại thành .xlsx",
        )
    if magic != _ZIP_MAGIC:
        raise Unreadable(
            "the file is not an Excel workbook (perhaps a web page saved with an .xlsx name): "
            "open it in Excel and save it as .xlsx",
            "tệp không phải bảng tính Excel (có thể là trang web lưu với đuôi .xlsx): "
            "mở bằng Excel và lưu lại thành .xlsx",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile as error:
        raise Unreadable("the workbook is truncated or damaged", "tệp Excel bị cắt cụt hoặc hỏng") from error
    if unzipped > MAX_UNZIPPED_BYTES or unzipped > MAX_COMPRESSION_RATIO * len(data):
        raise Unreadable(
            f"the workbook unpacks to {unzipped // 2**20} MiB: refused as a possible zip bomb",
            f"tệp giải nén ra {unzipped // 2**20} MiB: bị từ chối vì nghi là bom nén",
        )


def _read_csv(data: bytes) -> Grid:
    text = _decode(data)
    delimiter = max(";,\t", key=lambda candidate: _widest_row(text, candidate))
    rows = [list(map(clean, row)) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    width = max(map(len, rows), default=0)
    return [row + [None] * (width - len(row)) for row in rows]


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes, else Windows-1258 as Vietnamese Excel writes."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace")


def _widest_row(text: str, delimiter: str) -> int:
    return max((len(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)), default=0)
