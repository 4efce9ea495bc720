"""The Excel workbook a Home Affairs office files: a cover sheet with the scorecard, one sheet per mart and
the list of what the clerks must fix. Headings are the Vietnamese column descriptions of the tables'
YAML, so the workbook says what the warehouse comments say."""

import math
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from pipelines.catalog import table_doc
from pipelines.reports import labels
from pipelines.reports.figures import Figures, to_fix

COVER = "Tổng hợp"
TITLE = "BÁO CÁO KẾT QUẢ TINH GIẢN BIÊN CHẾ VÀ SẮP XẾP TỔ CHỨC BỘ MÁY"
HEADER_ROW = 3  # under the sheet's title and its as-of line
MIN_WIDTH, MAX_WIDTH = 4, 60
LETTERS_PER_WIDTH = 1.2  # a column's width counts "0"s; most letters are narrower


@dataclass(frozen=True)
class Sheet:
    name: str  # the tab, at most 31 characters
    table: str  # whose YAML gives the title and the headings
    columns: tuple[str, ...]
    over_quota: tuple[str, str] | None = None  # (count, quota): rows whose count exceeds the quota are marked
    title: str | None = None  # else the table's description
    renamed: dict[str, str] = field(default_factory=dict)  # headings shorter than the column's description

    @property
    def heading_row(self) -> list[str]:
        return [
            self.renamed.get(column) or heading
            for column, heading in zip(self.columns, headings(self.table, self.columns), strict=True)
        ]

    @property
    def description(self) -> str:
        schema, name = self.table.split(".")
        return self.title or table_doc(schema, name).vi


SHEETS = (
    Sheet(
        "NQ22 theo xã",
        "marts.r22_commune_progress",
        (
            "commune",
            "commune_kind",
            "commune_type",
            "level",
            "baseline_date",
            "baseline_count",
            "current_count",
            "quota",
            "required_cut",
            "actual_cut",
            "achieved_pct",
        ),
        over_quota=("current_count", "quota"),
        renamed={"level": "Cấp"},
    ),
    Sheet(
        "NQ22 theo thôn",
        "marts.r22_village_progress",
        ("commune", "village", "village_kind", "households", "current_count", "quota", "excess"),
        over_quota=("current_count", "quota"),
    ),
    Sheet(
        "Theo khối",
        "marts.staff_cuts_by_sector",
        ("label_vi", "is_payroll", "baseline_date", "as_of", "baseline_count", "current_count", "cut"),
    ),
    Sheet(
        "Theo kỳ chốt",
        "marts.staff_per_snapshot",
        ("label_vi", "is_payroll", "snapshot_date", "staff", "cut_since_baseline"),
    ),
    Sheet("Sắp xếp đơn vị", "marts.unit_changes", ("level", "old_unit", "new_unit", "effective_date")),
    Sheet(
        "Cần sửa",
        "audit.quarantine",
        ("file", "sheet", "row", "reason_vi", "cells"),
        title="Các tệp bị từ chối và các dòng bị cách ly, theo từng tệp: sửa tệp theo lý do rồi gửi lại",
    ),
)
SCORECARD_COLUMNS = ("label_vi", "value", "target", "baseline_date", "as_of")


def write(figures: Figures, path: Path, built_at: datetime) -> dict[str, int]:
    """Write the workbook; the number of data rows on each sheet."""
    workbook = xlsxwriter.Workbook(path, {"default_date_format": "dd/mm/yyyy"})
    styles = _styles(workbook)
    frames = {sheet.name: _frame(figures, sheet) for sheet in SHEETS}
    _cover(workbook, styles, figures, built_at)
    for sheet in SHEETS:
        _table_sheet(workbook, styles, figures, sheet, frames[sheet.name])
    workbook.close()
    return {COVER: len(figures["marts.district_scorecard"])} | {name: len(f) for name, f in frames.items()}


def headings(table: str, columns: tuple[str, ...]) -> list[str]:
    schema, name = table.split(".")
    vi = {column.name: column.vi for column in table_doc(schema, name).columns}
    return [vi[column] for column in columns]


def _frame(figures: Figures, sheet: Sheet) -> pd.DataFrame:
    frame = to_fix(figures) if sheet.table == "audit.quarantine" else figures[sheet.table]
    frame = frame[list(sheet.columns)].copy()
    if "level" in frame:
        frame["level"] = frame["level"].map(labels.LEVELS).fillna(frame["level"])
    if "is_payroll" in frame:
        frame["is_payroll"] = frame["is_payroll"].map(labels.YES_NO)
    if "cells" in frame:
        frame["cells"] = frame["cells"].map(labels.cells)
    return frame


def _styles(workbook: Workbook) -> dict:
    add = workbook.add_format
    return {
        "issuer": add({"bold": True, "align": "center"}),
        "issuer_under": add({"bold": True, "align": "center", "underline": True}),
        "title": add({"bold": True, "font_size": 14, "align": "center"}),
        "sheet_title": add({"bold": True, "font_size": 12}),
        "as_of": add({"italic": True}),
        "as_of_centred": add({"italic": True, "align": "center"}),
        "header": add(
            {
                "bold": True,
                "text_wrap": True,
                "valign": "vcenter",
                "align": "center",
                "border": 1,
                "bg_color": "#DDEBF7",
            }
        ),
        "text": add({"border": 1, "valign": "top", "text_wrap": True}),
        "integer": add({"border": 1, "valign": "top", "num_format": "#,##0"}),
        "decimal": add({"border": 1, "valign": "top", "num_format": "#,##0.0"}),
        "date": add({"border": 1, "valign": "top", "num_format": "dd/mm/yyyy"}),
        "over_quota": add({"bg_color": "#FFC7CE", "font_color": "#9C0006"}),
        "link": add({"font_color": "blue", "underline": True}),
        "note": add({"italic": True, "font_color": "#595959"}),
    }


def _cover(workbook: Workbook, styles: dict, figures: Figures, built_at: datetime) -> None:
    sheet = workbook.add_worksheet(COVER)
    sheet.hide_gridlines(2)
    sheet.merge_range(0, 0, 0, 1, f"UBND {figures.district.upper()}".strip(), styles["issuer"])
    sheet.merge_range(1, 0, 1, 1, "PHÒNG NỘI VỤ", styles["issuer_under"])
    sheet.merge_range(0, 2, 0, 5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", styles["issuer"])
    sheet.merge_range(1, 2, 1, 5, "Độc lập - Tự do - Hạnh phúc", styles["issuer_under"])
    sheet.merge_range(3, 0, 3, 5, TITLE, styles["title"])
    sheet.merge_range(4, 0, 4, 5, _as_of_line(figures), styles["as_of_centred"])
    columns = ("STT", *headings("marts.district_scorecard", SCORECARD_COLUMNS))
    scorecard = figures["marts.district_scorecard"][list(SCORECARD_COLUMNS)]
    scorecard.insert(0, "STT", range(1, len(scorecard) + 1))
    top = 6
    _table(sheet, styles, top, list(columns), scorecard)
    below = top + len(scorecard) + 2
    sheet.write(below, 1, "Các trang của báo cáo:", styles["sheet_title"])
    for offset, other in enumerate(SHEETS, start=1):
        sheet.write_url(below + offset, 1, f"internal:'{other.name}'!A1", styles["link"], other.name)
        sheet.write(below + offset, 2, other.description, styles["note"])
    sheet.write(below + len(SHEETS) + 2, 1, f"Lập tự động lúc {built_at:%H:%M %d/%m/%Y}", styles["note"])
    _print_setup(sheet, top)


def _table_sheet(
    workbook: Workbook, styles: dict, figures: Figures, spec: Sheet, frame: pd.DataFrame
) -> None:
    sheet = workbook.add_worksheet(spec.name)
    sheet.write(0, 0, spec.description, styles["sheet_title"])
    sheet.write(1, 0, _as_of_line(figures), styles["as_of"])
    _table(sheet, styles, HEADER_ROW, spec.heading_row, frame)
    last_row = HEADER_ROW + max(len(frame), 1)
    sheet.autofilter(HEADER_ROW, 0, last_row, len(spec.columns) - 1)
    sheet.freeze_panes(HEADER_ROW + 1, 1)
    if spec.over_quota and len(frame):
        count, quota = (xl_col_to_name(spec.columns.index(c)) for c in spec.over_quota)
        first = HEADER_ROW + 2  # Excel's 1-based number of the first data row
        sheet.conditional_format(
            HEADER_ROW + 1,
            0,
            HEADER_ROW + len(frame),
            len(spec.columns) - 1,
            {
                "type": "formula",
                "criteria": f"=${count}{first}>${quota}{first}",
                "format": styles["over_quota"],
            },
        )
    _print_setup(sheet, HEADER_ROW)


def _table(sheet: Worksheet, styles: dict, top: int, columns: list[str], frame: pd.DataFrame) -> None:
    """Headings on row `top`, the frame below; columns sized to their text, rows to their wrapped text.
    Written column by column: a province's village sheet has tens of thousands of rows."""
    widths = [_width(frame[name], heading) for name, heading in zip(frame.columns, columns, strict=True)]
    for index, width in enumerate(widths):
        sheet.set_column(index, index, width)
    sheet.set_row(
        top, 15 * max(_lines(heading, width) for heading, width in zip(columns, widths, strict=True))
    )
    sheet.write_row(top, 0, columns, styles["header"])
    for column, name in enumerate(frame.columns):
        _column(sheet, styles, top + 1, column, frame[name])
    lines = np.ones(len(frame), dtype=int)
    for name, width in zip(frame.columns, widths, strict=True):
        if width == MAX_WIDTH:  # narrower columns fit their longest value on one line
            lengths = frame[name].astype("string").str.len().fillna(0).to_numpy(dtype=float)
            lines = np.maximum(lines, np.ceil(lengths / (width * LETTERS_PER_WIDTH)).astype(int))
    for row in np.flatnonzero(lines > 1):
        sheet.set_row(top + 1 + int(row), 15 * int(lines[row]))


def _column(sheet: Worksheet, styles: dict, first_row: int, column: int, values: pd.Series) -> None:
    """Each value with the format its column's type needs; a missing one as a blank cell."""
    numeric = pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype)
    for row, value in enumerate(values.tolist(), start=first_row):
        if labels.missing(value):
            sheet.write_blank(row, column, None, styles["text"])
        elif isinstance(value, datetime):
            sheet.write_datetime(row, column, value, styles["date"])
        elif numeric:
            number = float(value)
            sheet.write_number(row, column, number, styles["integer" if number.is_integer() else "decimal"])
        else:
            sheet.write_string(row, column, str(value), styles["text"])


def _width(values: pd.Series, heading: str) -> float:
    """Wide enough for the longest value (dates and numbers as shown) and the longest word of the heading."""
    shown = [
        labels.day(v) if isinstance(v, datetime) else labels.number(v) if isinstance(v, float) else str(v)
        for v in values
        if not labels.missing(v)
    ]
    longest = max([len(text) for text in shown] + [len(word) for word in heading.split()] + [MIN_WIDTH])
    return min(longest + 2, MAX_WIDTH)


def _lines(text: str, width: float) -> int:
    return max(1, math.ceil(len(text) / (width * LETTERS_PER_WIDTH)))


def _as_of_line(figures: Figures) -> str:
    return f"Số liệu tính đến ngày {labels.day(figures.as_of)}" if figures.as_of else "Chưa có số liệu"


def _print_setup(sheet: Worksheet, header_row: int) -> None:
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_row)
    sheet.set_footer("&CTrang &P/&N")
