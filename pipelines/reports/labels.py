"""How values read in Vietnamese: unit levels, yes/no, numbers (1.194; 66,7) and dates (30/11/2021)."""

import json
from datetime import date

import pandas as pd

LEVELS = {
    "district": "Huyện",
    "commune": "Cấp xã",
    "village": "Thôn, tổ dân phố",
    "district_agency": "Cơ quan cấp huyện",
    "school": "Trường học",
}
YES_NO = {True: "Có", False: "Không"}


def missing(value: object) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and pd.isna(value))


def number(value: object) -> str:
    if missing(value):
        return ""
    value = float(value)
    text = f"{value:,.0f}" if value.is_integer() else f"{value:,.1f}"
    return text.translate(str.maketrans(",.", ".,"))


def day(value: date | None) -> str:
    return "" if missing(value) else f"{value:%d/%m/%Y}"


def cells(value: str | None) -> str:
    """A quarantined row's original cells (JSON by column header) as a clerk reads them."""
    if missing(value):
        return ""
    return "; ".join(
        f"{header}: {cell}" for header, cell in json.loads(value).items() if cell not in (None, "")
    )
