"""Dates as they arrive in personnel lists (births, leavings), and the snapshot date of a list."""

import re
from datetime import date, timedelta

from pipelines.reading.text import fold

_EXCEL_EPOCH = date(1899, 12, 30)
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_NUMBER = re.compile(r"^\d+(?:\.0+)?$")
# Matched on folded text, where '/', '-' and '.' have become spaces.
_TITLE_DATE = re.compile(r"tinh den(?: ngay)? (\d{1,2}) (?:thang )?(\d{1,2}) (?:nam )?(\d{4})")
# "7/2019", "07-2019", "tháng 7/2019", "tháng 7 năm 2019": a leaving is often dated by its month.
_MONTH_YEAR = re.compile(r"^(?:thang )?(\d{1,2}) (?:nam )?(\d{4})$")
_FILENAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
# Serial numbers of Excel dates between 1900 and 2100; smaller whole numbers are years.
_SERIALS = range(366, 73051)
_YEARS = range(1900, 2101)


class NotADate(ValueError):
    """The cell holds something that is not a date."""


def parse_date(text: str) -> tuple[date, bool]:
    """A date from a cell's text, and whether only its year was written.

    Accepts ISO dates (how the reader renders real Excel dates), d/m/yyyy with '/', '-' or '.',
    Excel serial numbers typed as plain numbers, and a bare year (taken as 1 January).
    """
    text = text.strip()
    if match := _ISO.match(text):
        return _checked_date(text, int(match[1]), int(match[2]), int(match[3])), False
    if match := _DAY_MONTH_YEAR.match(text):
        return _checked_date(text, int(match[3]), int(match[2]), int(match[1])), False
    if _NUMBER.match(text):
        number = int(float(text))
        if number in _YEARS:
            return date(number, 1, 1), True
        if number in _SERIALS:
            return _EXCEL_EPOCH + timedelta(days=number), False
    raise NotADate(text)


def parse_month_or_date(text: str) -> date:
    """A date as `parse_date` reads it, or the first day of a month written as "7/2019"."""
    try:
        return parse_date(text)[0]
    except NotADate:
        if match := _MONTH_YEAR.match(fold(text)):
            return _checked_date(text, int(match[2]), int(match[1]), 1)
        raise


def _checked_date(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as error:
        raise NotADate(text) from error


def date_in_title(line: str) -> date | None:
    """The date of 'Tính đến ngày 30/11/2021' or '(Tính đến ngày 30 tháng 11 năm 2021)'."""
    match = _TITLE_DATE.search(fold(line))
    return _a_date(match[3], match[2], match[1]) if match else None


def date_in_filename(name: str) -> date | None:
    """The ISO date in a file name such as 'DS_thon_2021-11-30.xlsx'."""
    match = _FILENAME_DATE.search(name)
    return _a_date(match[1], match[2], match[3]) if match else None


def _a_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None
