"""Workbooks in every format the reader takes, each written by a writer of that format: openpyxl for
.xlsx, xlwt for Excel 97-2003 .xls, odfpy for OpenDocument .ods, tests/xlsb.py for .xlsb.

Every writer takes the same arguments as conftest.write_workbook: the sheets' rows, the hidden sheets,
the Excel row of each sheet's first row, and each sheet's merged ranges ('C6:D6'), whose cells other
than the top left are left empty, as in a workbook saved by Excel.
"""

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

import xlwt
from conftest import Row, write_workbook
from odf import number, style, table, text
from odf.opendocument import OpenDocumentSpreadsheet
from openpyxl.utils.cell import range_boundaries
from xlsb import write_xlsb

from pipelines.reading.files import ParsedFile

Merged = Mapping[str, Sequence[str]]
XLS_PLAIN, XLS_DATED = xlwt.XFStyle(), xlwt.easyxf(num_format_str="dd/mm/yyyy")


def write_xls(
    path: Path,
    sheets: dict[str, list[Row]],
    hidden: Sequence[str] = (),
    first_row: int = 1,
    merged: Merged | None = None,
) -> Path:
    workbook = xlwt.Workbook()
    for name, rows in sheets.items():
        sheet = workbook.add_sheet(name)
        sheet.visibility = int(name in hidden)
        cells = _cells(rows, first_row)
        for top, left, bottom, right in map(_bounds, (merged or {}).get(name, ())):
            value = cells.pop((top, left), "")
            sheet.write_merge(top, bottom, left, right, value, _xls_style(value))
        for (row, column), value in cells.items():
            sheet.write(row, column, value, _xls_style(value))
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(str(path))
    return path


def _xls_style(value: object) -> xlwt.XFStyle:
    return XLS_DATED if isinstance(value, date) else XLS_PLAIN


def write_ods(
    path: Path,
    sheets: dict[str, list[Row]],
    hidden: Sequence[str] = (),
    first_row: int = 1,
    merged: Merged | None = None,
) -> Path:
    document = OpenDocumentSpreadsheet()
    dated, hidden_sheet = _ods_styles(document)
    for name, rows in sheets.items():
        sheet = table.Table(name=name, stylename=hidden_sheet if name in hidden else None)
        if first_row > 1:
            sheet.addElement(table.TableRow(numberrowsrepeated=first_row - 1))
        spans = _spans((merged or {}).get(name, ()))
        for row_number, values in enumerate(rows, start=first_row - 1):
            row = table.TableRow()
            for column, value in enumerate(values):
                row.addElement(_ods_cell(value, dated, spans.get((row_number, column), (1, 1))))
            sheet.addElement(row)
        document.spreadsheet.addElement(sheet)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def _ods_styles(document: OpenDocumentSpreadsheet) -> tuple[style.Style, style.Style]:
    """The style of a date cell (dd/mm/yyyy) and that of a hidden sheet."""
    day_month_year = number.DateStyle(name="day-month-year")
    for part in (number.Day(style="long"), "/", number.Month(style="long"), "/", number.Year(style="long")):
        day_month_year.addElement(number.Text(text=part) if isinstance(part, str) else part)
    dated = style.Style(name="dated", family="table-cell", datastylename=day_month_year)
    hidden_sheet = style.Style(name="hidden", family="table")
    hidden_sheet.addElement(style.TableProperties(display=False))
    for element in (day_month_year, dated, hidden_sheet):
        document.automaticstyles.addElement(element)
    return dated, hidden_sheet


def _spans(ranges: Sequence[str]) -> dict[tuple[int, int], tuple[int, int] | None]:
    """(rows, columns) spanned by the top left cell of each merged range; None for its other cells."""
    spans: dict[tuple[int, int], tuple[int, int] | None] = {}
    for top, left, bottom, right in map(_bounds, ranges):
        spans |= {(row, column): None for row in range(top, bottom + 1) for column in range(left, right + 1)}
        spans[top, left] = (bottom - top + 1, right - left + 1)
    return spans


def _ods_cell(value: object, dated: style.Style, span: tuple[int, int] | None) -> table.TableCell:
    if span is None:
        return table.CoveredTableCell()
    rows, columns = span
    spanned = {"numberrowsspanned": rows, "numbercolumnsspanned": columns} if span != (1, 1) else {}
    if value is None:
        return table.TableCell(**spanned)
    if isinstance(value, bool):
        cell = table.TableCell(valuetype="boolean", booleanvalue=str(value).lower(), **spanned)
    elif isinstance(value, int | float):
        cell = table.TableCell(valuetype="float", value=value, **spanned)
    elif isinstance(value, date):
        # a whole day is written without a time, as LibreOffice writes it
        whole_day = not isinstance(value, datetime) or value == datetime(value.year, value.month, value.day)
        moment = value.strftime("%Y-%m-%d") if whole_day else value.isoformat()
        cell = table.TableCell(valuetype="date", datevalue=moment, stylename=dated, **spanned)
        value = value.strftime("%d/%m/%Y")
    else:
        cell = table.TableCell(valuetype="string", **spanned)
    cell.addElement(text.P(text=str(value)))
    return cell


def _cells(rows: list[Row], first_row: int) -> dict[tuple[int, int], object]:
    """The written cells by (row, column), both from 0 as xlwt and odfpy count them."""
    return {
        (row_number, column): value
        for row_number, values in enumerate(rows, start=first_row - 1)
        for column, value in enumerate(values)
        if value is not None
    }


def _bounds(cells: str) -> tuple[int, int, int, int]:
    """'C6:D7' as (top, left, bottom, right), from 0."""
    left, top, right, bottom = range_boundaries(cells)
    return top - 1, left - 1, bottom - 1, right - 1


def everything_read(parsed: ParsedFile):
    """Each list's title facts with every row's number, cells, values and reasons; the sheets skipped."""
    lists = [
        (
            (plist.sheet, plist.title, plist.issuer, plist.snapshot_date, plist.layout.declared_total),
            [(row.excel_row, row.cells, row.values, row.problems) for row in plist.rows],
        )
        for plist in parsed.lists
    ]
    return lists, parsed.sheets_without_list, parsed.rejection


WRITERS = {".xlsx": write_workbook, ".xls": write_xls, ".ods": write_ods, ".xlsb": write_xlsb}
