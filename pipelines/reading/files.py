"""One file from end to end: its sheets, their lists, their rows, or why it was rejected.

A file holds personnel lists (who is in post on the list's snapshot date) or, under leavers/, lists of
the people who left (each row dated by its own date of leaving)."""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from pipelines.reading.dates import date_in_filename, date_in_title
from pipelines.reading.identity import IdHasher
from pipelines.reading.layout import Layout, find_layout, issuer_lines
from pipelines.reading.rows import Problem, Row, read_rows
from pipelines.reading.sources import RawSheet, Source, Unreadable, read_sheets, read_source

ListKind = Literal["personnel", "leavers"]
LIST_KINDS: tuple[ListKind, ...] = ("personnel", "leavers")  # each the name of its folder under raw/


@dataclass
class ParsedList:
    sheet: str
    layout: Layout
    title_date: date | None
    snapshot_date: date | None
    issuer: list[str]
    title: str | None
    rows: list[Row]


@dataclass
class ParsedFile:
    file: str
    kind: ListKind
    sha256: str
    size_bytes: int
    lists: list[ParsedList] = field(default_factory=list)
    rejection: Problem | None = None
    sheets_without_list: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        return "rejected" if self.rejection else "loaded"


def parse_file(
    path: Path, name: str, hash_id: IdHasher, source: Source | None = None, kind: ListKind = "personnel"
) -> ParsedFile:
    """Read every list in the file at `path`, known to users as `name` (its path under raw/).
    A caller that has already read the file passes its `source`, so it is not read twice."""
    source = source or read_source(path)
    parsed = ParsedFile(name, kind, source.sha256, source.size)
    try:
        sheets = read_sheets(path.suffix, source)
    except Unreadable as error:
        parsed.rejection = Problem(error.reason_en, error.reason_vi)
        return parsed
    from_name = date_in_filename(path.name)
    for sheet in sheets:
        layout = find_layout(sheet.rows)
        if layout is None:
            parsed.sheets_without_list.append(f"{sheet.name} (hidden)" if sheet.hidden else sheet.name)
            continue
        parsed.lists.append(_parse_list(sheet, layout, from_name, hash_id, kind == "leavers"))
    parsed.rejection = _file_problem(parsed, from_name)
    return parsed


def _parse_list(
    sheet: RawSheet, layout: Layout, from_name: date | None, hash_id: IdHasher, leavers: bool
) -> ParsedList:
    from_title = next(filter(None, map(date_in_title, layout.title_lines)), None)
    snapshot = from_title or from_name
    rows = read_rows(sheet.rows, layout, None if leavers else snapshot, hash_id, leavers)
    return ParsedList(
        sheet.name, layout, from_title, snapshot, issuer_lines(layout.title_lines), layout.title, rows
    )


def _file_problem(parsed: ParsedFile, from_name: date | None) -> Problem | None:
    """Why a file whose sheets could be read must still be rejected as a whole, if it must."""
    if not parsed.lists:
        return Problem(
            "no list found: no sheet has a header row with 'Họ và tên'",
            "không tìm thấy danh sách: không trang tính nào có dòng tiêu đề với 'Họ và tên'",
        )
    for plist in parsed.lists:
        where = f"sheet '{plist.sheet}'"
        if plist.snapshot_date is None and parsed.kind == "personnel":
            return Problem(
                f"{where}: no snapshot date: write 'Tính đến ngày dd/mm/yyyy' under the title "
                "or put the date in the file name as YYYY-MM-DD",
                f"trang '{plist.sheet}': không có ngày chốt danh sách: ghi 'Tính đến ngày "
                "dd/mm/yyyy' dưới tiêu đề hoặc thêm ngày dạng YYYY-MM-DD vào tên tệp",
            )
        if plist.title_date and from_name and plist.title_date != from_name:
            return Problem(
                f"{where}: the title says {plist.title_date:%d/%m/%Y} but the file name says "
                f"{from_name:%d/%m/%Y}",
                f"trang '{plist.sheet}': tiêu đề ghi ngày {plist.title_date:%d/%m/%Y} nhưng tên "
                f"tệp ghi ngày {from_name:%d/%m/%Y}",
            )
        declared = plist.layout.declared_total
        if declared is not None and declared != len(plist.rows):
            row = plist.layout.totals_row + 1
            return Problem(
                f"{where}, row {row}: the total says {declared} people but the list has "
                f"{len(plist.rows)} rows",
                f"trang '{plist.sheet}', dòng {row}: dòng tổng ghi {declared} người nhưng danh "
                f"sách có {len(plist.rows)} dòng",
            )
    return None
