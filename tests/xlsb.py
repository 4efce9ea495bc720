"""A small writer of Excel binary workbooks (.xlsb, BIFF12 records in a zip, MS-XLSB), for tests only.

No maintained Python writer of .xlsb runs on this project's Python: pyxlsbwriter 0.1.0 has not changed
since its author moved to xlspy, which needs Python 3.12, and neither writes merged ranges. This one
writes what the reader's tests need: strings (shared, as Excel stores them), numbers, booleans, dates as
numbers under a dd/mm/yyyy format, merged ranges and hidden sheets. It leaves out what only Excel's
display needs (fonts, fills, borders, theme): it is checked against calamine, the reader of fastexcel,
not against Excel.
"""

import struct
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl.utils.cell import range_boundaries

# Record types (MS-XLSB 2.3)
ROW_HDR, CELL_BOOL, CELL_REAL, CELL_ISST, SST_ITEM, FMT, XF = 0x00, 0x04, 0x05, 0x07, 0x13, 0x2C, 0x2F
BEGIN_SHEET, END_SHEET, BEGIN_BOOK, END_BOOK = 0x81, 0x82, 0x83, 0x84
BEGIN_BUNDLE_SHS, END_BUNDLE_SHS, BEGIN_SHEET_DATA, END_SHEET_DATA = 0x8F, 0x90, 0x91, 0x92
WS_DIM, BUNDLE_SH, BEGIN_SST, END_SST = 0x94, 0x9C, 0x9F, 0xA0
MERGE_CELL, BEGIN_MERGE_CELLS, END_MERGE_CELLS = 0xB0, 0xB1, 0xB2
BEGIN_STYLE_SHEET, END_STYLE_SHEET = 0x116, 0x117
BEGIN_FMTS, END_FMTS, BEGIN_CELL_XFS, END_CELL_XFS = 0x267, 0x268, 0x269, 0x26A

DATE_FORMAT_ID = 164  # the first id of a custom number format
DATE_STYLE = 1  # cell format 0 is General, 1 shows DATE_FORMAT_ID
EXCEL_EPOCH = datetime(1899, 12, 30)

CONTENT_TYPES = {
    "xl/workbook.bin": "application/vnd.ms-excel.sheet.binary.macroEnabled.main",
    "xl/styles.bin": "application/vnd.ms-excel.styles",
    "xl/sharedStrings.bin": "application/vnd.ms-excel.sharedStrings",
}
SHEET = "application/vnd.ms-excel.worksheet"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def write_xlsb(
    path: Path,
    sheets: Mapping[str, Sequence[Sequence[object]]],
    hidden: Sequence[str] = (),
    first_row: int = 1,
    merged: Mapping[str, Sequence[str]] | None = None,
) -> Path:
    """`sheets` maps each sheet's name to its rows, the first at Excel row `first_row`; `merged` maps
    a sheet's name to its merged ranges ('C6:D6'), whose cells other than the top left are empty."""
    strings: dict[str, int] = {}
    parts = {
        f"xl/worksheets/sheet{number}.bin": _worksheet(rows, first_row, (merged or {}).get(name, ()), strings)
        for number, (name, rows) in enumerate(sheets.items(), start=1)
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _content_types(len(sheets)))
        archive.writestr("_rels/.rels", _relationships([(f"{OFFICE_REL}/officeDocument", "xl/workbook.bin")]))
        archive.writestr("xl/workbook.bin", _workbook([(name, name in hidden) for name in sheets]))
        archive.writestr("xl/_rels/workbook.bin.rels", _workbook_relationships(len(sheets)))
        archive.writestr("xl/styles.bin", _styles())
        archive.writestr("xl/sharedStrings.bin", _shared_strings(strings))
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _record(kind: int, body: bytes = b"") -> bytes:
    """A record: its type and its size, each in 7-bit groups with a high 'more follows' bit."""
    return _seven_bit(kind) + _seven_bit(len(body)) + body


def _seven_bit(number: int) -> bytes:
    groups = bytearray()
    while True:
        groups.append(number & 0x7F | (0x80 if number > 0x7F else 0))
        number >>= 7
        if not number:
            return bytes(groups)


def _wide(text: str) -> bytes:
    """XLWideString: its length in UTF-16 code units, then UTF-16LE."""
    encoded = text.encode("utf-16-le")
    return struct.pack("<I", len(encoded) // 2) + encoded


def _workbook(sheets: list[tuple[str, bool]]) -> bytes:
    bundle = b"".join(
        # hsState (0 visible, 1 hidden), iTabID, the relationship id of its part, its name
        _record(BUNDLE_SH, struct.pack("<II", int(hidden), number) + _wide(f"rId{number}") + _wide(name))
        for number, (name, hidden) in enumerate(sheets, start=1)
    )
    return b"".join(
        [
            _record(BEGIN_BOOK),
            _record(BEGIN_BUNDLE_SHS),
            bundle,
            _record(END_BUNDLE_SHS),
            _record(END_BOOK),
        ]
    )


def _styles() -> bytes:
    def cell_format(number_format: int) -> bytes:
        # ixfeParent, iFmt, iFont, iFill, ixBorder, rotation, indent, alignment flags, xfGrbitAtr, unused
        return _record(XF, struct.pack("<HHHHHBBHBB", 0, number_format, 0, 0, 0, 0, 0, 0x1010, 0, 0))

    return b"".join(
        [
            _record(BEGIN_STYLE_SHEET),
            _record(BEGIN_FMTS, struct.pack("<I", 1)),
            _record(FMT, struct.pack("<H", DATE_FORMAT_ID) + _wide("dd/mm/yyyy")),
            _record(END_FMTS),
            _record(BEGIN_CELL_XFS, struct.pack("<I", 2)),
            cell_format(0),
            cell_format(DATE_FORMAT_ID),
            _record(END_CELL_XFS),
            _record(END_STYLE_SHEET),
        ]
    )


def _shared_strings(strings: dict[str, int]) -> bytes:
    items = b"".join(_record(SST_ITEM, b"\0" + _wide(text)) for text in strings)  # \0: no rich text
    count = struct.pack("<II", len(strings), len(strings))
    return _record(BEGIN_SST, count) + items + _record(END_SST)


def _worksheet(
    rows: Sequence[Sequence[object]], first_row: int, merged: Iterable[str], strings: dict[str, int]
) -> bytes:
    first = first_row - 1
    last_row = first + max(len(rows) - 1, 0)
    last_column = max((len(row) for row in rows), default=1) - 1
    body = [
        _record(BEGIN_SHEET),
        _record(WS_DIM, struct.pack("<IIII", first, last_row, 0, last_column)),
        _record(BEGIN_SHEET_DATA),
    ]
    for index, row in enumerate(rows, start=first):
        # row, cell format, height in twentieths of a point, flags, then one span of columns
        body.append(
            _record(ROW_HDR, struct.pack("<IIHBBBIII", index, 0, 300, 0, 0, 0, 1, 0, max(len(row) - 1, 0)))
        )
        body += [_cell(column, value, strings) for column, value in enumerate(row) if value is not None]
    body.append(_record(END_SHEET_DATA))
    ranges = [range_boundaries(cells) for cells in merged]
    if ranges:
        body.append(_record(BEGIN_MERGE_CELLS, struct.pack("<I", len(ranges))))
        body += [
            _record(MERGE_CELL, struct.pack("<IIII", top - 1, bottom - 1, left - 1, right - 1))
            for left, top, right, bottom in ranges
        ]
        body.append(_record(END_MERGE_CELLS))
    body.append(_record(END_SHEET))
    return b"".join(body)


def _cell(column: int, value: object, strings: dict[str, int]) -> bytes:
    def head(style: int = 0) -> bytes:
        return struct.pack("<II", column, style)  # the column, then the cell format (24 bits) and flags

    if isinstance(value, bool):
        return _record(CELL_BOOL, head() + struct.pack("<B", value))
    if isinstance(value, int | float):
        return _record(CELL_REAL, head() + struct.pack("<d", value))
    if isinstance(value, date):
        moment = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
        serial = (moment - EXCEL_EPOCH).total_seconds() / 86400
        return _record(CELL_REAL, head(DATE_STYLE) + struct.pack("<d", serial))
    index = strings.setdefault(str(value), len(strings))
    return _record(CELL_ISST, head() + struct.pack("<I", index))


def _content_types(sheet_count: int) -> str:
    parts = CONTENT_TYPES | {f"xl/worksheets/sheet{n}.bin": SHEET for n in range(1, sheet_count + 1)}
    overrides = "".join(
        f'<Override PartName="/{part}" ContentType="{kind}"/>' for part, kind in parts.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f"{overrides}</Types>"
    )


def _workbook_relationships(sheet_count: int) -> str:
    sheets = [(f"{OFFICE_REL}/worksheet", f"worksheets/sheet{n}.bin") for n in range(1, sheet_count + 1)]
    return _relationships(
        [
            *sheets,
            (f"{OFFICE_REL}/styles", "styles.bin"),
            (f"{OFFICE_REL}/sharedStrings", "sharedStrings.bin"),
        ]
    )


def _relationships(targets: list[tuple[str, str]]) -> str:
    """rId1, rId2, ... in order: a workbook's sheets come first, so sheet n is rId<n>."""
    items = "".join(
        f'<Relationship Id="rId{number}" Type="{kind}" Target="{target}"/>'
        for number, (kind, target) in enumerate(targets, start=1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Relationships xmlns="{PACKAGE_REL}">{items}</Relationships>'
    )
