"""How values read in Vietnamese: numbers (1.194; 66,7), dates (30/11/2021), end dates (đến hết ngày
31/07/2019), targets (≥ 100) and the marks of the scorecard's statuses. The words for the warehouse's
codes (unit levels, staff types, sectors, periods) are not here: they come from the warehouse itself
(contents.WORDS)."""

import json
from datetime import date, timedelta

import pandas as pd

YES_NO = {True: "Có", False: "Không"}
MET = {True: "đạt", False: "không đạt"}  # a target_met flag as the scorecard's statuses say it
# The scorecard's target_status, as the SQL words it, and the mark each gets (a CSS class, a cell style).
STATUS_MARKS = {"đạt": "met", "không đạt": "missed", "chưa đến hạn": "pending", "không có mục tiêu": "none"}
COMPARISONS = {">=": "≥", "<=": "≤"}
# The two checks of every table (quality.CHECK_NAMES), as the page explains them.
CHECKS = {
    "structure": "cấu trúc: không đạt thì không công bố",
    "quality": "chất lượng: cần xem lại, không chặn",
}

# What a scorecard metric means, where a figure alone misleads: the pooled rate reaches 100 % while
# villages are still over their quota.
DEFINITIONS = {
    "r22_achieved_pct": (
        "Tỷ lệ đạt Nghị quyết 22 là số người hoạt động không chuyên trách đã giảm so với số phải giảm để "
        "về định mức, cộng gộp trong từng xã: trong một xã, thôn, tổ dân phố có ít người hơn định mức bù "
        "cho thôn, tổ dân phố vượt định mức. Vì vậy tỷ lệ có thể đạt 100 % khi vẫn còn thôn vượt định mức."
    ),
    "villages_within_limit_pct": (
        "Tỷ lệ thôn, tổ dân phố không vượt định mức xét riêng từng thôn, tổ dân phố và đếm số người, không "
        "đếm số chức danh (một người kiêm nhiệm hai chức danh tính là một người): thôn nào có nhiều người "
        "hơn định mức là thôn vượt (tô đỏ), dù tỷ lệ đạt của cả xã là 100 %."
    ),
}


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


def until(valid_to: date | None) -> str:
    """An exclusive end date (the first day no longer in force) as the last day in force."""
    return "" if missing(valid_to) else f"đến hết ngày {day(valid_to - timedelta(days=1))}"


def target(value: object, comparison: str | None) -> str:
    """A target with the direction it is met in: "≥ 100", "≤ 0"."""
    if missing(value):
        return ""
    sign = COMPARISONS.get(comparison or "", "")
    return f"{sign} {number(value)}".strip()


def mark(status: str | None) -> str:
    """The mark of a scorecard status: met, missed, pending or none."""
    return STATUS_MARKS.get(status or "", "none")


def defined(scorecard: pd.DataFrame) -> list[tuple[str, str]]:
    """(label, definition) of each metric of the scorecard that DEFINITIONS explains, labelled as the
    scorecard labels it."""
    named = dict(zip(scorecard["metric"], scorecard["label_vi"], strict=True))
    return [(named[metric], text) for metric, text in DEFINITIONS.items() if metric in named]


def met(flag: object) -> str:
    return "" if missing(flag) else MET[bool(flag)]


def cells(value: str | None) -> str:
    """A row's original cells (JSON by column header) as a clerk reads them."""
    if missing(value):
        return ""
    return "; ".join(
        f"{header}: {cell}" for header, cell in json.loads(value).items() if cell not in (None, "")
    )
