"""Opening a personnel file as a list of sheets, each a grid of cell texts.

A file is read from disk once (`read_source`): its bytes are hashed for the ingest's cache and parsed
from memory.

The grid holds every cell as clean text (NFC, single spaces; '1970-03-12 00:00:00' for a real date
cell) or None when nothing is written, so the sheet parser sees one kind of value whatever the file
format (Excel .xlsx, .xlsm, .xlsb or 97-2003 .xls, OpenDocument .ods, CSV), and each cell is cleaned
once. Its rows all have the same length, the sheet's width. A file
that cannot be opened raises `Unreadable` with a reason a clerk can act on.
"""

import csv
import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import fastexcel
import msoffcrypto
import pyarrow as pa
import pyarrow.compute as pc

from pipelines.reading.isolation import Crashed, run_isolated
from pipelines.reading.text import clean

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".csv"}
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
CSV_SHEET = "CSV"

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"

Grid = list[list[str | None]]  # rows of cells, all of the same length


class Unreadable(Exception):
    def __init__(self, reason_en: str, reason_vi: str):
        super().__init__(reason_en, reason_vi)  # its args, so that it pickles back from the reading process
        self.reason_en = reason_en
        self.reason_vi = reason_vi

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


def read_sheets(suffix: str, source: Source) -> list[RawSheet]:
    """The sheets of a workbook (hidden ones marked, not read), or the one table of a CSV file.

    The file name's `suffix` says whether it is a list at all; its first bytes say which kind
    of workbook it is, so that an .xls saved with an .xlsx name, say, is still read."""
    if suffix.lower() not in SPREADSHEET_SUFFIXES:
        raise Unreadable(
            f"'{suffix}' is not a format lists are read from: send the list as an Excel (.xlsx, .xlsm, "
            ".xls, .xlsb), OpenDocument (.ods) or .csv file",
            f"định dạng '{suffix}' không được hỗ trợ: hãy gửi danh sách dưới dạng tệp Excel (.xlsx, .xlsm, "
            ".xls, .xlsb), tệp .ods của LibreOffice hoặc tệp .csv",
        )
    if source.size == 0:
        raise Unreadable("the file is empty", "tệp rỗng")
    if source.data is None:
        raise Unreadable(
            f"the file is {source.size // 2**20} MiB, above the {MAX_FILE_BYTES // 2**20} MiB limit",
            f"tệp nặng {source.size // 2**20} MiB, vượt giới hạn {MAX_FILE_BYTES // 2**20} MiB",
        )
    data = source.data
    if data.startswith(_OLE_MAGIC):
        try:
            return run_isolated(_read_workbook, data)
        except Crashed as error:
            raise _damaged() from error
    if data.startswith(_ZIP_MAGIC):
        return _read_workbook(data)
    if suffix.lower() == ".csv":
        return [RawSheet(CSV_SHEET, _read_csv(data))]
    raise _not_a_workbook(suffix, data)


def _read_workbook(data: bytes) -> list[RawSheet]:
    """An OLE file (.xls, or an encrypted Office file) or a zip (.xlsx, .xlsm, .xlsb, .ods), as fastexcel
    reads it."""
    open_document = data.startswith(_ZIP_MAGIC) and "content.xml" in _safe_zip_parts(data)
    try:
        workbook = fastexcel.read_excel(data)
        sheets = [
            # skip_rows=0 keeps leading blank rows, so row numbers are the ones Excel shows
            workbook.load_sheet(name, header_row=None, dtypes="string", skip_rows=0)
            for name in workbook.sheet_names
        ]
        return [_raw_sheet(sheet, open_document) for sheet in sheets]
    except BaseException as error:
        # calamine reports a corruption with an exception of its own, or by a panic of its Rust code that
        # pyo3 raises as a PanicException: a BaseException, which `except Exception` would let through
        if not isinstance(error, Exception) and type(error).__name__ != "PanicException":
            raise
        raise _password_protected() if _is_encrypted(data) else _damaged() from error


def _raw_sheet(sheet: fastexcel.ExcelSheet, open_document: bool) -> RawSheet:
    if sheet.visible != "visible":
        return RawSheet(sheet.name, [], hidden=True)
    columns = sheet.to_arrow().columns
    if open_document:
        columns = [_as_excel_dates(column) for column in columns]
    rows = zip(*(column.to_pylist() for column in columns), strict=True)
    return RawSheet(sheet.name, [[clean(cell) if cell else None for cell in row] for row in rows])


def _as_excel_dates(column: pa.Array) -> pa.Array:
    """An OpenDocument date cell keeps its ISO value ('1970-03-12', '1970-03-12T10:30:00'), which
    fastexcel gives as it is: written here as fastexcel writes an Excel date, '1970-03-12 00:00:00'.
    A text cell that reads exactly like such a value is rewritten too, to the same date."""
    column = pc.replace_substring_regex(column, r"^(\d{4}-\d{2}-\d{2})$", r"\1 00:00:00")
    return pc.replace_substring_regex(
        column, r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2}(?:\.\d+)?)$", r"\1 \2"
    )


def _safe_zip_parts(data: bytes) -> set[str]:
    """The names of the parts of a zip-based workbook, once its unpacked size is known to be safe."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except zipfile.BadZipFile as error:
        raise Unreadable(
            "the workbook is truncated or damaged", "tệp bảng tính bị cắt cụt hoặc bị hỏng"
        ) from error
    unzipped = sum(part.file_size for part in parts)
    if unzipped > MAX_UNZIPPED_BYTES or unzipped > MAX_COMPRESSION_RATIO * len(data):
        raise Unreadable(
            f"the workbook unpacks to {unzipped // 2**20} MiB: refused as a possible zip bomb",
            f"tệp giải nén ra {unzipped // 2**20} MiB: bị từ chối vì nghi là bom nén",
        )
    return {part.filename for part in parts}


def _is_encrypted(data: bytes) -> bool:
    """Whether a workbook fastexcel could not open is encrypted: an OLE file holding an encrypted Office
    document (what Excel saves with a password, as .xlsx, .xlsb or .xls), or an OpenDocument file whose
    manifest lists encrypted parts. A file too damaged to tell is not."""
    try:
        if data.startswith(_OLE_MAGIC):
            return msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return b"<manifest:encryption-data" in archive.read("META-INF/manifest.xml")
    except Exception:
        return False


def _password_protected() -> Unreadable:
    return Unreadable(
        "the workbook is password-protected: remove the password and send it again",
        "tệp có đặt mật khẩu: gỡ mật khẩu rồi gửi lại",
    )


def _damaged() -> Unreadable:
    return Unreadable(
        "the workbook is damaged and cannot be read: ask for it to be sent again",
        "tệp bảng tính bị hỏng, không đọc được: đề nghị gửi lại tệp",
    )


def _not_a_workbook(suffix: str, data: bytes) -> Unreadable:
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<":
        return Unreadable(
            f"the file is a web page saved with an '{suffix}' name, not an Excel workbook: open it in Excel "
            "and save it as an Excel workbook (.xlsx)",
            f"tệp là trang web được lưu với đuôi '{suffix}', không phải bảng tính Excel: mở bằng Excel rồi "
            "lưu lại thành tệp .xlsx",
        )
    return Unreadable(
        f"the file is not an Excel or OpenDocument workbook, though its name ends in '{suffix}': send the "
        "list as saved by Excel or LibreOffice",
        f"tệp có đuôi '{suffix}' nhưng không phải bảng tính Excel hay LibreOffice: hãy gửi danh sách được "
        "lưu bằng Excel hoặc LibreOffice",
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
