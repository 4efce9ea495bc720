"""The Excel workbook a Home Affairs office files: a cover sheet with each period's scorecard (the latest
first), one sheet per mart, what the reference data lacks and the list of what the clerks must fix.
Headings are the Vietnamese column descriptions of the tables' YAML, so the workbook says what the
warehouse comments say; codes show as the words the warehouse gives them."""

import math
from collections.abc import Callable
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
from pipelines.reports import labels, to_fix
from pipelines.reports.contents import Period, ReportContents

COVER = "Tổng hợp"
TITLE = "BÁO CÁO KẾT QUẢ TINH GIẢN BIÊN CHẾ VÀ SẮP XẾP TỔ CHỨC BỘ MÁY"
HEADER_ROW = 3  # under the sheet's title and its as-of line
MIN_WIDTH, MAX_WIDTH = 4, 60
LETTERS_PER_WIDTH = 1.2  # a column's width counts "0"s; most letters are narrower
COVER_WIDTH = 10  # columns the cover's titles and texts span


@dataclass(frozen=True)
class Sheet:
    name: str  # the tab, at most 31 characters
    table: str  # whose YAML gives the title and the headings, and whose rows it shows unless `rows` is given
    columns: tuple[str, ...]
    over_quota: tuple[str, str] | None = None  # (count, quota): rows whose count exceeds the quota are marked
    marked: str | None = None  # a column of statuses (đạt, không đạt ...), each cell marked as its status
    title: str | None = None  # else the table's description
    renamed: dict[str, str] = field(default_factory=dict)  # headings other than the column's description
    rows: Callable[[ReportContents], pd.DataFrame] | None = None

    @property
    def heading_row(self) -> list[str]:
        described = headings(self.table, tuple(c for c in self.columns if c not in self.renamed))
        given = iter(described)
        return [self.renamed[column] if column in self.renamed else next(given) for column in self.columns]

    @property
    def description(self) -> str:
        schema, name = self.table.split(".")
        return self.title or table_doc(schema, name).vi


SHEETS = (
    Sheet(
        "NQ22 theo xã",
        "marts.r22_commune_progress",
        (
            "period",
            "commune",
            "commune_kind",
            "commune_type",
            "level",
            "baseline_date",
            "as_of",
            "baseline_count",
            "current_count",
            "quota",
            "required_cut",
            "actual_cut",
            "achieved_pct",
            "achieved_pct_by_village",
        ),
        over_quota=("current_count", "quota"),
        title=(
            "Tiến độ thực hiện Nghị quyết 22 theo từng xã và kỳ, cho người hoạt động không chuyên trách "
            "cấp xã và ở thôn, tổ dân phố"
        ),
        renamed={"level": "Cấp"},
    ),
    Sheet(
        "NQ22 theo thôn",
        "marts.r22_village_progress",
        (
            "period",
            "commune",
            "village",
            "village_kind",
            "households",
            "current_count",
            "current_posts",
            "quota",
            "quota_source",
            "excess",
        ),
        over_quota=("current_count", "quota"),
    ),
    Sheet(
        "Theo khối",
        "marts.staff_cuts_by_sector",
        (
            "period",
            "label_vi",
            "is_payroll",
            "baseline_date",
            "as_of",
            "baseline_count",
            "current_count",
            "cut",
            "note_vi",
        ),
    ),
    Sheet(
        "Theo kỳ chốt",
        "marts.staff_per_snapshot",
        ("period", "label_vi", "is_payroll", "snapshot_date", "staff", "posts", "cut_since_baseline"),
    ),
    Sheet(
        "Biến động",
        "marts.staff_flows",
        (
            "period",
            "sector",
            "unit",
            "baseline_date",
            "as_of",
            "baseline_count",
            "joined",
            "moved_in",
            "moved_out",
            "left",
            "current_count",
        ),
    ),
    Sheet(
        "Người nghỉ",
        "marts.leavers",
        (
            "period",
            "sector",
            "unit",
            "full_name",
            "position_title",
            "leave_date",
            "reason_vi",
            "policy_cut",
            "decision_number",
            "reason_source",
        ),
        title="Những người đã nghỉ trong kỳ: đơn vị, lý do nghỉ và số quyết định, theo danh sách người nghỉ",
    ),
    Sheet(
        "Người chuyển",
        "marts.movers",
        (
            "period",
            "full_name",
            "from_sector",
            "from_unit",
            "from_title",
            "to_sector",
            "to_unit",
            "to_title",
            "move_vi",
        ),
        title=(
            "Những người chuyển đơn vị hoặc chuyển khối trong địa bàn trong kỳ (không phải tinh giản, cũng "
            "không phải tuyển mới): từ đâu đến đâu, theo hình thức nào"
        ),
    ),
    Sheet(
        "Biên chế được giao",
        "marts.unit_staffing",
        (
            "period",
            "sector",
            "unit",
            "snapshot_date",
            "assigned_posts",
            "staff",
            "vacancies",
            "base_year",
            "base_posts",
            "posts_cut",
            "target_cut",
            "target_met",
            "staff_cut",
        ),
        marked="target_met",
        title=(
            "Biên chế được giao của mỗi đơn vị ở ngày báo cáo của kỳ, số người hiện có, số chưa bố trí, "
            "số biên chế đã giảm so với năm gốc và mục tiêu giảm của Đề án. Số người thực giảm chỉ để "
            "đối chiếu"
        ),
        renamed={"assigned_posts": "Biên chế được giao trong năm", "target_met": "Đánh giá"},
    ),
    Sheet(
        "Trình độ",
        "marts.staff_qualifications",
        ("sector", "snapshot_date", "qualification_level", "staff", "share_pct"),
    ),
    Sheet(
        "Sắp xếp đơn vị",
        "marts.unit_changes",
        ("level", "old_unit", "old_unit_valid_to", "new_unit", "effective_date", "basis"),
        renamed={"old_unit_valid_to": "Đơn vị cũ hoạt động", "new_unit": "Đơn vị mới hoặc đơn vị kế thừa"},
    ),
    Sheet(
        "Danh mục còn thiếu",
        "audit.reference_gaps",
        ("gap_vi", "subject", "from_date", "rows_affected", "reference_file", "what_to_do_vi"),
        title=(
            "Những gì dữ liệu danh mục còn thiếu cho số liệu đã nhận, và tệp danh mục cần bổ sung. "
            "Không phải lỗi: số liệu vẫn được nạp và công bố"
        ),
    ),
    Sheet(
        "Cần sửa",
        "audit.quarantine",
        to_fix.COLUMNS,
        title=(
            "Việc cần sửa: tệp bị từ chối, dòng chưa được tính, dòng được tính nhưng có ô cần sửa, và người "
            "nghỉ chưa rõ lý do. Sửa theo lý do rồi đặt lại tệp vào thư mục; lần chạy sau sẽ đọc lại"
        ),
        renamed=dict(zip(to_fix.COLUMNS, to_fix.HEADINGS, strict=True)),
        rows=to_fix.items,
    ),
)
SCORECARD = Sheet(
    COVER,
    "marts.district_scorecard",
    (
        "label_vi",
        "value",
        "target",
        "due_date",
        "basis",
        "target_status",
        "baseline_date",
        "as_of",
        "note_vi",
    ),
    marked="target_status",
    renamed={
        "label_vi": "Chỉ tiêu",
        "value": "Kết quả",
        "due_date": "Hạn",
        "basis": "Căn cứ",
        "target_status": "Đánh giá",
        "note_vi": "Ghi chú",
    },
)
# Columns shown otherwise than as stored: flags in words.
SHOWN_AS: dict[str, Callable[[object], object]] = {
    "is_payroll": labels.YES_NO.get,
    "policy_cut": labels.YES_NO.get,
    "target_met": labels.met,
}


def write(contents: ReportContents, path: Path, built_at: datetime) -> dict[str, int]:
    """Write the workbook; the number of data rows on each sheet."""
    workbook = xlsxwriter.Workbook(path, {"default_date_format": "dd/mm/yyyy"})
    styles = _styles(workbook)
    frames = {sheet.name: _frame(contents, sheet) for sheet in SHEETS}
    _cover(workbook, styles, contents, built_at)
    for sheet in SHEETS:
        _table_sheet(workbook, styles, contents, sheet, frames[sheet.name])
    workbook.close()
    return {COVER: len(contents["marts.district_scorecard"])} | {name: len(f) for name, f in frames.items()}


def headings(table: str, columns: tuple[str, ...]) -> list[str]:
    schema, name = table.split(".")
    vi = {column.name: column.vi for column in table_doc(schema, name).columns}
    return [vi[column] for column in columns]


def _frame(contents: ReportContents, sheet: Sheet) -> pd.DataFrame:
    rows = sheet.rows(contents) if sheet.rows else contents[sheet.table]
    return _shown(contents.worded(rows[list(sheet.columns)]))


def _shown(frame: pd.DataFrame) -> pd.DataFrame:
    """Each value as a reader reads it: flags in words, an exclusive end date as the last day in force."""
    for column in frame.columns:
        if column in SHOWN_AS:
            frame[column] = frame[column].map(SHOWN_AS[column])
        elif column.endswith("valid_to"):
            frame[column] = frame[column].map(labels.until)
    return frame


def _styles(workbook: Workbook) -> dict:
    add = workbook.add_format
    cell = {"border": 1, "valign": "top"}
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
        "text": add(cell | {"text_wrap": True}),
        "integer": add(cell | {"num_format": "#,##0"}),
        "decimal": add(cell | {"num_format": "#,##0.0"}),
        "date": add(cell | {"num_format": "dd/mm/yyyy"}),
        "over_quota": add({"bg_color": "#FFC7CE", "font_color": "#9C0006"}),
        # the scorecard's statuses, by labels.STATUS_MARKS
        "met": add(cell | {"bold": True, "bg_color": "#E6F4EA", "font_color": "#1E6B34"}),
        "missed": add(cell | {"bold": True, "bg_color": "#FFC7CE", "font_color": "#9C0006"}),
        "pending": add(cell | {"bg_color": "#FFF2CC", "font_color": "#7F6000"}),
        "none": add(cell | {"font_color": "#595959"}),
        "link": add({"font_color": "blue", "underline": True}),
        "note": add({"italic": True, "font_color": "#595959"}),
        "paragraph": add({"text_wrap": True, "valign": "top"}),
        "term": add({"bold": True, "valign": "top", "text_wrap": True}),
    }


def _cover(workbook: Workbook, styles: dict, contents: ReportContents, built_at: datetime) -> None:
    """The letterhead, then each period's scorecard (the latest first, with what its contents mean), what
    the reference data lacks, what the clerks must fix, and the other sheets."""
    sheet = workbook.add_worksheet(COVER)
    sheet.hide_gridlines(2)
    last = COVER_WIDTH - 1
    sheet.merge_range(0, 0, 0, 2, f"UBND {contents.district.upper()}".strip(), styles["issuer"])
    sheet.merge_range(1, 0, 1, 2, "PHÒNG NỘI VỤ", styles["issuer_under"])
    sheet.merge_range(0, 3, 0, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", styles["issuer"])
    sheet.merge_range(1, 3, 1, last, "Độc lập - Tự do - Hạnh phúc", styles["issuer_under"])
    sheet.merge_range(3, 0, 3, last, TITLE, styles["title"])
    sheet.merge_range(4, 0, 4, last, _as_of_line(contents), styles["as_of_centred"])
    row = 6
    columns = ["STT", *SCORECARD.heading_row]
    for index, period in enumerate(contents.periods):
        kind = "Kỳ báo cáo gần nhất" if index == 0 else "Kỳ báo cáo trước"
        sheet.write(row, 0, f"{kind}: {period.label}", styles["sheet_title"])
        dates = f"Từ ngày {labels.day(period.baseline_date)} đến ngày {labels.day(period.as_of)}"
        sheet.write(row + 1, 0, dates, styles["as_of"])
        row += 2
        for note in period.notes:
            sheet.write(row, 0, note, styles["note"])
            row += 1
        scorecard = _scorecard(contents, period)
        scorecard.insert(0, "STT", range(1, len(scorecard) + 1))
        _table(sheet, styles, row, columns, scorecard, SCORECARD.marked)
        row += len(scorecard) + 2
        if index == 0:
            row = _definitions(sheet, styles, row, labels.defined(contents["marts.district_scorecard"]))
    if not contents.periods:
        sheet.write(row, 0, "Chưa có số liệu.", styles["note"])
        row += 2
    row = _paragraphs(sheet, styles, row, "Cần bổ sung, cần sửa", _to_complete(contents))
    sheet.write(row, 1, "Các trang của báo cáo:", styles["sheet_title"])
    for offset, other in enumerate(SHEETS, start=1):
        sheet.write_url(row + offset, 1, f"internal:'{other.name}'!A1", styles["link"], other.name)
        sheet.write(row + offset, 2, other.description, styles["note"])
    sheet.write(row + len(SHEETS) + 2, 1, f"Lập tự động lúc {built_at:%H:%M %d/%m/%Y}", styles["note"])
    _print_setup(sheet, None)


def _scorecard(contents: ReportContents, period: Period) -> pd.DataFrame:
    """The period's metrics as the cover shows them: each target with the direction it is met in."""
    metrics = contents.of("marts.district_scorecard", period)
    targets = [
        labels.target(value, how) for value, how in zip(metrics["target"], metrics["comparison"], strict=True)
    ]
    return _shown(contents.worded(metrics.assign(target=targets)[list(SCORECARD.columns)]))


def _definitions(sheet: Worksheet, styles: dict, row: int, defined: list[tuple[str, str]]) -> int:
    """What the metrics that mislead on their own mean; the row under them."""
    return _paragraphs(sheet, styles, row, "Cách tính", [f"{label}: {text}" for label, text in defined])


def _to_complete(contents: ReportContents) -> list[str]:
    gaps = len(contents["audit.reference_gaps"])
    counts = to_fix.counts(to_fix.items(contents))
    return [
        f"Danh mục còn thiếu: {labels.number(gaps)} mục (trang “Danh mục còn thiếu”); "
        "số liệu vẫn được công bố.",
        "Cần sửa (trang “Cần sửa”): "
        + "; ".join(f"{kind}: {labels.number(n)}" for kind, n in counts.items())
        + ".",
    ]


def _paragraphs(sheet: Worksheet, styles: dict, row: int, heading: str, texts: list[str]) -> int:
    """A heading and its paragraphs, each across the cover's width; the row under them."""
    if not texts:
        return row
    sheet.write(row, 0, heading, styles["sheet_title"])
    for offset, text in enumerate(texts, start=1):
        sheet.merge_range(row + offset, 0, row + offset, COVER_WIDTH - 1, text, styles["paragraph"])
        sheet.set_row(row + offset, 15 * _lines(text, 12 * COVER_WIDTH))
    return row + len(texts) + 2


def _table_sheet(
    workbook: Workbook, styles: dict, contents: ReportContents, spec: Sheet, frame: pd.DataFrame
) -> None:
    sheet = workbook.add_worksheet(spec.name)
    sheet.write(0, 0, spec.description, styles["sheet_title"])
    sheet.write(1, 0, _as_of_line(contents), styles["as_of"])
    _table(sheet, styles, HEADER_ROW, spec.heading_row, frame, spec.marked)
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


def _table(
    sheet: Worksheet, styles: dict, top: int, columns: list[str], frame: pd.DataFrame, marked: str | None
) -> None:
    """Headings on row `top`, the frame below; columns sized to their text, rows to their wrapped text, the
    cells of the `marked` column styled as their status. Written column by column: a province's village
    sheet has tens of thousands of rows."""
    widths = [_width(frame[name], heading) for name, heading in zip(frame.columns, columns, strict=True)]
    for index, width in enumerate(widths):
        sheet.set_column(index, index, width)
    sheet.set_row(
        top, 15 * max(_lines(heading, width) for heading, width in zip(columns, widths, strict=True))
    )
    sheet.write_row(top, 0, columns, styles["header"])
    for column, name in enumerate(frame.columns):
        _column(sheet, styles, top + 1, column, frame[name], marked=name == marked)
    lines = np.ones(len(frame), dtype=int)
    for name, width in zip(frame.columns, widths, strict=True):
        if width == MAX_WIDTH:  # narrower columns fit their longest value on one line
            lengths = frame[name].astype("string").str.len().fillna(0).to_numpy(dtype=float)
            lines = np.maximum(lines, np.ceil(lengths / (width * LETTERS_PER_WIDTH)).astype(int))
    for row in np.flatnonzero(lines > 1):
        sheet.set_row(top + 1 + int(row), 15 * int(lines[row]))


def _column(
    sheet: Worksheet, styles: dict, first_row: int, column: int, values: pd.Series, marked: bool = False
) -> None:
    """Each value with the format its column's type needs (a status with its mark); a missing one blank."""
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
            sheet.write_string(
                row, column, str(value), styles[labels.mark(value)] if marked else styles["text"]
            )


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


def _as_of_line(contents: ReportContents) -> str:
    return f"Số liệu tính đến ngày {labels.day(contents.as_of)}" if contents.as_of else "Chưa có số liệu"


def _print_setup(sheet: Worksheet, header_row: int | None) -> None:
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    if header_row is not None:
        sheet.repeat_rows(header_row)
    sheet.set_footer("&CTrang &P/&N")
