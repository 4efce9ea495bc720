"""Finding the parts of a sheet laid out by hand: title block, header, data rows, totals, footer."""

import itertools
import re
from dataclasses import dataclass, field
from functools import cached_property

from pipelines.reading.headers import Field, field_of, is_sex_subheader
from pipelines.reading.sources import Grid
from pipelines.reading.text import clean, fold

HEADER_SEARCH_ROWS = 40
_MOTTO = ("cong hoa xa hoi", "doc lap tu do")
# Matched with diacritics kept: "Tổng cộng" is a totals row, "Tống Công Minh" a person.
_TOTALS = re.compile(r"^(?:tổng cộng|tổng số)\b")
_FOOTER = re.compile(
    r"ngay \d{1,2} thang \d{1,2} nam \d{4}|^(?:nguoi lap|thu truong|chu tich|hieu truong"
    r"|truong phong|giam doc|ky ghi ro|ky ten|ky dong dau|xac nhan|noi nhan)\b"
)
_ROMAN = re.compile(r"^[ivxlc]+$")
_INTEGER = re.compile(r"\d+")


@dataclass(frozen=True)
class Column:
    index: int
    label: str
    field: Field | None
    sex: str | None = None  # "Nam" / "Nữ" for a date-of-birth column split by sex


@dataclass
class Layout:
    """Where things are in one sheet. Row indexes are 0-based; Excel shows index + 1. The columns are
    fixed once the header is read (the lookups by field are cached); totals and footer rows are added
    to `not_data` afterwards."""

    title_lines: list[str]
    header_row: int
    columns: list[Column]
    first_data_row: int
    declared_total: int | None = None
    totals_row: int | None = None  # the last totals row: the list's grand total
    not_data: set[int] = field(default_factory=set)  # totals rows, and footer rows from the footer on

    def column(self, wanted: Field) -> Column | None:
        """The first column of the field, but date-of-birth columns split by sex."""
        return self._first_column_of_field.get(wanted)

    def columns_of(self, wanted: Field) -> list[Column]:
        return self._columns_by_field.get(wanted, [])

    @cached_property
    def _columns_by_field(self) -> dict[Field | None, list[Column]]:
        found: dict[Field | None, list[Column]] = {}
        for column in self.columns:
            found.setdefault(column.field, []).append(column)
        return found

    @cached_property
    def _first_column_of_field(self) -> dict[Field | None, Column]:
        found: dict[Field | None, Column] = {}
        for column in self.columns:
            if column.sex is None:
                found.setdefault(column.field, column)
        return found

    @property
    def title(self) -> str | None:
        return next((line for line in self.title_lines if fold(line).startswith("danh sach")), None)

    def is_numbered(self, cells: list[str | None]) -> bool:
        """Whether the row has a row number (STT): a data row, whatever else it holds."""
        stt = self.column(Field.ROW_NUMBER)
        return bool(stt and _INTEGER.fullmatch(fold(cells[stt.index])))

    @cached_property
    def sex_columns(self) -> list[Column]:
        return [c for c in self.columns if c.sex is not None]


def find_layout(rows: Grid) -> Layout | None:
    """The layout of the list in `rows`, or None when the sheet holds no personnel list."""
    header = _find_header_row(rows)
    if header is None:
        return None
    below = rows[header + 1] if header + 1 < len(rows) else []
    has_subheader = _is_subheader_row(rows[header], below)
    columns = _columns(rows[header], below if has_subheader else [])
    first_data = header + 1 + has_subheader
    if first_data < len(rows) and _is_column_number_row(rows[first_data]):
        first_data += 1
    layout = Layout(
        title_lines=[cell for row in rows[:header] for cell in row if cell],
        header_row=header,
        columns=columns,
        first_data_row=first_data,
    )
    _find_totals_and_footer(rows, layout)
    return layout


def issuer_lines(title_lines: list[str]) -> list[str]:
    """Lines of the title block that name the issuing body: before the title, not the motto."""
    lines = []
    for line in title_lines:
        folded = fold(line)
        if folded.startswith("danh sach"):  # the title
            break
        if not folded.startswith(_MOTTO) and not _FOOTER.search(folded):
            lines.append(line)
    return lines


def is_section_row(cells: list[str | None], row_number_index: int | None) -> str | None:
    """The unit a section row names ("Thôn Gò Cao", "II. TDP Số 3"), or None for other rows."""
    if len(cells) - cells.count(None) > 2:  # a section row holds a name, and perhaps a marker
        return None
    texts = [(i, cell) for i, cell in enumerate(cells) if cell]
    marker = next((t for i, t in texts if i == row_number_index), None)
    others = [t for i, t in texts if i != row_number_index]
    if len(others) != 1 or (marker and not _ROMAN.match(fold(marker))):
        return None
    named = fold(others[0])
    if marker or named.startswith(("thon ", "tdp ", "to dan pho ", "khu ", "xom ", "don vi ")):
        return others[0]
    return None


def _find_header_row(rows: Grid) -> int | None:
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        fields = {field_of(cell) for cell in row} - {None}
        if Field.FULL_NAME in fields and len(fields) >= 2:
            return index
    return None


def _is_subheader_row(header: list[str | None], row: list[str | None]) -> bool:
    """A second header level: text under the header, but nothing under the name and row-number
    columns (those header cells are merged down over it) and not the column-number row."""
    fields = {index: field_of(cell) for index, cell in enumerate(header)}
    empty_under = [i for i, f in fields.items() if f in (Field.FULL_NAME, Field.ROW_NUMBER)]
    return (
        any(row) and not _is_column_number_row(row) and all(i >= len(row) or not row[i] for i in empty_under)
    )


def _is_column_number_row(row: list[str | None]) -> bool:
    """The row numbering the columns under the header: "1 2 3 ..." or "(1) (2) (4) ..." (a column
    deleted from the template), counting up from 1, so a data row holding only numbers ("0", "1") is
    not taken for it."""
    texts = [fold(cell) for cell in row if cell]
    if len(texts) < 2 or not all(_INTEGER.fullmatch(text) for text in texts):
        return False
    numbers = [int(text) for text in texts]
    return numbers[0] == 1 and all(left < right for left, right in itertools.pairwise(numbers))


def _columns(top: list[str | None], sub: list[str | None]) -> list[Column]:
    """Columns from a one- or two-level header; a merged top cell spans the sub-headers beneath it."""
    columns = []
    spanning = None
    for index in range(max(len(top), len(sub))):
        upper = top[index] if index < len(top) else None
        lower = sub[index] if index < len(sub) else None
        if upper:
            spanning = upper
        elif lower and spanning:
            upper = spanning  # the merged cell's text sits in its first column only
        label = " / ".join(t for t in (upper, lower) if t) or f"column {index + 1}"
        if lower and is_sex_subheader(lower) and field_of(upper) is Field.BIRTH_DATE:
            columns.append(Column(index, label, Field.BIRTH_DATE, sex=clean(lower.title())))
        else:
            columns.append(Column(index, label, field_of(lower) if lower else field_of(upper)))
    return columns


def _find_totals_and_footer(rows: Grid, layout: Layout) -> None:
    """Mark the rows below the header that are not data: totals rows (the last one's number is the
    declared total) and, from the signature footer on, every row without a row number."""
    name = layout.column(Field.FULL_NAME)
    footer_started = False
    for index in range(layout.first_data_row, len(rows)):
        cells = rows[index]
        texts = [cell for cell in cells if cell]
        if not texts or layout.is_numbered(cells):
            continue
        if _TOTALS.match(fold(texts[0], keep_marks=True)):
            numbers = _INTEGER.findall(" ".join(fold(t) for t in texts))
            layout.declared_total = int(numbers[0]) if numbers else None
            layout.totals_row = index
            layout.not_data.add(index)
            continue
        named = name and cells[name.index]
        signature = len(texts) <= 2 and any(_FOOTER.search(fold(t)) for t in texts)
        footer_started = footer_started or (signature and (not named or _FOOTER.search(fold(named))))
        if footer_started:
            layout.not_data.add(index)
