"""Turning the data rows of one list into records, each with the problems a clerk must fix.

A problem either leaves the row counting (`Problem.counts`: the person is at the post, a cell such as
the date of birth needs fixing) or stops it counting (no name, no title: nobody can be placed).
"""

import json
from dataclasses import dataclass
from datetime import date

from pipelines.reading.dates import NotADate, parse_date, parse_month_or_date
from pipelines.reading.headers import SEX_SUBHEADERS, Field
from pipelines.reading.identity import IdHasher, could_be_id, is_valid_id, normalise_id
from pipelines.reading.layout import Layout, is_section_row
from pipelines.reading.sources import Grid
from pipelines.reading.text import fold, marked_unit_key, unit_key

MIN_AGE, MAX_AGE = 15, 80
# The fields read as text: IDs are only kept hashed, political theory only among the cells.
_READ_AS_TEXT = tuple(field for field in Field if field not in (Field.NATIONAL_ID, Field.POLITICAL_THEORY))
# One encoder for every row: json.dumps makes a new one on each call given an option.
_TO_JSON = json.JSONEncoder(ensure_ascii=False).encode


@dataclass(frozen=True)
class Problem:
    en: str
    vi: str
    counts: bool = False  # the row still counts, with a cell to fix

    @classmethod
    def in_row(cls, excel_row: int, en: str, vi: str, counts: bool = True) -> "Problem":
        """A problem of one cell of a data row, which still counts unless told otherwise."""
        return cls(f"row {excel_row}: {en}", f"dòng {excel_row}: {vi}", counts)


@dataclass
class Row:
    """One data row: its Excel row number, its cells as written (ID masked) and what was read."""

    excel_row: int
    cells: dict[str, str]
    values: dict[str, object]
    problems: list[Problem]

    @property
    def cells_json(self) -> str:
        return _TO_JSON(self.cells)

    @property
    def counts(self) -> bool:
        """Whether the row can count as it is written (its cells to fix aside)."""
        return all(problem.counts for problem in self.problems)


def read_rows(
    rows: Grid, layout: Layout, snapshot: date | None, hash_id: IdHasher, leavers: bool = False
) -> list[Row]:
    """Every data row between the header and the totals or footer; title, blank and section rows
    are not data rows, a section row gives the unit of the rows below it. A list of leavers also reads
    when and why each person left."""
    stt = layout.column(Field.ROW_NUMBER)
    reader = _RowReader(layout, snapshot, hash_id, leavers)
    section: str | None = None
    previous_unit: str | None = None
    result = []
    for index in range(layout.first_data_row, len(rows)):
        cells = rows[index]
        if index in layout.not_data or not any(cells):
            continue
        if named := is_section_row(cells, stt.index if stt else None):
            section, previous_unit = named, None
            continue
        row = reader.read(index + 1, cells)
        # A unit written once in a cell merged down over its rows stands for all of them.
        unit = row.values[Field.UNIT] or previous_unit or section
        row.values[Field.UNIT], previous_unit = unit, row.values[Field.UNIT] or previous_unit
        row.values["unit_key"] = marked_unit_key(unit) if unit else None
        row.values["unit_fold"] = unit_key(unit) if unit else None
        result.append(row)
    return result


class _RowReader:
    """Reads the rows of one list; where each field sits is looked up once for all of them."""

    def __init__(self, layout: Layout, snapshot: date | None, hash_id: IdHasher, leavers: bool):
        self.layout, self.snapshot, self.hash_id, self.leavers = layout, snapshot, hash_id, leavers
        self.id_indexes = [column.index for column in layout.columns_of(Field.NATIONAL_ID)]
        self.labelled = [
            (column.index, column.label, column.index in self.id_indexes) for column in layout.columns
        ]
        self.text_columns = [
            (str(field), column.index if (column := layout.column(field)) else None)
            for field in _READ_AS_TEXT
        ]

    def read(self, excel_row: int, cells: list[str | None]) -> Row:
        problems: list[Problem] = []
        values: dict[str, object] = {
            field: None if index is None else cells[index] for field, index in self.text_columns
        }
        name = values[Field.FULL_NAME]
        if not name:
            problems.append(Problem.in_row(excel_row, "the name is empty", "thiếu họ và tên", counts=False))
        values["name_key"] = fold(name) if name else None
        title = values[Field.POSITION]
        values["title_key"] = fold(title) if title else None
        qualification = values[Field.QUALIFICATION]
        values["qualification_key"] = fold(qualification) if qualification else None
        if not title:
            problems.append(
                # a leaver is found by name, date of birth and unit
                Problem.in_row(excel_row, "no position title", "thiếu chức vụ", counts=self.leavers)
            )
        birth_text, sex = _birth_cell(cells, self.layout, values, excel_row, problems)
        values[Field.SEX] = sex
        values[Field.BIRTH_DATE], values["birth_year_only"] = (
            _birth_date(birth_text, excel_row, self.snapshot, problems)
            if birth_text is not _BOTH
            else (None, None)
        )
        id_text = next((cells[index] for index in self.id_indexes if cells[index]), None)
        values["id_hash"] = _id_hash(id_text, excel_row, self.hash_id, problems)
        if self.leavers:
            values["leave_date"] = _leave_date(values[Field.LEAVE_DATE], excel_row, problems)
            reason = values[Field.LEAVE_REASON]
            values["leave_reason_key"] = fold(reason) if reason else None
        return Row(excel_row, self._shown(cells), values, problems)

    def _shown(self, cells: list[str | None]) -> dict[str, str]:
        """The row's written cells by column label. The numbers as typed never leave the reader: every
        ID column, and any other cell holding what looks like one (9 or 12 digits), shows a short hash
        instead, which still tells rows apart."""
        shown = {}
        for index, label, is_id_column in self.labelled:
            value = cells[index]
            if not value:
                continue
            if is_id_column or could_be_id(value):
                number = normalise_id(value)
                if is_id_column or is_valid_id(number):
                    value = "hmac:" + self.hash_id(number)[:12]
            shown[label] = value
        return shown


_BOTH = "written under both Nam and Nữ"


def _birth_cell(
    cells: list[str | None], layout: Layout, values: dict, excel_row: int, problems: list[Problem]
) -> tuple[str | None, str | None]:
    """The date-of-birth text and the sex: from a Nam/Nữ split column pair, or from two columns."""
    if layout.sex_columns:
        filled = [(c.sex, cells[c.index]) for c in layout.sex_columns if cells[c.index]]
        if len(filled) > 1:
            problems.append(
                Problem.in_row(
                    excel_row,
                    "date of birth written under both Nam and Nữ",
                    "ngày sinh ghi ở cả cột Nam và Nữ",
                )
            )
            return _BOTH, None
        return (filled[0][1], filled[0][0]) if filled else (None, None)
    sex_text = values[Field.SEX]
    sex = SEX_SUBHEADERS.get(fold(sex_text)) if sex_text else None
    if sex_text and not sex:
        problems.append(
            Problem.in_row(
                excel_row,
                f"sex '{sex_text}' is neither Nam nor Nữ",
                f"giới tính '{sex_text}' không phải Nam hoặc Nữ",
            )
        )
    return values[Field.BIRTH_DATE], sex


def _birth_date(
    text: str | None, excel_row: int, snapshot: date | None, problems: list[Problem]
) -> tuple[date | None, bool | None]:
    if not text:
        problems.append(Problem.in_row(excel_row, "no date of birth", "thiếu ngày sinh"))
        return None, None
    try:
        born, year_only = parse_date(text)
    except NotADate:
        problems.append(
            Problem.in_row(
                excel_row,
                f"date of birth '{text}' is not a date",
                f"ngày sinh '{text}' không phải là ngày hợp lệ",
            )
        )
        return None, None
    if snapshot is None:
        return born, year_only
    age = snapshot.year - born.year - ((snapshot.month, snapshot.day) < (born.month, born.day))
    if not MIN_AGE <= age <= MAX_AGE:
        problems.append(
            Problem.in_row(
                excel_row,
                f"date of birth '{text}' gives an age of {age} on {snapshot:%d/%m/%Y}",
                f"ngày sinh '{text}' cho tuổi {age} vào ngày {snapshot:%d/%m/%Y}",
            )
        )
        return None, None
    return born, year_only


def _id_hash(text: str | None, excel_row: int, hash_id: IdHasher, problems: list[Problem]) -> str | None:
    if not text:
        return None
    number = normalise_id(text)
    if not is_valid_id(number):
        # A CCCD typed into a number cell loses its leading 0: say so, the clerk sees 12 digits on paper.
        lost_zero = number.isdigit() and len(number) == 11
        problems.append(
            Problem.in_row(
                excel_row,
                f"the ID number has {len(number)} characters, expected 9 digits (CMND) or 12 (CCCD)"
                + ("; Excel may have dropped its leading 0: format the column as Text" if lost_zero else ""),
                f"số CMND/CCCD có {len(number)} ký tự, phải là 9 chữ số (CMND) hoặc 12 (CCCD)"
                + (
                    "; Excel có thể đã bỏ số 0 đầu: định dạng cột là Văn bản (Text) rồi nhập lại"
                    if lost_zero
                    else ""
                ),
            )
        )
        return None
    return hash_id(number)


def _leave_date(text: str | None, excel_row: int, problems: list[Problem]) -> date | None:
    if not text:
        problems.append(Problem.in_row(excel_row, "no date of leaving", "thiếu thời điểm nghỉ"))
        return None
    try:
        return parse_month_or_date(text)
    except NotADate:
        problems.append(
            Problem.in_row(
                excel_row,
                f"date of leaving '{text}' is not a date",
                f"thời điểm nghỉ '{text}' không phải là ngày hợp lệ",
            )
        )
        return None
