"""The page's charts, drawn with matplotlib into SVG for inlining: text stays text (the browser draws
it, a reader can select and search it), and each bar, line and value label carries an id that says
what it shows ("actual_cut-village-BX-TK"), so the page can be checked against the warehouse.

Figures are made with matplotlib.figure.Figure, not pyplot: no global state, no GUI backend.
"""

import io
import textwrap
from collections.abc import Callable
from functools import wraps

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from pipelines.reports import labels

STYLE = {
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",  # shipped with matplotlib; has every Vietnamese letter
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titleweight": "bold",
}
REQUIRED, ACTUAL, WITHIN, OVER = "#9ecae1", "#08519c", "#bdbdbd", "#cb181d"
LEVELS = (("commune", "Cấp xã"), ("village", "Thôn, tổ dân phố"))
CUTS = (("required_cut", REQUIRED, "Phải giảm để đạt định mức"), ("actual_cut", ACTUAL, "Đã giảm"))
# A province has thousands of communes and villages: the charts show those furthest from their quota.
COMMUNES_SHOWN = 40
VILLAGES_SHOWN = 40


def chart(name: str) -> Callable:
    """Draw in the house style; return the figure as an SVG element, ids salted with the chart's name so
    that several charts inlined in one page do not share ids."""

    def decorate(draw: Callable[..., Figure | None]) -> Callable[..., str | None]:
        @wraps(draw)
        def svg(*args) -> str | None:
            with matplotlib.rc_context(STYLE | {"svg.hashsalt": name, "svg.id": name}):
                figure = draw(*args)
                if figure is None:
                    return None
                buffer = io.StringIO()
                figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
            text = buffer.getvalue()
            return text[text.index("<svg") :]

        return svg

    return decorate


@chart("commune-cuts")
def commune_cuts(progress: pd.DataFrame) -> Figure | None:
    """Each commune's required and actual cut of non-specialized workers, commune-level posts beside
    village-level posts; beyond COMMUNES_SHOWN communes, those with the most still to cut."""
    communes = progress.drop_duplicates("commune_code")
    if communes.empty:
        return None
    all_communes = len(communes)
    if all_communes > COMMUNES_SHOWN:
        still_to_cut = (progress["required_cut"].fillna(0) - progress["actual_cut"].fillna(0)).clip(lower=0)
        behind = (
            still_to_cut.groupby(progress["commune_code"]).sum().sort_values(ascending=False, kind="stable")
        )
        communes = communes.set_index("commune_code").loc[behind.index[:COMMUNES_SHOWN]].reset_index()
    shown = (
        ""
        if all_communes == len(communes)
        else f" ({len(communes)} xã còn phải giảm nhiều nhất trong {all_communes})"
    )
    figure = Figure(figsize=(11, 0.42 * len(communes) + 1.6), layout="constrained")
    axes = figure.subplots(1, 2, sharey=True)
    rows = np.arange(len(communes))
    for ax, (level, title) in zip(axes, LEVELS, strict=True):
        values = (
            progress[progress["level"] == level].set_index("commune_code").reindex(communes["commune_code"])
        )
        for offset, (column, colour, legend) in zip((-0.2, 0.2), CUTS, strict=True):
            bars = ax.barh(rows + offset, values[column].fillna(0), height=0.4, color=colour, label=legend)
            for bar, code in zip(bars, communes["commune_code"], strict=True):
                bar.set_gid(f"{column}-{level}-{code}")
            _label(
                ax.bar_label(bars, [labels.number(v) for v in values[column]], padding=2, fontsize=8),
                [f"label-{column}-{level}-{code}" for code in communes["commune_code"]],
            )
        ax.set_title(title)
        ax.set_xlabel("Số người" + shown)
        _count_axis(ax)
    axes[0].set_yticks(rows, communes["commune"])
    axes[0].invert_yaxis()
    figure.legend(*axes[0].get_legend_handles_labels(), loc="outside upper center", ncols=2, fontsize=9)
    return figure


@chart("villages-over-quota")
def villages_over_quota(villages: pd.DataFrame) -> Figure | None:
    """The villages with more non-specialized workers than their quota: the quota, then the excess."""
    over = villages[villages["excess"] > 0].sort_values(
        ["excess", "commune", "village"], ascending=[False, True, True]
    )
    if over.empty:
        return None
    all_over, over = len(over), over.head(VILLAGES_SHOWN)
    figure = Figure(figsize=(8, 0.45 * len(over) + 1.3), layout="constrained")
    ax = figure.subplots()
    rows = np.arange(len(over))
    codes = over["village_code"]
    within = ax.barh(rows, over["quota"], color=WITHIN, label="Định mức")
    excess = ax.barh(rows, over["excess"], left=over["quota"], color=OVER, label="Vượt định mức")
    for bars, kind in ((within, "quota"), (excess, "excess")):
        for bar, code in zip(bars, codes, strict=True):
            bar.set_gid(f"{kind}-{code}")
    counts = [
        f"{labels.number(n)} người / định mức {labels.number(q)}"
        for n, q in zip(over["current_count"], over["quota"], strict=True)
    ]
    _label(ax.bar_label(excess, counts, padding=3, fontsize=8), [f"label-{code}" for code in codes])
    ax.set_yticks(rows, [f"{v} ({c})" for v, c in zip(over["village"], over["commune"], strict=True)])
    ax.invert_yaxis()
    shown = "" if all_over == len(over) else f" ({len(over)} thôn vượt nhiều nhất trong {all_over})"
    ax.set_xlabel("Người hoạt động không chuyên trách ở ngày báo cáo" + shown)
    ax.set_xlim(0, (over["quota"] + over["excess"]).max() * 1.6)
    _count_axis(ax)
    figure.legend(loc="outside upper center", ncols=2, fontsize=9)
    return figure


@chart("sector-cuts")
def sector_cuts(snapshots: pd.DataFrame) -> Figure | None:
    """Staff of each sector at each snapshot with its lists, and the cut since the sector's baseline."""
    if snapshots.empty:
        return None
    sectors = snapshots.drop_duplicates("sector")
    position = {sector: index for index, sector in enumerate(sectors["sector"])}
    days = sorted(snapshots["snapshot_date"].unique())
    figure = Figure(figsize=(10, 0.9 * len(sectors) + 1.4), layout="constrained")
    ax = figure.subplots()
    height = 0.8 / len(days)
    colours = matplotlib.colormaps["Blues"](np.linspace(0.35, 0.9, len(days)))
    for index, (day, colour) in enumerate(zip(days, colours, strict=True)):
        rows = snapshots[snapshots["snapshot_date"] == day]
        offset = (index - (len(days) - 1) / 2) * height
        bars = ax.barh(
            rows["sector"].map(position) + offset,
            rows["staff"],
            height=height,
            color=colour,
            label=labels.day(day),
        )
        gids = [f"{sector}-{day:%Y-%m-%d}" for sector in rows["sector"]]
        for bar, gid in zip(bars, gids, strict=True):
            bar.set_gid(f"staff-{gid}")
        shown = [
            labels.number(staff) + (f" (giảm {labels.number(cut)})" if cut else "")
            for staff, cut in zip(rows["staff"], rows["cut_since_baseline"], strict=True)
        ]
        _label(ax.bar_label(bars, shown, padding=3, fontsize=8), [f"label-{gid}" for gid in gids])
    ax.set_yticks(np.arange(len(sectors)), [textwrap.fill(label, 30) for label in sectors["label_vi"]])
    ax.invert_yaxis()
    ax.set_xlabel("Số người")
    ax.set_xlim(0, snapshots["staff"].max() * 1.3)
    _count_axis(ax)
    figure.legend(title="Ngày chốt", loc="outside upper center", ncols=len(days), fontsize=9)
    return figure


def _count_axis(ax) -> None:
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: labels.number(value)))


def _label(texts: list, gids: list[str]) -> None:
    for text, gid in zip(texts, gids, strict=True):
        text.set_gid(gid)
