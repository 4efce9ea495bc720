"""Shared helpers: personnel lists written as real .xlsx files, laid out as offices lay them out."""

import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from pipelines.reading.identity import IdHasher

Row = Sequence[object]

HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Số CCCD", "Ghi chú"]


def title_block(issuer: str, snapshot: date | None) -> list[Row]:
    rows: list[Row] = [
        [issuer, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        [None, None, None, "Độc lập - Tự do - Hạnh phúc"],
        [],
        ["DANH SÁCH CÁN BỘ, CÔNG CHỨC"],
    ]
    if snapshot:
        rows.append([f"Tính đến ngày {snapshot:%d/%m/%Y}"])
    return rows


def write_workbook(
    path: Path,
    sheets: dict[str, list[Row]],
    hidden: Sequence[str] = (),
    first_row: int = 1,
    merged: Mapping[str, Sequence[str]] | None = None,
) -> Path:
    """`merged` maps a sheet's name to its merged ranges ('C6:D6')."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row_number, row in enumerate(rows, start=first_row):
            for column_number, value in enumerate(row, start=1):
                if value is not None:
                    sheet.cell(row=row_number, column=column_number, value=value)
        for cells in (merged or {}).get(name, ()):
            sheet.merge_cells(cells)
        if name in hidden:
            sheet.sheet_state = "hidden"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def person(stt: int, name: str, born: object, sex: str, title: str, cccd: str = "", note: str = "") -> Row:
    return [stt, name, born, sex, title, cccd, note]


@pytest.fixture
def hasher() -> IdHasher:
    return IdHasher(b"test-key")


@pytest.fixture
def excel_date():
    return lambda y, m, d: datetime(y, m, d)


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: letters precomposed, tone marks combining."""
    characters = []
    for character in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", character)
        tones = "".join(c for c in decomposed if c in _TONE_MARKS)
        letter = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
        characters.append(letter + tones)
    return "".join(characters).encode("cp1258")


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    from pipeline import Workspace

    return Workspace(tmp_path / "raw", tmp_path / "warehouse" / "tinhgon.duckdb", monkeypatch)
